import type { CoalitionEvent } from '../../../db/schema.ts';
import { bool } from '../../../db/dialect.ts';
import { Form } from '../../../platform/ui/components/form.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { formatMoney } from '../pricing.ts';
import type { Prepared } from '../registration-checks.ts';
import { refundableNow } from '../registration-rules.ts';
import { whenText } from '../registration-emails.ts';
import { CARD_HOLD_MINUTES } from '../registration.service.ts';

/** The form fields the summary carries on to placing (or back to the form): what the buyer typed, nothing else. */
const CARRIED = /^(qty_\d{1,10}|attendees|staff_id|organisation_id|promo_code|payment_method|po_number|offer|submission_key)$/;

export interface ReviewProps {
  ctx: ViewContext;
  event: CoalitionEvent;
  prepared: Prepared;
  /** The form's values as posted, sent on unchanged as hidden fields. */
  values: Record<string, unknown>;
  poNumber: string | undefined;
  promoCode: string | undefined;
  now: Date;
}

function HiddenValues({ values }: { values: Record<string, unknown> }) {
  const fields = Object.entries(values).filter(([k]) => CARRIED.test(k));
  return <>{fields.flatMap(([name, v]) => [v].flat().map((one) => <input type="hidden" name={name} value={String(one)} />))}</>;
}

function RefundPolicy({ ctx, event, now }: { ctx: ViewContext; event: CoalitionEvent; now: Date }) {
  const { t } = ctx;
  const days = event.refund_cutoff_days;
  let rule: string;
  if (days === null) rule = t('registration:review.refundNone');
  else if (!refundableNow(event, now)) rule = t('registration:review.refundPassed');
  else {
    const cutoff = new Date(new Date(event.starts_at).getTime() - days * 86_400_000);
    const date = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: event.timezone }).format(cutoff);
    rule = t('registration:review.refundUntil', { date, count: days });
  }
  return (
    <section class="margin-top-4" aria-labelledby="refund-heading">
      <h2 id="refund-heading">{t('registration:review.refundTitle')}</h2>
      {event.refund_policy && <p>{event.refund_policy}</p>}
      <p>{rule}</p>
    </section>
  );
}

/** /events/:slug/register (step=review) — what the order will cost and whom it seats, before anything is booked. */
export function RegisterReviewPage(props: ReviewProps) {
  const { ctx, event, prepared: p } = props;
  const { t } = ctx;
  const money = (c: number) => formatMoney(c, ctx.locale);
  const off = (c: number) => (c > 0 ? `−${money(c)}` : t('registration:review.none'));
  const title = t('registration:review.title', { title: event.title });
  const col = {
    ticket: t('registration:review.ticket'),
    units: t('registration:review.units'),
    unit: t('registration:review.unitPrice'),
    member: t('registration:review.memberDiscount'),
    promo: t('registration:review.promoDiscount'),
    total: t('registration:review.lineTotal'),
  };
  const hasAddOns = p.lines.some((l) => bool(l.type.is_add_on));
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="usa-intro">{t('registration:review.lead')}</p>
      <p>
        <a href={`/events/${event.slug}`}>{event.title}</a>
        <br />
        {whenText(event, ctx.locale)}
      </p>
      {p.school && <p>{t('registration:review.billedTo', { name: p.school.name })}</p>}
      <table class="usa-table usa-table--borderless usa-table--stacked width-full">
        <caption>{t('registration:review.lines')}</caption>
        <thead>
          <tr>
            <th scope="col">{col.ticket}</th>
            <th scope="col">{col.units}</th>
            <th scope="col">{col.unit}</th>
            <th scope="col">{col.member}</th>
            <th scope="col">{col.promo}</th>
            <th scope="col">{col.total}</th>
          </tr>
        </thead>
        <tbody>
          {p.price.lines.map((l) => (
            <tr>
              <th scope="row" data-label={col.ticket}>
                {l.name}
                {l.seats !== l.units && <span class="text-base-dark"> ({t('registration:review.seats', { count: l.seats })})</span>}
              </th>
              <td data-label={col.units}>{l.units}</td>
              <td data-label={col.unit}>{l.listUnitCents === 0 ? t('registration:panel.free') : money(l.listUnitCents)}</td>
              <td data-label={col.member}>
                {off(l.memberDiscountCents)}
                {l.memberDiscountCents > 0 && p.member && (
                  <>
                    <br />
                    <span class="text-base-dark">{t('registration:review.memberDiscountOf', { percent: p.member.percent, label: p.member.label })}</span>
                  </>
                )}
              </td>
              <td data-label={col.promo}>
                {off(l.promoDiscountCents)}
                {l.promoDiscountCents > 0 && props.promoCode && (
                  <>
                    <br />
                    <span class="text-base-dark">{t('registration:review.promoCode', { code: props.promoCode.toUpperCase() })}</span>
                  </>
                )}
              </td>
              <td data-label={col.total}>{money(l.totalCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl>
        <dt class="text-bold">{t('registration:review.subtotal')}</dt>
        <dd class="margin-left-0 margin-bottom-1">{money(p.price.subtotalCents)}</dd>
        {p.price.discountCents > 0 && (
          <>
            <dt class="text-bold">{t('registration:review.discounts')}</dt>
            <dd class="margin-left-0 margin-bottom-1">−{money(p.price.discountCents)}</dd>
          </>
        )}
        <dt class="text-bold">{t('registration:review.total')}</dt>
        <dd class="margin-left-0 margin-bottom-1 font-body-lg text-bold" id="order-total">
          {money(p.price.totalCents)}
        </dd>
      </dl>
      {p.attendees.length > 0 && (
        <>
          <h2>{t('registration:review.attendees')}</h2>
          <ul class="usa-list">
            {p.attendees.map((a) => (
              <li>
                {a.name} <span class="text-base-dark">{a.email}</span>
              </li>
            ))}
          </ul>
          {hasAddOns && <p class="usa-hint">{t('registration:review.addOnsNote')}</p>}
        </>
      )}
      <h2>{t('registration:review.payment')}</h2>
      <p>
        <strong>{t(`registration:payment.${p.method}`)}</strong>
        <br />
        {t(`registration:review.paymentHint.${p.method}`, { minutes: CARD_HOLD_MINUTES })}
        {p.method !== 'free' && props.poNumber && (
          <>
            <br />
            {t('registration:review.po', { po: props.poNumber })}
          </>
        )}
      </p>
      <RefundPolicy ctx={ctx} event={event} now={props.now} />
      <p class="usa-hint margin-top-3">{t('registration:review.seatsNote')}</p>
      {/* One form: placing posts the values as reviewed; "Edit" posts them back to the form. */}
      <Form ctx={ctx} action={`/events/${event.slug}/register`} class="margin-top-2">
        <HiddenValues values={props.values} />
        <button type="submit" class="usa-button">
          {t('registration:review.place')}
        </button>
        <button type="submit" class="usa-button usa-button--outline" name="step" value="edit">
          {t('registration:review.edit')}
        </button>
      </Form>
    </Layout>
  );
}
