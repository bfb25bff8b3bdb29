import type { OutboxMessage } from '../../../platform/mail/outbox.ts';
import { DateTime } from '../../../platform/ui/components/date-time.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { Alert } from '../../../platform/ui/components/alert.tsx';
import { AdminLayout } from './admin-layout.tsx';

export function OutboxPage({ ctx, messages, smtpConfigured }: { ctx: ViewContext; messages: OutboxMessage[]; smtpConfigured: boolean }) {
  const { t } = ctx;
  return (
    <AdminLayout ctx={ctx} title={t('admin:outbox.title')}>
      <h1>{t('admin:outbox.title')}</h1>
      <p class="usa-intro">{t('admin:outbox.intro')}</p>
      {smtpConfigured && <Alert type="info" slim>{t('admin:outbox.smtpConfigured')}</Alert>}
      {messages.length === 0 ? (
        <p>{t('admin:outbox.empty')}</p>
      ) : (
        <table class="usa-table usa-table--striped width-full">
          <caption class="usa-sr-only">{t('admin:outbox.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin:outbox.date')}</th>
              <th scope="col">{t('admin:outbox.to')}</th>
              <th scope="col">{t('admin:outbox.subject')}</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr>
                <td><DateTime ctx={ctx} iso={m.date} empty="" /></td>
                <td>{m.to}</td>
                <td><a class="usa-link" href={`/admin/outbox/${encodeURIComponent(m.id)}`}>{m.subject || t('admin:outbox.noSubject')}</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}

export function OutboxMessagePage({ ctx, message }: { ctx: ViewContext; message: OutboxMessage }) {
  const { t } = ctx;
  return (
    <AdminLayout ctx={ctx} title={message.subject || t('admin:outbox.noSubject')}>
      <h1>{message.subject || t('admin:outbox.noSubject')}</h1>
      <dl>
        <dt class="text-bold">{t('admin:outbox.to')}</dt>
        <dd class="margin-left-0 margin-bottom-1">{message.to}</dd>
        <dt class="text-bold">{t('admin:outbox.date')}</dt>
        <dd class="margin-left-0 margin-bottom-1"><DateTime ctx={ctx} iso={message.date} empty="" /></dd>
      </dl>
      {/* Mail is shown as text, never as HTML: it may carry links a reader could be tricked by. */}
      <pre class="bg-base-lightest padding-2 font-mono-xs">{message.text}</pre>
      <p><a class="usa-link" href="/admin/outbox">{t('admin:outbox.back')}</a></p>
    </AdminLayout>
  );
}
