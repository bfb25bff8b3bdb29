import { PLAN_HOLDERS } from '../../../db/schema/affiliation.ts';
import { ChartWithTable } from '../../../platform/charts/chart-with-table.tsx';
import { SelectField, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { AdminLayout } from '../../admin/views/admin-layout.tsx';
import { categoryHeader, tableData, TABLES, type NetworkHealthTable } from '../network-health-tables.ts';
import type { NetworkHealthReport } from '../network-health.schemas.ts';

const KIND: Record<NetworkHealthTable, 'line' | 'bar'> = { months: 'line', centers: 'bar', states: 'bar' };

/** The admin's view of how the network grows: affiliations over time, by center and by state. */
export function NetworkHealthPage(props: { ctx: ViewContext; form: FormState; report: NetworkHealthReport | null }) {
  const { ctx, report, form } = props;
  const { t } = ctx;
  const query = new URLSearchParams(report ? { from: report.from, to: report.to, ...(report.holder ? { holder: report.holder } : {}) } : {});
  const hasErrors = Object.keys(form.errors).length > 0;
  return (
    <AdminLayout ctx={ctx} title={t('network-health:title')}>
      <h1>{t('network-health:title')}</h1>
      <p class="usa-intro">{t('network-health:intro')}</p>
      <form method="get" action="/admin/network-health" class="usa-form maxw-none margin-bottom-4" noValidate>
        {hasErrors && (
          <div class="usa-alert usa-alert--error usa-alert--slim margin-bottom-2" role="alert">
            <div class="usa-alert__body">
              <p class="usa-alert__text">{t('common:form.fixErrors')}</p>
            </div>
          </div>
        )}
        <div class="grid-row grid-gap">
          <div class="tablet:grid-col-4">
            <TextField ctx={ctx} state={form} name="from" label={t('network-health:filters.from')} hint={t('network-health:filters.monthHint')} maxLength={7} />
          </div>
          <div class="tablet:grid-col-4">
            <TextField ctx={ctx} state={form} name="to" label={t('network-health:filters.to')} hint={t('network-health:filters.monthHint')} maxLength={7} />
          </div>
          <div class="tablet:grid-col-4">
            <SelectField
              ctx={ctx}
              state={form}
              name="holder"
              label={t('network-health:filters.holder')}
              blank={t('network-health:filters.anyHolder')}
              options={PLAN_HOLDERS.map((h) => ({ value: h, label: t(`network-health:holders.${h}`) }))}
            />
          </div>
        </div>
        <button type="submit" class="usa-button margin-top-2">
          {t('network-health:filters.apply')}
        </button>
      </form>
      {report && (
        <>
          <p>{t('network-health:asOf', { from: report.from, to: report.to, asOf: report.asOf })}</p>
          {TABLES.map((table) => (
            <section aria-labelledby={`nh-${table}-heading`} class="margin-bottom-4">
              <h2 id={`nh-${table}-heading`}>{t(`network-health:sections.${table}.heading`)}</h2>
              <ChartWithTable
                text={{
                  id: `nh-${table}`,
                  title: t(`network-health:sections.${table}.title`),
                  description: t(`network-health:sections.${table}.description`),
                  emptyText: t('network-health:empty'),
                }}
                data={tableData(report, table, t)}
                kind={KIND[table]}
                categoryHeader={categoryHeader(table, t)}
                locale={ctx.locale}
                csv={{ href: `/admin/network-health/${table}.csv?${query}`, label: t('network-health:downloadCsv') }}
              />
            </section>
          ))}
        </>
      )}
    </AdminLayout>
  );
}
