import type { CoalitionEvent } from '../../../db/schema.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';

/** The register address of an event that takes no registrations now (cancelled, over, or registering elsewhere). */
export function RegistrationClosedPage({ ctx, event }: { ctx: ViewContext; event: CoalitionEvent }) {
  const { t } = ctx;
  const title = t('registration:form.title', { title: event.title });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <div class="usa-alert usa-alert--warning" role="status">
        <div class="usa-alert__body">
          <p class="usa-alert__text">{t(event.status === 'cancelled' ? 'registration:panel.closed.cancelled' : 'registration:errors.closed')}</p>
        </div>
      </div>
      <p class="margin-top-3">
        <a href={`/events/${event.slug}`}>{t('registration:form.backToEvent')}</a>
      </p>
    </Layout>
  );
}
