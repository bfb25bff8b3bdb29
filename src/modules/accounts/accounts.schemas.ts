import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../platform/auth/passwords.ts';
import { LOCALES } from '../../platform/i18n/i18n.ts';
import { fields } from '../../platform/validation.ts';

// One schema per form. Each is also the JSON shape of the same input, so the OpenAPI document and
// the HTML form can never disagree about what is accepted.

export const MAX_NAME_LENGTH = 200;

const password = () =>
  z
    .string({ message: 'validation:required' })
    .min(MIN_PASSWORD_LENGTH, { message: 'accounts:validation.passwordTooShort' })
    .max(MAX_PASSWORD_LENGTH, { message: 'accounts:validation.passwordTooLong' });
const name = () => z.string().trim().min(1).max(MAX_NAME_LENGTH);
const token = () => z.string().min(1).max(200);
/** Where to go after signing in; checked again with safeLocalPath before any redirect. */
const next = () => z.string().max(2000).optional();

/** The confirmation must repeat the new password exactly. */
function confirmed<T extends { password: string; confirm: string }>(value: T, ctx: z.RefinementCtx) {
  if (value.password !== value.confirm) ctx.addIssue({ code: 'custom', path: ['confirm'], message: 'accounts:validation.passwordsDiffer' });
}

export const RegisterSchema = z
  .object({ name: name(), email: fields.email(), password: password(), confirm: z.string().max(MAX_PASSWORD_LENGTH), locale: z.enum(LOCALES) })
  .superRefine(confirmed);
export type RegisterInput = z.infer<typeof RegisterSchema>;

export const SignInSchema = z.object({
  email: fields.email(),
  // No minimum here: a sign-in form checks a password, it does not judge one.
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  next: next(),
});
export type SignInInput = z.infer<typeof SignInSchema>;

/** Forgot password, sign-in link, resend verification: just an address. */
export const EmailRequestSchema = z.object({ email: fields.email() });

export const TokenSchema = z.object({ token: token() });
export const TokenQuerySchema = z.object({ token: z.string().max(200).optional() });

export const ResetPasswordSchema = z
  .object({ token: token(), password: password(), confirm: z.string().max(MAX_PASSWORD_LENGTH) })
  .superRefine(confirmed);

export const AcceptInvitationSchema = z
  .object({ token: token(), name: name(), password: password(), confirm: z.string().max(MAX_PASSWORD_LENGTH) })
  .superRefine(confirmed);

export const ProfileSchema = z.object({ name: name(), locale: z.enum(LOCALES) });
export type ProfileInput = z.infer<typeof ProfileSchema>;

export const ChangePasswordSchema = z
  .object({
    // Optional so someone who signed up by invitation link or email link can set a first password.
    current: z.string().max(MAX_PASSWORD_LENGTH).optional(),
    password: password(),
    confirm: z.string().max(MAX_PASSWORD_LENGTH),
  })
  .superRefine(confirmed);
export type ChangePasswordInput = z.infer<typeof ChangePasswordSchema>;
