import type { FastifyInstance } from 'fastify';
import { viewContext } from '../../platform/http/view.ts';
import { emptyForm } from '../../platform/ui/components/form.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { parseForm } from '../../platform/validation.ts';
import { accountDeps } from './account-deps.ts';
import { peekAccountToken } from './account-tokens.service.ts';
import { EmailRequestSchema, ResetPasswordSchema, TokenQuerySchema } from './accounts.schemas.ts';
import { requestPasswordReset, resetPasswordWithToken } from './password.service.ts';
import { accountRateLimit } from './rate-limits.ts';
import { establishSession } from './session-cookie.ts';
import { EmailRequestPage } from './views/email-request-page.tsx';
import { InvalidLinkPage } from './views/invalid-link-page.tsx';
import { ResetPasswordPage } from './views/reset-password-page.tsx';

const hide = { hide: true } as const;

/** /forgot-password and /reset-password. */
export async function registerPasswordRoutes(app: FastifyInstance): Promise<void> {
  app.get('/forgot-password', { schema: hide }, (request, reply) =>
    sendPage(reply, <EmailRequestPage ctx={viewContext(request, reply)} kind="forgotPassword" state={emptyForm()} />),
  );

  app.post('/forgot-password', { schema: hide, config: { rateLimit: accountRateLimit(app, 'emailRequests') } }, async (request, reply) => {
    const form = parseForm(EmailRequestSchema, request.body);
    if (!form.ok) return sendPage(reply, <EmailRequestPage ctx={viewContext(request, reply)} kind="forgotPassword" state={form} />, 400);
    requestPasswordReset(accountDeps(request), form.data.email);
    return reply.redirect('/check-email?for=reset', 303);
  });

  app.get('/reset-password', { schema: hide }, async (request, reply) => {
    const { token = '' } = TokenQuerySchema.catch({}).parse(request.query);
    const ctx = viewContext(request, reply);
    if ((await peekAccountToken(request.server.deps.database.db, token, 'reset_password')) === null) {
      return sendPage(reply, <InvalidLinkPage ctx={ctx} kind="resetPassword" />, 400);
    }
    return sendPage(reply, <ResetPasswordPage ctx={ctx} token={token} state={emptyForm()} />);
  });

  app.post('/reset-password', { schema: hide }, async (request, reply) => {
    const form = parseForm(ResetPasswordSchema, request.body);
    if (!form.ok) {
      const ctx = viewContext(request, reply);
      if (form.errors.token) return sendPage(reply, <InvalidLinkPage ctx={ctx} kind="resetPassword" />, 400);
      return sendPage(reply, <ResetPasswordPage ctx={ctx} token={String(form.values.token)} state={form} />, 400);
    }
    const person = await resetPasswordWithToken(accountDeps(request), form.data.token, form.data.password);
    if (!person) return sendPage(reply, <InvalidLinkPage ctx={viewContext(request, reply)} kind="resetPassword" />, 400);
    await establishSession(request, reply, person.id);
    reply.setFlash({ type: 'success', message: 'accounts:flash.passwordReset' });
    return reply.redirect('/account', 303);
  });
}
