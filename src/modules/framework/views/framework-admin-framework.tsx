import type { ComponentChildren } from 'preact';
import { bool } from '../../../db/dialect.ts';
import type { Framework, FrameworkVersion } from '../../../db/schema.ts';
import { DateTime } from '../../../platform/ui/components/date-time.tsx';
import { Form, SubmitButton, TextArea, emptyForm, type FormState } from '../../../platform/ui/components/form.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { AdminLayout } from '../../admin/views/admin-layout.tsx';
import type { FrameworkTree } from '../framework-read.service.ts';
import type { EditorView } from '../framework-editing.service.ts';
import { MAX_LEVELS, MIN_LEVELS, type PartKind } from '../framework-editing.schemas.ts';

interface Row {
  id: number;
  key: string;
  name: string;
}

/** Up, down and delete for one row of a draft's list; each its own tiny form (no JavaScript). */
function RowActions({ ctx, base, kind, row, first, last, children }: { ctx: ViewContext; base: string; kind: PartKind; row: Row; first: boolean; last: boolean; children?: ComponentChildren }) {
  const { t } = ctx;
  const what = { name: row.name };
  return (
    <ul class="usa-button-group flex-wrap">
      <li class="usa-button-group__item"><a class="usa-link" href={`${base}/${kind}/${row.id}/edit`} aria-label={t('framework-admin:editor.editNamed', what)}>{t('framework-admin:editor.edit')}</a></li>
      {children}
      {!first && (
        <li class="usa-button-group__item">
          <Form ctx={ctx} action={`${base}/${kind}/${row.id}/move`} class="display-inline">
            <input type="hidden" name="direction" value="up" />
            <button type="submit" class="usa-button usa-button--unstyled" aria-label={t('framework-admin:editor.moveUpNamed', what)}>{t('framework-admin:editor.moveUp')}</button>
          </Form>
        </li>
      )}
      {!last && (
        <li class="usa-button-group__item">
          <Form ctx={ctx} action={`${base}/${kind}/${row.id}/move`} class="display-inline">
            <input type="hidden" name="direction" value="down" />
            <button type="submit" class="usa-button usa-button--unstyled" aria-label={t('framework-admin:editor.moveDownNamed', what)}>{t('framework-admin:editor.moveDown')}</button>
          </Form>
        </li>
      )}
      <li class="usa-button-group__item"><a class="usa-link text-secondary-dark" href={`${base}/${kind}/${row.id}/delete`} aria-label={t('framework-admin:editor.deleteNamed', what)}>{t('framework-admin:editor.delete')}</a></li>
    </ul>
  );
}

/** A section of the draft editor: principles, groups or levels. */
function PartSection({ ctx, base, kind, rows, hint }: { ctx: ViewContext; base: string; kind: Exclude<PartKind, 'benchmarks'>; rows: (Row & { description: string })[]; hint?: string }) {
  const { t } = ctx;
  const heading = t(`framework-admin:kinds.${kind}.title`);
  return (
    <section class="margin-top-4" aria-labelledby={`section-${kind}`}>
      <h3 id={`section-${kind}`}>{heading}</h3>
      {hint && <p class="usa-hint">{hint}</p>}
      {rows.length === 0 ? (
        <p>{t(`framework-admin:kinds.${kind}.none`)}</p>
      ) : (
        <table class="usa-table usa-table--borderless usa-table--stacked width-full">
          <caption class="usa-sr-only">{heading}</caption>
          <thead>
            <tr>
              <th scope="col">{t('framework-admin:fields.key')}</th>
              <th scope="col">{t('framework-admin:fields.name')}</th>
              <th scope="col">{t('framework-admin:editor.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr>
                <td><code>{r.key}</code></td>
                <th scope="row">{r.name}</th>
                <td><RowActions ctx={ctx} base={base} kind={kind} row={r} first={i === 0} last={i === rows.length - 1} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <a class="usa-button usa-button--outline" href={`${base}/${kind}/new`}>{t(`framework-admin:kinds.${kind}.add`)}</a>
    </section>
  );
}

function BenchmarkSection({ ctx, base, tree }: { ctx: ViewContext; base: string; tree: FrameworkTree }) {
  const { t } = ctx;
  const heading = t('framework-admin:kinds.benchmarks.title');
  const benchmarks = tree.groups.flatMap((g) => g.benchmarks.map((b) => ({ ...b, groupName: g.name })));
  // Moves follow the version-wide order of positions, which is the order within each group too.
  const ordered = [...benchmarks].sort((a, b) => a.position - b.position || a.id - b.id);
  return (
    <section class="margin-top-4" aria-labelledby="section-benchmarks">
      <h3 id="section-benchmarks">{heading}</h3>
      {benchmarks.length === 0 ? (
        <p>{t('framework-admin:kinds.benchmarks.none')}</p>
      ) : (
        <table class="usa-table usa-table--borderless usa-table--stacked width-full">
          <caption class="usa-sr-only">{heading}</caption>
          <thead>
            <tr>
              <th scope="col">{t('framework-admin:fields.key')}</th>
              <th scope="col">{t('framework-admin:fields.name')}</th>
              <th scope="col">{t('framework-admin:fields.group')}</th>
              <th scope="col">{t('framework-admin:fields.principles')}</th>
              <th scope="col">{t('framework-admin:editor.descriptors')}</th>
              <th scope="col">{t('framework-admin:editor.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {benchmarks.map((b) => {
              const i = ordered.findIndex((o) => o.id === b.id);
              return (
                <tr>
                  <td><code>{b.key}</code></td>
                  <th scope="row">{b.name}</th>
                  <td>{b.groupName}</td>
                  <td>{b.principleKeys.length ? b.principleKeys.join(', ') : t('framework-admin:editor.noneLinked')}</td>
                  <td>{t('framework-admin:editor.descriptorCount', { count: tree.levels.filter((l) => b.descriptors[l.key]).length, total: tree.levels.length })}</td>
                  <td>
                    <RowActions ctx={ctx} base={base} kind="benchmarks" row={b} first={i === 0} last={i === ordered.length - 1}>
                      <li class="usa-button-group__item"><a class="usa-link" href={`${base}/benchmarks/${b.id}/descriptors`} aria-label={t('framework-admin:editor.descriptorsNamed', { name: b.name })}>{t('framework-admin:editor.descriptors')}</a></li>
                    </RowActions>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {tree.groups.length === 0 ? <p class="usa-hint">{t('framework-admin:kinds.benchmarks.needGroup')}</p> : <a class="usa-button usa-button--outline" href={`${base}/benchmarks/new`}>{t('framework-admin:kinds.benchmarks.add')}</a>}
    </section>
  );
}

/** The publish form (notes), shown under the draft and again with the problems when it fails. */
export function PublishForm({ ctx, framework, state }: { ctx: ViewContext; framework: Framework; state: FormState }) {
  const { t } = ctx;
  return (
    <Form ctx={ctx} action={`/admin/frameworks/${framework.slug}/publish`} state={state} class="usa-form usa-form--large">
      <TextArea ctx={ctx} state={state} name="notes" label={t('framework-admin:publish.notes')} hint={t('framework-admin:publish.notesHint')} rows={3} />
      <SubmitButton>{t('framework-admin:publish.submit')}</SubmitButton>
    </Form>
  );
}

function VersionsTable({ ctx, versions }: { ctx: ViewContext; versions: FrameworkVersion[] }) {
  const { t } = ctx;
  const caption = t('framework-admin:versions.title');
  return (
    <table class="usa-table usa-table--borderless usa-table--stacked width-full">
      <caption class="usa-sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('framework-admin:versions.number')}</th>
          <th scope="col">{t('framework-admin:versions.status')}</th>
          <th scope="col">{t('framework-admin:versions.notes')}</th>
          <th scope="col">{t('framework-admin:versions.publishedAt')}</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => (
          <tr>
            <th scope="row">{t('framework-admin:versionNumber', { number: v.number })}</th>
            <td><span class={`usa-tag${v.status === 'published' ? ' bg-green' : v.status === 'draft' ? ' bg-gold text-ink' : ''}`}>{t(`framework-admin:status.${v.status}`)}</span></td>
            <td>{v.notes || '—'}</td>
            <td><DateTime ctx={ctx} iso={v.published_at} empty="—" /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** /admin/frameworks/:slug — the versions and, while a draft is in progress, its editor. */
export function FrameworkEditorPage({ ctx, framework, view }: { ctx: ViewContext; framework: Framework; view: EditorView }) {
  const { t } = ctx;
  const base = `/admin/frameworks/${framework.slug}`;
  const { draft } = view;
  return (
    <AdminLayout ctx={ctx} title={framework.name}>
      <nav class="margin-bottom-2" aria-label={t('framework-admin:breadcrumb')}><a class="usa-link" href="/admin/frameworks">{t('framework-admin:list.title')}</a></nav>
      <h1>{framework.name}</h1>
      {bool(framework.is_primary) && <p><span class="usa-tag">{t('framework-admin:list.primaryTag')}</span> {t('framework-admin:fields.primaryHint')}</p>}
      {framework.description && <p>{framework.description}</p>}
      <p><a class="usa-link" href={`${base}/edit`}>{t('framework-admin:editor.editDetails')}</a></p>

      <h2>{t('framework-admin:versions.title')}</h2>
      <VersionsTable ctx={ctx} versions={view.versions} />

      {draft ? (
        <>
          <h2 class="margin-top-5">{t('framework-admin:editor.draftTitle', { number: draft.version.number })}</h2>
          <p>{t('framework-admin:editor.draftIntro')}</p>
          <PartSection ctx={ctx} base={base} kind="principles" rows={draft.principles} />
          <PartSection ctx={ctx} base={base} kind="groups" rows={draft.groups} />
          <BenchmarkSection ctx={ctx} base={base} tree={draft} />
          <PartSection ctx={ctx} base={base} kind="levels" rows={draft.levels} hint={t('framework-admin:kinds.levels.hint', { min: MIN_LEVELS, max: MAX_LEVELS })} />
          <section class="margin-top-5" aria-labelledby="section-publish">
            <h3 id="section-publish">{t('framework-admin:publish.title')}</h3>
            <p>{t('framework-admin:publish.intro')}</p>
            <PublishForm ctx={ctx} framework={framework} state={emptyForm()} />
          </section>
          <section class="margin-top-4" aria-labelledby="section-discard">
            <h3 id="section-discard">{t('framework-admin:discard.title')}</h3>
            <p><a class="usa-link" href={`${base}/discard`}>{t('framework-admin:discard.link', { number: draft.version.number })}</a></p>
          </section>
        </>
      ) : (
        <section class="margin-top-5" aria-labelledby="section-revise">
          <h2 id="section-revise">{t('framework-admin:revise.title')}</h2>
          <p>{t('framework-admin:revise.intro')}</p>
          <Form ctx={ctx} action={`${base}/revise`} class="usa-form">
            <SubmitButton>{t('framework-admin:revise.submit')}</SubmitButton>
          </Form>
        </section>
      )}
    </AdminLayout>
  );
}
