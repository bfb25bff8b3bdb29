import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { MembershipSummary } from '../affiliation-read.service.ts';
import { BenefitsList, InvoicesTable, StatusTag, lastDay } from './affiliation-parts.tsx';

/** The account page's membership section: the person's and their organisations' affiliations, benefits and invoices. */
export function MembershipSection({ ctx, membership }: { ctx: ViewContext; membership: MembershipSummary }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="membership-heading" class="margin-bottom-5" id="membership">
      <h2 id="membership-heading">{t('affiliation:account.heading')}</h2>
      {membership.affiliations.length === 0 ? (
        <p>{t('affiliation:account.none')}</p>
      ) : (
        <table class="usa-table usa-table--borderless width-full">
          <caption class="usa-sr-only">{t('affiliation:account.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('affiliation:account.holder')}</th>
              <th scope="col">{t('affiliation:account.plan')}</th>
              <th scope="col">{t('affiliation:account.status')}</th>
              <th scope="col">{t('affiliation:account.renewal')}</th>
            </tr>
          </thead>
          <tbody>
            {membership.affiliations.map((v) => (
              <tr>
                <th scope="row">
                  {v.organisation ? <a class="usa-link" href={`/affiliation/organisations/${v.organisation.id}`}>{v.holderName}</a> : t('affiliation:account.you')}
                </th>
                <td>{v.plan.name}</td>
                <td><StatusTag ctx={ctx} status={v.affiliation.status} /></td>
                <td>
                  {v.paidThrough ? t('affiliation:account.paidThrough', { date: lastDay(ctx, v.paidThrough) }) : ''}
                  {v.organisation === null && ['current', 'grace', 'expired'].includes(v.affiliation.status) && (
                    <>
                      {' '}
                      <a class="usa-link" href={`/affiliation/${v.affiliation.id}/renew`}>{t('affiliation:account.renew')}</a>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a class="usa-button usa-button--outline" href="/affiliation/apply">{t('affiliation:account.apply')}</a>
      </p>
      <h3>{t('affiliation:account.benefitsHeading')}</h3>
      <BenefitsList ctx={ctx} benefits={membership.benefits} />
      <h3>{t('affiliation:account.invoicesHeading')}</h3>
      <InvoicesTable ctx={ctx} invoices={membership.invoices} />
    </section>
  );
}
