import type { ComponentChildren } from 'preact';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';

const SECTIONS = [
  ['/admin', 'admin:nav.dashboard'],
  ['/admin/organisations', 'admin:nav.organisations'],
  ['/admin/people', 'admin:nav.people'],
  ['/admin/affiliations', 'admin:nav.affiliations'],
  ['/admin/plans', 'admin:nav.plans'],
  ['/admin/invoices', 'admin:nav.invoices'],
  ['/admin/directory-import', 'admin:nav.directoryImport'],
  ['/admin/network-health', 'admin:nav.networkHealth'],
  ['/admin/service-requests', 'admin:nav.serviceRequests'],
  ['/admin/audit', 'admin:nav.audit'],
  ['/admin/outbox', 'admin:nav.outbox'],
  ['/admin/api-tokens', 'admin:nav.apiTokens'],
] as const;

/** The admin area: the site layout with a side navigation of admin sections. */
export function AdminLayout(props: { ctx: ViewContext; title: string; children: ComponentChildren }) {
  const { ctx } = props;
  const isCurrent = (href: string) => (href === '/admin' ? ctx.path === '/admin' : ctx.path.startsWith(href));
  return (
    <Layout ctx={ctx} title={props.title}>
      <div class="grid-row grid-gap">
        <div class="tablet:grid-col-3 margin-bottom-4">
          <nav aria-label={ctx.t('admin:nav.label')}>
            <ul class="usa-sidenav">
              {SECTIONS.map(([href, key]) => (
                <li class="usa-sidenav__item">
                  <a href={href} class={isCurrent(href) ? 'usa-current' : undefined} aria-current={isCurrent(href) ? 'page' : undefined}>
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
