import type { ComponentChildren } from 'preact';
import { WithSideNav } from '../../../platform/ui/components/side-nav.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';

const SECTIONS: [href: string, key: string][] = [
  ['/admin', 'admin:nav.dashboard'],
  ['/admin/organisations', 'admin:nav.organisations'],
  ['/admin/people', 'admin:nav.people'],
  ['/admin/affiliations', 'admin:nav.affiliations'],
  ['/admin/plans', 'admin:nav.plans'],
  ['/admin/invoices', 'admin:nav.invoices'],
  ['/admin/frameworks', 'admin:nav.frameworks'],
  ['/improvement', 'admin:nav.improvement'],
  ['/events/manage', 'admin:nav.events'],
  ['/admin/directory-import', 'admin:nav.directoryImport'],
  ['/admin/network-health', 'admin:nav.networkHealth'],
  ['/admin/service-requests', 'admin:nav.serviceRequests'],
  ['/admin/audit', 'admin:nav.audit'],
  ['/admin/outbox', 'admin:nav.outbox'],
  ['/admin/api-tokens', 'admin:nav.apiTokens'],
];

/** The admin area: the site layout with a side navigation of admin sections. */
export function AdminLayout(props: { ctx: ViewContext; title: string; children: ComponentChildren }) {
  const { ctx } = props;
  const isCurrent = (href: string) => (href === '/admin' ? ctx.path === '/admin' : ctx.path.startsWith(href));
  return (
    <Layout ctx={ctx} title={props.title}>
      <WithSideNav ctx={ctx} label={ctx.t('admin:nav.label')} links={SECTIONS} isCurrent={isCurrent}>
        {props.children}
      </WithSideNav>
    </Layout>
  );
}
