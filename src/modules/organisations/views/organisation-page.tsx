import type { ComponentChildren } from 'preact';
import { bool } from '../../../db/dialect.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { OrganisationPrivateView } from '../organisations.service.ts';
import { US_STATES, type UsStateCode } from '../us-states.ts';
import { gradeSpanLabel, kindLabel, placeLabel } from './organisation-labels.ts';

export interface OrganisationPageProps {
  ctx: ViewContext;
  view: OrganisationPrivateView;
  /** May edit (canManageOrganisation). */
  canManage: boolean;
  /** A network admin: sees the change history and may delete. */
  canAdminister: boolean;
  /** Whether the viewer may open another organisation's own page (its center, its members). */
  canOpen: (o: { id: number; kind: string; center_id: number | null }) => boolean;
}

/** /organisations/:slug — everything recorded about an organisation, for the people it belongs to. */
export function OrganisationPage({ ctx, view, canManage, canAdminister, canOpen }: OrganisationPageProps) {
  const { t } = ctx;
  const o = view.organisation;
  const base = `/organisations/${o.slug}`;
  const notSet = <span class="text-base">{t('organisations:page.notSet')}</span>;
  const show = (v: unknown): ComponentChildren => (v === null || v === undefined || v === '' ? notSet : String(v));
  const center = view.center;
  return (
    <Layout ctx={ctx} title={o.name}>
      <h1 class="margin-bottom-1">{o.name}</h1>
      <p class="usa-intro margin-top-0">
        {kindLabel(t, o.kind)}
        {center && (
          <>
            {' · '}
            {canOpen(center) ? <a class="usa-link" href={`/organisations/${center.slug}`}>{center.name}</a> : center.name}
          </>
        )}
      </p>
      <ul class="usa-button-group margin-y-3">
        {canManage && (
          <li class="usa-button-group__item">
            <a class="usa-button" href={`${base}/edit`}>{t('organisations:page.edit')}</a>
          </li>
        )}
        <li class="usa-button-group__item">
          <a class="usa-button usa-button--outline" href={`${base}/people`}>{t('organisations:page.people')}</a>
        </li>
        {canAdminister && (
          <>
            <li class="usa-button-group__item">
              <a class="usa-button usa-button--outline" href={`/admin/audit?organisationId=${o.id}`}>{t('organisations:page.history')}</a>
            </li>
            <li class="usa-button-group__item">
              <a class="usa-button usa-button--secondary" href={`${base}/delete`}>{t('organisations:page.delete')}</a>
            </li>
          </>
        )}
      </ul>
      {o.description && <p class="usa-prose">{o.description}</p>}

      <Facts ctx={ctx} name={o.name} section="contact" rows={[
        ['email', o.email ? <a class="usa-link" href={`mailto:${o.email}`}>{o.email}</a> : notSet],
        ['phone', show(o.phone)],
        ['website', o.website && /^https?:\/\//.test(o.website) ? <a class="usa-link" href={o.website} rel="noopener noreferrer">{o.website}</a> : show(o.website)],
        ['contact_public', t(bool(o.contact_public) ? 'organisations:page.publicContact' : 'organisations:page.privateContact')],
      ]} />
      <Facts ctx={ctx} name={o.name} section="address" rows={[
        ['address_line1', show(o.address_line1)],
        ['address_line2', show(o.address_line2)],
        ['city', show(o.city)],
        ['state', o.state ? `${US_STATES[o.state as UsStateCode] ?? o.state} (${o.state})` : notSet],
        ['postal_code', show(o.postal_code)],
        ['region', show(o.region)],
        ['location', o.latitude !== null && o.longitude !== null ? `${o.latitude}, ${o.longitude}` : notSet],
      ]} />
      {o.kind === 'school' && (
        <Facts ctx={ctx} name={o.name} section="school" rows={[
          ['grade_span', gradeSpanLabel(t, o.grade_low, o.grade_high) ?? notSet],
          ['enrolment', o.enrolment === null ? notSet : o.enrolment.toLocaleString(ctx.locale)],
          ['nces_id', show(o.nces_id)],
        ]} />
      )}
      {o.kind === 'affiliate_center' && <Members {...{ ctx, view, canOpen, canAdminister }} />}
    </Layout>
  );
}

/** One section of facts as a two-column table: a heading for each row, so screen readers pair them. */
function Facts(props: { ctx: ViewContext; name: string; section: string; rows: [string, ComponentChildren][] }) {
  const { t } = props.ctx;
  const heading = t(`organisations:sections.${props.section}`);
  return (
    <section class="margin-top-4">
      <h2>{heading}</h2>
      <table class="usa-table usa-table--borderless width-full">
        <caption class="usa-sr-only">{t('organisations:page.details', { section: heading, name: props.name })}</caption>
        <tbody>
          {props.rows.map(([field, value]) => (
            <tr>
              <th scope="row" class="width-card-lg">{t(`organisations:fields.${field}`)}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Members({ ctx, view, canOpen, canAdminister }: Pick<OrganisationPageProps, 'ctx' | 'view' | 'canOpen' | 'canAdminister'>) {
  const { t } = ctx;
  const o = view.organisation;
  return (
    <section class="margin-top-4">
      <h2>{t('organisations:page.members')}</h2>
      {view.memberCount === 0 ? (
        <p>{t('organisations:page.noMembers')}</p>
      ) : (
        <>
          <p>
            {t('organisations:page.membersCount', { count: view.memberCount })}
            {view.memberCount > view.members.length && ` ${t('organisations:page.membersTruncated', { shown: view.members.length })}`}
            {canAdminister && (
              <>
                {' '}
                <a class="usa-link" href={`/admin/organisations?center=${o.id}`}>{t('organisations:page.membersAll')}</a>
              </>
            )}
          </p>
          <table class="usa-table usa-table--borderless usa-table--stacked width-full">
            <caption>{t('organisations:page.membersCaption', { name: o.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('organisations:page.columns.name')}</th>
                <th scope="col">{t('organisations:page.columns.kind')}</th>
                <th scope="col">{t('organisations:page.columns.location')}</th>
                <th scope="col">{t('organisations:page.columns.grades')}</th>
              </tr>
            </thead>
            <tbody>
              {view.members.map((m) => (
                <tr>
                  <th scope="row" data-label={t('organisations:page.columns.name')}>
                    {canOpen(m) ? <a class="usa-link" href={`/organisations/${m.slug}`}>{m.name}</a> : m.name}
                  </th>
                  <td data-label={t('organisations:page.columns.kind')}>{kindLabel(t, m.kind)}</td>
                  <td data-label={t('organisations:page.columns.location')}>{placeLabel(m.city, m.state)}</td>
                  <td data-label={t('organisations:page.columns.grades')}>{gradeSpanLabel(t, m.grade_low, m.grade_high) ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
