import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireNetworkAdmin } from '../../platform/auth/guards.ts';
import { notFound } from '../../platform/errors.ts';
import { formFailure } from '../../platform/http/form-failure.ts';
import { viewContext } from '../../platform/http/view.ts';
import { listOutbox, readOutboxMessage } from '../../platform/mail/outbox.ts';
import { emptyForm } from '../../platform/ui/components/form.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { parseForm } from '../../platform/validation.ts';
import { actorFromRequest, listAuditActions, listAuditEvents } from '../audit/audit.service.ts';
import { countOrganisationsByKind } from '../organisations/organisations.service.ts';
import { countPeople } from '../people/people.service.ts';
import { ApiTokenInput, AuditQuery } from './admin.schemas.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.service.ts';
import { ApiTokensPage } from './views/api-tokens-page.tsx';
import { AuditPage } from './views/audit-page.tsx';
import { DashboardPage } from './views/dashboard-page.tsx';
import { OutboxMessagePage, OutboxPage } from './views/outbox-pages.tsx';

const AUDIT_PAGE_SIZE = 50;

/** The admin area: dashboard, outbox, audit log, API tokens. Network admins only. */
export async function registerAdminRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;
  const { config } = app.deps;

  app.get('/admin', { schema: { hide: true } }, async (request, reply) => {
    requireNetworkAdmin(request);
    const [organisations, people, { events }, outbox] = await Promise.all([
      countOrganisationsByKind(db),
      countPeople(db),
      listAuditEvents(db, { limit: 10 }),
      config.smtpUrl ? null : listOutbox(config.outboxDir, 500),
    ]);
    const data = { organisations, people, recentEvents: events, outboxCount: outbox ? outbox.length : null };
    return sendPage(reply, <DashboardPage ctx={viewContext(request, reply)} data={data} />);
  });

  app.get('/admin/audit', { schema: { hide: true } }, async (request, reply) => {
    requireNetworkAdmin(request);
    const parsed = AuditQuery.safeParse(request.query);
    const query = parsed.success ? parsed.data : {};
    const [page, actions] = await Promise.all([
      listAuditEvents(db, {
        action: query.action || undefined,
        subjectType: query.subjectType || undefined,
        subjectId: query.subjectId,
        organisationId: query.organisationId,
        actorPersonId: query.personId,
        beforeId: query.before,
        limit: AUDIT_PAGE_SIZE,
      }),
      listAuditActions(db),
    ]);
    return sendPage(reply, <AuditPage ctx={viewContext(request, reply)} query={query} actions={actions} events={page.events} nextBeforeId={page.nextBeforeId} />);
  });

  app.get('/admin/outbox', { schema: { hide: true } }, async (request, reply) => {
    requireNetworkAdmin(request);
    const messages = await listOutbox(config.outboxDir, 200);
    return sendPage(reply, <OutboxPage ctx={viewContext(request, reply)} messages={messages} smtpConfigured={!!config.smtpUrl} />);
  });

  app.get('/admin/outbox/:id', { schema: { hide: true } }, async (request, reply) => {
    requireNetworkAdmin(request);
    const { id } = z.object({ id: z.string() }).parse(request.params);
    const message = await readOutboxMessage(config.outboxDir, id);
    if (!message) throw notFound();
    return sendPage(reply, <OutboxMessagePage ctx={viewContext(request, reply)} message={message} />);
  });

  app.get('/admin/api-tokens', { schema: { hide: true } }, async (request, reply) => {
    requireNetworkAdmin(request);
    return sendPage(reply, <ApiTokensPage ctx={viewContext(request, reply)} tokens={await listApiTokens(db)} form={emptyForm()} />);
  });

  app.post('/admin/api-tokens', { schema: { hide: true } }, async (request, reply) => {
    requireNetworkAdmin(request);
    const parsed = parseForm(ApiTokenInput, request.body);
    const ctx = viewContext(request, reply);
    if (!parsed.ok) {
      return sendPage(reply, <ApiTokensPage ctx={ctx} tokens={await listApiTokens(db)} form={{ values: parsed.values, errors: parsed.errors }} />, 400);
    }
    try {
      const { secret } = await createApiToken(db, actorFromRequest(request), parsed.data);
      // The secret is shown exactly once, on this response; keep it out of every cache.
      reply.header('cache-control', 'no-store');
      return sendPage(reply, <ApiTokensPage ctx={ctx} tokens={await listApiTokens(db)} form={emptyForm()} newSecret={secret} />);
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      return sendPage(reply, <ApiTokensPage ctx={ctx} tokens={await listApiTokens(db)} form={{ values: parsed.data, ...failure }} />, failure.status);
    }
  });

  app.post('/admin/api-tokens/:id/revoke', { schema: { hide: true } }, async (request, reply) => {
    requireNetworkAdmin(request);
    const { id } = z.object({ id: z.coerce.number().int().positive() }).parse(request.params);
    await revokeApiToken(db, actorFromRequest(request), id);
    reply.setFlash({ type: 'success', message: 'admin:apiTokens.revokedFlash' });
    return reply.redirect('/admin/api-tokens', 303);
  });
}
