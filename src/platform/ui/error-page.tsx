import type { ViewContext } from './view-context.ts';
import { Layout } from './layout.tsx';

/** The page for any error outside /api: a plain explanation and where to go next. */
export function ErrorPage({ ctx, status, messageKey, requestId }: { ctx: ViewContext; status: number; messageKey: string; requestId: string }) {
  const { t } = ctx;
  const title = t(`errors:titles.${status}`, { defaultValue: t('errors:titles.default') });
  return (
    <Layout ctx={ctx} title={title}>
      <div class="usa-prose">
        <h1>{title}</h1>
        <p class="usa-intro">{t(messageKey)}</p>
        {status === 404 && (
          <>
            <p>{t('errors:notFoundHelp')}</p>
            <ul class="usa-list">
              <li><a class="usa-link" href="/">{t('common:home')}</a></li>
              <li><a class="usa-link" href="/directory">{t('common:nav.directory')}</a></li>
              <li><a class="usa-link" href="/events">{t('common:nav.events')}</a></li>
            </ul>
          </>
        )}
        {status === 401 && (
          <p>
            <a class="usa-button" href={`/login?next=${encodeURIComponent(ctx.path)}`}>{t('common:signIn')}</a>
          </p>
        )}
        <p class="text-base font-body-2xs">{t('errors:requestId', { id: requestId })}</p>
      </div>
    </Layout>
  );
}
