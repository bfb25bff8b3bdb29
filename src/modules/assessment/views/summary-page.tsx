import { Pagination } from '../../../platform/ui/components/pagination.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { CycleSummaryView, SharedSummaryItem } from '../assessment-history.service.ts';

/** /assessment/:id/summary — levels per benchmark only: what a school may share with the network. */
export function SummaryPage({ ctx, s }: { ctx: ViewContext; s: CycleSummaryView }) {
  const { t } = ctx;
  const title = t('assessment-history:summary.title', { year: s.schoolYear, school: s.schoolName });
  const reviewed = s.status === 'reviewed';
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="usa-intro">{t('assessment-history:summary.against', { framework: s.frameworkName, version: s.versionNumber, status: t(`assessment-history:status.${s.status}`) })}</p>
      <p>{t('assessment-history:summary.lead')}</p>
      {s.groups.map((g) => (
        <table class="usa-table usa-table--compact usa-table--striped width-full">
          <caption>{g.name}</caption>
          <thead>
            <tr>
              <th scope="col">{t('assessment-history:fields.benchmark')}</th>
              <th scope="col">{t('assessment-history:summary.school')}</th>
              {reviewed && <th scope="col">{t('assessment-history:summary.coach')}</th>}
            </tr>
          </thead>
          <tbody>
            {g.benchmarks.map((b) => (
              <tr>
                <th scope="row">{b.name}</th>
                <td>{b.school ?? t('assessment-history:summary.notRated')}</td>
                {reviewed && <td>{b.coach ?? t('assessment-history:summary.notRated')}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </Layout>
  );
}

/** /assessment/shared — the summaries schools shared network-wide, a page at a time. */
export function SharedListPage({ ctx, items, total, page, perPage }: { ctx: ViewContext; items: SharedSummaryItem[]; total: number; page: number; perPage: number }) {
  const { t } = ctx;
  const title = t('assessment-history:shared.title');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="usa-intro">{t('assessment-history:shared.lead')}</p>
      {items.length === 0 ? (
        <p>{t('assessment-history:shared.none')}</p>
      ) : (
        <table class="usa-table usa-table--striped width-full">
          <caption class="usa-sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('assessment-history:fields.school')}</th>
              <th scope="col">{t('assessment-history:fields.schoolYear')}</th>
              <th scope="col">{t('assessment-history:fields.framework')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((it) => (
              <tr>
                <th scope="row">
                  <a class="usa-link" href={`/assessment/${it.cycleId}/summary`}>
                    {it.schoolName}
                  </a>
                </th>
                <td>{it.schoolYear}</td>
                <td>{it.frameworkName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination ctx={ctx} page={page} perPage={perPage} total={total} hrefFor={(n) => `/assessment/shared?page=${n}`} />
    </Layout>
  );
}
