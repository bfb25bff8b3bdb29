import { bool } from '../../../db/dialect.ts';
import type { Framework } from '../../../db/schema.ts';
import { Checkbox, Form, SubmitButton, TextArea, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { AdminLayout } from '../../admin/views/admin-layout.tsx';
import type { FrameworkSummary } from '../framework-editing.service.ts';

/** /admin/frameworks — every framework, its published version and whether a draft is in progress. */
export function FrameworkListPage({ ctx, frameworks }: { ctx: ViewContext; frameworks: FrameworkSummary[] }) {
  const { t } = ctx;
  const title = t('framework-admin:list.title');
  return (
    <AdminLayout ctx={ctx} title={title}>
      <div class="display-flex flex-justify flex-align-center flex-wrap">
        <h1>{title}</h1>
        <a class="usa-button" href="/admin/frameworks/new">{t('framework-admin:list.new')}</a>
      </div>
      <p>{t('framework-admin:list.intro')}</p>
      {frameworks.length === 0 ? (
        <p>{t('framework-admin:list.none')}</p>
      ) : (
        <table class="usa-table usa-table--borderless usa-table--stacked width-full">
          <caption class="usa-sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('framework-admin:fields.name')}</th>
              <th scope="col">{t('framework-admin:list.primary')}</th>
              <th scope="col">{t('framework-admin:list.published')}</th>
              <th scope="col">{t('framework-admin:list.draft')}</th>
            </tr>
          </thead>
          <tbody>
            {frameworks.map((f) => (
              <tr>
                <th scope="row"><a class="usa-link" href={`/admin/frameworks/${f.slug}`}>{f.name}</a></th>
                <td>{bool(f.is_primary) ? t('framework-admin:list.yes') : t('framework-admin:list.no')}</td>
                <td>{f.currentNumber === null ? t('framework-admin:list.notPublished') : t('framework-admin:versionNumber', { number: f.currentNumber })}</td>
                <td>{f.draftNumber === null ? t('framework-admin:list.noDraft') : t('framework-admin:list.draftInProgress', { number: f.draftNumber })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}

/** /admin/frameworks/new and /admin/frameworks/:slug/edit — a framework's details. */
export function FrameworkFormPage({ ctx, state, framework }: { ctx: ViewContext; state: FormState; framework?: Framework }) {
  const { t } = ctx;
  const title = framework ? t('framework-admin:form.editTitle', { name: framework.name }) : t('framework-admin:form.newTitle');
  const f = { ctx, state };
  return (
    <AdminLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {!framework && <p>{t('framework-admin:form.newIntro')}</p>}
      <Form ctx={ctx} action={framework ? `/admin/frameworks/${framework.slug}/edit` : '/admin/frameworks/new'} state={state}>
        {!framework && <TextField {...f} name="slug" label={t('framework-admin:fields.slug')} hint={t('framework-admin:fields.slugHint')} required maxLength={80} />}
        <TextField {...f} name="name" label={t('framework-admin:fields.name')} required maxLength={200} />
        <TextArea {...f} name="description" label={t('framework-admin:fields.description')} rows={4} />
        <Checkbox {...f} name="is_primary" label={t('framework-admin:fields.primary')} hint={t('framework-admin:fields.primaryHint')} />
        <SubmitButton>{framework ? t('framework-admin:form.save') : t('framework-admin:form.create')}</SubmitButton>
      </Form>
    </AdminLayout>
  );
}
