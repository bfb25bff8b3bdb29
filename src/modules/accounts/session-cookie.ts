import type { FastifyReply, FastifyRequest } from 'fastify';
import { endSession, startSession } from '../../platform/auth/sessions.ts';
import { secureCookies } from '../../platform/http/cookies.ts';
import { SESSION_COOKIE } from '../../platform/http/request-context.plugin.ts';
import { accountDeps } from './account-deps.ts';
import { recordSignIn } from './sign-in.service.ts';

/**
 * Signs a person in on this browser: ends whatever session the browser carried (so a session id
 * planted before sign-in is worthless afterwards), starts a new one and sets its cookie.
 */
export async function establishSession(request: FastifyRequest, reply: FastifyReply, personId: number): Promise<void> {
  const { database, config } = request.server.deps;
  const previous = request.cookies[SESSION_COOKIE];
  if (previous) await endSession(database.db, previous);
  const token = await startSession(database.db, personId, { days: config.sessionDays, userAgent: request.headers['user-agent'] });
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, secure: secureCookies(config), sameSite: 'lax', path: '/', maxAge: config.sessionDays * 86_400 });
  await recordSignIn(accountDeps(request), personId);
}

/** Signs this browser out: ends its session row and removes the cookie. */
export async function clearSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = request.cookies[SESSION_COOKIE];
  if (token) await endSession(request.server.deps.database.db, token);
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, secure: secureCookies(request.server.deps.config), sameSite: 'lax' });
}
