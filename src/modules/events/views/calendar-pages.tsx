import type { ComponentChildren } from 'preact';
import { EVENT_KINDS } from '../../../db/schema.ts';
import { Pagination } from '../../../platform/ui/components/pagination.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { CalendarEvent, MonthView, Organisers } from '../calendar.service.ts';
import { daysOf, shiftMonth } from '../calendar.service.ts';
import type { EventListQuery } from '../calendar.schemas.ts';
import { tagChoices, tagLabel, type TagVocabulary } from '../event-tags.ts';
import { CancelledTag, EventListItem, timeOfDay } from './event-parts.tsx';
import { bool } from '../../../db/dialect.ts';

/** The query as URL parameters (defaults left out), with some values replaced. */
export function calendarHref(query: EventListQuery, changes: Partial<Record<keyof EventListQuery, string | number | undefined>> = {}): string {
  const merged: Record<string, unknown> = { ...query, ...changes };
  const defaults: Record<string, unknown> = { when: 'upcoming', view: 'list', page: 1 };
  const params = new URLSearchParams();
  for (const key of ['when', 'view', 'month', 'organiser', 'kind', 'tag', 'mode', 'q', 'page']) {
    const v = merged[key];
    if (v !== undefined && v !== '' && v !== defaults[key]) params.set(key, String(v));
  }
  const s = params.toString();
  return s ? `/events?${s}` : '/events';
}

/**
 * Layout with feed autodiscovery links in <head>. The shared Layout has no slot for them, so its
 * document is taken apart here and the links added to its head; if its shape ever changes, the page
 * still renders (without the links) rather than break.
 */
export function LayoutWithFeeds(props: { ctx: ViewContext; title: string; feeds: { href: string; type: string; title: string }[]; children: ComponentChildren }) {
  const links = props.feeds.map((f) => <link rel="alternate" type={f.type} href={f.href} title={f.title} />);
  return (
    <Layout ctx={props.ctx} title={props.title} head={links}>
      {props.children}
    </Layout>
  );
}

function Filters({ ctx, query, organisers, vocab }: { ctx: ViewContext; query: EventListQuery; organisers: Organisers; vocab: TagVocabulary }) {
  const { t } = ctx;
  const select = (name: string, label: string, options: [string, string][]) => (
    <div class="usa-form-group tablet:grid-col-4 margin-top-1">
      <label class="usa-label margin-top-0" for={`filter-${name}`}>{label}</label>
      <select class="usa-select" id={`filter-${name}`} name={name}>
        <option value="">{t('events:filters.any')}</option>
        {options.map(([value, text]) => (
          <option value={value} selected={(query as Record<string, unknown>)[name] === value}>{text}</option>
        ))}
      </select>
    </div>
  );
  return (
    <form method="get" action="/events" class="usa-form maxw-none margin-bottom-3" role="search" aria-label={t('events:filters.label')}>
      {query.when !== 'upcoming' && <input type="hidden" name="when" value={query.when} />}
      {query.view === 'month' && <input type="hidden" name="view" value="month" />}
      {query.view === 'month' && query.month && <input type="hidden" name="month" value={query.month} />}
      <div class="grid-row grid-gap-2">
        <div class="usa-form-group tablet:grid-col-12 margin-top-1">
          <label class="usa-label margin-top-0" for="filter-q">{t('events:filters.q')}</label>
          <input class="usa-input maxw-none" id="filter-q" name="q" type="search" maxLength={100} value={query.q ?? ''} />
        </div>
        {select('organiser', t('events:filters.organiser'), organisers.map((o) => [o.slug, o.name]))}
        {select('kind', t('events:filters.kind'), EVENT_KINDS.map((k) => [k, t(`events:kinds.${k}`)]))}
        {select('mode', t('events:filters.mode'), [['in_person', t('events:filters.inPerson')], ['online', t('events:online')]])}
        <div class="usa-form-group tablet:grid-col-8 margin-top-1">
          <label class="usa-label margin-top-0" for="filter-tag">{t('events:filters.tag')}</label>
          <select class="usa-select maxw-none" id="filter-tag" name="tag">
            <option value="">{t('events:filters.any')}</option>
            {tagChoices(vocab).filter(([, tags]) => tags.length > 0).map(([group, tags]) => (
              <optgroup label={t(`events:tagGroups.${group}`)}>
                {tags.map((tag) => (
                  <option value={tag} selected={query.tag === tag}>{tagLabel(t, vocab, tag)}</option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div class="tablet:grid-col-4 margin-top-1 display-flex flex-align-end">
          <button type="submit" class="usa-button">{t('events:filters.apply')}</button>
          <a class="usa-button usa-button--unstyled margin-left-1" href={query.view === 'month' ? '/events?view=month' : '/events'}>{t('events:filters.clear')}</a>
        </div>
      </div>
    </form>
  );
}

function Tabs({ ctx, query }: { ctx: ViewContext; query: EventListQuery }) {
  const { t } = ctx;
  const item = (href: string, current: boolean, text: string) => (
    <li class="usa-button-group__item">
      <a class={`usa-button${current ? '' : ' usa-button--outline'}`} href={href} aria-current={current ? 'page' : undefined}>{text}</a>
    </li>
  );
  return (
    <nav aria-label={t('events:views.label')} class="margin-bottom-2">
      <ul class="usa-button-group">
        {item(calendarHref(query, { view: 'list', when: 'upcoming', month: undefined, page: 1 }), query.view === 'list' && query.when === 'upcoming', t('events:views.upcoming'))}
        {item(calendarHref(query, { view: 'list', when: 'past', month: undefined, page: 1 }), query.view === 'list' && query.when === 'past', t('events:views.past'))}
        {item(calendarHref(query, { view: 'month', when: 'upcoming', page: 1 }), query.view === 'month', t('events:views.month'))}
      </ul>
    </nav>
  );
}

function FeedLinks({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <section class="margin-top-4" aria-labelledby="feeds-heading">
      <h2 id="feeds-heading" class="font-heading-md">{t('events:feeds.heading')}</h2>
      <ul class="usa-list">
        <li><a class="usa-link" href="/events.ics">{t('events:feeds.ics')}</a></li>
        <li><a class="usa-link" href="/events.rss">{t('events:feeds.rss')}</a></li>
        <li><a class="usa-link" href="/events.atom">{t('events:feeds.atom')}</a></li>
        {ctx.principal && <li><a class="usa-link" href="/events/calendar">{t('events:feeds.mine')}</a></li>}
      </ul>
    </section>
  );
}

export const CALENDAR_FEEDS = (t: ViewContext['t']) => [
  { href: '/events.rss', type: 'application/rss+xml', title: t('events:feeds.rss') },
  { href: '/events.atom', type: 'application/atom+xml', title: t('events:feeds.atom') },
  { href: '/events.ics', type: 'text/calendar', title: t('events:feeds.ics') },
];

/** /events — the public calendar: upcoming or past events as a list, or a month grid, with filters. */
export function CalendarPage(props: { ctx: ViewContext; query: EventListQuery; organisers: Organisers; list?: { items: CalendarEvent[]; total: number; page: number; perPage: number }; month?: MonthView; canCreate: boolean; vocab: TagVocabulary }) {
  const { ctx, query } = props;
  const { t } = ctx;
  return (
    <LayoutWithFeeds ctx={ctx} title={t('events:calendar.title')} feeds={CALENDAR_FEEDS(t)}>
      <h1>{t('events:calendar.heading')}</h1>
      <p class="usa-intro">{t('events:calendar.lead')}</p>
      {(props.canCreate || ctx.principal) && (
        <ul class="usa-button-group margin-bottom-2">
          {props.canCreate && (
            <li class="usa-button-group__item"><a class="usa-button usa-button--secondary" href="/events/manage">{t('events:calendar.manage')}</a></li>
          )}
          {ctx.principal && (
            <li class="usa-button-group__item"><a class="usa-button usa-button--outline" href="/events/mine">{t('events:calendar.mine')}</a></li>
          )}
        </ul>
      )}
      <Tabs ctx={ctx} query={query} />
      <Filters ctx={ctx} query={query} organisers={props.organisers} vocab={props.vocab} />
      {props.list && <ListResults ctx={ctx} query={query} list={props.list} />}
      {props.month && <MonthGrid ctx={ctx} query={query} month={props.month} />}
      <FeedLinks ctx={ctx} />
    </LayoutWithFeeds>
  );
}

function ListResults({ ctx, query, list }: { ctx: ViewContext; query: EventListQuery; list: NonNullable<Parameters<typeof CalendarPage>[0]['list']> }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading" class="usa-sr-only">{t(query.when === 'past' ? 'events:views.past' : 'events:views.upcoming')}</h2>
      {list.items.length === 0 ? (
        <p>{t(query.when === 'past' ? 'events:calendar.noPast' : 'events:calendar.none')}</p>
      ) : (
        <ul class="usa-list usa-list--unstyled">
          {list.items.map((e) => (
            <EventListItem ctx={ctx} event={e} organiser={{ name: e.organiser_name, slug: e.organiser_slug, kind: e.organiser_kind }} headingLevel={3} />
          ))}
        </ul>
      )}
      <Pagination ctx={ctx} page={list.page} perPage={list.perPage} total={list.total} hrefFor={(page) => calendarHref(query, { page })} />
    </section>
  );
}

function MonthGrid({ ctx, query, month }: { ctx: ViewContext; query: EventListQuery; month: MonthView }) {
  const { t, locale } = ctx;
  const [y, m] = month.month.split('-').map(Number) as [number, number];
  const title = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
  const firstRow = month.weeks[0] ?? [];
  const firstDate = firstRow.find((d) => d)!.date;
  const firstIndex = firstRow.findIndex((d) => d);
  const weekday = (i: number, style: 'long' | 'short') =>
    new Intl.DateTimeFormat(locale, { weekday: style, timeZone: 'UTC' }).format(new Date(Date.parse(`${firstDate}T00:00:00Z`) + (i - firstIndex) * 86_400_000));
  const dayLabel = new Intl.DateTimeFormat(locale, { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' });
  return (
    <section aria-labelledby="month-heading">
      <div class="display-flex flex-justify flex-align-center flex-wrap">
        <h2 id="month-heading" class="margin-y-1">{title}</h2>
        <nav aria-label={t('events:month.nav')}>
          <ul class="usa-button-group">
            <li class="usa-button-group__item"><a class="usa-button usa-button--outline" href={calendarHref(query, { month: shiftMonth(month.month, -1) })}>{t('events:month.previous')}</a></li>
            <li class="usa-button-group__item"><a class="usa-button usa-button--outline" href={calendarHref(query, { month: shiftMonth(month.month, 1) })}>{t('events:month.next')}</a></li>
          </ul>
        </nav>
      </div>
      <p>{t('events:month.count', { count: month.count })}</p>
      <div class="usa-table-container--scrollable" tabIndex={0} role="region" aria-label={t('events:month.caption', { month: title })}>
        <table class="usa-table usa-table--borderless width-full calendar-month">
          <caption class="usa-sr-only">{t('events:month.caption', { month: title })}</caption>
          <thead>
            <tr>
              {[0, 1, 2, 3, 4, 5, 6].map((i) => (
                <th scope="col" abbr={weekday(i, 'long')}>{weekday(i, 'short')}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {month.weeks.map((week) => (
              <tr>
                {week.map((day) =>
                  day ? (
                    <td class="text-top">
                      <span class="text-bold" aria-hidden="true">{Number(day.date.slice(8))}</span>
                      <span class="usa-sr-only">{dayLabel.format(new Date(`${day.date}T00:00:00Z`))}</span>
                      {day.events.length > 0 && (
                        <ul class="usa-list usa-list--unstyled font-body-3xs">
                          {day.events.map((e) => (
                            <li class="margin-top-05">
                              <a class="usa-link" href={`/events/${e.slug}`}>
                                {!bool(e.all_day) && daysOf(e)[0] === day.date && `${timeOfDay(locale, e.starts_at, e.timezone)} `}
                                {e.title}
                              </a>
                              <CancelledTag ctx={ctx} event={e} />
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  ) : (
                    <td></td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
