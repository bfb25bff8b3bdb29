import { Form, SubmitButton, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { MAX_NAME_LENGTH } from '../accounts.schemas.ts';
import type { InvitationView } from '../invitations.service.ts';
import { NarrowColumn, TokenField } from './narrow-column.tsx';
import { NewPasswordFields } from './reset-password-page.tsx';

/**
 * /invitation: what the person was invited to, then either "choose your name and password" or,
 * for someone who already has a password, a single button to accept.
 */
export function InvitationPage({ ctx, invitation, token, state }: { ctx: ViewContext; invitation: InvitationView; token: string; state: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts:invitation.title')}>
      <NarrowColumn>
        <h1>{t('accounts:invitation.title')}</h1>
        <p class="usa-intro">{t('accounts:invitation.intro', { email: invitation.email })}</p>
        {invitation.roles.length > 0 && (
          <ul class="usa-list">
            {invitation.roles.map((r) => (
              <li>{t('accounts:invitation.roleAt', { role: t(`common:roles.${r.role}`), organisation: r.organisationName })}</li>
            ))}
          </ul>
        )}
        <Form ctx={ctx} action="/invitation" state={state}>
          <TokenField token={token} />
          {invitation.hasPassword ? (
            <p>{t('accounts:invitation.existing')}</p>
          ) : (
            <>
              <p>{t('accounts:invitation.newcomer')}</p>
              <TextField ctx={ctx} state={state} name="name" label={t('accounts:fields.name')} autocomplete="name" maxLength={MAX_NAME_LENGTH} required />
              <NewPasswordFields ctx={ctx} state={state} />
            </>
          )}
          <SubmitButton>{t('accounts:invitation.submit')}</SubmitButton>
        </Form>
      </NarrowColumn>
    </Layout>
  );
}
