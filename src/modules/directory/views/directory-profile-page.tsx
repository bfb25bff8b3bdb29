import type { ComponentChildren } from 'preact';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { DirectoryProfile } from '../directory.schemas.ts';
import { gradeSpanLabel, kindLabel, placeLabel } from '../../organisations/views/organisation-labels.ts';
import { StatusBadge } from './status-badge.tsx';
import { scriptJson } from './script-json.ts';

/** schema.org markup for search engines: School for schools, Organization for the rest. Public fields only. */
export function profileJsonLd(o: DirectoryProfile, baseUrl: string): Record<string, unknown> {
  const url = `${baseUrl}/directory/${o.slug}`;
  return {
    '@context': 'https://schema.org',
    '@type': o.kind === 'school' ? 'School' : 'Organization',
    '@id': url,
    url,
    name: o.name,
    ...(o.description && { description: o.description }),
    ...((o.city || o.state) && {
      address: { '@type': 'PostalAddress', ...(o.city && { addressLocality: o.city }), ...(o.state && { addressRegion: o.state }), addressCountry: 'US' },
    }),
    ...(o.website && { sameAs: o.website }),
    ...(o.email && { email: o.email }),
    ...(o.phone && { telephone: o.phone }),
    ...(o.center && { memberOf: { '@type': 'Organization', name: o.center.name, url: `${baseUrl}/directory/${o.center.slug}` } }),
  };
}

/** A public profile: only fields the organisation shows everyone (contacts only if it opted in). */
export function DirectoryProfilePage({ ctx, organisation: o, baseUrl }: { ctx: ViewContext; organisation: DirectoryProfile; baseUrl: string }) {
  const { t } = ctx;
  const grades = gradeSpanLabel(t, o.grade_low, o.grade_high);
  const place = placeLabel(o.city, o.state);
  const facts: [string, ComponentChildren][] = [];
  const add = (key: string, value: ComponentChildren) => value && facts.push([t(`directory:profile.${key}`), value]);
  add('kind', kindLabel(t, o.kind));
  add('status', o.affiliation_status && <StatusBadge t={t} status={o.affiliation_status} />);
  add('location', place);
  add('region', o.region);
  add('grades', grades);
  add('enrolment', o.enrolment_band && t(`directory:enrolment.${o.enrolment_band}`));
  add('center', o.center && <a class="usa-link" href={`/directory/${o.center.slug}`}>{o.center.name}</a>);
  add('website', o.website && <a class="usa-link" href={o.website} rel="noopener">{o.website}</a>);
  add('email', o.email && <a class="usa-link" href={`mailto:${o.email}`}>{o.email}</a>);
  add('phone', o.phone);
  return (
    <Layout ctx={ctx} title={o.name}>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptJson(profileJsonLd(o, baseUrl)) }} />
      <nav class="usa-breadcrumb" aria-label={t('directory:breadcrumb')}>
        <ol class="usa-breadcrumb__list">
          <li class="usa-breadcrumb__list-item">
            <a class="usa-breadcrumb__link" href="/directory"><span>{t('common:nav.directory')}</span></a>
          </li>
          <li class="usa-breadcrumb__list-item usa-current" aria-current="page">
            <span>{o.name}</span>
          </li>
        </ol>
      </nav>
      <h1>{o.name}</h1>
      {o.description && <p class="usa-intro">{o.description}</p>}
      <dl class="grid-row grid-gap margin-top-3">
        {facts.map(([label, value]) => (
          <div class="tablet:grid-col-6 margin-bottom-2">
            <dt class="text-bold">{label}</dt>
            <dd class="margin-left-0">{value}</dd>
          </div>
        ))}
      </dl>
      {o.principles_focus.length > 0 && (
        <section class="margin-top-2">
          <h2>{t('directory:profile.principles')}</h2>
          <ul class="usa-list">
            {o.principles_focus.map((n) => (
              <li>
                <a class="usa-link" href={`/principles#principle-${n}`}>{t(`pages:principles.items.${n}.title`)}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}
