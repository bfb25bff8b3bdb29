import assert from 'node:assert/strict';
import type { ParsedMail } from 'mailparser';
import type { TestApp } from '../../../test/helpers/app.ts';
import type { TestClient } from '../../../test/helpers/client.ts';
import { linkIn, recipients } from '../../../test/helpers/smtp.ts';

// Shared steps for the accounts tests (not a test file itself).

export const GOOD_PASSWORD = 'plum tractor seventy lanterns';

let seq = 0;
/** A fresh address per call, so tests in one file never collide (or share a rate-limit bucket). */
export function uniqueEmail(label = 'user'): string {
  seq += 1;
  return `${label}-${process.pid}-${seq}@example.org`;
}

/** The newest email to an address whose subject matches. */
export function mailTo(t: TestApp, email: string, subject: RegExp): Promise<ParsedMail> {
  return t.smtp.waitFor((m) => recipients(m).includes(email.toLowerCase()) && subject.test(m.subject ?? ''));
}

/** How many emails an address has received so far. */
export const mailCount = (t: TestApp, email: string): number => t.smtp.messages.filter((m) => recipients(m).includes(email.toLowerCase())).length;

/** Waits long enough for a dispatched email to have arrived, then asserts none did. */
export async function assertNoMailTo(t: TestApp, email: string, before = 0): Promise<void> {
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(mailCount(t, email), before, `expected no new email to ${email}`);
}

/** The site path (with query) of the link in an email: tests drive the app in-process. */
export function linkPath(mail: ParsedMail, prefix: string): string {
  const url = new URL(linkIn(mail, prefix));
  return url.pathname + url.search;
}

/** The token of a link in an email. */
export const tokenOf = (path: string): string => new URL(path, 'http://x').searchParams.get('token') ?? '';

/** Fills in and submits the registration form. */
export function register(client: TestClient, fields: Partial<Record<'name' | 'email' | 'password' | 'confirm' | 'locale', string>>) {
  return client.submit('/register', { name: 'Ana Reyes', password: GOOD_PASSWORD, confirm: fields.password ?? GOOD_PASSWORD, locale: 'en', ...fields });
}

/** Signs in through the form. */
export function signInForm(client: TestClient, email: string, password: string, next?: string) {
  return client.submit('/login', { email, password, ...(next && { next }) });
}

/** Session rows a person has. */
export async function sessionCount(t: TestApp, personId: number): Promise<number> {
  const rows = await t.db.selectFrom('sessions').select('id').where('person_id', '=', personId).execute();
  return rows.length;
}

/** The audit actions recorded about a person, oldest first. */
export async function auditActions(t: TestApp, personId: number): Promise<string[]> {
  const rows = await t.db.selectFrom('audit_events').select('action').where('subject_type', '=', 'person').where('subject_id', '=', personId).orderBy('id').execute();
  return rows.map((r) => r.action);
}
