import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { AuditEventView } from '../../audit/audit.service.ts';
import type { AuditQuery } from '../admin.schemas.ts';
import { AdminLayout } from './admin-layout.tsx';
import { AuditTable } from './audit-table.tsx';

export function AuditPage(props: { ctx: ViewContext; query: AuditQuery; actions: string[]; events: AuditEventView[]; nextBeforeId: number | null }) {
  const { ctx, query } = props;
  const { t } = ctx;
  const keep = new URLSearchParams(
    Object.entries({ ...query, before: undefined }).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
  );
  const olderHref = props.nextBeforeId ? `/admin/audit?${new URLSearchParams([...keep, ['before', String(props.nextBeforeId)]])}` : null;
  return (
    <AdminLayout ctx={ctx} title={t('admin:audit.title')}>
      <h1>{t('admin:audit.title')}</h1>
      <p class="usa-intro">{t('admin:audit.intro')}</p>
      <form method="get" action="/admin/audit" class="usa-form maxw-none margin-bottom-3">
        <div class="grid-row grid-gap">
          <div class="tablet:grid-col-4">
            <label class="usa-label" for="audit-action">{t('admin:audit.action')}</label>
            <select class="usa-select" id="audit-action" name="action">
              <option value="">{t('admin:audit.anyAction')}</option>
              {props.actions.map((a) => (
                <option value={a} selected={a === query.action}>{a}</option>
              ))}
            </select>
          </div>
          <div class="tablet:grid-col-4">
            <label class="usa-label" for="audit-subject">{t('admin:audit.subjectType')}</label>
            <select class="usa-select" id="audit-subject" name="subjectType">
              <option value="">{t('admin:audit.anySubject')}</option>
              {['organisation', 'person', 'role', 'api_token'].map((s) => (
                <option value={s} selected={s === query.subjectType}>{t(`admin:audit.subjects.${s}`)}</option>
              ))}
            </select>
          </div>
          <div class="tablet:grid-col-4">
            <label class="usa-label" for="audit-org">{t('admin:audit.organisationId')}</label>
            <input class="usa-input" id="audit-org" name="organisationId" inputMode="numeric" value={query.organisationId ?? ''} />
          </div>
        </div>
        {query.personId !== undefined && <input type="hidden" name="personId" value={query.personId} />}
        <button type="submit" class="usa-button margin-top-2">{t('admin:audit.filter')}</button>
      </form>
      <AuditTable ctx={ctx} events={props.events} />
      {olderHref && (
        <p>
          <a class="usa-button usa-button--outline" href={olderHref}>{t('admin:audit.older')}</a>
        </p>
      )}
    </AdminLayout>
  );
}
