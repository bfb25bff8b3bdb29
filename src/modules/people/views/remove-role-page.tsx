import { Layout } from '../../../platform/ui/layout.tsx';
import { Form } from '../../../platform/ui/components/form.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';

/**
 * "Remove Ana Ruiz as school leader at Lincoln High?" — the confirmation step of a removal, a page
 * of its own so it works without JavaScript.
 */
export function RemoveRolePage(props: { ctx: ViewContext; personName: string; roleLabel: string; organisationName: string; action: string; cancelHref: string; error?: string }) {
  const { ctx } = props;
  const { t } = ctx;
  const vars = { person: props.personName, role: props.roleLabel, organisation: props.organisationName };
  return (
    <Layout ctx={ctx} title={t('people:remove.title')}>
      <h1>{t('people:remove.title')}</h1>
      {props.error && (
        <div class="usa-alert usa-alert--error margin-bottom-3" role="alert">
          <div class="usa-alert__body">
            <p class="usa-alert__text">{t(props.error)}</p>
          </div>
        </div>
      )}
      <p class="usa-intro">{t('people:remove.question', vars)}</p>
      <p>{t('people:remove.explain')}</p>
      <Form ctx={ctx} action={props.action} class="margin-top-3">
        <button type="submit" class="usa-button usa-button--secondary">{t('people:remove.confirm')}</button>
        <a class="usa-button usa-button--unstyled margin-left-2" href={props.cancelHref}>{t('common:cancel')}</a>
      </Form>
    </Layout>
  );
}
