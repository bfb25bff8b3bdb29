import type { FrameworkPrinciple } from '../../../db/schema.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { PublicFrameworkView } from '../framework-public.service.ts';
import type { BenchmarkNode } from '../framework-read.service.ts';
import type { TaggedRecords } from '../taxonomy.service.ts';
import { Breadcrumb, hrefs, RubricTable, TaggedSection, VersionLine } from './framework-parts.tsx';

/** /framework/:slug/benchmarks/:key — a benchmark, its principles, its rubric and what is tagged with it. */
export function BenchmarkPage(props: { ctx: ViewContext; view: PublicFrameworkView; benchmark: BenchmarkNode; groupName: string; tagged: TaggedRecords | null }) {
  const { ctx, view, benchmark } = props;
  const { t } = ctx;
  const link = hrefs(view);
  const principles = view.tree.principles.filter((p) => benchmark.principleKeys.includes(p.key));
  return (
    <Layout ctx={ctx} title={benchmark.name}>
      <Breadcrumb ctx={ctx} trail={[['/framework', t('framework:index.title')], [link.framework, view.tree.framework.name]]} />
      <p class="margin-bottom-0 text-base-dark">{t('framework:benchmark.kicker', { group: props.groupName })}</p>
      <h1 class="margin-top-05 margin-bottom-1">{benchmark.name}</h1>
      <VersionLine ctx={ctx} view={view} />
      {benchmark.description && <p class="usa-intro">{benchmark.description}</p>}

      <section class="margin-top-4" aria-labelledby="serves">
        <h2 id="serves">{t('framework:benchmark.principles')}</h2>
        {principles.length === 0 ? (
          <p>{t('framework:benchmark.noPrinciples')}</p>
        ) : (
          <ul class="usa-list">
            {principles.map((p) => (
              <li>
                <a class="usa-link" href={link.principle(p.key)}>
                  {p.name}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="margin-top-4" aria-labelledby="rubric">
        <h2 id="rubric">{t('framework:benchmark.rubric')}</h2>
        <RubricTable ctx={ctx} levels={view.tree.levels} benchmark={benchmark} />
      </section>

      <TaggedSection ctx={ctx} tagged={props.tagged} kind="benchmark" />
    </Layout>
  );
}

/** /framework/:slug/principles/:key — a principle, the benchmarks serving it, and what is tagged with it. */
export function PrinciplePage(props: { ctx: ViewContext; view: PublicFrameworkView; principle: FrameworkPrinciple; benchmarks: BenchmarkNode[]; tagged: TaggedRecords | null }) {
  const { ctx, view, principle } = props;
  const { t } = ctx;
  const link = hrefs(view);
  const number = view.tree.principles.findIndex((p) => p.id === principle.id) + 1;
  return (
    <Layout ctx={ctx} title={principle.name}>
      <Breadcrumb ctx={ctx} trail={[['/framework', t('framework:index.title')], [link.framework, view.tree.framework.name]]} />
      <p class="margin-bottom-0 text-base-dark">{t('framework:principle.kicker', { number })}</p>
      <h1 class="margin-top-05 margin-bottom-1">{principle.name}</h1>
      <VersionLine ctx={ctx} view={view} />
      {principle.description && <p class="usa-intro">{principle.description}</p>}

      <section class="margin-top-4" aria-labelledby="served-by">
        <h2 id="served-by">{t('framework:principle.benchmarks')}</h2>
        {props.benchmarks.length === 0 ? (
          <p>{t('framework:principle.noBenchmarks')}</p>
        ) : (
          <ul class="usa-list">
            {props.benchmarks.map((b) => (
              <li>
                <a class="usa-link" href={link.benchmark(b.key)}>
                  {b.name}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <TaggedSection ctx={ctx} tagged={props.tagged} kind="principle" />
    </Layout>
  );
}
