import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireNetworkAdmin } from '../../platform/auth/guards.ts';
import { sendCsv } from '../../platform/csv/csv-export.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { formFailure } from '../../platform/http/form-failure.ts';
import { viewContext } from '../../platform/http/view.ts';
import { sendPage } from '../../platform/ui/render.ts';
import { fieldErrors, formInput } from '../../platform/validation.ts';
import { ApiError } from '../organisations/organisations.schemas.ts';
import { csvTable, TABLES, type NetworkHealthTable } from './network-health-tables.ts';
import { NetworkHealthQuery, NetworkHealthReport } from './network-health.schemas.ts';
import { networkHealthReport } from './network-health.service.ts';
import { NetworkHealthPage } from './views/network-health-page.tsx';

/** Pages and API of the network-health module: network admins only. */
export async function registerNetworkHealthRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;

  app.get('/admin/network-health', { schema: { hide: true } }, async (request, reply) => {
    requireNetworkAdmin(request);
    const values = formInput(request.query);
    const parsed = NetworkHealthQuery.safeParse(values);
    const ctx = viewContext(request, reply);
    if (!parsed.success) return sendPage(reply, <NetworkHealthPage ctx={ctx} form={{ values, errors: fieldErrors(parsed.error) }} report={null} />, 400);
    try {
      const report = await networkHealthReport(db, parsed.data);
      return sendPage(reply, <NetworkHealthPage ctx={ctx} form={{ values, errors: {} }} report={report} />);
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      return sendPage(reply, <NetworkHealthPage ctx={ctx} form={{ values, errors: failure.errors }} report={null} />, failure.status);
    }
  });

  app.get('/admin/network-health/:table', { schema: { hide: true } }, async (request, reply) => {
    requireNetworkAdmin(request);
    const { table } = z.object({ table: z.string() }).parse(request.params);
    const name = table.replace(/\.csv$/, '') as NetworkHealthTable;
    if (!table.endsWith('.csv') || !TABLES.includes(name)) throw notFound();
    const parsed = NetworkHealthQuery.safeParse(formInput(request.query));
    if (!parsed.success) throw badRequest(fieldErrors(parsed.error));
    const report = await networkHealthReport(db, parsed.data);
    return sendCsv(reply, `network-health-${name}-${report.from}-to-${report.to}${report.holder ? `-${report.holder}` : ''}`, csvTable(report, name, request.t));
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/network-health',
    {
      schema: {
        tags: ['network-health'],
        summary: 'Network health report',
        description:
          'Network admins only. New, renewed and lapsed affiliations per month and those current at each month end (default: the last 24 months, at most 60), plus current affiliations by center and by state.',
        querystring: NetworkHealthQuery,
        response: { 200: NetworkHealthReport, 400: ApiError, 401: ApiError, 403: ApiError },
      },
    },
    async (request) => {
      requireNetworkAdmin(request);
      return networkHealthReport(db, request.query);
    },
  );
}
