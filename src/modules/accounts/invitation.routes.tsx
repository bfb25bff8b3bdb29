import type { FastifyInstance } from 'fastify';
import { viewContext } from '../../platform/http/view.ts';
import { emptyForm } from '../../platform/ui/components/form.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { parseForm } from '../../platform/validation.ts';
import { accountDeps } from './account-deps.ts';
import { AcceptInvitationSchema, TokenQuerySchema, TokenSchema } from './accounts.schemas.ts';
import { acceptInvitation, describeInvitation } from './invitations.service.ts';
import { establishSession } from './session-cookie.ts';
import { InvalidLinkPage } from './views/invalid-link-page.tsx';
import { InvitationPage } from './views/invitation-page.tsx';

const hide = { hide: true } as const;

/** /invitation: accept an invitation from an organisation (see invitations.service.ts). */
export async function registerInvitationRoutes(app: FastifyInstance): Promise<void> {
  app.get('/invitation', { schema: hide }, async (request, reply) => {
    const { token = '' } = TokenQuerySchema.catch({}).parse(request.query);
    const ctx = viewContext(request, reply);
    const invitation = token ? await describeInvitation(request.server.deps.database.db, token) : null;
    if (!invitation) return sendPage(reply, <InvalidLinkPage ctx={ctx} kind="invitation" />, 400);
    return sendPage(reply, <InvitationPage ctx={ctx} invitation={invitation} token={token} state={emptyForm({ name: invitation.name })} />);
  });

  app.post('/invitation', { schema: hide }, async (request, reply) => {
    const ctx = viewContext(request, reply);
    const tokenForm = parseForm(TokenSchema, request.body);
    const invitation = tokenForm.ok ? await describeInvitation(request.server.deps.database.db, tokenForm.data.token) : null;
    if (!tokenForm.ok || !invitation) return sendPage(reply, <InvalidLinkPage ctx={ctx} kind="invitation" />, 400);
    const { token } = tokenForm.data;

    let newcomer: { name: string; password: string } | null = null;
    if (!invitation.hasPassword) {
      const form = parseForm(AcceptInvitationSchema, request.body);
      if (!form.ok) return sendPage(reply, <InvitationPage ctx={ctx} invitation={invitation} token={token} state={form} />, 400);
      newcomer = { name: form.data.name, password: form.data.password };
    }
    const person = await acceptInvitation(accountDeps(request), token, newcomer);
    if (person === 'needs_password') {
      // They had a password when the page was drawn and lost it since: ask again with the full form.
      return sendPage(reply, <InvitationPage ctx={ctx} invitation={{ ...invitation, hasPassword: false }} token={token} state={emptyForm({ name: invitation.name })} />, 400);
    }
    if (!person) return sendPage(reply, <InvalidLinkPage ctx={ctx} kind="invitation" />, 400);
    await establishSession(request, reply, person.id);
    reply.setFlash({ type: 'success', message: 'accounts:flash.invitationAccepted' });
    return reply.redirect('/account', 303);
  });
}
