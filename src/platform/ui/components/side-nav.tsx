import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../view-context.ts';

/**
 * A page with a USWDS side navigation of sections beside its content (the admin area, an event's
 * organiser pages). `isCurrent` says which link is the page being shown.
 */
export function WithSideNav(props: { ctx: ViewContext; label: string; links: [href: string, key: string][]; isCurrent: (href: string) => boolean; children: ComponentChildren }) {
  const { ctx } = props;
  return (
    <div class="grid-row grid-gap">
      <div class="tablet:grid-col-3 margin-bottom-4">
        <nav aria-label={props.label}>
          <ul class="usa-sidenav">
            {props.links.map(([href, key]) => (
              <li class="usa-sidenav__item">
                <a href={href} class={props.isCurrent(href) ? 'usa-current' : undefined} aria-current={props.isCurrent(href) ? 'page' : undefined}>
                  {ctx.t(key)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <div class="tablet:grid-col-9">{props.children}</div>
    </div>
  );
}
