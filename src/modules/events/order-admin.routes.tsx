import type { FastifyInstance } from 'fastify';
import { sendCsv } from '../../platform/csv/csv-export.ts';
import { viewContext } from '../../platform/http/view.ts';
import { sendPage } from '../../platform/ui/render.ts';
import { listOrders, ordersCsv } from './order-admin.service.ts';
import { hide, organisedEvent } from './registration-http.ts';
import { OrderListQuery } from './registration.schemas.ts';
import { OrdersPage } from './views/order-admin-pages.tsx';

/** Organisers: the orders of an event (list, filters, search, CSV). An order's detail is its order page. */
export async function registerOrderAdminRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;
  const queryOf = (raw: unknown) => OrderListQuery.parse(Object.fromEntries(Object.entries((raw ?? {}) as Record<string, string>).filter(([, v]) => v !== '')));

  app.get('/events/:slug/orders', hide, async (request, reply) => {
    const { event } = await organisedEvent(db, request);
    const query = queryOf(request.query);
    return sendPage(reply, <OrdersPage ctx={viewContext(request, reply)} event={event} query={query} result={await listOrders(db, event.id, query)} />);
  });

  app.get('/events/:slug/orders.csv', hide, async (request, reply) => {
    const { event } = await organisedEvent(db, request);
    return sendCsv(reply, `${event.slug}-orders`, await ordersCsv(db, event, queryOf(request.query)));
  });
}
