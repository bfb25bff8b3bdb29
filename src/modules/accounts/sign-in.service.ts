import type { Person } from '../../db/schema.ts';
import { nowIso } from '../../db/dialect.ts';
import { burnPasswordCheck, verifyPassword } from '../../platform/auth/passwords.ts';
import { getPersonByEmail, getPersonById, updateSignInFields } from '../people/people.service.ts';
import { dispatchEmail, type AccountDeps } from './account-deps.ts';
import { absoluteLink, composeAccountEmail, emailLocale } from './account-emails.ts';
import { consumeAccountToken, issueAccountToken } from './account-tokens.service.ts';
import { runAfterReply } from './account-work.ts';
import { markEmailVerified, resendVerification } from './registration.service.ts';

export type SignInResult = { outcome: 'signed_in'; person: Person } | { outcome: 'failed' } | { outcome: 'unverified' };

/**
 * Checks an email and password. Unknown address, no password yet, wrong password and a disabled
 * account all give the same `failed`, after the same amount of work. A right password on an
 * unverified address does not sign in: the verification email is sent again instead.
 */
export async function authenticate(deps: AccountDeps, email: string, password: string): Promise<SignInResult> {
  const person = await getPersonByEmail(deps.db, email);
  if (!person?.password_hash) {
    await burnPasswordCheck(password);
    return { outcome: 'failed' };
  }
  if (!(await verifyPassword(person.password_hash, password)) || person.disabled_at) return { outcome: 'failed' };
  if (!person.email_verified_at) {
    resendVerification(deps, person);
    return { outcome: 'unverified' };
  }
  return { outcome: 'signed_in', person };
}

/** Notes the time of a successful sign-in (shown to admins as "last signed in"). */
export async function recordSignIn(deps: Pick<AccountDeps, 'db'>, personId: number): Promise<void> {
  await updateSignInFields(deps.db, personId, { lastSignInAt: nowIso() });
}

/**
 * Emails a one-time sign-in link (15 minutes) if the address has an active account; silent
 * otherwise. Everything, even the lookup, happens after the reply, so the answer takes the same
 * time either way.
 */
export function requestSignInLink(deps: AccountDeps, email: string): void {
  runAfterReply(deps.log, 'sign-in link request', async () => {
    const person = await getPersonByEmail(deps.db, email);
    if (!person || person.disabled_at) return;
    const token = await issueAccountToken(deps.db, person.id, 'sign_in_link');
    const link = absoluteLink(deps.config, '/login/email-link/confirm', token);
    dispatchEmail(deps, composeAccountEmail('signInLink', emailLocale(person.locale, deps.locale), person.email, { name: person.name }, link));
  });
}

/**
 * Uses a sign-in link. The link proves the person reads that mailbox, so it also verifies the
 * address. Null when the link is unknown, expired or already used.
 */
export async function signInWithLink(deps: AccountDeps, token: string): Promise<Person | null> {
  return deps.db.transaction().execute(async (trx) => {
    const personId = await consumeAccountToken(trx, token, 'sign_in_link');
    const person = personId === null ? undefined : await getPersonById(trx, personId);
    if (!person || person.disabled_at) return null;
    return markEmailVerified({ ...deps, db: trx }, person);
  });
}
