import type { ComponentChildren } from 'preact';
import type { CoalitionEvent } from '../../../db/schema.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';

/** The organisers' pages of one event, in the order an events team works through them. */
const SECTIONS: [suffix: string, key: string][] = [
  ['/edit', 'events:organiser.nav.details'],
  ['/tickets', 'events:organiser.nav.tickets'],
  ['/orders', 'events:organiser.nav.orders'],
  ['/attendees', 'events:organiser.nav.attendees'],
  ['/check-in', 'events:organiser.nav.checkIn'],
  ['/waitlist/manage', 'events:organiser.nav.waitlist'],
  ['/agenda/manage', 'events:organiser.nav.agenda'],
  ['/proposals/manage', 'events:organiser.nav.proposals'],
];

/** Layout of every organiser page of an event: its title, a link back to the public page, and the section navigation. */
export function OrganiserLayout(props: { ctx: ViewContext; event: CoalitionEvent; title: string; children: ComponentChildren }) {
  const { ctx, event } = props;
  const base = `/events/${event.slug}`;
  const isCurrent = (suffix: string) => ctx.path === `${base}${suffix}` || ctx.path.startsWith(`${base}${suffix}/`);
  return (
    <Layout ctx={ctx} title={`${props.title} · ${event.title}`}>
      <p class="margin-bottom-1">
        <a href={base}>{ctx.t('events:organiser.backToEvent', { title: event.title })}</a>
      </p>
      <div class="grid-row grid-gap">
        <div class="tablet:grid-col-3 margin-bottom-4">
          <nav aria-label={ctx.t('events:organiser.nav.label')}>
            <ul class="usa-sidenav">
              {SECTIONS.map(([suffix, key]) => (
                <li class="usa-sidenav__item">
                  <a href={`${base}${suffix}`} class={isCurrent(suffix) ? 'usa-current' : undefined} aria-current={isCurrent(suffix) ? 'page' : undefined}>
                    {ctx.t(key)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
        <div class="tablet:grid-col-9">{props.children}</div>
      </div>
    </Layout>
  );
}
