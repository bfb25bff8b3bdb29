import type { ComponentChildren } from 'preact';
import { ROLE_KINDS } from '../../../db/schema.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Checkbox, Form, SelectField, SubmitButton, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { DateTime } from '../../../platform/ui/components/date-time.tsx';
import type { VisiblePersonProfile } from '../people-visibility.service.ts';
import { PersonStatus } from './person-status.tsx';

export interface PersonPageProps {
  ctx: ViewContext;
  /** Cut down for viewers who are neither an admin nor this person: no account state, only shared organisations. */
  profile: VisiblePersonProfile;
  canEdit: boolean;
  /** Role ids this viewer may remove. */
  removable: Set<number>;
  /** The role form, shown to network admins only. */
  grantForm?: FormState | undefined;
}

/** /people/:id: who someone is, the state of their account, and their roles. */
export function PersonPage(props: PersonPageProps) {
  const { ctx, profile } = props;
  const { t } = ctx;
  const { person } = profile;
  const details: [string, ComponentChildren][] = [[t('people:fields.email'), person.email]];
  if (!person.limited) {
    details.push(
      [t('people:fields.emailVerified'), t(person.emailVerified ? 'common:yes' : 'common:no')],
      [t('people:fields.status'), <PersonStatus ctx={ctx} person={person} />],
      [t('people:fields.lastSignIn'), <DateTime ctx={ctx} iso={person.lastSignInAt} empty={t('people:never')} />],
    );
  }
  return (
    <Layout ctx={ctx} title={person.name}>
      {ctx.isAdmin && (
        <p>
          <a class="usa-link" href="/admin/people">{t('people:admin.back')}</a>
        </p>
      )}
      <h1>{person.name}</h1>
      <dl>
        {details.map(([label, value]) => (
          <>
            <dt class="text-bold margin-top-2">{label}</dt>
            <dd class="margin-left-0">{value}</dd>
          </>
        ))}
      </dl>
      {props.canEdit && (
        <p>
          <a class="usa-button usa-button--outline" href={`/people/${person.id}/edit`}>{t('people:profile.edit')}</a>
        </p>
      )}
      <h2>{t('people:profile.roles')}</h2>
      {person.limited && <p class="usa-hint">{t('people:profile.limitedRoles')}</p>}
      {profile.roles.length === 0 ? (
        <p>{t('people:profile.noRoles')}</p>
      ) : (
        <table class="usa-table usa-table--borderless width-full">
          <caption class="usa-sr-only">{t('people:profile.rolesCaption', { name: person.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('people:fields.organisation')}</th>
              <th scope="col">{t('people:fields.role')}</th>
              <th scope="col">{t('people:fields.title')}</th>
              {props.removable.size > 0 && <th scope="col">{t('people:fields.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {profile.roles.map((r) => (
              <tr>
                <th scope="row">
                  <a class="usa-link" href={`/organisations/${r.organisation.slug}`}>{r.organisation.name}</a>
                </th>
                <td>{t(`common:roles.${r.role}`)}</td>
                <td>{r.title ?? ''}</td>
                {props.removable.size > 0 && (
                  <td>
                    {props.removable.has(r.id) && (
                      <a class="usa-link" href={`/people/${person.id}/roles/${r.id}/remove`}>
                        {t('people:remove.link')}
                        <span class="usa-sr-only">{` ${t(`common:roles.${r.role}`)}, ${r.organisation.name}`}</span>
                      </a>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.grantForm && <GrantRoleForm ctx={ctx} personId={person.id} form={props.grantForm} />}
    </Layout>
  );
}

function GrantRoleForm({ ctx, personId, form }: { ctx: ViewContext; personId: number; form: FormState }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="grant-heading" class="margin-top-5">
      <h2 id="grant-heading">{t('people:grant.heading')}</h2>
      <Form ctx={ctx} action={`/people/${personId}/roles`} state={form}>
        <TextField ctx={ctx} state={form} name="organisation" label={t('people:fields.organisationSlug')} hint={t('people:grant.organisationHint')} required maxLength={120} />
        <SelectField ctx={ctx} state={form} name="role" label={t('people:fields.role')} required options={ROLE_KINDS.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))} />
        <TextField ctx={ctx} state={form} name="title" label={t('people:fields.title')} hint={t('people:fields.titleHint')} maxLength={120} />
        <Checkbox ctx={ctx} state={form} name="invite" label={t('people:grant.invite')} hint={t('people:grant.inviteHint')} />
        <SubmitButton>{t('people:grant.submit')}</SubmitButton>
      </Form>
    </section>
  );
}
