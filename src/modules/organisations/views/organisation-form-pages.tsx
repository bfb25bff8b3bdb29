import type { Organisation } from '../../../db/schema.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { FormState } from '../../../platform/ui/components/form.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { AdminLayout } from '../../admin/views/admin-layout.tsx';
import { OrganisationForm } from './organisation-form.tsx';

type Centers = { id: number; name: string }[];

/** /admin/organisations/new */
export function NewOrganisationPage(props: { ctx: ViewContext; state: FormState; centers: Centers }) {
  const { ctx } = props;
  const title = ctx.t('organisations:form.createTitle');
  return (
    <AdminLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <OrganisationForm ctx={ctx} state={props.state} action="/admin/organisations/new" mode="create" admin centers={props.centers} cancelHref="/admin/organisations" />
    </AdminLayout>
  );
}

/** /organisations/:slug/edit — the admin-only inputs appear only for network admins. */
export function EditOrganisationPage(props: { ctx: ViewContext; organisation: Organisation; state: FormState; admin: boolean; centers: Centers }) {
  const { ctx, organisation } = props;
  const title = ctx.t('organisations:form.editTitle', { name: organisation.name });
  const base = `/organisations/${organisation.slug}`;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <OrganisationForm
        ctx={ctx}
        state={props.state}
        action={`${base}/edit`}
        mode="edit"
        admin={props.admin}
        kind={organisation.kind}
        centers={props.centers}
        cancelHref={base}
      />
    </Layout>
  );
}
