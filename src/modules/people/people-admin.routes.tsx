import type { FastifyInstance } from 'fastify';
import { requireNetworkAdmin } from '../../platform/auth/guards.ts';
import { viewContext } from '../../platform/http/view.ts';
import { emptyForm, type FormState } from '../../platform/ui/components/form.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { fieldErrors, formInput, parseForm } from '../../platform/validation.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { getOrganisationBySlug } from '../organisations/organisations.service.ts';
import { createPerson, listPeople } from './people-management.service.ts';
import { PeopleAdminQuerySchema, PersonCreateSchema } from './people.schemas.ts';
import { formFailure } from '../../platform/http/form-failure.ts';
import { PeopleAdminPage } from './views/people-admin-page.tsx';
import { PersonNewPage } from './views/person-new-page.tsx';

const hide = { hide: true } as const;
const PAGE_SIZE = 25;

/** /admin/people (search, filter, pages) and /admin/people/new. Network admins only. */
export async function registerPeopleAdminRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;

  app.get('/admin/people', { schema: hide }, async (request, reply) => {
    requireNetworkAdmin(request);
    const typed = formInput(request.query);
    const parsed = PeopleAdminQuerySchema.safeParse(typed);
    const filters: FormState = { values: typed, errors: parsed.success ? {} : fieldErrors(parsed.error) };
    const query = parsed.success ? parsed.data : { page: 1 };
    let organisationId: number | undefined;
    if (query.organisation) {
      const organisation = await getOrganisationBySlug(db, query.organisation);
      if (organisation) organisationId = organisation.id;
      else filters.errors.organisation = ['people:errors.unknownOrganisation'];
    }
    const failed = Object.keys(filters.errors).length > 0;
    // A filter that cannot be applied shows no one, rather than quietly showing everyone.
    const result = failed
      ? { items: [], total: 0, page: 1, perPage: PAGE_SIZE }
      : await listPeople(db, { text: query.q, role: query.role, organisationId, page: query.page, perPage: PAGE_SIZE });
    const hrefFor = (page: number) => {
      const params = new URLSearchParams(Object.entries({ q: query.q, role: query.role, organisation: query.organisation }).filter((e): e is [string, string] => !!e[1]));
      params.set('page', String(page));
      return `/admin/people?${params}`;
    };
    return sendPage(reply, <PeopleAdminPage ctx={viewContext(request, reply)} filters={filters} result={result} hrefFor={hrefFor} />, failed ? 400 : 200);
  });

  app.get('/admin/people/new', { schema: hide }, async (request, reply) => {
    requireNetworkAdmin(request);
    return sendPage(reply, <PersonNewPage ctx={viewContext(request, reply)} form={emptyForm()} />);
  });

  app.post('/admin/people/new', { schema: hide }, async (request, reply) => {
    requireNetworkAdmin(request);
    const form = parseForm(PersonCreateSchema, request.body);
    if (!form.ok) return sendPage(reply, <PersonNewPage ctx={viewContext(request, reply)} form={form} />, 400);
    try {
      const person = await createPerson(db, actorFromRequest(request), form.data);
      reply.setFlash({ type: 'success', message: 'people:flash.created' });
      return reply.redirect(`/people/${person.id}`, 303);
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      return sendPage(reply, <PersonNewPage ctx={viewContext(request, reply)} form={{ values: form.data, ...failure }} />, failure.status);
    }
  });
}
