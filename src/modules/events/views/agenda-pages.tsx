import type { CoalitionEvent } from '../../../db/schema.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { formatDay, formatTime, utcToLocal, zoneName } from '../agenda-time.ts';
import type { AgendaSession } from '../agenda.service.ts';
import { tagLabel, type TagVocabulary } from '../event-tags.ts';
import { SessionCard } from './session-parts.tsx';

export interface AgendaView {
  event: CoalitionEvent;
  sessions: AgendaSession[];
  days: string[];
  /** Tags used on this agenda: the filter offers only these. */
  usedTags: string[];
  filter: { tags: string[]; day?: string };
  starred: Set<number> | null;
  /** Star counts, for organisers only. */
  stars: Map<number, number> | null;
  canManage: boolean;
  canPropose: boolean;
  vocab: TagVocabulary;
}

/** Sessions grouped by local day, then by start time. */
function groupByDayAndSlot(event: CoalitionEvent, sessions: AgendaSession[]): [string, [string, AgendaSession[]][]][] {
  const days = new Map<string, Map<string, AgendaSession[]>>();
  for (const s of sessions) {
    const day = utcToLocal(s.starts_at, event.timezone).day;
    const slots = days.get(day) ?? new Map<string, AgendaSession[]>();
    slots.set(s.starts_at, [...(slots.get(s.starts_at) ?? []), s]);
    days.set(day, slots);
  }
  return [...days].map(([day, slots]) => [day, [...slots]]);
}

/** /events/:slug/agenda — the public agenda, filterable by tag and day. */
export function AgendaPage({ ctx, view }: { ctx: ViewContext; view: AgendaView }) {
  const { t } = ctx;
  const { event } = view;
  const base = `/events/${event.slug}/agenda`;
  const title = t('agenda:public.title', { event: event.title });
  const filtered = view.filter.tags.length > 0 || !!view.filter.day;
  const back = `${base}${filtered ? `?${new URLSearchParams([...view.filter.tags.map((tag) => ['tag', tag]), ...(view.filter.day ? [['day', view.filter.day]] : [])]).toString()}` : ''}`;
  return (
    <Layout ctx={ctx} title={title}>
      <p class="margin-bottom-1"><a class="usa-link" href={`/events/${event.slug}`}>{t('agenda:backToEvent', { title: event.title })}</a></p>
      <h1>{title}</h1>
      {event.status === 'cancelled' && <div class="usa-alert usa-alert--warning usa-alert--slim" role="status"><div class="usa-alert__body"><p class="usa-alert__text">{t('agenda:public.eventCancelled')}</p></div></div>}
      <p>
        {ctx.principal ? <a class="usa-link" href={`/events/${event.slug}/my-agenda`}>{t('agenda:public.myAgendaLink')}</a> : t('agenda:public.signInToStar')}
        {view.canPropose && <> · <a class="usa-link" href={`/events/${event.slug}/proposals`}>{t('agenda:public.proposeLink')}</a></>}
        {view.canManage && <> · <a class="usa-link" href={`${base}/manage`}>{t('agenda:public.manageLink')}</a></>}
      </p>
      {view.usedTags.length > 0 || view.days.length > 1 ? (
        <details class="margin-bottom-3" open={filtered}>
          <summary>{t('agenda:filter.title')}</summary>
          <form method="get" action={base} class="usa-form usa-form--large">
            {view.days.length > 1 && (
              <>
                <label class="usa-label" for="agenda-day">{t('agenda:filter.day')}</label>
                <select class="usa-select" id="agenda-day" name="day">
                  <option value="">{t('agenda:filter.allDays')}</option>
                  {view.days.map((d) => <option value={d} selected={d === view.filter.day}>{formatDay(d, ctx.locale)}</option>)}
                </select>
              </>
            )}
            {view.usedTags.length > 0 && (
              <fieldset class="usa-fieldset margin-top-2">
                <legend class="usa-legend">{t('agenda:filter.tags')}</legend>
                {view.usedTags.map((tag, i) => (
                  <div class="usa-checkbox">
                    <input class="usa-checkbox__input" type="checkbox" id={`filter-tag-${i}`} name="tag" value={tag} checked={view.filter.tags.includes(tag)} />
                    <label class="usa-checkbox__label" for={`filter-tag-${i}`}>{tagLabel(t, view.vocab, tag)}</label>
                  </div>
                ))}
              </fieldset>
            )}
            <button type="submit" class="usa-button margin-top-2">{t('agenda:filter.apply')}</button>
          </form>
        </details>
      ) : null}
      {filtered && (
        <p>
          {t('agenda:filter.showing', { count: view.sessions.length })}{' '}
          {view.filter.tags.map((tag) => <span class="usa-tag margin-right-05">{tagLabel(t, view.vocab, tag)}</span>)}
          <a class="usa-link" href={base}>{t('agenda:filter.clear')}</a>
        </p>
      )}
      {view.sessions.length === 0 && <p>{t(filtered ? 'agenda:public.noneMatch' : 'agenda:public.none')}</p>}
      {groupByDayAndSlot(event, view.sessions).map(([day, slots]) => (
        <section class="margin-top-4" aria-labelledby={`day-${day}`}>
          <h2 id={`day-${day}`}>{formatDay(day, ctx.locale)}</h2>
          {slots.map(([startsAt, sessions]) => (
            <section class="margin-top-2">
              <h3>{`${formatTime(startsAt, event.timezone, ctx.locale)} ${zoneName(startsAt, event.timezone, ctx.locale)}`}</h3>
              <ul class="usa-card-group display-block add-list-reset">
                {sessions.map((s) => (
                  <SessionCard ctx={ctx} vocab={view.vocab} event={event} session={s} canStar={!!ctx.principal} starred={view.starred?.has(s.id)} stars={view.stars ? (view.stars.get(s.id) ?? 0) : undefined} back={back} />
                ))}
              </ul>
            </section>
          ))}
        </section>
      ))}
    </Layout>
  );
}

/** /events/:slug/my-agenda — my starred sessions in time order, clashes flagged, and what I present. */
export function MyAgendaPage(props: { ctx: ViewContext; vocab: TagVocabulary; event: CoalitionEvent; starred: AgendaSession[]; presenting: AgendaSession[]; clashes: Map<number, AgendaSession[]> }) {
  const { ctx, event } = props;
  const { t } = ctx;
  const title = t('agenda:mine.title', { event: event.title });
  const back = `/events/${event.slug}/my-agenda`;
  return (
    <Layout ctx={ctx} title={title}>
      <p class="margin-bottom-1"><a class="usa-link" href={`/events/${event.slug}/agenda`}>{t('agenda:mine.backToAgenda')}</a></p>
      <h1>{title}</h1>
      <p>{t('agenda:mine.feedLead')} <a class="usa-link" href="/events/calendar">{t('agenda:mine.feedLink')}</a></p>
      {props.presenting.length > 0 && (
        <section aria-labelledby="presenting">
          <h2 id="presenting">{t('agenda:mine.presenting')}</h2>
          <ul class="usa-card-group display-block add-list-reset">
            {props.presenting.map((s) => <SessionCard ctx={ctx} vocab={props.vocab} event={event} session={s} canStar={false} back={back} headingLevel={3} showDay />)}
          </ul>
        </section>
      )}
      <section aria-labelledby="starred">
        <h2 id="starred">{t('agenda:mine.starred')}</h2>
        {props.clashes.size > 0 && (
          <div class="usa-alert usa-alert--warning usa-alert--slim margin-bottom-2" role="status">
            <div class="usa-alert__body"><p class="usa-alert__text">{t('agenda:mine.clashSummary')}</p></div>
          </div>
        )}
        {props.starred.length === 0 ? (
          <p>{t('agenda:mine.none')} <a class="usa-link" href={`/events/${event.slug}/agenda`}>{t('agenda:mine.browse')}</a></p>
        ) : (
          <ul class="usa-card-group display-block add-list-reset">
            {props.starred.map((s) => {
              const clash = props.clashes.get(s.id);
              return <SessionCard ctx={ctx} vocab={props.vocab} event={event} session={s} canStar starred back={back} headingLevel={3} showDay note={clash ? t('agenda:mine.clashesWith', { titles: clash.map((c) => c.title).join(', ') }) : undefined} />;
            })}
          </ul>
        )}
      </section>
    </Layout>
  );
}
