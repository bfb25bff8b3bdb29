import type { CapacityPool, CoalitionEvent, TicketType } from '../../../db/schema.ts';
import { TICKET_AUDIENCES } from '../../../db/schema.ts';
import { bool } from '../../../db/dialect.ts';
import { DateTime } from '../../../platform/ui/components/date-time.tsx';
import { Checkbox, CsrfField, Form, SelectField, SubmitButton, TextArea, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { formatMoney } from '../pricing.ts';
import type { TicketSetup } from '../ticket-admin.service.ts';
import { OrganiserLayout } from './organiser-layout.tsx';

const money = (ctx: ViewContext, c: number) => formatMoney(c, ctx.locale);

/** /events/:slug/tickets — pools, ticket types and promo codes at a glance. */
export function TicketsPage({ ctx, event, setup }: { ctx: ViewContext; event: CoalitionEvent; setup: TicketSetup }) {
  const { t } = ctx;
  const base = `/events/${event.slug}/tickets`;
  const poolName = new Map(setup.pools.map((p) => [p.id, p.name]));
  const typeName = new Map(setup.types.map((x) => [x.id, x.name]));
  return (
    <OrganiserLayout ctx={ctx} event={event} title={t('registration-admin:tickets.title')}>
      <h1>{t('registration-admin:tickets.title')}</h1>
      <h2>{t('registration-admin:pools.title')}</h2>
      <p class="usa-hint">{t('registration-admin:pools.lead')}</p>
      <table class="usa-table usa-table--borderless width-full">
        <thead>
          <tr>
            <th scope="col">{t('registration-admin:pools.name')}</th>
            <th scope="col">{t('registration-admin:pools.capacity')}</th>
            <th scope="col">{t('registration-admin:pools.sold')}</th>
            <th scope="col">{t('registration-admin:pools.left')}</th>
            <th scope="col">
              <span class="usa-sr-only">{t('registration-admin:actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {setup.pools.map((p) => (
            <tr>
              <th scope="row">{p.name}</th>
              <td>{p.capacity}</td>
              <td>{p.sold}</td>
              <td>{p.capacity - p.sold}</td>
              <td>
                <a href={`${base}/pools/${p.id}`}>{t('registration-admin:edit', { name: p.name })}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a class="usa-button usa-button--outline" href={`${base}/pools/new`}>
          {t('registration-admin:pools.add')}
        </a>
      </p>

      <h2>{t('registration-admin:types.title')}</h2>
      <table class="usa-table usa-table--borderless width-full">
        <thead>
          <tr>
            <th scope="col">{t('registration-admin:types.name')}</th>
            <th scope="col">{t('registration-admin:types.price')}</th>
            <th scope="col">{t('registration-admin:types.pool')}</th>
            <th scope="col">{t('registration-admin:types.sold')}</th>
            <th scope="col">{t('registration-admin:types.sales')}</th>
            <th scope="col">
              <span class="usa-sr-only">{t('registration-admin:actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {setup.types.map((x) => (
            <tr>
              <th scope="row">
                {x.name}
                {x.audience !== 'anyone' && <span class="usa-tag margin-left-1">{t(`registration:audience.${x.audience}`)}</span>}
                {bool(x.is_add_on) && <span class="usa-tag margin-left-1">{t('registration:panel.addOn')}</span>}
                {x.retired_at && <span class="usa-tag margin-left-1">{t('registration-admin:types.retired')}</span>}
              </th>
              <td>
                {money(ctx, x.price_cents)}
                {bool(x.member_discount) && <div class="usa-hint">{t('registration-admin:types.memberDiscount')}</div>}
              </td>
              <td>{poolName.get(x.pool_id)}</td>
              <td>{setup.soldByType.get(x.id) ?? 0}</td>
              <td>
                <DateTime ctx={ctx} iso={x.sales_start_at} empty={t('registration-admin:types.now')} /> – <DateTime ctx={ctx} iso={x.sales_end_at} empty={t('registration-admin:types.eventEnd')} />
              </td>
              <td>
                <a href={`${base}/types/${x.id}`}>{t('registration-admin:edit', { name: x.name })}</a>
                <form method="post" action={`${base}/types/${x.id}/${x.retired_at ? 'restore' : 'retire'}`} class="margin-top-1">
                  <CsrfField ctx={ctx} />
                  <button type="submit" class="usa-button usa-button--unstyled">
                    {t(x.retired_at ? 'registration-admin:types.restore' : 'registration-admin:types.retire', { name: x.name })}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {setup.pools.length === 0 ? (
          <span class="usa-hint">{t('registration-admin:types.poolFirst')}</span>
        ) : (
          <a class="usa-button usa-button--outline" href={`${base}/types/new`}>
            {t('registration-admin:types.add')}
          </a>
        )}
      </p>

      <h2>{t('registration-admin:promos.title')}</h2>
      <table class="usa-table usa-table--borderless width-full">
        <thead>
          <tr>
            <th scope="col">{t('registration-admin:promos.code')}</th>
            <th scope="col">{t('registration-admin:promos.off')}</th>
            <th scope="col">{t('registration-admin:promos.uses')}</th>
            <th scope="col">{t('registration-admin:promos.valid')}</th>
            <th scope="col">
              <span class="usa-sr-only">{t('registration-admin:actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {setup.promos.map((p) => (
            <tr>
              <th scope="row">
                <code>{p.code}</code>
                {p.ticket_type_id !== null && <div class="usa-hint">{typeName.get(p.ticket_type_id)}</div>}
              </th>
              <td>{p.percent_off !== null ? `${p.percent_off}%` : money(ctx, p.amount_off_cents ?? 0)}</td>
              <td>
                {p.used}
                {p.max_uses !== null && ` / ${p.max_uses}`}
              </td>
              <td>
                <DateTime ctx={ctx} iso={p.valid_from} empty="—" /> – <DateTime ctx={ctx} iso={p.valid_until} empty="—" />
              </td>
              <td>
                <form method="post" action={`${base}/promos/${p.id}/end`}>
                  <CsrfField ctx={ctx} />
                  <button type="submit" class="usa-button usa-button--unstyled">
                    {t('registration-admin:promos.end', { code: p.code })}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a class="usa-button usa-button--outline" href={`${base}/promos/new`}>
          {t('registration-admin:promos.add')}
        </a>
      </p>
    </OrganiserLayout>
  );
}

/** New pool, or a pool's name and capacity. */
export function PoolFormPage({ ctx, event, pool, state }: { ctx: ViewContext; event: CoalitionEvent; pool: CapacityPool | null; state: FormState }) {
  const { t } = ctx;
  const title = pool ? t('registration-admin:pools.editTitle', { name: pool.name }) : t('registration-admin:pools.add');
  return (
    <OrganiserLayout ctx={ctx} event={event} title={title}>
      <h1>{title}</h1>
      <Form ctx={ctx} action={`/events/${event.slug}/tickets/pools/${pool ? pool.id : 'new'}`} state={state}>
        <TextField ctx={ctx} state={state} name="name" label={t('registration-admin:pools.name')} required maxLength={120} />
        <TextField ctx={ctx} state={state} name="capacity" label={t('registration-admin:pools.capacity')} hint={pool ? t('registration-admin:pools.soldHint', { count: pool.sold }) : undefined} type="number" inputMode="numeric" required />
        <SubmitButton>{t('registration-admin:save')}</SubmitButton>
      </Form>
    </OrganiserLayout>
  );
}

/** New ticket type, or editing one. Sale window times are in the event's time zone. */
export function TicketTypeFormPage({ ctx, event, type, pools, state }: { ctx: ViewContext; event: CoalitionEvent; type: TicketType | null; pools: CapacityPool[]; state: FormState }) {
  const { t } = ctx;
  const title = type ? t('registration-admin:types.editTitle', { name: type.name }) : t('registration-admin:types.add');
  return (
    <OrganiserLayout ctx={ctx} event={event} title={title}>
      <h1>{title}</h1>
      <Form ctx={ctx} action={`/events/${event.slug}/tickets/types/${type ? type.id : 'new'}`} state={state}>
        <TextField ctx={ctx} state={state} name="name" label={t('registration-admin:types.name')} required maxLength={120} />
        <TextArea ctx={ctx} state={state} name="description" label={t('registration-admin:types.description')} rows={3} />
        <SelectField ctx={ctx} state={state} name="audience" label={t('registration-admin:types.audience')} options={TICKET_AUDIENCES.map((a) => ({ value: a, label: t(`registration-admin:audience.${a}`) }))} />
        <TextField ctx={ctx} state={state} name="price" label={t('registration-admin:types.priceDollars')} hint={t('registration-admin:types.priceHint')} inputMode="decimal" required />
        <Checkbox ctx={ctx} state={state} name="member_discount" label={t('registration-admin:types.memberDiscount')} hint={t('registration-admin:types.memberDiscountHint')} />
        <SelectField ctx={ctx} state={state} name="pool_id" label={t('registration-admin:types.pool')} options={pools.map((p) => ({ value: String(p.id), label: `${p.name} (${p.capacity})` }))} />
        <TextField ctx={ctx} state={state} name="seats_per_unit" label={t('registration-admin:types.seatsPerUnit')} hint={t('registration-admin:types.seatsPerUnitHint')} type="number" inputMode="numeric" required />
        <Checkbox ctx={ctx} state={state} name="is_add_on" label={t('registration-admin:types.isAddOn')} hint={t('registration-admin:types.isAddOnHint')} />
        <TextField ctx={ctx} state={state} name="max_per_order" label={t('registration-admin:types.maxPerOrder')} type="number" inputMode="numeric" required />
        <TextField ctx={ctx} state={state} name="sales_start" label={t('registration-admin:types.salesStart')} hint={t('registration-admin:types.timeHint', { zone: event.timezone })} type="datetime-local" />
        <TextField ctx={ctx} state={state} name="sales_end" label={t('registration-admin:types.salesEnd')} hint={t('registration-admin:types.timeHint', { zone: event.timezone })} type="datetime-local" />
        <TextField ctx={ctx} state={state} name="position" label={t('registration-admin:types.position')} type="number" inputMode="numeric" />
        <SubmitButton>{t('registration-admin:save')}</SubmitButton>
      </Form>
    </OrganiserLayout>
  );
}

/** A new promo code. */
export function PromoFormPage({ ctx, event, types, state }: { ctx: ViewContext; event: CoalitionEvent; types: TicketType[]; state: FormState }) {
  const { t } = ctx;
  const title = t('registration-admin:promos.add');
  return (
    <OrganiserLayout ctx={ctx} event={event} title={title}>
      <h1>{title}</h1>
      <Form ctx={ctx} action={`/events/${event.slug}/tickets/promos/new`} state={state}>
        <TextField ctx={ctx} state={state} name="code" label={t('registration-admin:promos.code')} hint={t('registration-admin:promos.codeHint')} required maxLength={40} />
        <SelectField ctx={ctx} state={state} name="kind" label={t('registration-admin:promos.kind')} options={['percent', 'amount'].map((k) => ({ value: k, label: t(`registration-admin:promos.kinds.${k}`) }))} />
        <TextField ctx={ctx} state={state} name="percent_off" label={t('registration-admin:promos.percentOff')} type="number" inputMode="numeric" />
        <TextField ctx={ctx} state={state} name="amount_off" label={t('registration-admin:promos.amountOff')} inputMode="decimal" />
        <TextField ctx={ctx} state={state} name="max_uses" label={t('registration-admin:promos.maxUses')} hint={t('registration-admin:promos.maxUsesHint')} type="number" inputMode="numeric" />
        <SelectField ctx={ctx} state={state} name="ticket_type_id" label={t('registration-admin:promos.ticketType')} blank={t('registration-admin:promos.anyType')} options={types.map((x) => ({ value: String(x.id), label: x.name }))} />
        <TextField ctx={ctx} state={state} name="valid_from" label={t('registration-admin:promos.validFrom')} hint={t('registration-admin:types.timeHint', { zone: event.timezone })} type="datetime-local" />
        <TextField ctx={ctx} state={state} name="valid_until" label={t('registration-admin:promos.validUntil')} hint={t('registration-admin:types.timeHint', { zone: event.timezone })} type="datetime-local" />
        <SubmitButton>{t('registration-admin:save')}</SubmitButton>
      </Form>
    </OrganiserLayout>
  );
}
