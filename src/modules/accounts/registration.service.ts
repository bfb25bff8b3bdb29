import type { Person } from '../../db/schema.ts';
import { nowIso } from '../../db/dialect.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { createPersonRecord, getPersonByEmail, getPersonById, updateSignInFields } from '../people/people.service.ts';
import { dispatchEmail, selfActor, type AccountDeps } from './account-deps.ts';
import { absoluteLink, composeAccountEmail, emailLocale } from './account-emails.ts';
import { consumeAccountToken, issueAccountToken } from './account-tokens.service.ts';
import type { RegisterInput } from './accounts.schemas.ts';
import { runAfterReply } from './account-work.ts';

/**
 * Registers a person and emails them a verification link. When the address already has an account
 * nothing is created: its owner gets a notice instead. All of it runs after the reply (the caller
 * shows the same neutral answer at once), so neither the answer nor its timing tells the visitor
 * whether the address has an account.
 */
export function registerAccount(deps: AccountDeps, input: RegisterInput): void {
  runAfterReply(deps.log, 'registration', () => completeRegistration(deps, input));
}

async function completeRegistration(deps: AccountDeps, input: RegisterInput): Promise<void> {
  const existing = await getPersonByEmail(deps.db, input.email);
  if (existing) return sendAlreadyRegisteredNotice(deps, existing);
  const passwordHash = await hashPassword(input.password);
  let created: { person: Person; token: string };
  try {
    created = await deps.db.transaction().execute(async (trx) => {
      const person = await createPersonRecord(trx, { email: input.email, name: input.name, locale: input.locale, passwordHash });
      await recordAudit(trx, selfActor(deps.actor, person), {
        action: 'person.registered',
        subjectType: 'person',
        subjectId: person.id,
        changes: { name: person.name, email: person.email, locale: person.locale },
      });
      return { person, token: await issueAccountToken(trx, person.id, 'verify_email') };
    });
  } catch (err) {
    // Two registrations for one address at once: the unique index lets one through; the other
    // sends the owner the notice any existing address gets.
    const winner = await getPersonByEmail(deps.db, input.email);
    if (winner) return sendAlreadyRegisteredNotice(deps, winner);
    throw err;
  }
  sendVerificationEmail(deps, created.person, created.token);
}

function sendAlreadyRegisteredNotice(deps: AccountDeps, person: Person): void {
  if (person.disabled_at) return;
  const locale = emailLocale(person.locale, deps.locale);
  const vars = { name: person.name, signInUrl: absoluteLink(deps.config, '/login'), resetUrl: absoluteLink(deps.config, '/forgot-password') };
  dispatchEmail(deps, composeAccountEmail('alreadyRegistered', locale, person.email, vars, vars.signInUrl));
}

function sendVerificationEmail(deps: AccountDeps, person: Person, token: string): void {
  const locale = emailLocale(person.locale, deps.locale);
  const link = absoluteLink(deps.config, '/verify-email', token);
  dispatchEmail(deps, composeAccountEmail('verify', locale, person.email, { name: person.name }, link));
}

/**
 * Issues a fresh verification link (earlier ones stop working) and emails it, after the reply, for
 * a person whose address is not yet verified. Does nothing otherwise, so callers can answer neutrally.
 */
export function resendVerification(deps: AccountDeps, person: Person | undefined): void {
  if (!person) return;
  runAfterReply(deps.log, 'verification resend', () => issueVerification(deps, person.id));
}

/**
 * Resends the verification link to an address, if it belongs to an unverified account. The lookup
 * too happens after the reply, so the answer takes the same time for any address.
 */
export function resendVerificationTo(deps: AccountDeps, email: string): void {
  runAfterReply(deps.log, 'verification resend', async () => {
    const person = await getPersonByEmail(deps.db, email);
    if (person) await issueVerification(deps, person.id);
  });
}

// Re-reads the person, since the work runs a moment after the request saw them.
async function issueVerification(deps: AccountDeps, personId: number): Promise<void> {
  const person = await getPersonById(deps.db, personId);
  if (!person || person.email_verified_at || person.disabled_at) return;
  sendVerificationEmail(deps, person, await issueAccountToken(deps.db, person.id, 'verify_email'));
}

/**
 * Uses a verification link: marks the address verified and returns the person to sign in, or
 * null when the link is unknown, expired or already used.
 */
export async function verifyEmailWithToken(deps: AccountDeps, token: string): Promise<Person | null> {
  return deps.db.transaction().execute(async (trx) => {
    const personId = await consumeAccountToken(trx, token, 'verify_email');
    const person = personId === null ? undefined : await getPersonById(trx, personId);
    if (!person || person.disabled_at) return null;
    return markEmailVerified({ ...deps, db: trx }, person);
  });
}

/**
 * Records that a person proved they own their address (by any emailed link), once. Call it inside
 * the transaction that used the link.
 */
export async function markEmailVerified(deps: Pick<AccountDeps, 'db' | 'actor'>, person: Person): Promise<Person> {
  if (person.email_verified_at) return person;
  const updated = (await updateSignInFields(deps.db, person.id, { emailVerifiedAt: nowIso() })) ?? person;
  await recordAudit(deps.db, selfActor(deps.actor, person), { action: 'person.email_verified', subjectType: 'person', subjectId: person.id, changes: { email: person.email } });
  return updated;
}
