import type { CoalitionEvent } from '../../../db/schema.ts';
import { DateTime } from '../../../platform/ui/components/date-time.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { formatMoney } from '../pricing.ts';
import type { PanelTicketType, RegistrationPanel } from '../registration-panel.ts';

/** Few enough seats left to say how many. */
const FEW_LEFT = 10;

function Availability({ ctx, type }: { ctx: ViewContext; type: PanelTicketType }) {
  const { t } = ctx;
  if (type.sale === 'not_yet') {
    return (
      <>
        {t('registration:panel.onSaleFrom')} <DateTime ctx={ctx} iso={type.salesStartAt} empty="" />
      </>
    );
  }
  if (type.sale === 'ended') return <>{t('registration:panel.salesEnded')}</>;
  if (type.left <= 0) return <strong>{t('registration:panel.soldOut')}</strong>;
  if (type.left <= FEW_LEFT) return <>{t('registration:panel.onlyLeft', { count: type.left })}</>;
  return <>{t('registration:panel.available')}</>;
}

function Price({ ctx, type }: { ctx: ViewContext; type: PanelTicketType }) {
  const money = (c: number) => formatMoney(c, ctx.locale);
  if (type.priceCents === 0) return <>{ctx.t('registration:panel.free')}</>;
  if (type.memberPriceCents === null) return <>{money(type.priceCents)}</>;
  return (
    <>
      <del>{money(type.priceCents)}</del> <strong>{money(type.memberPriceCents)}</strong> <span class="usa-sr-only">{ctx.t('registration:panel.yourMemberPrice')}</span>
    </>
  );
}

/** CONTRACT (registration owner fills in): the tickets section of the event page. */
export function RegistrationPanelView({ ctx, event, panel }: { ctx: ViewContext; event: CoalitionEvent; panel: RegistrationPanel }) {
  if (panel.hidden) return null;
  const { t } = ctx;
  const buyable = panel.types.some((x) => x.sale === 'on_sale' && x.left > 0 && !x.isAddOn);
  const soldOut = panel.types.some((x) => x.sale === 'on_sale' && x.left <= 0 && !x.isAddOn);
  return (
    <section class="margin-top-4" aria-labelledby="tickets-heading">
      <h2 id="tickets-heading">{t('registration:panel.title')}</h2>
      {panel.closed && (
        <div class="usa-alert usa-alert--info usa-alert--slim margin-bottom-2" role="status">
          <div class="usa-alert__body">
            <p class="usa-alert__text">{t(`registration:panel.closed.${panel.closed}`)}</p>
          </div>
        </div>
      )}
      {panel.member && <p>{t('registration:panel.memberNote', { percent: panel.member.percent, label: panel.member.label })}</p>}
      <table class="usa-table usa-table--borderless usa-table--stacked width-full">
        <caption class="usa-sr-only">{t('registration:panel.caption', { title: event.title })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('registration:panel.ticket')}</th>
            <th scope="col">{t('registration:panel.price')}</th>
            <th scope="col">{t('registration:panel.availability')}</th>
          </tr>
        </thead>
        <tbody>
          {panel.types.map((type) => (
            <tr>
              <th scope="row" data-label={t('registration:panel.ticket')}>
                {type.name}
                {type.audience !== 'anyone' && <span class="usa-tag margin-left-1">{t(`registration:audience.${type.audience}`)}</span>}
                {type.isAddOn && <span class="usa-tag margin-left-1">{t('registration:panel.addOn')}</span>}
                {type.seatsPerUnit > 1 && <div class="usa-hint">{t('registration:panel.group', { count: type.seatsPerUnit })}</div>}
                {type.description && <div class="usa-hint">{type.description}</div>}
              </th>
              <td data-label={t('registration:panel.price')}>
                <Price ctx={ctx} type={type} />
              </td>
              <td data-label={t('registration:panel.availability')}>
                <Availability ctx={ctx} type={type} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!panel.closed && (
        <p>
          {buyable && (
            <a class="usa-button" href={panel.registerUrl}>
              {t('registration:panel.register')}
            </a>
          )}
          {soldOut && (
            <a class={buyable ? 'usa-button usa-button--outline' : 'usa-button'} href={panel.waitlistUrl}>
              {t('registration:panel.joinWaitlist')}
            </a>
          )}
        </p>
      )}
      {panel.mine.length > 0 && (
        <div class="margin-top-2">
          <h3>{t('registration:panel.yours')}</h3>
          <ul class="usa-list">
            {panel.mine.map((o) => (
              <li>
                <a href={o.url}>{t('registration:panel.order', { reference: o.reference })}</a> · {t(`registration:status.${o.status}`)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
