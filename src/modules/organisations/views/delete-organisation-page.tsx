import type { Organisation } from '../../../db/schema.ts';
import { Alert } from '../../../platform/ui/components/alert.tsx';
import { Form } from '../../../platform/ui/components/form.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';

export interface DeleteOrganisationProps {
  ctx: ViewContext;
  organisation: Organisation;
  usage: { people: number; members: number };
  /** The refusal when a delete was just attempted and something still depends on it. */
  error?: string;
}

/** /organisations/:slug/delete — confirm, or explain what must happen first. */
export function DeleteOrganisationPage({ ctx, organisation, usage, error }: DeleteOrganisationProps) {
  const { t } = ctx;
  const title = t('organisations:delete.title', { name: organisation.name });
  const base = `/organisations/${organisation.slug}`;
  const blocked = usage.people > 0 || usage.members > 0;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {error && <Alert type="error">{t(error)}</Alert>}
      {blocked ? (
        <Alert type="warning" heading={t('organisations:delete.blocked')}>
          <ul class="usa-list">
            {usage.people > 0 && (
              <li>
                {t('organisations:delete.people', { count: usage.people })}{' '}
                <a class="usa-link" href={`${base}/people`}>{t('organisations:delete.managePeople')}</a>
              </li>
            )}
            {usage.members > 0 && (
              <li>
                {t('organisations:delete.members', { count: usage.members })}{' '}
                <a class="usa-link" href={`/admin/organisations?center=${organisation.id}`}>{t('organisations:page.membersAll')}</a>
              </li>
            )}
          </ul>
        </Alert>
      ) : (
        <>
          <p class="usa-prose">{t('organisations:delete.intro')}</p>
          <Form ctx={ctx} action={`${base}/delete`} class="margin-top-3">
            <button type="submit" class="usa-button usa-button--secondary">{t('organisations:delete.confirm')}</button>
            <a class="usa-button usa-button--unstyled margin-left-2" href={base}>{t('organisations:delete.cancel')}</a>
          </Form>
        </>
      )}
      {blocked && (
        <p>
          <a class="usa-link" href={base}>{t('organisations:delete.back', { name: organisation.name })}</a>
        </p>
      )}
    </Layout>
  );
}
