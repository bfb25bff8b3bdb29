import type { Person } from '../../db/schema.ts';
import { nowIso } from '../../db/dialect.ts';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.ts';
import { endOtherSessions } from '../../platform/auth/sessions.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { getPersonByEmail, getPersonById, updateSignInFields } from '../people/people.service.ts';
import { dispatchEmail, selfActor, type AccountDeps } from './account-deps.ts';
import { absoluteLink, composeAccountEmail, emailLocale } from './account-emails.ts';
import { consumeAccountToken, issueAccountToken } from './account-tokens.service.ts';
import { runAfterReply } from './account-work.ts';

/**
 * Emails a password-reset link (1 hour) if the address has an active account; silent otherwise.
 * Everything, even the lookup, happens after the reply, so the answer takes the same time either way.
 */
export function requestPasswordReset(deps: AccountDeps, email: string): void {
  runAfterReply(deps.log, 'password reset request', async () => {
    const person = await getPersonByEmail(deps.db, email);
    if (!person || person.disabled_at) return;
    const token = await issueAccountToken(deps.db, person.id, 'reset_password');
    const link = absoluteLink(deps.config, '/reset-password', token);
    dispatchEmail(deps, composeAccountEmail('reset', emailLocale(person.locale, deps.locale), person.email, { name: person.name }, link));
  });
}

/**
 * Sets a new password through a reset link. The link proves the person owns the address, so it is
 * marked verified; every session of the person ends, since a reset usually means someone else may
 * know the old password. Null when the link is unknown, expired or used.
 */
export async function resetPasswordWithToken(deps: AccountDeps, token: string, password: string): Promise<Person | null> {
  const passwordHash = await hashPassword(password);
  const person = await deps.db.transaction().execute(async (trx) => {
    const personId = await consumeAccountToken(trx, token, 'reset_password');
    const found = personId === null ? undefined : await getPersonById(trx, personId);
    if (!found || found.disabled_at) return null;
    const verifiedNow = !found.email_verified_at;
    const updated = await updateSignInFields(trx, found.id, { passwordHash, ...(verifiedNow && { emailVerifiedAt: nowIso() }) });
    await endOtherSessions(trx, found.id);
    const actor = selfActor(deps.actor, found);
    await recordAudit(trx, actor, { action: 'person.password_reset', subjectType: 'person', subjectId: found.id, changes: { sessionsEnded: true } });
    if (verifiedNow) await recordAudit(trx, actor, { action: 'person.email_verified', subjectType: 'person', subjectId: found.id, changes: { email: found.email } });
    return updated ?? found;
  });
  if (person) sendPasswordChangedNotice(deps, person);
  return person;
}

export type ChangePasswordResult = { ok: true } | { ok: false; reason: 'wrong_current' };

/**
 * Changes a signed-in person's password after checking the current one (not asked of someone who
 * has none yet, for example after an invitation link). Other sessions end; `keepSessionToken`
 * keeps the one making the change.
 */
export async function changePassword(
  deps: AccountDeps,
  personId: number,
  input: { current?: string; password: string },
  keepSessionToken?: string,
): Promise<ChangePasswordResult> {
  const person = await getPersonById(deps.db, personId);
  if (!person) return { ok: false, reason: 'wrong_current' };
  if (person.password_hash && !(await verifyPassword(person.password_hash, input.current ?? ''))) return { ok: false, reason: 'wrong_current' };
  const passwordHash = await hashPassword(input.password);
  await deps.db.transaction().execute(async (trx) => {
    await updateSignInFields(trx, person.id, { passwordHash });
    await endOtherSessions(trx, person.id, keepSessionToken);
    await recordAudit(trx, deps.actor, {
      action: 'person.password_changed',
      subjectType: 'person',
      subjectId: person.id,
      changes: { firstPassword: !person.password_hash, otherSessionsEnded: true },
    });
  });
  sendPasswordChangedNotice(deps, person);
  return { ok: true };
}

/** Tells the owner their password changed, so a change they did not make does not go unnoticed. */
function sendPasswordChangedNotice(deps: AccountDeps, person: Person): void {
  const vars = { name: person.name, resetUrl: absoluteLink(deps.config, '/forgot-password') };
  dispatchEmail(deps, composeAccountEmail('passwordChanged', emailLocale(person.locale, deps.locale), person.email, vars));
}
