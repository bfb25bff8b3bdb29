import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';

export function HomePage({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('pages:home.title')}>
      <section class="usa-prose">
        <h1>{t('pages:home.heading')}</h1>
        <p class="usa-intro">{t('pages:home.intro')}</p>
      </section>
    </Layout>
  );
}
