import type { VNode } from 'preact';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { OVERVIEW_PATH, tagPagePath, type ApiReference, type TagSectionView } from '../api-reference.ts';
import { ApiDocsLayout, TagSummary, tagTitle } from './api-docs-layout.tsx';
import { OperationSection } from './operation-section.tsx';

/** API reference › this tag. */
function Breadcrumb({ ctx, title }: { ctx: ViewContext; title: string }) {
  return (
    <nav class="usa-breadcrumb padding-top-0" aria-label={ctx.t('api-docs:breadcrumb')}>
      <ol class="usa-breadcrumb__list">
        <li class="usa-breadcrumb__list-item">
          <a class="usa-breadcrumb__link" href={OVERVIEW_PATH}>
            <span>{ctx.t('api-docs:title')}</span>
          </a>
        </li>
        <li class="usa-breadcrumb__list-item usa-current" aria-current="page">
          <span>{title}</span>
        </li>
      </ol>
    </nav>
  );
}

/** Links to the tags before and after this one, so the whole reference can be read in order. */
function PreviousNext({ ctx, reference, section }: { ctx: ViewContext; reference: ApiReference; section: TagSectionView }) {
  const at = reference.sections.indexOf(section);
  const previous = reference.sections[at - 1];
  const next = reference.sections[at + 1];
  if (!previous && !next) return null;
  return (
    <nav aria-label={ctx.t('api-docs:pager.label')} class="usa-pagination margin-top-6">
      <ul class="usa-pagination__list">
        {previous && (
          <li class="usa-pagination__item usa-pagination__arrow">
            <a href={tagPagePath(previous)} class="usa-pagination__link usa-pagination__previous-page" rel="prev">
              <span class="usa-pagination__link-text">{ctx.t('api-docs:pager.previous', { tag: tagTitle(ctx, previous) })}</span>
            </a>
          </li>
        )}
        {next && (
          <li class="usa-pagination__item usa-pagination__arrow">
            <a href={tagPagePath(next)} class="usa-pagination__link usa-pagination__next-page" rel="next">
              <span class="usa-pagination__link-text">{ctx.t('api-docs:pager.next', { tag: tagTitle(ctx, next) })}</span>
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** One tag's page, /api/docs/<tag>: every request of the tag in full, each under its own anchor. */
export function ApiTagPage({ ctx, reference, section }: { ctx: ViewContext; reference: ApiReference; section: TagSectionView }) {
  const { t } = ctx;
  const title = tagTitle(ctx, section);
  return (
    <ApiDocsLayout ctx={ctx} reference={reference} current={section} title={t('api-docs:tagPage.title', { tag: title })}>
      <Breadcrumb ctx={ctx} title={title} />
      <h1>{title}</h1>
      <div class="usa-prose">
        <TagSummary ctx={ctx} section={section} class="usa-intro" />
        <p>
          {t('api-docs:tagPage.overviewBefore')}{' '}
          <a class="usa-link" href={OVERVIEW_PATH}>
            {t('api-docs:tagPage.overviewLink')}
          </a>
          {t('api-docs:tagPage.overviewAfter')}
        </p>
        {ctx.locale !== 'en' && <p>{t('api-docs:docLanguageNote')}</p>}
        <p class="text-base">{t('api-docs:operationCount', { count: section.operations.length })}</p>
      </div>
      {section.operations.map((op) => (
        <OperationSection ctx={ctx} op={op} />
      ))}
      <PreviousNext ctx={ctx} reference={reference} section={section} />
    </ApiDocsLayout>
  );
}

/**
 * The answer to /api/docs/<anything else>: a page for people (the API's own 404 is JSON), whose
 * navigation lists the tags that do exist.
 */
export function ApiTagNotFoundPage({ ctx, reference }: { ctx: ViewContext; reference: ApiReference }) {
  const { t } = ctx;
  return (
    <ApiDocsLayout ctx={ctx} reference={reference} title={t('errors:titles.404')}>
      <div class="usa-prose">
        <h1>{t('errors:titles.404')}</h1>
        <p class="usa-intro">{t('api-docs:notFound')}</p>
        <p>
          <a class="usa-link" href={OVERVIEW_PATH}>
            {t('api-docs:backToOverview')}
          </a>
        </p>
      </div>
    </ApiDocsLayout>
  );
}

/** The pages as VNodes, for route files written in plain TypeScript. */
export const apiTagNotFoundPage = (ctx: ViewContext, reference: ApiReference): VNode => <ApiTagNotFoundPage ctx={ctx} reference={reference} />;

export const apiTagPage = (ctx: ViewContext, reference: ApiReference, section: TagSectionView): VNode => <ApiTagPage ctx={ctx} reference={reference} section={section} />;
