import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { ParameterView } from '../api-reference.ts';
import type { Field } from '../schema-phrase.ts';
import { Breakable, TypeText } from './type-text.tsx';

/**
 * The text of the OpenAPI document is written in English (it comes from the code); on a page in
 * another language it is marked so, for screen readers to pronounce it right.
 */
export const docLang = (ctx: ViewContext) => (ctx.locale === 'en' ? undefined : 'en');

/** The parameters of one request: name, where it goes, type, whether required, description. */
export function ParametersTable({ ctx, parameters, caption }: { ctx: ViewContext; parameters: ParameterView[]; caption: string }) {
  const { t } = ctx;
  const label = {
    name: t('api-docs:parameters.name'),
    in: t('api-docs:parameters.in'),
    type: t('api-docs:parameters.type'),
    required: t('api-docs:parameters.required'),
    description: t('api-docs:parameters.description'),
  };
  return (
    <table class="usa-table usa-table--borderless usa-table--stacked width-full">
      <caption class="usa-sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{label.name}</th>
          <th scope="col">{label.in}</th>
          <th scope="col">{label.type}</th>
          <th scope="col">{label.required}</th>
          <th scope="col">{label.description}</th>
        </tr>
      </thead>
      <tbody>
        {parameters.map((p) => (
          <tr>
            <th scope="row" data-label={label.name}>
              <code class="font-mono-xs">
                <Breakable text={p.name} />
              </code>
            </th>
            <td data-label={label.in}>{t(`api-docs:parameters.places.${p.in}`, { defaultValue: p.in })}</td>
            <td data-label={label.type}>
              <TypeText t={t} type={p.type} />
            </td>
            <td data-label={label.required}>{p.required ? t('api-docs:yes') : t('api-docs:no')}</td>
            <td data-label={label.description} lang={p.description ? docLang(ctx) : undefined}>
              {p.description ?? ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The fields of a request or response body. The description column appears only when some field
 * has one: a column of blanks is noise to read through, cell by cell, on a screen reader.
 */
export function FieldsTable({ ctx, fields, caption }: { ctx: ViewContext; fields: Field[]; caption: string }) {
  const { t } = ctx;
  const described = fields.some((f) => f.description);
  const label = {
    name: t('api-docs:fields.name'),
    type: t('api-docs:fields.type'),
    required: t('api-docs:fields.required'),
    description: t('api-docs:fields.description'),
  };
  return (
    <table class="usa-table usa-table--borderless usa-table--stacked width-full">
      <caption class="usa-sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{label.name}</th>
          <th scope="col">{label.type}</th>
          <th scope="col">{label.required}</th>
          {described && <th scope="col">{label.description}</th>}
        </tr>
      </thead>
      <tbody>
        {fields.map((f) => (
          <tr>
            <th scope="row" data-label={label.name}>
              <code class="font-mono-xs">
                <Breakable text={f.name} />
              </code>
            </th>
            <td data-label={label.type}>
              <TypeText t={t} type={f.type} />
            </td>
            <td data-label={label.required}>{f.required ? t('api-docs:yes') : t('api-docs:no')}</td>
            {described && (
              <td data-label={label.description} lang={f.description ? docLang(ctx) : undefined}>
                {f.description ?? ''}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
