import type { CenterNews, Organisation } from '../../../db/schema.ts';
import { bool } from '../../../db/dialect.ts';
import { DateTime } from '../../../platform/ui/components/date-time.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { CenterSpace, CenterSummary } from '../center-space.service.ts';
import { Paragraphs } from '../../../platform/ui/components/paragraphs.tsx';
import type { CalendarEvent } from '../../events/calendar.service.ts';
import { EventListItem } from '../../events/views/event-parts.tsx';

/** /centers — every affiliate center. */
export function CentersIndexPage({ ctx, centers, exchange }: { ctx: ViewContext; centers: CenterSummary[]; exchange: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('centers:index.title')}>
      <h1>{t('centers:index.title')}</h1>
      <p class="usa-intro">{t('centers:index.lead')}</p>
      {exchange && (
        <p>
          <a class="usa-button usa-button--outline" href="/exchange">{t('centers:index.exchange')}</a>
        </p>
      )}
      {centers.length === 0 ? (
        <p>{t('centers:index.none')}</p>
      ) : (
        <ul class="usa-card-group">
          {centers.map(({ center, schoolCount, serviceCount }) => (
            <li class="usa-card tablet:grid-col-6">
              <div class="usa-card__container">
                <div class="usa-card__header">
                  <h2 class="usa-card__heading">
                    <a class="usa-link" href={`/centers/${center.slug}`}>{center.name}</a>
                  </h2>
                </div>
                <div class="usa-card__body">
                  <p>{[center.region, center.state].filter(Boolean).join(' · ')}</p>
                  <p>{t('centers:index.counts', { schools: schoolCount, services: serviceCount })}</p>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export interface CenterSpaceLinks {
  canEdit: boolean;
  canHandleRequests: boolean;
  /** The viewer works at one of the center's schools. */
  isSchoolMember: boolean;
}

/** /centers/:slug — a center's public space. */
export function CenterSpacePage({ ctx, space, links, events = [] }: { ctx: ViewContext; space: CenterSpace; links: CenterSpaceLinks; events?: CalendarEvent[] }) {
  const { t } = ctx;
  const c = space.center;
  const base = `/centers/${c.slug}`;
  const directors = space.staff.filter((s) => s.role === 'center_director');
  const coaches = space.staff.filter((s) => s.role === 'center_coach');
  return (
    <Layout ctx={ctx} title={c.name}>
      <h1 class="margin-bottom-1">{c.name}</h1>
      <p class="usa-intro margin-top-0">{[t('centers:space.kind'), c.region, c.state].filter(Boolean).join(' · ')}</p>
      {(links.canEdit || links.canHandleRequests || links.isSchoolMember) && (
        <ul class="usa-button-group margin-y-2">
          {links.canEdit && (
            <li class="usa-button-group__item">
              <a class="usa-button" href={`${base}/edit`}>{t('centers:space.manage')}</a>
            </li>
          )}
          {links.canHandleRequests && (
            <li class="usa-button-group__item">
              <a class="usa-button usa-button--outline" href={`${base}/requests`}>{t('centers:space.requestsQueue')}</a>
            </li>
          )}
          {links.isSchoolMember && (
            <li class="usa-button-group__item">
              <a class="usa-button usa-button--outline" href={`${base}/requests/mine`}>{t('centers:space.myRequests')}</a>
            </li>
          )}
        </ul>
      )}

      <section class="margin-top-3" aria-labelledby="about">
        <h2 id="about">{t('centers:space.about')}</h2>
        {c.description ? <Paragraphs text={c.description} /> : <p>{t('centers:space.noAbout')}</p>}
        <Contact ctx={ctx} center={c} />
      </section>

      <section class="margin-top-4" aria-labelledby="staff">
        <h2 id="staff">{t('centers:space.staff')}</h2>
        {space.staff.length === 0 ? (
          <p>{t('centers:space.noStaff')}</p>
        ) : (
          <ul class="usa-list">
            {[...directors, ...coaches].map((s) => (
              <li>
                <strong>{s.name}</strong>, {s.title ?? t(`centers:roles.${s.role}`)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="margin-top-4" aria-labelledby="services">
        <h2 id="services">{t('centers:space.services')}</h2>
        {space.services.length === 0 && <p>{t('centers:space.noServices')}</p>}
        {space.services.map((s) => (
          <article class="margin-bottom-3 border-left-05 border-primary padding-left-2">
            <h3 class="margin-bottom-0">{s.title}</h3>
            <p class="margin-top-05 text-base-dark">{t(`centers:kinds.${s.kind}`)}</p>
            <Paragraphs text={s.description} />
            <h4 class="margin-bottom-05">{t('centers:space.howToRequest')}</h4>
            <Paragraphs text={s.how_to_request} />
            <p>
              <a class="usa-link" href={`${base}/services/${s.id}/request`}>{t('centers:space.requestService', { title: s.title })}</a>
            </p>
          </article>
        ))}
      </section>

      <section class="margin-top-4" aria-labelledby="schools">
        <h2 id="schools">{t('centers:space.schools')}</h2>
        {space.schools.length === 0 ? (
          <p>{t('centers:space.noSchools')}</p>
        ) : (
          <>
            <ul class="usa-list">
              {space.schools.map((s) => (
                <li>
                  <a class="usa-link" href={`/directory/${s.slug}`}>{s.name}</a>
                  {s.city && ` (${[s.city, s.state].filter(Boolean).join(', ')})`}
                </li>
              ))}
            </ul>
            {space.schoolCount > space.schools.length && <p>{t('centers:space.moreSchools', { count: space.schoolCount - space.schools.length })}</p>}
          </>
        )}
      </section>

      <section class="margin-top-4" aria-labelledby="news">
        <h2 id="news">{t('centers:space.news')}</h2>
        {space.news.length === 0 ? (
          <p>{t('centers:space.noNews')}</p>
        ) : (
          <ul class="usa-list usa-list--unstyled">
            {space.news.map((n) => (
              <li class="margin-bottom-2">
                <a class="usa-link text-bold" href={`${base}/news/${n.slug}`}>{n.title}</a>
                <br />
                <DateTime ctx={ctx} iso={n.published_at} empty={t('centers:news.draft')} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="margin-top-4" aria-labelledby="events">
        <h2 id="events">{t('centers:space.events')}</h2>
        {events.length === 0 ? (
          <p>{t('events:centerSpace.none')}</p>
        ) : (
          <ul class="usa-list usa-list--unstyled">
            {events.map((e) => (
              <EventListItem ctx={ctx} event={e} headingLevel={3} />
            ))}
          </ul>
        )}
        <ul class="usa-list">
          <li>
            <a class="usa-link" href={`/events?organiser=${encodeURIComponent(c.slug)}`}>{t('events:centerSpace.all')}</a>
          </li>
          <li>
            <a class="usa-link" href={`${base}/events.ics`}>{t('events:centerSpace.feed')}</a>
          </li>
        </ul>
      </section>
    </Layout>
  );
}

function Contact({ ctx, center: c }: { ctx: ViewContext; center: Organisation }) {
  const { t } = ctx;
  const open = bool(c.contact_public);
  const rows: [string, preact.ComponentChildren][] = [];
  if (c.city || c.state) rows.push([t('centers:space.location'), [c.city, c.state].filter(Boolean).join(', ')]);
  if (c.website && /^https?:\/\//.test(c.website)) rows.push([t('centers:space.website'), <a class="usa-link" href={c.website} rel="noopener noreferrer">{c.website}</a>]);
  if (open && c.email) rows.push([t('centers:space.email'), <a class="usa-link" href={`mailto:${c.email}`}>{c.email}</a>]);
  if (open && c.phone) rows.push([t('centers:space.phone'), c.phone]);
  if (rows.length === 0) return null;
  return (
    <>
      <h3>{t('centers:space.contact')}</h3>
      <dl>
        {rows.map(([k, v]) => (
          <>
            <dt class="text-bold">{k}</dt>
            <dd class="margin-left-0 margin-bottom-1">{v}</dd>
          </>
        ))}
      </dl>
    </>
  );
}

/** /centers/:slug/news/:newsSlug — one published news item. */
export function CenterNewsPage({ ctx, center, item }: { ctx: ViewContext; center: Organisation; item: CenterNews }) {
  return (
    <Layout ctx={ctx} title={item.title}>
      <nav aria-label={ctx.t('centers:breadcrumb')} class="usa-breadcrumb padding-top-0">
        <ol class="usa-breadcrumb__list">
          <li class="usa-breadcrumb__list-item">
            <a class="usa-breadcrumb__link" href="/centers"><span>{ctx.t('centers:index.title')}</span></a>
          </li>
          <li class="usa-breadcrumb__list-item">
            <a class="usa-breadcrumb__link" href={`/centers/${center.slug}`}><span>{center.name}</span></a>
          </li>
        </ol>
      </nav>
      <h1>{item.title}</h1>
      <p class="text-base-dark">
        <DateTime ctx={ctx} iso={item.published_at} empty="" />
      </p>
      <Paragraphs text={item.body} />
    </Layout>
  );
}
