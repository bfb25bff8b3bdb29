import type { Organisation, RoleKind } from '../../../db/schema.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { CsrfField, Form, SelectField, SubmitButton, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { OrganisationPersonEntry } from '../people-visibility.service.ts';
import type { VisiblePerson } from '../person-view.ts';
import { PersonStatus, roleText } from './person-status.tsx';

export interface OrganisationPeopleProps {
  ctx: ViewContext;
  organisation: Organisation;
  entries: OrganisationPersonEntry[];
  /** May invite and remove people here (canManageOrganisation). */
  canManage: boolean;
  /** The roles this viewer may give at this organisation; the invite form offers only these. */
  grantable: RoleKind[];
  /** Role ids this viewer may remove. */
  removable: Set<number>;
  form: FormState;
}

/** /organisations/:slug/people: who holds which role here, and (for its managers) the invite form. */
export function OrganisationPeoplePage(props: OrganisationPeopleProps) {
  const { ctx, organisation, entries } = props;
  const { t } = ctx;
  const base = `/organisations/${organisation.slug}/people`;
  const title = t('people:organisation.title', { name: organisation.name });
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a class="usa-link" href={`/organisations/${organisation.slug}`}>{t('people:organisation.back', { name: organisation.name })}</a>
      </p>
      <h1>{title}</h1>
      {entries.length === 0 ? (
        <p>{t('people:organisation.empty')}</p>
      ) : (
        <table class="usa-table usa-table--borderless usa-table--stacked width-full">
          <caption>{t('people:organisation.caption', { name: organisation.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('people:fields.name')}</th>
              <th scope="col">{t('people:fields.email')}</th>
              <th scope="col">{t('people:fields.role')}</th>
              <th scope="col">{t('people:fields.status')}</th>
              {props.canManage && <th scope="col">{t('people:fields.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {entries.map(({ role, person, invitationPending }) => (
              <tr>
                <th scope="row" data-label={t('people:fields.name')}>
                  <a class="usa-link" href={`/people/${person.id}`}>{person.name}</a>
                </th>
                <td data-label={t('people:fields.email')}>{person.email}</td>
                <td data-label={t('people:fields.role')}>{roleText(ctx, role.role, role.title)}</td>
                <td data-label={t('people:fields.status')}>
                  <EntryStatus ctx={ctx} person={person} invitationPending={invitationPending} />
                </td>
                {props.canManage && (
                  <td data-label={t('people:fields.actions')}>
                    {props.removable.has(role.id) && (
                      <a class="usa-link margin-right-2" href={`${base}/roles/${role.id}/remove`}>
                        {t('people:remove.link')}
                        <span class="usa-sr-only">{` ${person.name}, ${t(`common:roles.${role.role}`)}`}</span>
                      </a>
                    )}
                    {invitationPending && !(!person.limited && person.disabled) && props.removable.has(role.id) && (
                      <form method="post" action={`${base}/roles/${role.id}/resend`} class="display-inline">
                        <CsrfField ctx={ctx} />
                        <button type="submit" class="usa-button usa-button--unstyled">
                          {t('people:invite.resend')}
                          <span class="usa-sr-only">{` ${person.name}`}</span>
                        </button>
                      </form>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.canManage && props.grantable.length > 0 && <InviteForm {...props} action={base} />}
    </Layout>
  );
}

/**
 * Someone who sees the account gets its state (active, invited, disabled); anyone else only
 * whether the person has joined since being given the role, which says nothing about an account
 * that existed before or was disabled.
 */
function EntryStatus({ ctx, person, invitationPending }: { ctx: ViewContext; person: VisiblePerson; invitationPending: boolean }) {
  if (!person.limited) return <PersonStatus ctx={ctx} person={person} />;
  return <span class={`usa-tag${invitationPending ? ' bg-base' : ''}`}>{ctx.t(invitationPending ? 'people:status.invited' : 'people:status.joined')}</span>;
}

function InviteForm({ ctx, form, grantable, action }: OrganisationPeopleProps & { action: string }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="invite-heading" class="margin-top-5">
      <h2 id="invite-heading">{t('people:invite.heading')}</h2>
      <p>{t('people:invite.intro')}</p>
      <Form ctx={ctx} action={action} state={form}>
        <TextField ctx={ctx} state={form} name="name" label={t('people:fields.name')} required autocomplete="off" maxLength={200} />
        <TextField ctx={ctx} state={form} name="email" type="email" label={t('people:fields.email')} required autocomplete="off" maxLength={254} />
        <SelectField
          ctx={ctx}
          state={form}
          name="role"
          label={t('people:fields.role')}
          required
          options={grantable.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
        />
        <TextField ctx={ctx} state={form} name="title" label={t('people:fields.title')} hint={t('people:fields.titleHint')} maxLength={120} />
        <SubmitButton>{t('people:invite.submit')}</SubmitButton>
      </Form>
    </section>
  );
}
