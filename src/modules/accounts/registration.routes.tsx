import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { viewContext } from '../../platform/http/view.ts';
import { emptyForm } from '../../platform/ui/components/form.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { parseForm } from '../../platform/validation.ts';
import { getPersonById } from '../people/people.service.ts';
import { accountDeps } from './account-deps.ts';
import { peekAccountToken } from './account-tokens.service.ts';
import { EmailRequestSchema, RegisterSchema, TokenQuerySchema, TokenSchema } from './accounts.schemas.ts';
import { accountRateLimit } from './rate-limits.ts';
import { registerAccount, resendVerification, resendVerificationTo, verifyEmailWithToken } from './registration.service.ts';
import { establishSession } from './session-cookie.ts';
import { CHECK_EMAIL_REASONS, CheckEmailPage } from './views/check-email-page.tsx';
import { EmailRequestPage } from './views/email-request-page.tsx';
import { InvalidLinkPage } from './views/invalid-link-page.tsx';
import { RegisterPage } from './views/register-page.tsx';
import { TokenConfirmPage } from './views/token-confirm-page.tsx';

const hide = { hide: true } as const;

/** /register, the neutral /check-email answer, /verify-email and /verify-email/resend. */
export async function registerRegistrationRoutes(app: FastifyInstance): Promise<void> {
  const emailLimit = { rateLimit: accountRateLimit(app, 'emailRequests') };

  app.get('/register', { schema: hide }, (request, reply) => {
    if (request.principal) return reply.redirect('/account');
    return sendPage(reply, <RegisterPage ctx={viewContext(request, reply)} state={emptyForm({ locale: request.locale })} />);
  });

  app.post('/register', { schema: hide, config: emailLimit }, async (request, reply) => {
    const form = parseForm(RegisterSchema, request.body);
    if (!form.ok) return sendPage(reply, <RegisterPage ctx={viewContext(request, reply)} state={form} />, 400);
    registerAccount(accountDeps(request), form.data);
    return reply.redirect('/check-email?for=register', 303);
  });

  app.get('/check-email', { schema: hide }, (request, reply) => {
    const reason = z.object({ for: z.enum(CHECK_EMAIL_REASONS).catch('verify') }).parse(request.query ?? {}).for;
    return sendPage(reply, <CheckEmailPage ctx={viewContext(request, reply)} reason={reason} />);
  });

  app.get('/verify-email', { schema: hide }, async (request, reply) => {
    const { token = '' } = TokenQuerySchema.catch({}).parse(request.query);
    const ctx = viewContext(request, reply);
    if ((await peekAccountToken(request.server.deps.database.db, token, 'verify_email')) === null) {
      return sendPage(reply, <InvalidLinkPage ctx={ctx} kind="verifyEmail" />, 400);
    }
    return sendPage(reply, <TokenConfirmPage ctx={ctx} kind="verifyEmail" token={token} />);
  });

  app.post('/verify-email', { schema: hide }, async (request, reply) => {
    const form = parseForm(TokenSchema, request.body);
    const person = form.ok ? await verifyEmailWithToken(accountDeps(request), form.data.token) : null;
    if (!person) return sendPage(reply, <InvalidLinkPage ctx={viewContext(request, reply)} kind="verifyEmail" />, 400);
    await establishSession(request, reply, person.id);
    reply.setFlash({ type: 'success', message: 'accounts:flash.emailVerified' });
    return reply.redirect('/account', 303);
  });

  app.get('/verify-email/resend', { schema: hide }, (request, reply) =>
    sendPage(reply, <EmailRequestPage ctx={viewContext(request, reply)} kind="resendVerification" state={emptyForm()} />),
  );

  // Signed in (from the account page's button): resend to one's own address. Anonymous: by the
  // address typed, answering the same whether or not it has an account.
  app.post('/verify-email/resend', { schema: hide, config: emailLimit }, async (request, reply) => {
    const deps = accountDeps(request);
    if (request.principal?.personId) {
      resendVerification(deps, await getPersonById(deps.db, request.principal.personId));
      return reply.redirect('/check-email?for=verify', 303);
    }
    const form = parseForm(EmailRequestSchema, request.body);
    if (!form.ok) return sendPage(reply, <EmailRequestPage ctx={viewContext(request, reply)} kind="resendVerification" state={form} />, 400);
    resendVerificationTo(deps, form.data.email);
    return reply.redirect('/check-email?for=verify', 303);
  });
}
