import type { Kysely } from 'kysely';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { Database, Person } from '../../db/schema.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';
import type { Mailer, MailMessage } from '../../platform/mail/mailer.ts';
import { actorFromRequest, type Actor } from '../audit/audit.service.ts';
import { runAfterReply } from './account-work.ts';

/** What the account services need from the app, gathered once per request by the routes. */
export interface AccountDeps {
  db: Kysely<Database>;
  mailer: Mailer;
  config: Config;
  log: Pick<FastifyBaseLogger, 'error'>;
  /** The language of the request: the fallback for people who have not chosen one. */
  locale: Locale;
  actor: Actor;
}

/** The account services' dependencies for one request. */
export function accountDeps(request: FastifyRequest): AccountDeps {
  const { database, mailer, config } = request.server.deps;
  return { db: database.db, mailer, config, log: request.log, locale: request.locale, actor: actorFromRequest(request) };
}

/**
 * Sends an account email after the reply, without making the request wait for SMTP: a mail outage
 * cannot turn into a different answer. Failures are logged (see runAfterReply).
 */
export function dispatchEmail(deps: Pick<AccountDeps, 'mailer' | 'log'>, message: MailMessage): void {
  runAfterReply(deps.log, `email: ${message.subject}`, () => deps.mailer.send(message));
}

/** The audit actor for something a person does to their own account, signed in or not yet. */
export function selfActor(actor: Actor, person: Pick<Person, 'id' | 'name' | 'email'>): Actor {
  return { personId: person.id, label: `${person.name} <${person.email}>`, requestId: actor.requestId };
}
