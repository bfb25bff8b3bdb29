import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { INTRO_IDS } from '../api-reference.ts';
import { Breakable } from './type-text.tsx';

/** The error statuses every integration meets, with the stable codes the API sends for them. */
const ERROR_STATUSES: readonly [status: string, codes: string[]][] = [
  ['400', ['bad_request', 'malformed_json']],
  ['401', ['unauthenticated']],
  ['403', ['forbidden']],
  ['404', ['not_found']],
  ['409', ['conflict']],
  ['413', ['payload_too_large']],
  ['415', ['unsupported_media_type']],
];

/** "1 MB", "512 KB": the body limit in words. */
function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Number((bytes / (1024 * 1024)).toFixed(1))} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * What every integration needs before any single request: where the API lives, how to
 * authenticate, the JSON-only rule, and the one error shape with its common statuses.
 */
export function ApiIntro({ ctx, baseUrl, examplePath, bodyLimit }: { ctx: ViewContext; baseUrl: string; examplePath: string; bodyLimit: number }) {
  const { t } = ctx;
  // The messages an API client would really get in this language, so the example cannot drift from them.
  const example = {
    error: { code: 'bad_request', message: t('errors:badRequest'), fields: { email: [t('validation:email')] } },
    requestId: '6f1c2a9e-4b7d-4e52-9a0f-3d8b5c7e1f24',
  };
  return (
    <>
      <div class="usa-prose">
        <p class="usa-intro">{t('api-docs:intro')}</p>
        <p>
          {t('api-docs:baseUrl')}:{' '}
          <code class="font-mono-xs">
            <Breakable text={`${baseUrl}/api/v1`} />
          </code>
        </p>
        <p>
          <Breakable text={t('api-docs:baseUrlNote', { example: `${baseUrl}${examplePath}` })} />
        </p>
        <p>
          {t('api-docs:openapi')}{' '}
          <a class="usa-link" href="/api/openapi.json" type="application/json">
            {t('api-docs:openapiLink')}
          </a>
        </p>
        {ctx.locale !== 'en' && <p>{t('api-docs:docLanguageNote')}</p>}

        <h2 id={INTRO_IDS.authentication}>{t('api-docs:auth.heading')}</h2>
        <p>{t('api-docs:auth.header')}</p>
        <pre class="bg-base-lightest padding-2 text-pre-wrap font-mono-xs">
          <code class="font-mono-xs">{'Authorization: Bearer <token>'}</code>
        </pre>
        <p>
          {t('api-docs:auth.tokensBefore')}{' '}
          <a class="usa-link" href="/admin/api-tokens">
            {t('api-docs:auth.tokensLink')}
          </a>{' '}
          {t('api-docs:auth.tokensAfter')}
        </p>
        <p>{t('api-docs:auth.secret')}</p>
        <p>{t('api-docs:auth.optional')}</p>

        <h2 id={INTRO_IDS.format}>{t('api-docs:format.heading')}</h2>
        <p>{t('api-docs:format.json')}</p>
        <p>{t('api-docs:format.details')}</p>
        <p>{t('api-docs:format.language')}</p>

        <h2 id={INTRO_IDS.errors}>{t('api-docs:errors.heading')}</h2>
        <p>{t('api-docs:errors.shape')}</p>
        <figure class="margin-x-0">
          <pre class="bg-base-lightest padding-2 text-pre-wrap font-mono-xs">
            <code class="font-mono-xs">{JSON.stringify(example, null, 2)}</code>
          </pre>
          <figcaption>{t('api-docs:errors.exampleCaption')}</figcaption>
        </figure>
        <p>{t('api-docs:errors.fields')}</p>
      </div>
      <table class="usa-table usa-table--borderless usa-table--stacked width-full">
        <caption>{t('api-docs:errors.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('api-docs:errors.status')}</th>
            <th scope="col">{t('api-docs:errors.code')}</th>
            <th scope="col">{t('api-docs:errors.meaning')}</th>
          </tr>
        </thead>
        <tbody>
          {ERROR_STATUSES.map(([status, codes]) => (
            <tr>
              <th scope="row" data-label={t('api-docs:errors.status')}>
                {status}
              </th>
              <td data-label={t('api-docs:errors.code')}>
                {codes.map((code, i) => (
                  <>
                    {i > 0 && ', '}
                    <code class="font-mono-xs">{code}</code>
                  </>
                ))}
              </td>
              <td data-label={t('api-docs:errors.meaning')}>{t(`api-docs:errors.meanings.${status}`, { size: sizeText(bodyLimit) })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
