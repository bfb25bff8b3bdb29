import { ROLE_KINDS } from '../../../db/schema.ts';
import { DateTime } from '../../../platform/ui/components/date-time.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { Alert } from '../../../platform/ui/components/alert.tsx';
import { CsrfField, Form, SelectField, SubmitButton, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import type { ApiTokenRow } from '../api-tokens.service.ts';
import { AdminLayout } from './admin-layout.tsx';

export function ApiTokensPage(props: { ctx: ViewContext; tokens: ApiTokenRow[]; form: FormState; newSecret?: string }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <AdminLayout ctx={ctx} title={t('admin:apiTokens.title')}>
      <h1>{t('admin:apiTokens.title')}</h1>
      <p class="usa-intro">{t('admin:apiTokens.intro')}</p>
      {props.newSecret && (
        <Alert type="success" heading={t('admin:apiTokens.createdHeading')}>
          <p>{t('admin:apiTokens.createdBody')}</p>
          <p>
            <code class="font-mono-sm" id="new-token">{props.newSecret}</code>
          </p>
        </Alert>
      )}
      <h2>{t('admin:apiTokens.existing')}</h2>
      {props.tokens.length === 0 ? (
        <p>{t('admin:apiTokens.none')}</p>
      ) : (
        <table class="usa-table usa-table--striped width-full">
          <caption class="usa-sr-only">{t('admin:apiTokens.existing')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin:apiTokens.name')}</th>
              <th scope="col">{t('admin:apiTokens.actsAs')}</th>
              <th scope="col">{t('admin:apiTokens.lastUsed')}</th>
              <th scope="col">{t('admin:apiTokens.status')}</th>
            </tr>
          </thead>
          <tbody>
            {props.tokens.map((tok) => (
              <tr>
                <td>{tok.name}</td>
                <td>
                  {t(`common:roles.${tok.role}`)} · <a class="usa-link" href={`/organisations/${tok.organisation_slug}`}>{tok.organisation_name}</a>
                </td>
                <td><DateTime ctx={ctx} iso={tok.last_used_at} empty={t('admin:apiTokens.never')} /></td>
                <td>
                  {tok.revoked_at ? (
                    t('admin:apiTokens.revoked')
                  ) : (
                    <form method="post" action={`/admin/api-tokens/${tok.id}/revoke`}>
                      <CsrfField ctx={ctx} />
                      <button type="submit" class="usa-button usa-button--secondary usa-button--small">
                        {t('admin:apiTokens.revoke')}
                        <span class="usa-sr-only"> {tok.name}</span>
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('admin:apiTokens.create')}</h2>
      <Form ctx={ctx} action="/admin/api-tokens" state={props.form}>
        <TextField ctx={ctx} state={props.form} name="name" label={t('admin:apiTokens.name')} hint={t('admin:apiTokens.nameHint')} required maxLength={120} />
        <SelectField ctx={ctx} state={props.form} name="role" label={t('admin:apiTokens.role')} options={ROLE_KINDS.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))} />
        <TextField ctx={ctx} state={props.form} name="organisation" label={t('admin:apiTokens.organisation')} hint={t('admin:apiTokens.organisationHint')} required />
        <SubmitButton>{t('admin:apiTokens.createButton')}</SubmitButton>
      </Form>
    </AdminLayout>
  );
}
