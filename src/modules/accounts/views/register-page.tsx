import { LOCALES } from '../../../platform/i18n/i18n.ts';
import { Form, SelectField, SubmitButton, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { MAX_NAME_LENGTH } from '../accounts.schemas.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../../platform/auth/passwords.ts';
import { NarrowColumn } from './narrow-column.tsx';

/** The options of a language preference select, each named in its own language. */
export const localeOptions = (ctx: ViewContext) => LOCALES.map((l) => ({ value: l, label: ctx.t(`common:languages.${l}`) }));

/** /register: name, email, password twice, preferred language. */
export function RegisterPage({ ctx, state }: { ctx: ViewContext; state: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts:register.title')}>
      <NarrowColumn>
        <h1>{t('accounts:register.title')}</h1>
        <p class="usa-intro">{t('accounts:register.intro')}</p>
        <Form ctx={ctx} action="/register" state={state}>
          <TextField ctx={ctx} state={state} name="name" label={t('accounts:fields.name')} autocomplete="name" maxLength={MAX_NAME_LENGTH} required />
          <TextField ctx={ctx} state={state} name="email" type="email" label={t('accounts:fields.email')} hint={t('accounts:register.emailHint')} autocomplete="email" maxLength={254} required />
          <TextField
            ctx={ctx}
            state={state}
            name="password"
            type="password"
            label={t('accounts:fields.password')}
            hint={t('accounts:fields.passwordHint', { min: MIN_PASSWORD_LENGTH })}
            autocomplete="new-password"
            maxLength={MAX_PASSWORD_LENGTH}
            required
          />
          <TextField ctx={ctx} state={state} name="confirm" type="password" label={t('accounts:fields.confirm')} autocomplete="new-password" maxLength={MAX_PASSWORD_LENGTH} required />
          <SelectField ctx={ctx} state={state} name="locale" label={t('accounts:fields.locale')} hint={t('accounts:fields.localeHint')} options={localeOptions(ctx)} />
          <SubmitButton>{t('accounts:register.submit')}</SubmitButton>
        </Form>
        <p class="margin-top-4">
          {t('accounts:register.haveAccount')} <a class="usa-link" href="/login">{t('common:signIn')}</a>
        </p>
      </NarrowColumn>
    </Layout>
  );
}
