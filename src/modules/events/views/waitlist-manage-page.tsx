import type { CoalitionEvent } from '../../../db/schema.ts';
import { CsrfField } from '../../../platform/ui/components/form.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { formatDeadline } from '../waitlist-emails.ts';
import type { waitlistForOrganisers } from '../waitlist-queue.service.ts';
import { OrganiserLayout } from './organiser-layout.tsx';

type Groups = Awaited<ReturnType<typeof waitlistForOrganisers>>;

function Action({ ctx, action, entryId, label, who, outline }: { ctx: ViewContext; action: string; entryId: number; label: string; who: string; outline?: boolean }) {
  return (
    <form method="post" action={action} class="display-inline-block margin-right-1">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="entry_id" value={String(entryId)} />
      <button type="submit" class={`usa-button usa-button--unstyled${outline ? ' text-secondary-dark' : ''}`}>
        {label}
        <span class="usa-sr-only">: {who}</span>
      </button>
    </form>
  );
}

/** /events/:slug/waitlist/manage — each ticket type's queue, with "offer now" and "remove". */
export function WaitlistManagePage(props: { ctx: ViewContext; event: CoalitionEvent; groups: Groups }) {
  const { ctx, event } = props;
  const { t } = ctx;
  const base = `/events/${event.slug}/waitlist/manage`;
  const title = t('waitlist:manage.title');
  return (
    <OrganiserLayout ctx={ctx} event={event} title={title}>
      <h1>{title}</h1>
      <p>{t('waitlist:manage.lead')}</p>
      {props.groups.length === 0 && <p>{t('waitlist:page.noTickets')}</p>}
      {props.groups.map((g) => (
        <section class="margin-bottom-4" aria-labelledby={`type-${g.type.id}`}>
          <h2 id={`type-${g.type.id}`}>{g.type.name}</h2>
          <p>{t('waitlist:manage.free', { count: Math.max(0, g.free) })}</p>
          {g.entries.length === 0 ? (
            <p>{t('waitlist:manage.empty')}</p>
          ) : (
            <div class="usa-table-container--scrollable" tabIndex={0}>
              <table class="usa-table usa-table--borderless usa-table--stacked">
                <caption class="usa-sr-only">{t('waitlist:manage.caption', { type: g.type.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('waitlist:manage.position')}</th>
                    <th scope="col">{t('waitlist:manage.person')}</th>
                    <th scope="col">{t('waitlist:manage.quantity')}</th>
                    <th scope="col">{t('waitlist:manage.status')}</th>
                    <th scope="col">{t('waitlist:manage.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {g.entries.map(({ entry, position, seats }) => (
                    <tr>
                      <td data-label={t('waitlist:manage.position')}>{position ?? '—'}</td>
                      <th scope="row" data-label={t('waitlist:manage.person')}>
                        {entry.name}
                        <br />
                        <span class="text-base-dark">{entry.email}</span>
                      </th>
                      <td data-label={t('waitlist:manage.quantity')}>{entry.quantity}</td>
                      <td data-label={t('waitlist:manage.status')}>
                        {entry.status === 'offered' ? t('waitlist:manage.offeredUntil', { deadline: formatDeadline(entry.offer_expires_at!, ctx.locale, event.timezone) }) : t('waitlist:manage.waiting')}
                      </td>
                      <td data-label={t('waitlist:manage.actions')}>
                        {entry.status === 'waiting' && seats <= g.free && <Action ctx={ctx} action={`${base}/offer`} entryId={entry.id} label={t('waitlist:manage.offerNow')} who={entry.name} />}
                        <Action ctx={ctx} action={`${base}/remove`} entryId={entry.id} label={t('waitlist:manage.remove')} who={entry.name} outline />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </OrganiserLayout>
  );
}
