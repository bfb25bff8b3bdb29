import { ORGANISATION_KINDS, type OrganisationKind } from '../../../db/schema.ts';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { AuditEventView } from '../../audit/audit.service.ts';
import { AdminLayout } from './admin-layout.tsx';
import { AuditTable } from './audit-table.tsx';

export interface DashboardData {
  organisations: Record<OrganisationKind, number>;
  people: { total: number; verified: number };
  recentEvents: AuditEventView[];
  outboxCount: number | null;
}

/** The network's size: one figure per kind of organisation, and people with accounts. */
function NetworkAtAGlance({ ctx, data }: { ctx: ViewContext; data: DashboardData }) {
  const { t } = ctx;
  const figures: [string, number, string?][] = [
    ...ORGANISATION_KINDS.map((kind): [string, number, string] => [t(`admin:dashboard.kinds.${kind}`), data.organisations[kind], `/admin/organisations?kind=${kind}`]),
    [t('admin:dashboard.peopleCount'), data.people.total, '/admin/people'],
    [t('admin:dashboard.verifiedCount'), data.people.verified],
  ];
  return (
    <section aria-labelledby="glance-heading" class="margin-bottom-4">
      <h2 id="glance-heading">{t('admin:dashboard.glance')}</h2>
      <dl class="grid-row grid-gap">
        {figures.map(([label, value, href]) => (
          <div class="tablet:grid-col-4 margin-bottom-2">
            <dt class="font-body-xs text-base-dark">{label}</dt>
            <dd class="margin-left-0 font-heading-xl text-bold">{href ? <a class="usa-link" href={href}>{value.toLocaleString(ctx.locale)}</a> : value.toLocaleString(ctx.locale)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function DashboardPage({ ctx, data }: { ctx: ViewContext; data: DashboardData }) {
  const { t } = ctx;
  const links = [
    ['/admin/organisations', 'admin:dashboard.organisations'],
    ['/admin/people', 'admin:dashboard.people'],
    ['/admin/api-tokens', 'admin:dashboard.apiTokens'],
    ['/api/docs', 'admin:dashboard.apiDocs'],
  ] as const;
  return (
    <AdminLayout ctx={ctx} title={t('admin:dashboard.title')}>
      <h1>{t('admin:dashboard.title')}</h1>
      <p class="usa-intro">{t('admin:dashboard.intro')}</p>
      <NetworkAtAGlance ctx={ctx} data={data} />
      <ul class="usa-card-group">
        {links.map(([href, key]) => (
          <li class="usa-card tablet:grid-col-6">
            <div class="usa-card__container">
              <div class="usa-card__header">
                <h2 class="usa-card__heading">
                  <a class="usa-link" href={href}>{t(`${key}.title`)}</a>
                </h2>
              </div>
              <div class="usa-card__body">
                <p>{t(`${key}.body`)}</p>
              </div>
            </div>
          </li>
        ))}
      </ul>
      {data.outboxCount !== null && (
        <p>
          <a class="usa-link" href="/admin/outbox">{t('admin:dashboard.outbox', { count: data.outboxCount })}</a>
        </p>
      )}
      <h2>{t('admin:dashboard.recent')}</h2>
      <AuditTable ctx={ctx} events={data.recentEvents} />
      <p>
        <a class="usa-link" href="/admin/audit">{t('admin:dashboard.allEvents')}</a>
      </p>
    </AdminLayout>
  );
}
