import type { ComponentChildren } from 'preact';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { OrganisationPublic } from '../../organisations/organisations.schemas.ts';
import { gradeSpanLabel, kindLabel, placeLabel } from '../../organisations/views/organisation-labels.ts';

/** A public profile: only fields the organisation shows everyone (contacts only if it opted in). */
export function DirectoryProfilePage({ ctx, organisation: o }: { ctx: ViewContext; organisation: OrganisationPublic }) {
  const { t } = ctx;
  const grades = gradeSpanLabel(t, o.grade_low, o.grade_high);
  const place = placeLabel(o.city, o.state);
  const facts: [string, ComponentChildren][] = [];
  const add = (key: string, value: ComponentChildren) => value && facts.push([t(`directory:profile.${key}`), value]);
  add('kind', kindLabel(t, o.kind));
  add('location', place);
  add('region', o.region);
  add('grades', grades);
  add('center', o.center && <a class="usa-link" href={`/directory/${o.center.slug}`}>{o.center.name}</a>);
  add('website', o.website && <a class="usa-link" href={o.website} rel="noopener">{o.website}</a>);
  add('email', o.email && <a class="usa-link" href={`mailto:${o.email}`}>{o.email}</a>);
  add('phone', o.phone);
  return (
    <Layout ctx={ctx} title={o.name}>
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
    </Layout>
  );
}
