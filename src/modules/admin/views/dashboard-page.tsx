import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { AuditEventView } from '../../audit/audit.service.ts';
import { AdminLayout } from './admin-layout.tsx';
import { AuditTable } from './audit-table.tsx';

export interface DashboardData {
  recentEvents: AuditEventView[];
  outboxCount: number | null;
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
