import { Form, SubmitButton } from '../../../platform/ui/components/form.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { AffiliationView } from '../affiliation-read.service.ts';
import { StatusTag, lastDay } from './affiliation-parts.tsx';

/** /affiliation/:id/renew — the one-click renewal the reminder emails link to (a GET never changes anything). */
export function RenewPage({ ctx, view }: { ctx: ViewContext; view: AffiliationView }) {
  const { t } = ctx;
  const title = t('affiliation:renew.title', { name: view.holderName });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        {view.plan.name} <StatusTag ctx={ctx} status={view.affiliation.status} />
      </p>
      {view.paidThrough && <p>{t('affiliation:account.paidThrough', { date: lastDay(ctx, view.paidThrough) })}</p>}
      <p>{t('affiliation:renew.intro')}</p>
      <Form ctx={ctx} action={`/affiliation/${view.affiliation.id}/renew`} class="usa-form">
        <SubmitButton>{t('affiliation:renew.button')}</SubmitButton>
      </Form>
    </Layout>
  );
}
