import { Form, SelectField, SubmitButton, TextArea, type FormState } from '../../../platform/ui/components/form.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { AffiliationView } from '../affiliation-read.service.ts';
import { Alert } from '../../../platform/ui/components/alert.tsx';
import { StatusTag, formatDate } from './affiliation-parts.tsx';

/** /affiliation/applications — applications awaiting a decision by this person. */
export function ApplicationsPage({ ctx, applications }: { ctx: ViewContext; applications: AffiliationView[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('affiliation:applications.title')}>
      <h1>{t('affiliation:applications.title')}</h1>
      {applications.length === 0 ? (
        <p>{t('affiliation:applications.none')}</p>
      ) : (
        <table class="usa-table usa-table--borderless width-full">
          <caption class="usa-sr-only">{t('affiliation:applications.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('affiliation:applications.holder')}</th>
              <th scope="col">{t('affiliation:applications.plan')}</th>
              <th scope="col">{t('affiliation:applications.center')}</th>
              <th scope="col">{t('affiliation:applications.received')}</th>
            </tr>
          </thead>
          <tbody>
            {applications.map((v) => (
              <tr>
                <th scope="row"><a class="usa-link" href={`/affiliation/applications/${v.affiliation.id}`}>{v.holderName}</a></th>
                <td>{v.plan.name}</td>
                <td>{v.center?.name ?? ''}</td>
                <td>{formatDate(ctx, v.affiliation.created_at.slice(0, 10))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

/** /affiliation/applications/:id — read an application and approve or decline it. */
export function ApplicationPage({ ctx, view, state }: { ctx: ViewContext; view: AffiliationView; state: FormState }) {
  const { t } = ctx;
  const title = t('affiliation:applications.decideTitle', { name: view.holderName });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <dl>
        <dt class="text-bold">{t('affiliation:applications.plan')}</dt>
        <dd>{view.plan.name}</dd>
        {view.center && (
          <>
            <dt class="text-bold">{t('affiliation:applications.center')}</dt>
            <dd>{view.center.name}</dd>
          </>
        )}
        {view.organisation && (
          <>
            <dt class="text-bold">{t('affiliation:applications.place')}</dt>
            <dd>{[view.organisation.city, view.organisation.state].filter(Boolean).join(', ')}</dd>
            <dt class="text-bold">{t('affiliation:applications.enrolment')}</dt>
            <dd>{view.organisation.enrolment ?? '—'}</dd>
          </>
        )}
        <dt class="text-bold">{t('affiliation:applications.statement')}</dt>
        <dd class="text-pre-wrap">{view.affiliation.statement ?? '—'}</dd>
      </dl>
      {view.affiliation.decision === 'applied' ? (
        <Form ctx={ctx} action={`/affiliation/applications/${view.affiliation.id}/decision`} state={state}>
          <SelectField
            ctx={ctx}
            state={state}
            name="decision"
            label={t('affiliation:applications.decision')}
            required
            options={[
              { value: 'approve', label: t('affiliation:applications.approve') },
              { value: 'decline', label: t('affiliation:applications.decline') },
            ]}
          />
          <TextArea ctx={ctx} state={state} name="message" label={t('affiliation:applications.message')} hint={t('affiliation:applications.messageHint')} rows={4} />
          <SubmitButton>{t('affiliation:applications.submit')}</SubmitButton>
        </Form>
      ) : (
        <>
          {state.formError && <Alert type="error">{t(state.formError)}</Alert>}
          <p>
            <StatusTag ctx={ctx} status={view.affiliation.status} />
          </p>
        </>
      )}
    </Layout>
  );
}
