import { Form, SubmitButton, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { NarrowColumn } from './narrow-column.tsx';

/** The forms that ask only for an address and email a link to it. */
export type EmailRequestKind = 'forgotPassword' | 'emailLink' | 'resendVerification';

export const EMAIL_REQUEST_ACTIONS: Record<EmailRequestKind, string> = {
  forgotPassword: '/forgot-password',
  emailLink: '/login/email-link',
  resendVerification: '/verify-email/resend',
};

/** Forgot password, sign in by email link, resend verification: one address, one button. */
export function EmailRequestPage({ ctx, kind, state }: { ctx: ViewContext; kind: EmailRequestKind; state: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t(`accounts:${kind}.title`)}>
      <NarrowColumn>
        <h1>{t(`accounts:${kind}.title`)}</h1>
        <p class="usa-intro">{t(`accounts:${kind}.intro`)}</p>
        <Form ctx={ctx} action={EMAIL_REQUEST_ACTIONS[kind]} state={state}>
          <TextField ctx={ctx} state={state} name="email" type="email" label={t('accounts:fields.email')} autocomplete="email" maxLength={254} required />
          <SubmitButton>{t(`accounts:${kind}.submit`)}</SubmitButton>
        </Form>
        <p class="margin-top-4">
          <a class="usa-link" href="/login">{t('accounts:checkEmail.toSignIn')}</a>
        </p>
      </NarrowColumn>
    </Layout>
  );
}
