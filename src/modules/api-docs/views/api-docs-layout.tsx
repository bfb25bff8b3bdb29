import type { ComponentChildren } from 'preact';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { INTRO_IDS, OVERVIEW_PATH, UNTAGGED, tagPagePath, type ApiReference, type TagSectionView } from '../api-reference.ts';
import { docLang } from './field-tables.tsx';
import { Breakable } from './type-text.tsx';

/** The overview's own sections, which its entry in the side navigation lists while it is open. */
const OVERVIEW_SECTIONS: [id: string, key: string][] = [
  [INTRO_IDS.authentication, 'api-docs:auth.heading'],
  [INTRO_IDS.format, 'api-docs:format.heading'],
  [INTRO_IDS.errors, 'api-docs:errors.heading'],
  [INTRO_IDS.contents, 'api-docs:contents'],
];

/** "Organisations" for the tag `organisations`: the catalogue's name, or the tag itself. */
export function tagTitle(ctx: ViewContext, section: TagSectionView): string {
  if (section.tag === UNTAGGED) return ctx.t('api-docs:untagged');
  return ctx.t(`api-docs:tags.${section.tag}`, { defaultValue: section.tag.charAt(0).toUpperCase() + section.tag.slice(1) });
}

/** What a tag covers: the catalogue's words in the reader's language, else the document's (English). */
export function TagSummary({ ctx, section, class: className }: { ctx: ViewContext; section: TagSectionView; class?: string }) {
  const own = section.tag === UNTAGGED ? '' : ctx.t(`api-docs:tagSummaries.${section.tag}`, { defaultValue: '' });
  if (own) return <p class={className}>{own}</p>;
  if (!section.description) return null;
  return (
    <p class={className} lang={docLang(ctx)}>
      {section.description}
    </p>
  );
}

/**
 * The reference's pages: the site layout with a USWDS side navigation (as in the admin area) of the
 * overview and every tag's page; the page being read also lists its sections, as in-page links.
 * Unlike the admin area's, the navigation comes after the content in the page (shown beside it from
 * tablet width up, as USWDS's documentation layout does): on a phone a reader who opens a tag's page
 * meets that tag's requests, not thirty links to scroll past first.
 */
export function ApiDocsLayout(props: { ctx: ViewContext; reference: ApiReference; title: string; current?: TagSectionView; children: ComponentChildren }) {
  const { ctx, reference, current } = props;
  const onOverview = ctx.path.replace(/\/+$/, '') === OVERVIEW_PATH;
  return (
    <Layout ctx={ctx} title={props.title}>
      <div class="grid-row grid-gap">
        <div class="tablet:grid-col-9">{props.children}</div>
        <div class="tablet:grid-col-3 tablet:order-first margin-top-4 tablet:margin-top-0 margin-bottom-4">
          <nav aria-label={ctx.t('api-docs:nav.label')}>
            <ul class="usa-sidenav">
              <li class="usa-sidenav__item">
                <a href={OVERVIEW_PATH} class={onOverview ? 'usa-current' : undefined} aria-current={onOverview ? 'page' : undefined}>
                  {ctx.t('api-docs:nav.overview')}
                </a>
                {onOverview && (
                  <ul class="usa-sidenav__sublist">
                    {OVERVIEW_SECTIONS.map(([id, key]) => (
                      <li class="usa-sidenav__item">
                        <a href={`#${id}`}>{ctx.t(key)}</a>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
              {reference.sections.map((section) => (
                <li class="usa-sidenav__item">
                  <a href={tagPagePath(section)} class={section === current ? 'usa-current' : undefined} aria-current={section === current ? 'page' : undefined}>
                    {tagTitle(ctx, section)}
                  </a>
                  {section === current && (
                    <ul class="usa-sidenav__sublist">
                      {section.operations.map((op) => (
                        <li class="usa-sidenav__item">
                          <a href={`#${op.id}`} lang={op.summary ? docLang(ctx) : undefined}>
                            {op.summary ?? <Breakable text={`${op.method} ${op.path}`} />}
                          </a>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </div>
    </Layout>
  );
}
