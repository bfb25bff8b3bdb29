import { Form, SubmitButton, TextField } from '../../../platform/ui/components/form.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { Organisation } from '../../../db/schema.ts';
import type { AffiliationView } from '../affiliation-read.service.ts';
import type { Benefit } from '../benefits.service.ts';
import { BenefitsList, StatusTag, TermsTable, lastDay } from './affiliation-parts.tsx';

/** /affiliation/organisations/:id — an organisation's membership, for its managers. */
export function OrganisationAffiliationPage({ ctx, organisation, affiliations, benefits }: { ctx: ViewContext; organisation: Organisation; affiliations: AffiliationView[]; benefits: Benefit[] }) {
  const { t } = ctx;
  const title = t('affiliation:organisation.title', { name: organisation.name });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {affiliations.length === 0 && (
        <p>
          {t('affiliation:organisation.none')} <a class="usa-link" href="/affiliation/apply">{t('affiliation:account.apply')}</a>
        </p>
      )}
      {affiliations.map((v) => (
        <section aria-labelledby={`aff-${v.affiliation.id}`} class="margin-bottom-5">
          <h2 id={`aff-${v.affiliation.id}`}>
            {v.plan.name} <StatusTag ctx={ctx} status={v.affiliation.status} />
          </h2>
          {v.paidThrough && <p>{t('affiliation:account.paidThrough', { date: lastDay(ctx, v.paidThrough) })}</p>}
          {v.affiliation.decision_message && <p>{t('affiliation:organisation.message', { message: v.affiliation.decision_message })}</p>}
          <TermsTable ctx={ctx} terms={v.terms} invoices={v.invoices} />
          {['current', 'grace', 'expired'].includes(v.affiliation.status) && (
            <p><a class="usa-button" href={`/affiliation/${v.affiliation.id}/renew`}>{t('affiliation:renew.button')}</a></p>
          )}
          {!['cancelled', 'declined', 'expired'].includes(v.affiliation.status) && (
            <details>
              <summary>{t('affiliation:cancel.summary')}</summary>
              <Form ctx={ctx} action={`/affiliation/${v.affiliation.id}/cancel`} class="usa-form">
                <TextField ctx={ctx} name="reason" label={t('affiliation:cancel.reason')} maxLength={2000} required />
                <SubmitButton variant="secondary">{t('affiliation:cancel.submit')}</SubmitButton>
              </Form>
            </details>
          )}
        </section>
      ))}
      <h2>{t('affiliation:account.benefitsHeading')}</h2>
      <BenefitsList ctx={ctx} benefits={benefits} />
    </Layout>
  );
}
