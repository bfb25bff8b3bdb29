import type { ComponentChildren } from 'preact';
import type { RoleGrant } from '../../../platform/auth/principal.ts';
import { Alert } from '../../../platform/ui/components/alert.tsx';
import { Form, SelectField, SubmitButton, TextField, emptyForm, type FormState } from '../../../platform/ui/components/form.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { MAX_NAME_LENGTH } from '../accounts.schemas.ts';
import type { AccountWork } from '../profile.service.ts';
import { MAX_PASSWORD_LENGTH } from '../../../platform/auth/passwords.ts';
import { localeOptions } from './register-page.tsx';
import { NewPasswordFields } from './reset-password-page.tsx';

export interface AccountView {
  name: string;
  email: string;
  locale: string | null;
  emailVerified: boolean;
  hasPassword: boolean;
  roles: RoleGrant[];
  /** The "Your work" links its roles give (decided by accountWorkOf). */
  work: AccountWork;
}

/** Where the person's roles put their work: self-assessments, coaching, their centers' engagements and the roll-ups. */
function WorkLinks({ ctx, work }: { ctx: ViewContext; work: AccountWork }) {
  const { t } = ctx;
  if (!work.assessment && !work.coaching && !work.rollups && work.centers.length === 0) return null;
  return (
    <section aria-labelledby="work-heading" class="margin-bottom-5">
      <h2 id="work-heading">{t('accounts:account.workHeading')}</h2>
      <ul class="usa-list">
        {work.assessment && (
          <li>
            <a class="usa-link" href="/assessment">{t('accounts:account.workAssessment')}</a>
          </li>
        )}
        {work.coaching && (
          <li>
            <a class="usa-link" href="/coaching">{t('accounts:account.workCoaching')}</a>
          </li>
        )}
        {work.centers.map((c) => (
          <li>
            <a class="usa-link" href={`/centers/${encodeURIComponent(c.slug)}/engagements`}>{t('accounts:account.workEngagements', { center: c.name })}</a>
          </li>
        ))}
        {work.rollups && (
          <li>
            <a class="usa-link" href="/improvement">{t('accounts:account.workRollups')}</a>
          </li>
        )}
      </ul>
    </section>
  );
}

/** /account: one's own profile, language, password, roles and devices. */
export function AccountPage(props: { ctx: ViewContext; account: AccountView; profile?: FormState; password?: FormState; /** Sections other modules add (membership). */ sections?: ComponentChildren }) {
  const { ctx, account } = props;
  const { t } = ctx;
  const profile = props.profile ?? emptyForm({ name: account.name, locale: account.locale ?? ctx.locale });
  const password = props.password ?? emptyForm();
  return (
    <Layout ctx={ctx} title={t('accounts:account.title')}>
      <h1>{t('accounts:account.title')}</h1>
      {!account.emailVerified && (
        <Alert type="warning" heading={t('accounts:account.unverifiedHeading')}>
          <p>{t('accounts:account.unverified', { email: account.email })}</p>
          <Form ctx={ctx} action="/verify-email/resend" class="margin-top-1">
            <button type="submit" class="usa-button usa-button--outline">{t('accounts:account.resend')}</button>
          </Form>
        </Alert>
      )}

      <WorkLinks ctx={ctx} work={account.work} />

      <section aria-labelledby="profile-heading" class="margin-bottom-5">
        <h2 id="profile-heading">{t('accounts:account.profileHeading')}</h2>
        <Form ctx={ctx} action="/account/profile" state={profile}>
          <TextField ctx={ctx} state={profile} name="name" label={t('accounts:fields.name')} autocomplete="name" maxLength={MAX_NAME_LENGTH} required />
          <div class="usa-form-group">
            <label class="usa-label" for="account-email">{t('accounts:fields.email')}</label>
            <div class="usa-hint" id="account-email-hint">{t('accounts:account.emailHint')}</div>
            {/* No name attribute: shown for reference, never submitted. */}
            <input class="usa-input bg-base-lightest" id="account-email" type="email" value={account.email} readOnly aria-describedby="account-email-hint" />
          </div>
          <SelectField ctx={ctx} state={profile} name="locale" label={t('accounts:fields.locale')} hint={t('accounts:fields.localeHint')} options={localeOptions(ctx)} />
          <SubmitButton>{t('accounts:account.saveProfile')}</SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="password-heading" class="margin-bottom-5">
        <h2 id="password-heading">{account.hasPassword ? t('accounts:account.passwordHeading') : t('accounts:account.firstPasswordHeading')}</h2>
        <p>{account.hasPassword ? t('accounts:account.passwordIntro') : t('accounts:account.firstPasswordIntro')}</p>
        <Form ctx={ctx} action="/account/password" state={password}>
          {account.hasPassword && (
            <TextField ctx={ctx} state={password} name="current" type="password" label={t('accounts:fields.currentPassword')} autocomplete="current-password" maxLength={MAX_PASSWORD_LENGTH} required />
          )}
          <NewPasswordFields ctx={ctx} state={password} />
          <SubmitButton>{t('accounts:account.savePassword')}</SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="roles-heading" class="margin-bottom-5">
        <h2 id="roles-heading">{t('accounts:account.rolesHeading')}</h2>
        {account.roles.length === 0 ? (
          <p>{t('accounts:account.noRoles')}</p>
        ) : (
          <table class="usa-table usa-table--borderless">
            <caption class="usa-sr-only">{t('accounts:account.rolesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('accounts:account.organisation')}</th>
                <th scope="col">{t('accounts:account.role')}</th>
              </tr>
            </thead>
            <tbody>
              {account.roles.map((r) => (
                <tr>
                  <th scope="row">
                    <a class="usa-link" href={`/organisations/${encodeURIComponent(r.organisationSlug)}`}>{r.organisationName}</a>
                  </th>
                  <td>{t(`common:roles.${r.role}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {props.sections}

      <section aria-labelledby="devices-heading">
        <h2 id="devices-heading">{t('accounts:account.devicesHeading')}</h2>
        <p>{t('accounts:account.devicesIntro')}</p>
        <Form ctx={ctx} action="/account/sessions/end-others" class="usa-form">
          <button type="submit" class="usa-button usa-button--secondary">{t('accounts:account.endOthers')}</button>
        </Form>
      </section>
    </Layout>
  );
}
