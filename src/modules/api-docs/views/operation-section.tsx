import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { INTRO_IDS, OVERVIEW_PATH, type OperationView } from '../api-reference.ts';
import { docLang, FieldsTable, ParametersTable } from './field-tables.tsx';
import { Breakable, TypeText } from './type-text.tsx';

/** Plain text from the document: its blank lines separate paragraphs. */
function Paragraphs({ ctx, text }: { ctx: ViewContext; text: string }) {
  return (
    <>
      {text.split(/\n\s*\n/).map((para) => (
        <p lang={docLang(ctx)}>{para}</p>
      ))}
    </>
  );
}

/**
 * One request of the API, on its tag's page: its heading, what it does, who may call it, its inputs
 * and its answers. The error shape is explained once, on the overview.
 */
export function OperationSection({ ctx, op }: { ctx: ViewContext; op: OperationView }) {
  const { t } = ctx;
  const name = `${op.method} ${op.path}`;
  const documented = op.responses.filter((r) => r.fields.length > 0);
  return (
    <section class="margin-top-5 border-top-1px border-base-lighter padding-top-2" aria-labelledby={op.id}>
      <h2 id={op.id} class="font-heading-lg">
        <OperationTitle ctx={ctx} op={op} />
      </h2>
      <div class="usa-prose">
        {op.deprecated && (
          <p>
            <strong>{t('api-docs:deprecated')}</strong>
          </p>
        )}
        {op.description && <Paragraphs ctx={ctx} text={op.description} />}
        <p>
          <strong>{t('api-docs:authentication')}</strong> {t(`api-docs:access.${op.auth}`)}
        </p>
      </div>

      {op.parameters.length > 0 && (
        <>
          <h3 class="font-heading-md">{t('api-docs:parameters.heading')}</h3>
          <ParametersTable ctx={ctx} parameters={op.parameters} caption={t('api-docs:parameters.caption', { operation: name })} />
        </>
      )}

      {op.body && (
        <>
          <h3 class="font-heading-md">{t('api-docs:body.heading')}</h3>
          <div class="usa-prose">
            <p>
              {op.body.required ? t('api-docs:body.required') : t('api-docs:body.optional')}{' '}
              {op.body.contentTypes.length > 0 && (
                <>
                  {t('api-docs:body.contentType')} <code class="font-mono-xs">{op.body.contentTypes.join(', ')}</code>
                </>
              )}
            </p>
            {op.body.description && <Paragraphs ctx={ctx} text={op.body.description} />}
            {op.body.fields.length === 0 && (
              <p>
                {t('api-docs:body.type')} <TypeText t={t} type={op.body.type} />
              </p>
            )}
          </div>
          {op.body.fields.length > 0 && <FieldsTable ctx={ctx} fields={op.body.fields} caption={t('api-docs:body.caption', { operation: name })} />}
          {op.body.rejectsUnknownFields && <p>{t('api-docs:body.unknownRejected')}</p>}
        </>
      )}

      <h3 class="font-heading-md">{t('api-docs:responses.heading')}</h3>
      <ul class="usa-list">
        {op.responses.map((r) => (
          <li>
            <code class="font-mono-xs">{r.status}</code>
            {': '}
            {r.description ? <span lang={docLang(ctx)}>{r.description}</span> : t(`api-docs:responses.statuses.${r.status}`, { defaultValue: '' })}
          </li>
        ))}
      </ul>
      {op.responses.some((r) => /^[45]/.test(r.status)) && (
        <p>
          {t('api-docs:responses.errorShape')}{' '}
          <a class="usa-link" href={`${OVERVIEW_PATH}#${INTRO_IDS.errors}`}>
            {t('api-docs:errors.heading')}
          </a>
          .
        </p>
      )}

      {documented.map((r) => (
        <>
          <h3 class="font-heading-md">{t('api-docs:responses.bodyHeading', { status: r.status })}</h3>
          <FieldsTable ctx={ctx} fields={r.fields} caption={t('api-docs:responses.caption', { status: r.status, operation: name })} />
        </>
      ))}
    </section>
  );
}

/** A request's method, path and summary: its heading here, its entry in the overview's contents. */
export function OperationTitle({ ctx, op }: { ctx: ViewContext; op: Pick<OperationView, 'method' | 'path' | 'summary'> }) {
  return (
    <>
      <code>{op.method}</code>{' '}
      <code>
        <Breakable text={op.path} />
      </code>
      {op.summary && (
        <>
          <span class="usa-sr-only">:</span> <span lang={docLang(ctx)}>{op.summary}</span>
        </>
      )}
    </>
  );
}
