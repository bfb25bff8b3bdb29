import { DateTime } from '../../../platform/ui/components/date-time.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { AuditEventView } from '../../audit/audit.service.ts';

/** What changed, in one readable line: `field: before → after`. */
function describeChanges(changes: Record<string, unknown> | null): string {
  if (!changes) return '';
  return Object.entries(changes)
    .map(([field, v]) => (Array.isArray(v) && v.length === 2 ? `${field}: ${String(v[0] ?? '∅')} → ${String(v[1] ?? '∅')}` : `${field}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`))
    .join('; ');
}

const subjectHref = (e: AuditEventView): string | null =>
  e.subjectType === 'person' ? `/people/${e.subjectId}` : e.subjectType === 'organisation' && e.organisation ? `/organisations/${e.organisation.slug}` : null;

/** "Organisation #12", in the reader's language. */
const subjectLabel = (t: ViewContext['t'], e: AuditEventView): string =>
  `${t(`admin:audit.subjects.${e.subjectType}`, { defaultValue: e.subjectType })} #${e.subjectId}`;

/** A table of audit events, newest first. */
export function AuditTable({ ctx, events }: { ctx: ViewContext; events: AuditEventView[] }) {
  const { t } = ctx;
  if (events.length === 0) return <p>{t('admin:audit.empty')}</p>;
  return (
    <div class="usa-table-container--scrollable" tabIndex={0}>
      <table class="usa-table usa-table--striped usa-table--compact width-full">
        <caption class="usa-sr-only">{t('admin:audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin:audit.when')}</th>
            <th scope="col">{t('admin:audit.who')}</th>
            <th scope="col">{t('admin:audit.action')}</th>
            <th scope="col">{t('admin:audit.subject')}</th>
            <th scope="col">{t('admin:audit.organisation')}</th>
            <th scope="col">{t('admin:audit.changes')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => {
            const href = subjectHref(e);
            return (
              <tr>
                <td>
                  <DateTime ctx={ctx} iso={e.occurredAt} empty="" />
                </td>
                <td>{e.actorLabel}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>{href ? <a class="usa-link" href={href}>{subjectLabel(t, e)}</a> : subjectLabel(t, e)}</td>
                <td>{e.organisation ? <a class="usa-link" href={`/organisations/${e.organisation.slug}`}>{e.organisation.name}</a> : ''}</td>
                <td class="font-mono-3xs">{describeChanges(e.changes)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
