import type { VNode } from 'preact';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { INTRO_IDS, UNTAGGED, type ApiReference, type TagSectionView } from '../api-reference.ts';
import { ApiIntro } from './api-intro.tsx';
import { docLang } from './field-tables.tsx';
import { OperationSection } from './operation-section.tsx';

/** What the page needs besides the reference itself. */
export interface ApiReferenceSite {
  /** The site's address, without a trailing slash. */
  baseUrl: string;
  /** The largest request body accepted, in bytes. */
  bodyLimit: number;
}

/** "Organisations" for the tag `organisations`: the catalogue's name, or the tag itself. */
function tagTitle(ctx: ViewContext, section: TagSectionView): string {
  if (section.tag === UNTAGGED) return ctx.t('api-docs:untagged');
  return ctx.t(`api-docs:tags.${section.tag}`, { defaultValue: section.tag.charAt(0).toUpperCase() + section.tag.slice(1) });
}

/** The API reference at /api/docs: the introduction, a table of contents, then every request by tag. */
export function ApiReferencePage({ ctx, reference, site }: { ctx: ViewContext; reference: ApiReference; site: ApiReferenceSite }) {
  const { t } = ctx;
  const examplePath = reference.sections.flatMap((s) => s.operations).find((o) => o.method === 'GET' && !o.path.includes('{'))?.path ?? '/api/v1';
  return (
    <Layout ctx={ctx} title={t('api-docs:title')}>
      <h1>{t('api-docs:title')}</h1>
      {reference.version && <p class="text-base">{t('api-docs:version', { version: reference.version })}</p>}
      <ApiIntro ctx={ctx} baseUrl={site.baseUrl} examplePath={examplePath} bodyLimit={site.bodyLimit} />

      <nav class="usa-prose margin-top-4" aria-labelledby={INTRO_IDS.contents}>
        <h2 id={INTRO_IDS.contents}>{t('api-docs:contents')}</h2>
        <ul class="usa-list">
          {reference.sections.map((section) => (
            <li>
              <a class="usa-link" href={`#${section.id}`}>
                {tagTitle(ctx, section)}
              </a>{' '}
              ({t('api-docs:operationCount', { count: section.operations.length })})
              <ul class="usa-list">
                {section.operations.map((op) => (
                  <li>
                    <a class="usa-link" href={`#${op.id}`}>
                      <code>{op.method}</code> <span lang={op.summary ? docLang(ctx) : undefined}>{op.summary ?? op.path}</span>
                    </a>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </nav>

      {reference.sections.map((section) => (
        <section class="margin-top-6" aria-labelledby={section.id}>
          <h2 id={section.id} class="font-heading-xl">{tagTitle(ctx, section)}</h2>
          {section.description && (
            <p class="usa-prose" lang={docLang(ctx)}>
              {section.description}
            </p>
          )}
          {section.operations.map((op) => (
            <OperationSection ctx={ctx} op={op} />
          ))}
        </section>
      ))}
    </Layout>
  );
}

/** The page as a VNode, for route files written in plain TypeScript. */
export function apiReferencePage(ctx: ViewContext, reference: ApiReference, site: ApiReferenceSite): VNode {
  return <ApiReferencePage ctx={ctx} reference={reference} site={site} />;
}
