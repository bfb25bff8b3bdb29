import { TZDate } from '@date-fns/tz';
import type { ComponentChildren } from 'preact';
import type { CoalitionEvent, Organisation } from '../../../db/schema.ts';
import { bool } from '../../../db/dialect.ts';
import { Alert } from '../../../platform/ui/components/alert.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { scriptJson } from '../../directory/views/script-json.ts';
import type { EventPageFacts } from '../calendar.service.ts';
import type { RegistrationPanel } from '../registration-panel.ts';
import type { TagVocabulary } from '../event-tags.ts';
import { EventWhen, TagLinks } from './event-parts.tsx';
import { RegistrationPanelView } from './registration-panel.tsx';
import { Paragraphs } from '../../../platform/ui/components/paragraphs.tsx';

const organiserUrl = (o: Organisation, baseUrl: string) => (o.kind === 'affiliate_center' ? `${baseUrl}/centers/${o.slug}` : `${baseUrl}/about`);

/**
 * schema.org Event for search engines and calendars: times with the event's UTC offset, status
 * (cancelled events say so), attendance mode, place or virtual location (the page, never the
 * join link), organiser, and one offer per ticket type on sale.
 */
export function eventJsonLd(e: CoalitionEvent, organiser: Organisation, facts: EventPageFacts, baseUrl: string): Record<string, unknown> {
  const url = `${baseUrl}/events/${e.slug}`;
  const allDay = bool(e.all_day);
  const online = bool(e.online);
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    '@id': url,
    url,
    name: e.title,
    description: e.summary,
    startDate: allDay ? e.start_date : new TZDate(e.starts_at, e.timezone).toISOString(),
    endDate: allDay ? e.end_date : new TZDate(e.ends_at, e.timezone).toISOString(),
    eventStatus: e.status === 'cancelled' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    eventAttendanceMode: online ? 'https://schema.org/OnlineEventAttendanceMode' : 'https://schema.org/OfflineEventAttendanceMode',
    location: online
      ? { '@type': 'VirtualLocation', url }
      : { '@type': 'Place', name: e.venue_name ?? '', ...(e.venue_address && { address: e.venue_address }) },
    organizer: { '@type': 'Organization', name: organiser.name, url: organiserUrl(organiser, baseUrl) },
    ...(facts.tags.length && { keywords: facts.tags.join(', ') }),
    ...(facts.offers.length && {
      offers: facts.offers.map((o) => ({
        '@type': 'Offer',
        name: o.name,
        price: (o.price_cents / 100).toFixed(2),
        priceCurrency: 'USD',
        url: `${url}/register`,
        ...(o.sales_start_at && { validFrom: o.sales_start_at }),
        ...(o.sales_end_at && { validThrough: o.sales_end_at }),
      })),
    }),
  };
}

export interface EventPageProps {
  ctx: ViewContext;
  event: CoalitionEvent;
  organiser: Organisation;
  facts: EventPageFacts;
  panel: RegistrationPanel;
  canOrganise: boolean;
  baseUrl: string;
  /** Names the event's tags (see `vocabularyFor`). */
  vocab: TagVocabulary;
}

/** /events/:slug — one event. */
export function EventPage({ ctx, event: e, organiser, facts, panel, canOrganise, baseUrl, vocab }: EventPageProps) {
  const { t } = ctx;
  const base = `/events/${e.slug}`;
  const online = bool(e.online);
  const rows: [string, ComponentChildren][] = [
    [t('events:page.when'), <>
      <EventWhen ctx={ctx} event={e} />
      {!bool(e.all_day) && <><br /><span class="text-base-dark">{t('events:page.timezone', { zone: e.timezone })}</span></>}
    </>],
    [t('events:page.where'), online ? <>
      {t('events:online')}
      {e.online_url && (facts.ticketHolder || canOrganise) ? <><br /><a class="usa-link" href={e.online_url} rel="noopener noreferrer">{t('events:page.join')}</a></> : e.online_url && <><br /><span class="text-base-dark">{t('events:page.joinForTicketHolders')}</span></>}
    </> : <>{e.venue_name}{e.venue_address && <><br />{e.venue_address}</>}</>],
    [t('events:page.organiser'), organiser.kind === 'affiliate_center' ? <a class="usa-link" href={`/centers/${organiser.slug}`}>{organiser.name}</a> : organiser.name],
    [t('events:page.kind'), t(`events:kinds.${e.kind}`)],
  ];
  if (e.contact_email) rows.push([t('events:page.contact'), <a class="usa-link" href={`mailto:${e.contact_email}`}>{e.contact_email}</a>]);
  return (
    <Layout ctx={ctx} title={e.title}>
      {e.status !== 'draft' && <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptJson(eventJsonLd(e, organiser, facts, baseUrl)) }} />}
      <nav class="usa-breadcrumb padding-top-0" aria-label={t('events:breadcrumb')}>
        <ol class="usa-breadcrumb__list">
          <li class="usa-breadcrumb__list-item"><a class="usa-breadcrumb__link" href="/events"><span>{t('events:calendar.title')}</span></a></li>
          <li class="usa-breadcrumb__list-item usa-current" aria-current="page"><span>{e.title}</span></li>
        </ol>
      </nav>
      {e.status === 'cancelled' && (
        <Alert type="error" heading={t('events:page.cancelledHeading')}>{t('events:page.cancelledText')}</Alert>
      )}
      {e.status === 'draft' && <Alert type="warning" slim>{t('events:page.draft')}</Alert>}
      <h1 class="margin-bottom-1">{e.title}</h1>
      <p class="usa-intro margin-top-0">{e.summary}</p>
      {canOrganise && (
        <ul class="usa-button-group margin-y-2">
          <li class="usa-button-group__item"><a class="usa-button usa-button--secondary" href={`${base}/edit`}>{t('events:page.edit')}</a></li>
          <li class="usa-button-group__item"><a class="usa-button usa-button--outline" href={`${base}/tickets`}>{t('events:page.manage')}</a></li>
        </ul>
      )}
      <dl class="grid-row grid-gap margin-top-2">
        {rows.map(([label, value]) => (
          <div class="tablet:grid-col-6 margin-bottom-2">
            <dt class="text-bold">{label}</dt>
            <dd class="margin-left-0">{value}</dd>
          </div>
        ))}
      </dl>
      <ul class="usa-button-group margin-bottom-3">
        <li class="usa-button-group__item"><a class="usa-button usa-button--outline" href={`${base}.ics`} download={`${e.slug}.ics`}>{t('events:page.addToCalendar')}</a></li>
        {facts.sessionCount > 0 && <li class="usa-button-group__item"><a class="usa-button usa-button--outline" href={`${base}/agenda`}>{t('events:page.agenda', { count: facts.sessionCount })}</a></li>}
        {facts.proposalsOpen && <li class="usa-button-group__item"><a class="usa-button usa-button--outline" href={`${base}/proposals`}>{t('events:page.proposalsOpen')}</a></li>}
      </ul>
      <RegistrationPanelView ctx={ctx} event={e} panel={panel} />
      {e.description && (
        <section class="margin-top-3" aria-labelledby="about-event">
          <h2 id="about-event">{t('events:page.about')}</h2>
          <Paragraphs text={e.description} />
        </section>
      )}
      {facts.tags.length > 0 && (
        <section class="margin-top-3" aria-labelledby="event-tags">
          <h2 id="event-tags">{t('events:page.tags')}</h2>
          <TagLinks ctx={ctx} tags={facts.tags} vocab={vocab} />
        </section>
      )}
    </Layout>
  );
}
