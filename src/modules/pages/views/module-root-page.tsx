import { Alert } from '../../../platform/ui/components/alert.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { ModuleRoot } from '../module-roots.ts';
import { RelatedPages } from './related-pages.tsx';

/** The page at a later module's root: what the module will do, and what is ready now. */
export function ModuleRootPage({ ctx, root }: { ctx: ViewContext; root: ModuleRoot }) {
  const { t } = ctx;
  const key = (rest: string) => `pages:${root.section}.${rest}`;
  return (
    <Layout ctx={ctx} title={t(key('title'))}>
      <div class="usa-prose">
        <h1>{t(key('heading'))}</h1>
        <p class="usa-intro">{t(key('lead'))}</p>
        <h2>{t('pages:shared.whatHeading')}</h2>
        <ul class="usa-list">
          {root.items.map((item) => (
            <li>{t(key(`items.${item}`))}</li>
          ))}
        </ul>
      </div>
      <div class="margin-top-4 measure-5">
        <Alert type="info" slim>
          {t('pages:shared.nextRelease')}
        </Alert>
      </div>
      <RelatedPages ctx={ctx} links={root.related} />
    </Layout>
  );
}
