import { ROLE_KINDS } from '../../../db/schema.ts';
import { SelectField, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { AdminLayout } from '../../admin/views/admin-layout.tsx';
import type { listPeople } from '../people-management.service.ts';
import { DateTime } from '../../../platform/ui/components/date-time.tsx';
import { Pagination } from '../../../platform/ui/components/pagination.tsx';
import { PersonStatus, roleText } from './person-status.tsx';

export interface PeopleAdminProps {
  ctx: ViewContext;
  filters: FormState;
  result: Awaited<ReturnType<typeof listPeople>>;
  /** The list URL for another page with the same filters. */
  hrefFor: (page: number) => string;
}

/** /admin/people: search by name or email, filter by role and organisation, page through. */
export function PeopleAdminPage({ ctx, filters, result, hrefFor }: PeopleAdminProps) {
  const { t } = ctx;
  return (
    <AdminLayout ctx={ctx} title={t('people:admin.title')}>
      <div class="display-flex flex-justify flex-align-center flex-wrap">
        <h1>{t('people:admin.title')}</h1>
        <a class="usa-button" href="/admin/people/new">{t('people:admin.add')}</a>
      </div>
      <form method="get" action="/admin/people" class="usa-form maxw-full margin-bottom-3" role="search" aria-label={t('people:admin.searchLabel')}>
        <div class="grid-row grid-gap-2">
          <div class="tablet:grid-col-4">
            <TextField ctx={ctx} state={filters} name="q" type="search" label={t('people:admin.text')} maxLength={200} />
          </div>
          <div class="tablet:grid-col-4">
            <SelectField ctx={ctx} state={filters} name="role" label={t('people:fields.role')} blank={t('people:admin.anyRole')} options={ROLE_KINDS.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))} />
          </div>
          <div class="tablet:grid-col-4">
            <TextField ctx={ctx} state={filters} name="organisation" label={t('people:fields.organisationSlug')} maxLength={120} />
          </div>
        </div>
        <button type="submit" class="usa-button">{t('common:search')}</button>
      </form>
      {result.items.length === 0 ? (
        <p>{t('people:admin.noResults')}</p>
      ) : (
        <table class="usa-table usa-table--borderless usa-table--stacked width-full">
          <caption>{t('people:admin.caption', { count: result.total })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('people:fields.name')}</th>
              <th scope="col">{t('people:fields.email')}</th>
              <th scope="col">{t('people:fields.roles')}</th>
              <th scope="col">{t('people:fields.status')}</th>
              <th scope="col">{t('people:fields.lastSignIn')}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((person) => (
              <tr>
                <th scope="row" data-label={t('people:fields.name')}>
                  <a class="usa-link" href={`/people/${person.id}`}>{person.name}</a>
                </th>
                <td data-label={t('people:fields.email')}>{person.email}</td>
                <td data-label={t('people:fields.roles')}>
                  {person.roles.length === 0
                    ? t('common:none')
                    : person.roles.map((r, i) => (
                        <>
                          {i > 0 && <br />}
                          {`${roleText(ctx, r.role, null)}, ${r.organisation.name}`}
                        </>
                      ))}
                </td>
                <td data-label={t('people:fields.status')}>
                  <PersonStatus ctx={ctx} person={person} />
                </td>
                <td data-label={t('people:fields.lastSignIn')}>
                  <DateTime ctx={ctx} iso={person.lastSignInAt} empty={t('people:never')} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination ctx={ctx} page={result.page} perPage={result.perPage} total={result.total} hrefFor={hrefFor} />
    </AdminLayout>
  );
}
