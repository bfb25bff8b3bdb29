import type { VNode } from 'preact';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { INTRO_IDS, tagPagePath, type ApiReference } from '../api-reference.ts';
import { ApiDocsLayout, TagSummary, tagTitle } from './api-docs-layout.tsx';
import { ApiIntro } from './api-intro.tsx';
import { OperationTitle } from './operation-section.tsx';

/** What the page needs besides the reference itself. */
export interface ApiReferenceSite {
  /** The site's address, without a trailing slash. */
  baseUrl: string;
  /** The largest request body accepted, in bytes. */
  bodyLimit: number;
}

/**
 * The overview at /api/docs: what every integration needs first, then the contents: each tag with
 * what it covers and its requests, linking to them on the tag's own page.
 */
export function ApiReferencePage({ ctx, reference, site }: { ctx: ViewContext; reference: ApiReference; site: ApiReferenceSite }) {
  const { t } = ctx;
  const examplePath = reference.sections.flatMap((s) => s.operations).find((o) => o.method === 'GET' && !o.path.includes('{'))?.path ?? '/api/v1';
  return (
    <ApiDocsLayout ctx={ctx} reference={reference} title={t('api-docs:title')}>
      <h1>{t('api-docs:title')}</h1>
      {reference.version && <p class="text-base">{t('api-docs:version', { version: reference.version })}</p>}
      <ApiIntro ctx={ctx} baseUrl={site.baseUrl} examplePath={examplePath} bodyLimit={site.bodyLimit} />

      <nav class="usa-prose margin-top-4" aria-labelledby={INTRO_IDS.contents}>
        <h2 id={INTRO_IDS.contents}>{t('api-docs:contents')}</h2>
        {reference.sections.map((section) => (
          <>
            <h3 id={section.id}>
              <a class="usa-link" href={tagPagePath(section)}>
                {tagTitle(ctx, section)}
              </a>
            </h3>
            <TagSummary ctx={ctx} section={section} />
            <p class="text-base">{t('api-docs:operationCount', { count: section.operations.length })}</p>
            <ul class="usa-list">
              {section.operations.map((op) => (
                // The operation's anchor here too: links made when the whole reference was one page
                // (/api/docs#<operation>) still land on that request, one link away from it.
                <li id={op.id}>
                  <a class="usa-link" href={`${tagPagePath(section)}#${op.id}`}>
                    <OperationTitle ctx={ctx} op={op} />
                  </a>
                </li>
              ))}
            </ul>
          </>
        ))}
      </nav>
    </ApiDocsLayout>
  );
}

/** The page as a VNode, for route files written in plain TypeScript. */
export function apiReferencePage(ctx: ViewContext, reference: ApiReference, site: ApiReferenceSite): VNode {
  return <ApiReferencePage ctx={ctx} reference={reference} site={site} />;
}
