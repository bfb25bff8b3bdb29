import type { Framework } from '../../../db/schema.ts';
import { Alert } from '../../../platform/ui/components/alert.tsx';
import { Form, SubmitButton, TextArea, type FormState } from '../../../platform/ui/components/form.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { AdminLayout } from '../../admin/views/admin-layout.tsx';
import type { BenchmarkNode, FrameworkTree } from '../framework-read.service.ts';
import { descriptorField } from '../framework-editing.schemas.ts';
import { PublishForm } from './framework-admin-framework.tsx';
import { BackLink } from './framework-admin-part.tsx';
import type { Problem } from '../framework-editing.service.ts';

/** The descriptor values of a benchmark as form values, one field per level. */
export function descriptorValues(tree: FrameworkTree, benchmark: BenchmarkNode): Record<string, string> {
  return Object.fromEntries(tree.levels.map((l) => [descriptorField(l.id), benchmark.descriptors[l.key] ?? '']));
}

/** /admin/frameworks/:slug/benchmarks/:id/descriptors — one textarea per level of the rubric. */
export function DescriptorsPage({ ctx, framework, tree, benchmark, state }: { ctx: ViewContext; framework: Framework; tree: FrameworkTree; benchmark: BenchmarkNode; state: FormState }) {
  const { t } = ctx;
  const title = t('framework-admin:descriptors.title', { name: benchmark.name });
  const editable = tree.version.status === 'draft';
  return (
    <AdminLayout ctx={ctx} title={title}>
      <BackLink ctx={ctx} framework={framework} />
      <h1>{title}</h1>
      <p>{t('framework-admin:descriptors.intro')}</p>
      {!editable && <Alert type="info" slim>{t('framework-admin:errors.notDraft')}</Alert>}
      {tree.levels.length === 0 ? (
        <p>{t('framework-admin:descriptors.noLevels')}</p>
      ) : (
        <Form ctx={ctx} action={`/admin/frameworks/${framework.slug}/benchmarks/${benchmark.id}/descriptors`} state={state}>
          {tree.levels.map((l, i) => (
            <TextArea ctx={ctx} state={state} name={descriptorField(l.id)} label={t('framework-admin:descriptors.level', { n: i + 1, name: l.name })} hint={l.description || undefined} rows={3} />
          ))}
          {editable && <SubmitButton>{t('framework-admin:form.save')}</SubmitButton>}
        </Form>
      )}
    </AdminLayout>
  );
}

/** The publish form again, with what the draft still lacks (nothing was changed). */
export function PublishProblemsPage({ ctx, framework, problems, state }: { ctx: ViewContext; framework: Framework; problems: Problem[]; state: FormState }) {
  const { t } = ctx;
  const title = t('framework-admin:publish.problemsTitle');
  return (
    <AdminLayout ctx={ctx} title={title}>
      <BackLink ctx={ctx} framework={framework} />
      <h1>{title}</h1>
      <div class="usa-alert usa-alert--error margin-bottom-3" role="alert">
        <div class="usa-alert__body">
          <h2 class="usa-alert__heading">{t('framework-admin:publish.incomplete', { count: problems.length })}</h2>
          <ul class="usa-list">
            {problems.map((p) => (
              <li>{t(p.key, p.params)}</li>
            ))}
          </ul>
        </div>
      </div>
      <p>{t('framework-admin:publish.fixThen')}</p>
      <PublishForm ctx={ctx} framework={framework} state={state} />
    </AdminLayout>
  );
}
