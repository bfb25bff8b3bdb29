import { Form, SubmitButton, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { MAX_PASSWORD_LENGTH } from '../../../platform/auth/passwords.ts';
import { NarrowColumn } from './narrow-column.tsx';

/** /login: email and password, and the other ways in. */
export function SignInPage({ ctx, state, next }: { ctx: ViewContext; state: FormState; next?: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts:signIn.title')}>
      <NarrowColumn>
        <h1>{t('accounts:signIn.title')}</h1>
        <Form ctx={ctx} action="/login" state={state}>
          {next && <input type="hidden" name="next" value={next} />}
          <TextField ctx={ctx} state={state} name="email" type="email" label={t('accounts:fields.email')} autocomplete="username" maxLength={254} required />
          <TextField ctx={ctx} state={state} name="password" type="password" label={t('accounts:fields.password')} autocomplete="current-password" maxLength={MAX_PASSWORD_LENGTH} required />
          <SubmitButton>{t('accounts:signIn.submit')}</SubmitButton>
        </Form>
        <h2 class="margin-top-4">{t('accounts:signIn.otherWays')}</h2>
        <ul class="usa-list">
          <li><a class="usa-link" href="/forgot-password">{t('accounts:signIn.forgot')}</a></li>
          <li><a class="usa-link" href="/login/email-link">{t('accounts:signIn.emailLink')}</a></li>
          <li><a class="usa-link" href="/verify-email/resend">{t('accounts:signIn.resend')}</a></li>
          <li><a class="usa-link" href="/register">{t('accounts:signIn.noAccount')}</a></li>
        </ul>
      </NarrowColumn>
    </Layout>
  );
}
