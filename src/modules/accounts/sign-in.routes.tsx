import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { viewContext } from '../../platform/http/view.ts';
import { emptyForm } from '../../platform/ui/components/form.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { parseForm } from '../../platform/validation.ts';
import { safeLocalPath } from '../pages/pages.routes.tsx';
import { accountDeps } from './account-deps.ts';
import { peekAccountToken } from './account-tokens.service.ts';
import { EmailRequestSchema, SignInSchema, TokenQuerySchema, TokenSchema } from './accounts.schemas.ts';
import { accountRateLimit, accountSignInLimit } from './rate-limits.ts';
import { clearSession, establishSession } from './session-cookie.ts';
import { authenticate, requestSignInLink, signInWithLink } from './sign-in.service.ts';
import { EmailRequestPage } from './views/email-request-page.tsx';
import { InvalidLinkPage } from './views/invalid-link-page.tsx';
import { SignInPage } from './views/sign-in-page.tsx';
import { TokenConfirmPage } from './views/token-confirm-page.tsx';

const hide = { hide: true } as const;
const NextQuery = z.object({ next: z.string().max(2000).optional() }).catch({});

/** /login, /logout and sign-in by one-time email link. */
export async function registerSignInRoutes(app: FastifyInstance): Promise<void> {
  app.get('/login', { schema: hide }, (request, reply) => {
    const { next } = NextQuery.parse(request.query);
    if (request.principal?.personId) return reply.redirect(safeLocalPath(next ?? '/account'));
    return sendPage(reply, <SignInPage ctx={viewContext(request, reply)} state={emptyForm()} next={next && safeLocalPath(next)} />);
  });

  app.post('/login', { schema: hide, config: { rateLimit: accountRateLimit(app, 'signIn') }, preHandler: accountSignInLimit(app) }, async (request, reply) => {
    const form = parseForm(SignInSchema, request.body);
    const next = safeLocalPath((form.ok ? form.data.next : undefined) ?? NextQuery.parse(request.query).next ?? '/account');
    if (!form.ok) return sendPage(reply, <SignInPage ctx={viewContext(request, reply)} state={form} next={next} />, 400);

    const result = await authenticate(accountDeps(request), form.data.email, form.data.password);
    if (result.outcome === 'unverified') return reply.redirect('/check-email?for=unverified', 303);
    if (result.outcome === 'failed') {
      // One message and one status for "no such account" and "wrong password".
      const state = { values: { email: form.data.email }, errors: {}, formError: 'accounts:signIn.failed' };
      return sendPage(reply, <SignInPage ctx={viewContext(request, reply)} state={state} next={next} />, 400);
    }
    await establishSession(request, reply, result.person.id);
    reply.setFlash({ type: 'success', message: 'accounts:flash.signedIn' });
    return reply.redirect(next, 303);
  });

  app.post('/logout', { schema: hide }, async (request, reply) => {
    await clearSession(request, reply);
    reply.setFlash({ type: 'success', message: 'accounts:flash.signedOut' });
    return reply.redirect('/', 303);
  });

  app.get('/login/email-link', { schema: hide }, (request, reply) =>
    sendPage(reply, <EmailRequestPage ctx={viewContext(request, reply)} kind="emailLink" state={emptyForm()} />),
  );

  app.post('/login/email-link', { schema: hide, config: { rateLimit: accountRateLimit(app, 'emailRequests') } }, async (request, reply) => {
    const form = parseForm(EmailRequestSchema, request.body);
    if (!form.ok) return sendPage(reply, <EmailRequestPage ctx={viewContext(request, reply)} kind="emailLink" state={form} />, 400);
    requestSignInLink(accountDeps(request), form.data.email);
    return reply.redirect('/check-email?for=signInLink', 303);
  });

  app.get('/login/email-link/confirm', { schema: hide }, async (request, reply) => {
    const { token = '' } = TokenQuerySchema.catch({}).parse(request.query);
    const ctx = viewContext(request, reply);
    if ((await peekAccountToken(request.server.deps.database.db, token, 'sign_in_link')) === null) {
      return sendPage(reply, <InvalidLinkPage ctx={ctx} kind="emailLinkConfirm" />, 400);
    }
    return sendPage(reply, <TokenConfirmPage ctx={ctx} kind="emailLinkConfirm" token={token} />);
  });

  app.post('/login/email-link/confirm', { schema: hide }, async (request, reply) => {
    const form = parseForm(TokenSchema, request.body);
    const person = form.ok ? await signInWithLink(accountDeps(request), form.data.token) : null;
    if (!person) return sendPage(reply, <InvalidLinkPage ctx={viewContext(request, reply)} kind="emailLinkConfirm" />, 400);
    await establishSession(request, reply, person.id);
    reply.setFlash({ type: 'success', message: 'accounts:flash.signedIn' });
    return reply.redirect('/account', 303);
  });
}
