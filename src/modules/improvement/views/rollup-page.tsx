import { ChartWithTable } from '../../../platform/charts/chart-with-table.tsx';
import { Alert } from '../../../platform/ui/components/alert.tsx';
import { SelectField, type FormState } from '../../../platform/ui/components/form.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { NetworkRollup } from '../improvement.service.ts';
import { concentrationChart, distributionChart, overCyclesChart, percent } from '../rollup-tables.ts';

/** The filters, kept in the URL so a view can be bookmarked and shared. */
export function rollupQueryString(r: NetworkRollup): string {
  const q = new URLSearchParams();
  if (r.framework) q.set('framework', String(r.framework.id));
  if (r.distribution?.schoolYear) q.set('year', r.distribution.schoolYear);
  q.set('source', r.source);
  if (r.center !== null) q.set('center', String(r.center));
  return q.toString();
}

function Filters({ ctx, form, rollup }: { ctx: ViewContext; form: FormState; rollup: NetworkRollup | null }) {
  const { t } = ctx;
  const hasErrors = Object.keys(form.errors).length > 0;
  const scopeAll = ctx.isAdmin ? t('improvement:rollup.filters.wholeNetwork') : t('improvement:rollup.filters.allMyCenters');
  return (
    <form method="get" action="/improvement" class="usa-form maxw-none margin-bottom-4" noValidate>
      {hasErrors && (
        <Alert type="error" slim>
          {t('common:form.fixErrors')}
        </Alert>
      )}
      <div class="grid-row grid-gap">
        <div class="tablet:grid-col-3">
          <SelectField ctx={ctx} state={form} name="framework" label={t('improvement:rollup.filters.framework')} options={(rollup?.frameworks ?? []).map((f) => ({ value: String(f.id), label: f.name }))} />
        </div>
        <div class="tablet:grid-col-3">
          <SelectField ctx={ctx} state={form} name="year" label={t('improvement:rollup.filters.year')} blank={t('improvement:rollup.filters.latestYear')} options={(rollup?.years ?? []).map((y) => ({ value: y, label: y }))} />
        </div>
        <div class="tablet:grid-col-3">
          <SelectField ctx={ctx} state={form} name="source" label={t('improvement:rollup.filters.source')} options={(['school', 'coach'] as const).map((s) => ({ value: s, label: t(`improvement:rollup.sources.${s}`) }))} />
        </div>
        <div class="tablet:grid-col-3">
          <SelectField
            ctx={ctx}
            state={form}
            name="center"
            label={t('improvement:rollup.filters.center')}
            blank={scopeAll}
            options={(rollup?.centers ?? []).map((c) => ({ value: String(c.id), label: c.id === 0 ? t('improvement:rollup.filters.noCenter') : c.name }))}
          />
        </div>
      </div>
      {rollup?.overCycles && rollup.overCycles.benchmarks.length > 0 && (
        <SelectField ctx={ctx} state={form} name="benchmark" label={t('improvement:rollup.filters.benchmark')} hint={t('improvement:rollup.filters.benchmarkHint')} options={rollup.overCycles.benchmarks.map((b) => ({ value: b.key, label: b.name }))} />
      )}
      <button type="submit" class="usa-button margin-top-2">
        {t('improvement:rollup.filters.apply')}
      </button>
    </form>
  );
}

/** Schools and their share at each level, per benchmark: the exact figures behind the chart. */
function PercentTable({ ctx, rollup }: { ctx: ViewContext; rollup: NetworkRollup }) {
  const { t } = ctx;
  const d = rollup.distribution!;
  const number = new Intl.NumberFormat(ctx.locale);
  const pct = new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: 1 });
  return (
    <div class="usa-table-container--scrollable" tabIndex={0} role="region" aria-labelledby="rollup-percent-caption">
      <table class="usa-table usa-table--compact usa-table--striped">
        <caption id="rollup-percent-caption">{t('improvement:rollup.percentCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('improvement:rollup.benchmark')}</th>
            {d.levels.map((l) => (
              <th scope="col" class="text-right">{l.name}</th>
            ))}
            <th scope="col" class="text-right">{t('improvement:rollup.total')}</th>
          </tr>
        </thead>
        <tbody>
          {d.benchmarks.map((b) => (
            <tr>
              <th scope="row">{b.name}</th>
              {d.levels.map((_, i) => (
                <td class="text-right">{t('improvement:rollup.countAndPercent', { count: number.format(b.counts[i] ?? 0), percent: pct.format(percent(b.counts[i] ?? 0, b.total)) })}</td>
              ))}
              <td class="text-right">{number.format(b.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** /improvement — levels per benchmark across schools, over cycles, and where coaching concentrates. */
export function RollupPage(props: { ctx: ViewContext; form: FormState; rollup: NetworkRollup | null }) {
  const { ctx, rollup } = props;
  const { t } = ctx;
  const title = t('improvement:rollup.title');
  const d = rollup?.distribution ?? null;
  const o = rollup?.overCycles ?? null;
  const followed = o?.benchmarks.find((b) => b.key === rollup?.benchmark);
  const source = rollup ? t(`improvement:rollup.sources.${rollup.source}`) : '';
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="usa-intro">{t('improvement:rollup.intro')}</p>
      <Filters ctx={ctx} form={props.form} rollup={rollup} />
      {rollup && !rollup.framework && <p>{t('improvement:rollup.noFramework')}</p>}
      {rollup && d && (
        <section aria-labelledby="rollup-levels-heading" class="margin-bottom-4">
          <h2 id="rollup-levels-heading">{t('improvement:rollup.levels.heading', { year: d.schoolYear ?? '—' })}</h2>
          <p>{t('improvement:rollup.levels.lead', { source })}</p>
          <ChartWithTable
            text={{ id: 'rollup-levels', title: t('improvement:rollup.levels.title', { year: d.schoolYear ?? '—', source }), description: t('improvement:rollup.levels.description'), emptyText: t('improvement:rollup.empty') }}
            data={distributionChart(d)}
            kind="bar"
            categoryHeader={t('improvement:rollup.benchmark')}
            locale={ctx.locale}
            csv={d.schoolYear ? { href: `/improvement/levels.csv?${rollupQueryString(rollup)}`, label: t('improvement:rollup.downloadCsv') } : undefined}
          />
          {d.benchmarks.some((b) => b.total > 0) && <PercentTable ctx={ctx} rollup={rollup} />}
        </section>
      )}
      {rollup && o && (
        <section aria-labelledby="rollup-cycles-heading" class="margin-bottom-4">
          <h2 id="rollup-cycles-heading">{t('improvement:rollup.cycles.heading')}</h2>
          <p>{t('improvement:rollup.cycles.lead')}</p>
          <ChartWithTable
            text={{ id: 'rollup-cycles', title: t('improvement:rollup.cycles.title', { benchmark: followed?.name ?? '—', source }), description: t('improvement:rollup.cycles.description'), emptyText: t('improvement:rollup.empty') }}
            data={overCyclesChart(o, rollup.benchmark)}
            kind="column"
            integer={false}
            categoryHeader={t('improvement:rollup.year')}
            locale={ctx.locale}
          />
        </section>
      )}
      {rollup && (
        <section aria-labelledby="rollup-coaching-heading" class="margin-bottom-4">
          <h2 id="rollup-coaching-heading">{t('improvement:rollup.concentration.heading', { year: rollup.coachingYear })}</h2>
          <p>{t('improvement:rollup.concentration.lead', { year: rollup.coachingYear })}</p>
          <ChartWithTable
            text={{
              id: 'rollup-coaching',
              title: t('improvement:rollup.concentration.title', { year: rollup.coachingYear }),
              description: t('improvement:rollup.concentration.description'),
              emptyText: t('improvement:rollup.concentration.empty', { year: rollup.coachingYear }),
            }}
            data={concentrationChart(rollup, t)}
            kind="bar"
            integer={false}
            categoryHeader={t('improvement:rollup.benchmark')}
            locale={ctx.locale}
          />
        </section>
      )}
    </Layout>
  );
}
