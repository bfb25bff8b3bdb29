import { CsrfField } from '../../../platform/ui/components/form.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';

/** /events/calendar — the person's private feed address (their tickets and starred sessions), and a way to change it. */
export function MyCalendarFeedPage({ ctx, httpsUrl }: { ctx: ViewContext; httpsUrl: string }) {
  const { t } = ctx;
  const webcal = httpsUrl.replace(/^https?:/, 'webcal:');
  return (
    <Layout ctx={ctx} title={t('events:myFeed.title')}>
      <h1>{t('events:myFeed.title')}</h1>
      <p class="usa-intro">{t('events:myFeed.lead')}</p>
      <p>
        <a class="usa-button" href={webcal}>{t('events:myFeed.subscribe')}</a>
      </p>
      <label class="usa-label" for="feed-url">{t('events:myFeed.address')}</label>
      <input class="usa-input maxw-none" id="feed-url" type="text" readOnly value={httpsUrl} aria-describedby="feed-url-hint" />
      <p class="usa-hint" id="feed-url-hint">{t('events:myFeed.hint')}</p>
      <p>
        <a class="usa-link" href={httpsUrl}>{t('events:myFeed.download')}</a>
      </p>
      <section class="margin-top-4" aria-labelledby="reset-heading">
        <h2 id="reset-heading">{t('events:myFeed.resetHeading')}</h2>
        <p>{t('events:myFeed.resetLead')}</p>
        <form method="post" action="/events/calendar/reset">
          <CsrfField ctx={ctx} />
          <button type="submit" class="usa-button usa-button--secondary">{t('events:myFeed.reset')}</button>
        </form>
      </section>
    </Layout>
  );
}
