import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { MyRegistration } from '../order-view.service.ts';
import { formatMoney } from '../pricing.ts';

function Section({ ctx, id, items }: { ctx: ViewContext; id: 'upcoming' | 'past' | 'cancelled'; items: MyRegistration[] }) {
  const { t } = ctx;
  return (
    <section class="margin-top-4" aria-labelledby={`mine-${id}`}>
      <h2 id={`mine-${id}`}>{t(`registration:mine.${id}`)}</h2>
      {items.length === 0 ? (
        <p>{t('registration:mine.none')}</p>
      ) : (
        <ul class="usa-list usa-list--unstyled">
          {items.map((r) => (
            <li class="margin-bottom-2">
              <a class="usa-link text-bold" href={r.url}>
                {r.event.title}
              </a>
              <br />
              <time dateTime={r.event.startsAt}>{new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(r.event.startsAt))}</time> ·{' '}
              {t('registration:panel.order', { reference: r.order.reference })} · {t(`registration:status.${r.order.status}`)}
              {r.order.total_cents > 0 && ` · ${formatMoney(r.order.total_cents, ctx.locale)}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** /events/mine — the signed-in person's registrations. */
export function MyRegistrationsPage({ ctx, mine }: { ctx: ViewContext; mine: { upcoming: MyRegistration[]; past: MyRegistration[]; cancelled: MyRegistration[] } }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('registration:mine.title')}>
      <h1>{t('registration:mine.title')}</h1>
      <p>
        <a href="/events">{t('registration:mine.browse')}</a>
      </p>
      <Section ctx={ctx} id="upcoming" items={mine.upcoming} />
      <Section ctx={ctx} id="past" items={mine.past} />
      <Section ctx={ctx} id="cancelled" items={mine.cancelled} />
    </Layout>
  );
}
