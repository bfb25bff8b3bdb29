import { bool } from '../../../db/dialect.ts';
import { DateTime } from '../../../platform/ui/components/date-time.tsx';
import { Form, SubmitButton, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { invoicePath } from '../../billing/billing.service.ts';
import type { OrderPageData, TicketView } from '../order-view.service.ts';
import { formatMoney } from '../pricing.ts';
import { whenText } from '../registration-emails.ts';

const ALERT: Record<string, string> = { confirmed: 'success', pending: 'warning', cancelled: 'info', expired: 'info' };

function TicketCard({ ctx, data, ticket, transferState }: { ctx: ViewContext; data: OrderPageData; ticket: TicketView; transferState?: FormState }) {
  const { t } = ctx;
  const { event, order, role } = data;
  const active = ticket.status === 'active' && order.status !== 'cancelled' && order.status !== 'expired';
  const base = `/events/${event.slug}/orders/${order.reference}`;
  const mayTransfer = active && order.status === 'confirmed' && data.transfersOpen && !ticket.isAddOn && !ticket.checked_in_at && role !== 'organiser';
  return (
    <li class="usa-card tablet:grid-col-6">
      <div class="usa-card__container">
        <div class="usa-card__header">
          <h3 class="usa-card__heading">
            {ticket.typeName}
            {ticket.audience === 'students' && <span class="usa-tag margin-left-1">{t('registration:audience.students')}</span>}
          </h3>
        </div>
        <div class="usa-card__body">
          <p>
            {ticket.attendee_name}
            <br />
            {ticket.attendee_email}
          </p>
          <p>
            {t(`registration:ticketStatus.${ticket.status}`)}
            {ticket.checked_in_at && ` · ${t('registration:order.checkedIn')}`} · {formatMoney(ticket.price_cents, ctx.locale)}
          </p>
          {ticket.qr && <img src={ticket.qr} width={180} height={180} alt={t('registration:order.qrAlt', { name: ticket.attendee_name })} />}
          {ticket.qr && <p class="font-mono-xs">{ticket.code}</p>}
        </div>
        {(role !== 'attendee' || mayTransfer) && active && (
          <div class="usa-card__footer">
            {role !== 'attendee' && !ticket.isAddOn && !(role === 'buyer' && ticket.cancelBlock) && data.tickets.filter((x) => x.status === 'active' && !x.isAddOn).length > 1 && (
              <Form ctx={ctx} action={`${base}/cancel`} class="margin-bottom-1">
                <input type="hidden" name="ticket_id" value={String(ticket.id)} />
                <SubmitButton variant="outline">{t('registration:order.cancelTicket', { name: ticket.attendee_name })}</SubmitButton>
              </Form>
            )}
            {mayTransfer && (
              <details>
                <summary>{t('registration:order.transfer')}</summary>
                <Form ctx={ctx} action={`${base}/transfer`} state={transferState} class="usa-form">
                  <input type="hidden" name="ticket_id" value={String(ticket.id)} />
                  <TextField ctx={ctx} state={transferState} name="name" label={t('registration:order.transferName')} required maxLength={200} />
                  <TextField ctx={ctx} state={transferState} name="email" label={t('registration:order.transferEmail')} type="email" required maxLength={254} />
                  <SubmitButton>{t('registration:order.transferSubmit')}</SubmitButton>
                </Form>
              </details>
            )}
          </div>
        )}
      </div>
    </li>
  );
}

/** What organisers see besides: who bought, for which school, and the refund to record. */
function OrganiserPart({ ctx, data, refundState }: { ctx: ViewContext; data: OrderPageData; refundState?: FormState }) {
  const { t } = ctx;
  const { event, order } = data;
  return (
    <section class="bg-base-lightest padding-2 margin-y-3" aria-labelledby="organiser-heading">
      <h2 id="organiser-heading" class="margin-top-0">
        {t('registration:order.organiserTitle')}
      </h2>
      <p>
        {t('registration:order.buyer')}: {order.buyer_name} &lt;{order.buyer_email}&gt; · <DateTime ctx={ctx} iso={order.created_at} empty="" />
      </p>
      <p>
        <a href={`/events/${event.slug}/orders`}>{t('registration:order.allOrders')}</a>
      </p>
      {order.refund_state === 'due' && (
        <Form ctx={ctx} action={`/events/${event.slug}/orders/${order.reference}/refund`} state={refundState}>
          <TextField ctx={ctx} state={refundState} name="reference" label={t('registration:order.refundReference')} hint={t('registration:order.refundReferenceHint')} required maxLength={120} />
          <SubmitButton>{t('registration:order.markRefunded')}</SubmitButton>
        </Form>
      )}
    </section>
  );
}

/** /events/:slug/orders/:reference — the confirmation and ticket page (also the organisers' order detail). */
export function OrderPage(props: {
  ctx: ViewContext;
  data: OrderPageData;
  transfer?: { ticketId: number; state: FormState };
  refundState?: FormState;
  error?: string;
  /** Back from the provider's checkout (?checkout=success): the payment's webhook may not have arrived yet. */
  checkoutReturned?: boolean;
}) {
  const { ctx, data, transfer, refundState } = props;
  const { t } = ctx;
  const { event, order, role } = data;
  const money = (c: number) => formatMoney(c, ctx.locale);
  const base = `/events/${event.slug}/orders/${order.reference}`;
  const live = order.status === 'confirmed' || order.status === 'pending';
  const paymentOnItsWay = !!props.checkoutReturned && order.status === 'pending' && !data.holdOver;
  const title = t('registration:order.title', { reference: order.reference });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {props.error && (
        <div class="usa-alert usa-alert--error margin-bottom-3" role="alert">
          <div class="usa-alert__body">
            <p class="usa-alert__text">{t(props.error)}</p>
          </div>
        </div>
      )}
      <div class={`usa-alert usa-alert--${ALERT[order.status]} usa-alert--slim margin-bottom-3`} role="status">
        <div class="usa-alert__body">
          <p class="usa-alert__text">
            {t(`registration:order.statusText.${order.status}`)}
            {order.status === 'pending' && order.hold_expires_at && !data.holdOver && (
              <>
                {' '}
                {t('registration:order.holdUntil')} <DateTime ctx={ctx} iso={order.hold_expires_at} empty="" />
              </>
            )}
            {data.holdOver && ` ${t('registration:order.holdOver')}`}
            {/* Said so the buyer does not pay twice while the provider's confirmation is on its way. */}
            {paymentOnItsWay && ` ${t('registration:order.paymentConfirming')}`}
          </p>
        </div>
      </div>
      <h2>
        <a href={`/events/${event.slug}`}>{event.title}</a>
      </h2>
      <p>
        {whenText(event, ctx.locale)}
        <br />
        {bool(event.online) ? t('registration:order.online') : [event.venue_name, event.venue_address].filter(Boolean).join(', ')}
      </p>
      {order.status === 'confirmed' && bool(event.online) && event.online_url && (
        <p>
          <a class="usa-link" href={event.online_url}>
            {t('registration:order.join')}
          </a>
        </p>
      )}
      <p>
        <a class="usa-link" href={`/events/${event.slug}.ics`}>
          {t('registration:order.addToCalendar')}
        </a>
      </p>
      {role !== 'attendee' && (
        <>
          <h2>{t('registration:order.payment')}</h2>
          <dl>
            <dt class="text-bold">{t('registration:order.method')}</dt>
            <dd class="margin-left-0 margin-bottom-1">{t(`registration:payment.${order.payment_method}`)}</dd>
            <dt class="text-bold">{t('registration:order.total')}</dt>
            <dd class="margin-left-0 margin-bottom-1">
              {money(order.total_cents)}
              {order.discount_cents > 0 && ` (${t('registration:order.saved', { amount: money(order.discount_cents) })})`}
            </dd>
            {data.invoice && (
              <>
                <dt class="text-bold">{t('registration:order.invoice')}</dt>
                <dd class="margin-left-0 margin-bottom-1">
                  <a href={invoicePath(data.invoice.number)}>{data.invoice.number}</a> · {t(`registration:invoiceState.${data.invoice.state}`)}
                </dd>
              </>
            )}
            {order.refund_state !== 'none' && (
              <>
                <dt class="text-bold">{t('registration:order.refund')}</dt>
                <dd class="margin-left-0 margin-bottom-1">{t(`registration:refundState.${order.refund_state}`, { amount: money(order.refund_cents) })}</dd>
              </>
            )}
          </dl>
          {data.canPayByCard && !paymentOnItsWay && (
            <Form ctx={ctx} action={`${base}/pay`} class="margin-bottom-2">
              <SubmitButton>{t('registration:order.payByCard')}</SubmitButton>
            </Form>
          )}
        </>
      )}
      {data.organiser && <OrganiserPart ctx={ctx} data={data} refundState={refundState} />}
      <h2>{t('registration:order.tickets', { count: data.tickets.length })}</h2>
      <ul class="usa-card-group">
        {data.tickets.map((ticket) => (
          <TicketCard ctx={ctx} data={data} ticket={ticket} transferState={transfer?.ticketId === ticket.id ? transfer.state : undefined} />
        ))}
      </ul>
      {live && role !== 'attendee' && (
        <section class="margin-top-4" aria-labelledby="cancel-heading">
          <h2 id="cancel-heading">{t('registration:order.cancelTitle')}</h2>
          {event.refund_policy && <p>{event.refund_policy}</p>}
          {role === 'buyer' && data.cancelBlock ? (
            // The buyer is told why rather than shown a button that would be refused.
            <p>{t(`registration:order.cancelBlocked.${data.cancelBlock}`)}</p>
          ) : (
            <>
              <p>{t(data.refundableNow ? 'registration:order.refundYes' : 'registration:order.refundNo')}</p>
              <Form ctx={ctx} action={`${base}/cancel`}>
                <SubmitButton variant="secondary">{t('registration:order.cancelOrder')}</SubmitButton>
              </Form>
            </>
          )}
        </section>
      )}
    </Layout>
  );
}
