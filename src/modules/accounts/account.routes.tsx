import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { endOtherSessions } from '../../platform/auth/sessions.ts';
import { unauthenticated } from '../../platform/errors.ts';
import { viewContext } from '../../platform/http/view.ts';
import type { FormState } from '../../platform/ui/components/form.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { parseForm } from '../../platform/validation.ts';
import { getPersonById, listRoleGrantsOfPerson } from '../people/people.service.ts';
import { accountDeps } from './account-deps.ts';
import { ChangePasswordSchema, ProfileSchema } from './accounts.schemas.ts';
import { changePassword } from './password.service.ts';
import { accountWorkOf, updateOwnProfile } from './profile.service.ts';
import { AccountPage, type AccountView } from './views/account-page.tsx';
import { membershipFor } from '../affiliation/affiliation-read.service.ts';
import { MembershipSection } from '../affiliation/views/membership-section.tsx';

const hide = { hide: true } as const;

/** The signed-in person's id; anyone else is sent to sign in (pages) or refused (form posts). */
function signedInPersonId(request: FastifyRequest): number {
  const id = request.principal?.kind === 'person' ? request.principal.personId : null;
  if (id === null) throw unauthenticated();
  return id;
}

async function loadAccount(request: FastifyRequest, personId: number): Promise<AccountView> {
  const db = request.server.deps.database.db;
  const person = await getPersonById(db, personId);
  if (!person) throw unauthenticated();
  const roles = await listRoleGrantsOfPerson(db, personId);
  return {
    name: person.name,
    email: person.email,
    locale: person.locale,
    emailVerified: !!person.email_verified_at,
    hasPassword: !!person.password_hash,
    roles,
    work: accountWorkOf(roles),
  };
}

async function renderAccount(request: FastifyRequest, reply: FastifyReply, forms: { profile?: FormState; password?: FormState }, status = 200) {
  const personId = signedInPersonId(request);
  const account = await loadAccount(request, personId);
  const ctx = viewContext(request, reply);
  const membership = await membershipFor(request.server.deps.database.db, personId);
  return sendPage(reply, <AccountPage ctx={ctx} account={account} {...forms} sections={<MembershipSection ctx={ctx} membership={membership} />} />, status);
}

/** /account and its forms: profile and language, password, signing out other devices. */
export async function registerAccountPageRoutes(app: FastifyInstance): Promise<void> {
  app.get('/account', { schema: hide }, async (request, reply) => {
    if (!request.principal?.personId) return reply.redirect('/login?next=/account');
    return renderAccount(request, reply, {});
  });

  app.post('/account/profile', { schema: hide }, async (request, reply) => {
    const personId = signedInPersonId(request);
    const form = parseForm(ProfileSchema, request.body);
    if (!form.ok) return renderAccount(request, reply, { profile: form }, 400);
    await updateOwnProfile(accountDeps(request), personId, form.data);
    reply.setFlash({ type: 'success', message: 'accounts:flash.profileSaved' });
    return reply.redirect('/account', 303);
  });

  app.post('/account/password', { schema: hide }, async (request, reply) => {
    const personId = signedInPersonId(request);
    const form = parseForm(ChangePasswordSchema, request.body);
    if (!form.ok) return renderAccount(request, reply, { password: form }, 400);
    const result = await changePassword(accountDeps(request), personId, form.data, request.sessionToken ?? undefined);
    if (!result.ok) {
      return renderAccount(request, reply, { password: { values: {}, errors: { current: ['accounts:validation.wrongCurrentPassword'] } } }, 400);
    }
    reply.setFlash({ type: 'success', message: 'accounts:flash.passwordChanged' });
    return reply.redirect('/account', 303);
  });

  app.post('/account/sessions/end-others', { schema: hide }, async (request, reply) => {
    const personId = signedInPersonId(request);
    await endOtherSessions(request.server.deps.database.db, personId, request.sessionToken ?? undefined);
    reply.setFlash({ type: 'success', message: 'accounts:flash.otherSessionsEnded' });
    return reply.redirect('/account', 303);
  });
}
