import type { CoalitionEvent } from '../../../db/schema.ts';
import { Alert } from '../../../platform/ui/components/alert.tsx';
import { CsrfField, type FormState } from '../../../platform/ui/components/form.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { formatDeadline } from '../waitlist-emails.ts';
import { OFFER_HOURS } from '../waitlist.service.ts';
import type { WaitlistLine } from '../waitlist-queue.service.ts';

/** The join form's state: which ticket type it was for, and the messages. */
export interface JoinState {
  ticketTypeId: number;
  state: FormState;
}

/** Several join forms share the page, so each field gets an id of its own ticket type. */
function QuantityField({ ctx, line, join }: { ctx: ViewContext; line: WaitlistLine; join: JoinState | null }) {
  const id = `quantity-${line.type.id}`;
  const mine = join?.ticketTypeId === line.type.id ? join.state : null;
  const errors = mine?.errors.quantity;
  const value = mine?.values.quantity !== undefined ? String(mine.values.quantity) : '1';
  return (
    <div class={`usa-form-group${errors ? ' usa-form-group--error' : ''}`}>
      <label class={`usa-label${errors ? ' usa-label--error' : ''}`} for={id}>
        {ctx.t('waitlist:page.quantity')}
      </label>
      <div class="usa-hint" id={`${id}-hint`}>
        {ctx.t('waitlist:page.quantityHint', { count: line.type.max_per_order })}
      </div>
      {errors && (
        <span class="usa-error-message" id={`${id}-error`} role="alert">
          {errors.map((m) => ctx.t(m, { count: line.type.max_per_order })).join(' ')}
        </span>
      )}
      <input class={`usa-input usa-input--small${errors ? ' usa-input--error' : ''}`} id={id} name="quantity" type="number" inputMode="numeric" min={1} max={line.type.max_per_order} value={value} aria-invalid={errors ? 'true' : undefined} aria-describedby={errors ? `${id}-hint ${id}-error` : `${id}-hint`} />
    </div>
  );
}

function Line({ ctx, event, line, join, open }: { ctx: ViewContext; event: CoalitionEvent; line: WaitlistLine; join: JoinState | null; open: boolean }) {
  const { t } = ctx;
  const base = `/events/${event.slug}/waitlist`;
  const { entry } = line;
  const leave = (label: string) => (
    <form method="post" action={`${base}/leave`} class="margin-top-2">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="entry_id" value={String(entry!.id)} />
      <button type="submit" class="usa-button usa-button--outline">{label}</button>
    </form>
  );
  const formError = join?.ticketTypeId === line.type.id ? join.state.formError : undefined;
  return (
    <section class="margin-bottom-4 padding-2 border-1px border-base-lighter radius-md" aria-labelledby={`type-${line.type.id}`}>
      <h2 id={`type-${line.type.id}`} class="margin-top-0">{line.type.name}</h2>
      {formError && <Alert type="error">{t(formError)}</Alert>}
      {entry?.status === 'offered' ? (
        <>
          <Alert type="success" heading={t('waitlist:page.offerHeading')}>
            {t('waitlist:page.offer', { count: entry.quantity, deadline: formatDeadline(entry.offer_expires_at!, ctx.locale, event.timezone) })}
          </Alert>
          <a class="usa-button margin-top-2" href={`/events/${event.slug}/register?offer=${encodeURIComponent(entry.offer_token!)}`}>{t('waitlist:page.takeOffer')}</a>
          {leave(t('waitlist:page.decline'))}
        </>
      ) : entry ? (
        <>
          <p>{t('waitlist:page.onList', { count: entry.quantity })}</p>
          <p class="text-bold">{line.ahead === 0 ? t('waitlist:page.next') : t('waitlist:page.ahead', { count: line.ahead ?? 0 })}</p>
          {leave(t('waitlist:page.leave'))}
        </>
      ) : !line.soldOut ? (
        <p>
          {t('waitlist:page.available')} <a class="usa-link" href={`/events/${event.slug}/register`}>{t('waitlist:page.registerInstead')}</a>
        </p>
      ) : open ? (
        <form method="post" action={base} class="usa-form" noValidate>
          <CsrfField ctx={ctx} />
          <p>{t('waitlist:page.soldOut')}</p>
          <input type="hidden" name="ticket_type_id" value={String(line.type.id)} />
          <QuantityField ctx={ctx} line={line} join={join} />
          <button type="submit" class="usa-button">{t('waitlist:page.join')}</button>
        </form>
      ) : (
        <p>{t('waitlist:page.closed')}</p>
      )}
    </section>
  );
}

/** /events/:slug/waitlist — join a sold-out ticket type's waitlist, see one's place or offer, leave. */
export function WaitlistPage(props: { ctx: ViewContext; event: CoalitionEvent; open: boolean; lines: WaitlistLine[]; join: JoinState | null }) {
  const { ctx, event } = props;
  const { t } = ctx;
  const title = t('waitlist:page.title', { event: event.title });
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a class="usa-link" href={`/events/${event.slug}`}>{t('waitlist:page.back', { event: event.title })}</a>
      </p>
      <h1>{title}</h1>
      <p class="usa-intro">{t('waitlist:page.lead', { hours: OFFER_HOURS })}</p>
      {props.join && !props.lines.some((l) => l.type.id === props.join!.ticketTypeId) && <Alert type="error">{t('waitlist:errors.unknownType')}</Alert>}
      {props.lines.length === 0 ? <p>{t('waitlist:page.noTickets')}</p> : props.lines.map((line) => <Line ctx={ctx} event={event} line={line} join={props.join} open={props.open} />)}
    </Layout>
  );
}
