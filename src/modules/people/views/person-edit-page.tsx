import { Layout } from '../../../platform/ui/layout.tsx';
import { Checkbox, Form, SubmitButton, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';

/**
 * /people/:id/edit. Everyone may change their own name; only a network admin sees (and may send)
 * the email address and the disabled switch.
 */
export function PersonEditPage(props: { ctx: ViewContext; personId: number; personName: string; asAdmin: boolean; form: FormState }) {
  const { ctx, form } = props;
  const { t } = ctx;
  const title = t('people:edit.title', { name: props.personName });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <Form ctx={ctx} action={`/people/${props.personId}/edit`} state={form}>
        <TextField ctx={ctx} state={form} name="name" label={t('people:fields.name')} required autocomplete="name" maxLength={200} />
        {props.asAdmin && (
          <>
            <TextField ctx={ctx} state={form} name="email" type="email" label={t('people:fields.email')} hint={t('people:edit.emailHint')} required autocomplete="off" maxLength={254} />
            <Checkbox ctx={ctx} state={form} name="disabled" label={t('people:edit.disabled')} hint={t('people:edit.disabledHint')} />
          </>
        )}
        <SubmitButton>{t('common:save')}</SubmitButton>
        <a class="usa-button usa-button--unstyled margin-left-2" href={`/people/${props.personId}`}>{t('common:cancel')}</a>
      </Form>
    </Layout>
  );
}
