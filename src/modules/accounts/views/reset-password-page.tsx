import { Form, SubmitButton, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../../platform/auth/passwords.ts';
import { NarrowColumn, TokenField } from './narrow-column.tsx';

/** Two password fields, shared by the reset, invitation and account pages. */
export function NewPasswordFields({ ctx, state }: { ctx: ViewContext; state: FormState }) {
  const { t } = ctx;
  return (
    <>
      <TextField
        ctx={ctx}
        state={state}
        name="password"
        type="password"
        label={t('accounts:fields.newPassword')}
        hint={t('accounts:fields.passwordHint', { min: MIN_PASSWORD_LENGTH })}
        autocomplete="new-password"
        maxLength={MAX_PASSWORD_LENGTH}
        required
      />
      <TextField ctx={ctx} state={state} name="confirm" type="password" label={t('accounts:fields.confirm')} autocomplete="new-password" maxLength={MAX_PASSWORD_LENGTH} required />
    </>
  );
}

/** /reset-password: choose a new password; the link's token rides along in a hidden field. */
export function ResetPasswordPage({ ctx, token, state }: { ctx: ViewContext; token: string; state: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts:resetPassword.title')}>
      <NarrowColumn>
        <h1>{t('accounts:resetPassword.title')}</h1>
        <p class="usa-intro">{t('accounts:resetPassword.intro')}</p>
        <Form ctx={ctx} action="/reset-password" state={state}>
          <TokenField token={token} />
          <NewPasswordFields ctx={ctx} state={state} />
          <SubmitButton>{t('accounts:resetPassword.submit')}</SubmitButton>
        </Form>
      </NarrowColumn>
    </Layout>
  );
}
