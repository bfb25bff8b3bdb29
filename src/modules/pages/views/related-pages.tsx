import type { ViewContext } from '../../../platform/ui/view-context.ts';

/** A link to another page: its path and the catalogue key of its label. */
export type PageLink = readonly [href: string, labelKey: string];

/** "Related pages": where a reader can go next, closing every public page. */
export function RelatedPages({ ctx, links }: { ctx: ViewContext; links: readonly PageLink[] }) {
  return (
    <section class="margin-top-5 border-top border-base-lighter padding-top-2" aria-labelledby="related-pages">
      <h2 id="related-pages" class="font-heading-md">
        {ctx.t('pages:shared.relatedHeading')}
      </h2>
      <ul class="usa-list">
        {links.map(([href, key]) => (
          <li>
            <a class="usa-link" href={href}>
              {ctx.t(key)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
