import { Form } from '../../../platform/ui/components/form.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { AdminLayout } from '../../admin/views/admin-layout.tsx';
import type { ImportReport } from '../directory-import.service.ts';
import { IMPORT_FIELDS, type ImportField, type ImportMapping } from '../import-fields.ts';

// The school import's pages. Admin-only, so in English (see the i18n note in the docs): every
// string is still looked up through t() so a translation can be added as a file.

const t0 = (ctx: ViewContext, key: string, opts?: Record<string, unknown>) => ctx.t(`directory-import:${key}`, opts);

/** Step 1: choose a file. */
export function ImportUploadPage({ ctx, error, maxMb }: { ctx: ViewContext; error?: string; maxMb: number }) {
  return (
    <AdminLayout ctx={ctx} title={t0(ctx, 'title')}>
      <h1>{t0(ctx, 'title')}</h1>
      <p class="usa-intro">{t0(ctx, 'intro')}</p>
      {error && (
        <div class="usa-alert usa-alert--error margin-bottom-3" role="alert">
          <div class="usa-alert__body">
            <p class="usa-alert__text">{error}</p>
          </div>
        </div>
      )}
      <form method="post" action="/admin/directory-import" encType="multipart/form-data" class="usa-form usa-form--large" noValidate>
        <input type="hidden" name="_csrf" value={ctx.csrf()} />
        <div class="usa-form-group">
          <label class="usa-label" for="field-file">{t0(ctx, 'upload.label')}</label>
          <div class="usa-hint" id="field-file-hint">{t0(ctx, 'upload.hint', { maxMb })}</div>
          <input class="usa-file-input" id="field-file" name="file" type="file" accept=".csv,text/csv" aria-describedby="field-file-hint" />
        </div>
        <button type="submit" class="usa-button margin-top-2">{t0(ctx, 'upload.submit')}</button>
      </form>
    </AdminLayout>
  );
}

/** The mapping as hidden fields, so the next step reads the file exactly as this one did. */
function MappingFields({ mapping }: { mapping: ImportMapping }) {
  return (
    <>
      {IMPORT_FIELDS.map((f) => mapping[f] && <input type="hidden" name={`map_${f}`} value={mapping[f]} />)}
    </>
  );
}

/** Step 2: which column holds each field (recognised columns chosen already). */
export function ImportMappingPage(props: { ctx: ViewContext; id: string; fileName: string; columns: string[]; mapping: ImportMapping; ccd: boolean; error?: string }) {
  const { ctx, columns, mapping } = props;
  return (
    <AdminLayout ctx={ctx} title={t0(ctx, 'mapping.title')}>
      <h1>{t0(ctx, 'mapping.title')}</h1>
      <p>{t0(ctx, 'mapping.file', { name: props.fileName, count: columns.length })}</p>
      <div class={`usa-alert ${props.ccd ? 'usa-alert--success' : 'usa-alert--info'} usa-alert--slim margin-bottom-3`}>
        <div class="usa-alert__body">
          <p class="usa-alert__text">{t0(ctx, props.ccd ? 'mapping.ccd' : 'mapping.simple')}</p>
        </div>
      </div>
      {props.error && (
        <div class="usa-alert usa-alert--error margin-bottom-3" role="alert">
          <div class="usa-alert__body">
            <p class="usa-alert__text">{props.error}</p>
          </div>
        </div>
      )}
      <Form ctx={ctx} action={`/admin/directory-import/${props.id}/check`}>
        {IMPORT_FIELDS.map((field: ImportField) => (
          <div class="usa-form-group">
            <label class="usa-label" for={`field-map_${field}`}>
              {t0(ctx, `fields.${field}`)}
              {field === 'name' && ` (${t0(ctx, 'mapping.required')})`}
            </label>
            <select class="usa-select" id={`field-map_${field}`} name={`map_${field}`}>
              <option value="">{t0(ctx, 'mapping.none')}</option>
              {columns.map((c) => (
                <option value={c} selected={mapping[field] === c}>{c}</option>
              ))}
            </select>
          </div>
        ))}
        <button type="submit" class="usa-button margin-top-3">{t0(ctx, 'mapping.check')}</button>
      </Form>
    </AdminLayout>
  );
}

/** Step 3 (dry run) and step 4 (applied): what the file does, every rejected row with its reason. */
export function ImportReportPage({ ctx, id, report }: { ctx: ViewContext; id: string; report: ImportReport }) {
  const title = t0(ctx, report.applied ? 'report.appliedTitle' : 'report.title');
  const canApply = !report.applied && !report.fatal && report.create + report.update > 0;
  return (
    <AdminLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {report.fatal ? (
        <div class="usa-alert usa-alert--error margin-bottom-3" role="alert">
          <div class="usa-alert__body">
            <h2 class="usa-alert__heading">{t0(ctx, 'report.fatal')}</h2>
            <p class="usa-alert__text">{report.fatal}</p>
          </div>
        </div>
      ) : (
        <p class="usa-intro">{t0(ctx, report.applied ? 'report.appliedIntro' : 'report.dryRunIntro', { seconds: report.seconds })}</p>
      )}
      <table class="usa-table usa-table--borderless">
        <caption>{t0(ctx, 'report.summary')}</caption>
        <tbody>
          {(['rows', 'create', 'update', 'unchanged', 'rejected'] as const).map((k) => (
            <tr>
              <th scope="row">{t0(ctx, `report.counts.${k}`)}</th>
              <td data-count={k}>{report[k].toLocaleString('en-US')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canApply && (
        <Form ctx={ctx} action={`/admin/directory-import/${id}/confirm`} class="margin-y-3">
          <MappingFields mapping={report.mapping} />
          <button type="submit" class="usa-button">{t0(ctx, 'report.confirm', { create: report.create, update: report.update })}</button>
        </Form>
      )}
      {!report.applied && (
        <p>
          <a class="usa-link" href={`/admin/directory-import/${id}`}>{t0(ctx, 'report.remap')}</a>
        </p>
      )}
      {report.rejected > 0 && (
        <>
          <h2>{t0(ctx, 'report.rejectedHeading')}</h2>
          {report.rejected > report.rejections.length && <p>{t0(ctx, 'report.rejectedMore', { shown: report.rejections.length, count: report.rejected })}</p>}
          {!report.applied && (
            <p>
              <a class="usa-link" href={`/admin/directory-import/${id}/rejections.csv`}>{t0(ctx, 'report.download')}</a>
            </p>
          )}
          <table class="usa-table usa-table--borderless usa-table--striped">
            <caption class="usa-sr-only">{t0(ctx, 'report.rejectedHeading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t0(ctx, 'report.line')}</th>
                <th scope="col">{t0(ctx, 'report.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rejections.map((r) => (
                <tr>
                  <td>{r.line}</td>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {report.applied && (
        <p>
          <a class="usa-button" href="/admin/directory-import">{t0(ctx, 'report.another')}</a>
        </p>
      )}
    </AdminLayout>
  );
}
