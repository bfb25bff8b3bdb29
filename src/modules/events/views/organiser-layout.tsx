import type { ComponentChildren } from 'preact';
import type { CoalitionEvent } from '../../../db/schema.ts';
import { WithSideNav } from '../../../platform/ui/components/side-nav.tsx';
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
  const isCurrent = (href: string) => ctx.path === href || ctx.path.startsWith(`${href}/`);
  return (
    <Layout ctx={ctx} title={`${props.title} · ${event.title}`}>
      <p class="margin-bottom-1">
        <a href={base}>{ctx.t('events:organiser.backToEvent', { title: event.title })}</a>
      </p>
      <WithSideNav ctx={ctx} label={ctx.t('events:organiser.nav.label')} links={SECTIONS.map(([suffix, key]) => [`${base}${suffix}`, key])} isCurrent={isCurrent}>
        {props.children}
      </WithSideNav>
    </Layout>
  );
}
