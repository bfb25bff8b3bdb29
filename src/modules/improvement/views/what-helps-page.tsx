import { DateTime } from '../../../platform/ui/components/date-time.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { CycleView } from '../../assessment/assessment.service.ts';
import type { WeakBenchmark } from '../../assessment/weakest-benchmarks.ts';
import { reasonOf } from '../what-helps-reason.ts';
import type { BenchmarkHelp, HelpItem } from '../what-helps.service.ts';

function Item({ ctx, b, item }: { ctx: ViewContext; b: WeakBenchmark; item: HelpItem }) {
  const { t } = ctx;
  const reason = <p class="margin-y-05 text-base-dark">{reasonOf(ctx.t, b, item)}</p>;
  if (item.kind === 'coaching') {
    const c = item.center;
    return (
      <li class="margin-bottom-2">
        <a class="usa-link text-bold" href={`/organisations/${c.centerSlug}`}>
          {c.centerName}
        </a>
        {c.coaches.length > 0 && <span>{` — ${t('improvement:whatHelps.coaches', { names: c.coaches.map((p) => p.name).join(', ') })}`}</span>}
        {reason}
      </li>
    );
  }
  if (item.kind === 'session') {
    const s = item.session;
    return (
      <li class="margin-bottom-2">
        <a class="usa-link text-bold" href={`/events/${s.event_slug}/agenda#session-${s.id}`}>
          {s.title}
        </a>
        <span>{` — ${t('improvement:whatHelps.sessionAt', { event: s.event_title })} `}</span>
        <DateTime ctx={ctx} iso={s.starts_at} empty="" />
        {reason}
      </li>
    );
  }
  const e = item.event;
  return (
    <li class="margin-bottom-2">
      <a class="usa-link text-bold" href={`/events/${e.slug}`}>
        {e.title}
      </a>
      <span>{` — ${t('improvement:whatHelps.event')} `}</span>
      <DateTime ctx={ctx} iso={e.starts_at} empty="" />
      {reason}
    </li>
  );
}

/** /assessment/:id/what-helps — for each lowest-rated benchmark, what helps, ranked, each with its reason. */
export function WhatHelpsPage(props: { ctx: ViewContext; view: CycleView; help: BenchmarkHelp[] }) {
  const { ctx, view, help } = props;
  const { t } = ctx;
  const title = t('improvement:whatHelps.title', { school: view.school.name, year: view.cycle.school_year });
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a class="usa-link" href={`/assessment/${view.cycle.id}`}>
          {t('improvement:whatHelps.back')}
        </a>
      </p>
      <h1>{title}</h1>
      <p class="usa-intro">{t('improvement:whatHelps.intro')}</p>
      <div class="usa-alert usa-alert--info usa-alert--slim margin-bottom-3">
        <div class="usa-alert__body">
          <p class="usa-alert__text">{t('improvement:whatHelps.libraryNotYet')}</p>
        </div>
      </div>
      {help.length === 0 && <p>{t('improvement:whatHelps.nothingRated')}</p>}
      {help.map(({ benchmark: b, items }) => (
        <section id={`help-${b.key}`} aria-labelledby={`help-${b.key}-heading`} class="margin-bottom-4">
          <h2 id={`help-${b.key}-heading`}>{b.name}</h2>
          <p>
            {t('improvement:whatHelps.rated', { level: b.level.name })}
            {b.coachLevel && ` ${t('improvement:whatHelps.coachLower', { level: b.coachLevel.name })}`}
          </p>
          {items.length === 0 ? (
            <p>{t('improvement:whatHelps.none')}</p>
          ) : (
            <ol class="usa-list">
              {items.map((item) => (
                <Item ctx={ctx} b={b} item={item} />
              ))}
            </ol>
          )}
        </section>
      ))}
    </Layout>
  );
}
