import type { CoalitionEvent, Organisation } from '../../../db/schema.ts';
import { Form, TextArea, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { formatMoney } from '../pricing.ts';
import type { PanelTicketType } from '../registration-panel.ts';
import { CARD_HOLD_MINUTES } from '../registration.service.ts';

export interface RegisterFormProps {
  ctx: ViewContext;
  event: CoalitionEvent;
  types: PanelTicketType[];
  maxPerOrder: Map<number, number>;
  member: { percent: number; label: string } | null;
  /** The schools the buyer may register for; `school` is the one chosen (group registration). */
  schools: Organisation[];
  school: Organisation | null;
  staff: { id: number; name: string; email: string }[];
  cardAvailable: boolean;
  state: FormState;
}

function PaymentChoice({ ctx, state, cardAvailable }: { ctx: ViewContext; state: FormState; cardAvailable: boolean }) {
  const { t } = ctx;
  const current = String(state.values.payment_method ?? 'invoice');
  const errors = state.errors.payment_method;
  const options = ['invoice', ...(cardAvailable ? ['card'] : [])];
  return (
    <fieldset class={`usa-fieldset margin-top-3${errors ? ' usa-form-group usa-form-group--error' : ''}`} id="field-payment_method">
      <legend class="usa-legend">{t('registration:form.payment')}</legend>
      {errors && (
        <span class="usa-error-message" role="alert">
          {errors.map((m) => t(m)).join(' ')}
        </span>
      )}
      {options.map((m) => (
        <div class="usa-radio">
          <input class="usa-radio__input" id={`payment-${m}`} type="radio" name="payment_method" value={m} checked={current === m} />
          <label class="usa-radio__label" for={`payment-${m}`}>
            {t(`registration:payment.${m}`)}
            <span class="usa-checkbox__label-description">{t(`registration:form.paymentHint.${m}`, { minutes: CARD_HOLD_MINUTES })}</span>
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** /events/:slug/register — choose tickets, say who they are for, and how to pay. */
export function RegisterFormPage(props: RegisterFormProps) {
  const { ctx, event, state, school } = props;
  const { t } = ctx;
  const money = (c: number) => formatMoney(c, ctx.locale);
  const paid = props.types.some((x) => x.priceCents > 0);
  const chosen = new Set([state.values.staff_id ?? []].flat().map(String));
  const base = `/events/${event.slug}/register`;
  const title = t('registration:form.title', { title: event.title });
  return (
    <Layout ctx={ctx} title={title}>
      <p class="margin-bottom-1">
        <a href={`/events/${event.slug}`}>{t('registration:form.backToEvent')}</a>
      </p>
      <h1>{title}</h1>
      {props.member && !school && <p>{t('registration:panel.memberNote', { percent: props.member.percent, label: props.member.label })}</p>}
      {props.schools.length > 0 && (
        <nav aria-label={t('registration:form.forWhom')} class="margin-bottom-2">
          <p class="margin-bottom-05">{t('registration:form.forWhom')}</p>
          <ul class="usa-button-group">
            <li class="usa-button-group__item">
              <a class={`usa-button${school ? ' usa-button--outline' : ''}`} href={base} aria-current={school ? undefined : 'page'}>
                {t('registration:form.forMe')}
              </a>
            </li>
            {props.schools.map((s) => (
              <li class="usa-button-group__item">
                <a class={`usa-button${school?.id === s.id ? '' : ' usa-button--outline'}`} href={`${base}?school=${s.id}`} aria-current={school?.id === s.id ? 'page' : undefined}>
                  {t('registration:form.forSchool', { name: s.name })}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <Form ctx={ctx} action={base} state={state}>
        <input type="hidden" name="submission_key" value={String(state.values.submission_key ?? '')} />
        {state.values.offer !== undefined && <input type="hidden" name="offer" value={String(state.values.offer)} />}
        {school && <input type="hidden" name="organisation_id" value={String(school.id)} />}
        {school && <p class="usa-intro">{t('registration:form.groupLead', { name: school.name })}</p>}
        <fieldset class="usa-fieldset" id="field-items">
          <legend class="usa-legend usa-legend--large">{t('registration:form.tickets')}</legend>
          {state.errors.items && (
            <span class="usa-error-message" role="alert">
              {state.errors.items.map((m) => t(m)).join(' ')}
            </span>
          )}
          {props.types.map((type) => {
            const price = type.memberPriceCents ?? type.priceCents;
            const label = `${type.name} · ${type.priceCents === 0 ? t('registration:panel.free') : money(price)}${type.seatsPerUnit > 1 ? ` · ${t('registration:panel.group', { count: type.seatsPerUnit })}` : ''}`;
            const hint = [
              // Who may hold it, said before the order is refused: presenters' and (in an order for
              // oneself) members' tickets are personal; student status is taken on trust.
              type.audience !== 'anyone' ? t(`registration:form.audienceHint.${type.audience === 'members' && school ? 'membersGroup' : type.audience}`) : null,
              type.isAddOn ? t('registration:form.addOnHint') : null,
              type.left <= 0 ? t('registration:panel.soldOut') : t('registration:form.maxHint', { count: Math.min(props.maxPerOrder.get(type.id) ?? 1, type.left) }),
            ]
              .filter(Boolean)
              .join(' · ');
            return <TextField ctx={ctx} state={state} name={`qty_${type.id}`} label={label} hint={hint} type="number" inputMode="numeric" />;
          })}
        </fieldset>
        {school && props.staff.length > 0 && (
          <fieldset class="usa-fieldset margin-top-3" id="field-staff_ids">
            <legend class="usa-legend">{t('registration:form.staff', { name: school.name })}</legend>
            {state.errors.staff_ids && (
              <span class="usa-error-message" role="alert">
                {state.errors.staff_ids.map((m) => t(m)).join(' ')}
              </span>
            )}
            {props.staff.map((s) => (
              <div class="usa-checkbox">
                <input class="usa-checkbox__input" id={`staff-${s.id}`} type="checkbox" name="staff_id" value={String(s.id)} checked={chosen.has(String(s.id))} />
                <label class="usa-checkbox__label" for={`staff-${s.id}`}>
                  {s.name} <span class="usa-checkbox__label-description">{s.email}</span>
                </label>
              </div>
            ))}
          </fieldset>
        )}
        <TextArea ctx={ctx} state={state} name="attendees" label={t('registration:form.attendees')} hint={t(school ? 'registration:form.attendeesHintGroup' : 'registration:form.attendeesHint')} rows={4} />
        <TextField ctx={ctx} state={state} name="promo_code" label={t('registration:form.promo')} maxLength={40} autocomplete="off" />
        {paid && <PaymentChoice ctx={ctx} state={state} cardAvailable={props.cardAvailable} />}
        {paid && <TextField ctx={ctx} state={state} name="po_number" label={t('registration:form.po')} hint={t('registration:form.poHint')} maxLength={60} />}
        {/* Nothing is booked from here: the summary shows the total and places the order. */}
        <button type="submit" class="usa-button" name="step" value="review">
          {t('registration:form.submit')}
        </button>
      </Form>
    </Layout>
  );
}
