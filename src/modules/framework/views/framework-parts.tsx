import type { FrameworkLevel } from '../../../db/schema.ts';
import { Alert } from '../../../platform/ui/components/alert.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { EventWhen } from '../../events/views/event-parts.tsx';
import type { PublicFrameworkView } from '../framework-public.service.ts';
import type { BenchmarkNode } from '../framework-read.service.ts';
import type { TaggedRecords } from '../taxonomy.service.ts';

// Pieces the public framework pages share.

/** Links inside a page showing an older version keep pointing at that version. */
export function hrefs(view: PublicFrameworkView) {
  const base = `/framework/${view.tree.framework.slug}`;
  const q = view.older ? `?version=${view.tree.version.number}` : '';
  return {
    framework: `${base}${q}`,
    benchmark: (key: string) => `${base}/benchmarks/${encodeURIComponent(key)}${q}`,
    principle: (key: string) => `${base}/principles/${encodeURIComponent(key)}${q}`,
  };
}

/** A stored instant as a calendar date in the reader's language (UTC), inside <time>. */
export function DateOnly({ ctx, iso }: { ctx: ViewContext; iso: string | null }) {
  if (!iso) return <>{ctx.t('framework:version.notPublished')}</>;
  return <time dateTime={iso}>{new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso))}</time>;
}

/** Framework › item breadcrumb. */
export function Breadcrumb({ ctx, trail }: { ctx: ViewContext; trail: [string, string][] }) {
  return (
    <nav class="usa-breadcrumb padding-top-0" aria-label={ctx.t('framework:breadcrumb')}>
      <ol class="usa-breadcrumb__list">
        {trail.map(([href, label]) => (
          <li class="usa-breadcrumb__list-item">
            <a class="usa-breadcrumb__link" href={href}>
              <span>{label}</span>
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** "Version 2, published …", and a notice when the page shows an older version. */
export function VersionLine({ ctx, view }: { ctx: ViewContext; view: PublicFrameworkView }) {
  const { version, framework } = view.tree;
  return (
    <>
      {view.older && (
        <Alert type="warning" heading={ctx.t('framework:version.olderHeading', { number: version.number })}>
          <p>
            {ctx.t('framework:version.olderBody')}{' '}
            <a class="usa-link" href={`/framework/${framework.slug}`}>
              {ctx.t('framework:version.readCurrent', { number: view.currentNumber })}
            </a>
          </p>
        </Alert>
      )}
      <p class="text-base-dark margin-top-0">
        {ctx.t('framework:version.number', { number: version.number })} · {ctx.t('framework:version.published')} <DateOnly ctx={ctx} iso={version.published_at} />
      </p>
    </>
  );
}

/** The rubric of one benchmark: a level per row, with its descriptor. */
export function RubricTable({ ctx, levels, benchmark }: { ctx: ViewContext; levels: FrameworkLevel[]; benchmark: BenchmarkNode }) {
  return (
    <table class="usa-table usa-table--borderless width-full">
      <caption>{ctx.t('framework:benchmark.rubricCaption', { name: benchmark.name })}</caption>
      <thead>
        <tr>
          <th scope="col">{ctx.t('framework:benchmark.level')}</th>
          <th scope="col">{ctx.t('framework:benchmark.descriptor')}</th>
        </tr>
      </thead>
      <tbody>
        {levels.map((l) => (
          <tr>
            <th scope="row">{l.name}</th>
            <td>{benchmark.descriptors[l.key] ?? ctx.t('framework:benchmark.noDescriptor')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Event sessions and events carrying the tag; library items will join them. */
export function TaggedSection({ ctx, tagged, kind }: { ctx: ViewContext; tagged: TaggedRecords | null; kind: 'benchmark' | 'principle' }) {
  const { t } = ctx;
  return (
    <section class="margin-top-5" aria-labelledby="tagged">
      <h2 id="tagged">{t(kind === 'benchmark' ? 'framework:tagged.headingBenchmark' : 'framework:tagged.headingPrinciple')}</h2>
      {!tagged ? (
        <p>{t('framework:tagged.notShared')}</p>
      ) : (
        <>
          <h3>{t('framework:tagged.sessions')}</h3>
          {tagged.sessions.length === 0 ? (
            <p>{t('framework:tagged.noSessions')}</p>
          ) : (
            <ul class="usa-list">
              {tagged.sessions.map((s) => (
                <li>
                  <a class="usa-link" href={`/events/${s.event_slug}/agenda#session-${s.id}`}>
                    {s.title}
                  </a>{' '}
                  — {s.event_title}, <time dateTime={s.starts_at}>{sessionWhen(ctx.locale, s.starts_at, s.ends_at, s.event_timezone)}</time>
                </li>
              ))}
            </ul>
          )}
          <h3>{t('framework:tagged.events')}</h3>
          {tagged.events.length === 0 ? (
            <p>{t('framework:tagged.noEvents')}</p>
          ) : (
            <ul class="usa-list">
              {tagged.events.map((e) => (
                <li>
                  <a class="usa-link" href={`/events/${e.slug}`}>
                    {e.title}
                  </a>
                  , <EventWhen ctx={ctx} event={e} long={false} />
                </li>
              ))}
            </ul>
          )}
          <p class="text-base-dark">{t('framework:tagged.libraryLater')}</p>
        </>
      )}
    </section>
  );
}

function sessionWhen(locale: string, starts: string, ends: string, timeZone: string): string {
  const f = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' });
  return f.formatRange(new Date(starts), new Date(ends));
}
