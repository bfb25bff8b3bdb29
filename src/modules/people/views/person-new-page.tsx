import { Form, SubmitButton, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { AdminLayout } from '../../admin/views/admin-layout.tsx';

/** /admin/people/new: adds a person without a role; roles (and an invitation) follow on their page. */
export function PersonNewPage({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  const { t } = ctx;
  return (
    <AdminLayout ctx={ctx} title={t('people:new.title')}>
      <h1>{t('people:new.title')}</h1>
      <p>{t('people:new.intro')}</p>
      <Form ctx={ctx} action="/admin/people/new" state={form}>
        <TextField ctx={ctx} state={form} name="name" label={t('people:fields.name')} required autocomplete="off" maxLength={200} />
        <TextField ctx={ctx} state={form} name="email" type="email" label={t('people:fields.email')} required autocomplete="off" maxLength={254} />
        <SubmitButton>{t('people:new.submit')}</SubmitButton>
        <a class="usa-button usa-button--unstyled margin-left-2" href="/admin/people">{t('common:cancel')}</a>
      </Form>
    </AdminLayout>
  );
}
