import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, ServiceRequestStatus, ServiceRequestTable } from '../../db/schema.ts';

type Db = Kysely<Database>;

export interface RequestFilters {
  centerId?: number;
  schoolIds?: number[];
  status?: ServiceRequestStatus;
}

function filtered(db: Db, f: RequestFilters) {
  let q = db.selectFrom('service_requests').innerJoin('center_services', 'center_services.id', 'service_requests.service_id');
  if (f.centerId !== undefined) q = q.where('service_requests.center_id', '=', f.centerId);
  if (f.schoolIds) q = f.schoolIds.length ? q.where('service_requests.school_id', 'in', f.schoolIds) : q.where('service_requests.id', '<', 0);
  if (f.status) q = q.where('service_requests.status', '=', f.status);
  return q;
}

/** A page of requests, newest first, each with its service's title. */
export function findRequests(db: Db, f: RequestFilters & { limit: number; offset: number }) {
  return filtered(db, f)
    .selectAll('service_requests')
    .select('center_services.title as service_title')
    .orderBy('service_requests.created_at', 'desc')
    .orderBy('service_requests.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
}

export async function countRequests(db: Db, f: RequestFilters): Promise<number> {
  const row = await filtered(db, f).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findRequestById(db: Db, id: number) {
  return db
    .selectFrom('service_requests')
    .innerJoin('center_services', 'center_services.id', 'service_requests.service_id')
    .selectAll('service_requests')
    .select('center_services.title as service_title')
    .where('service_requests.id', '=', id)
    .executeTakeFirst();
}

export function findRequestByKey(db: Db, key: string) {
  return db.selectFrom('service_requests').select(['id', 'center_id', 'requester_person_id']).where('submission_key', '=', key).executeTakeFirst();
}

export function insertRequest(db: Db, row: Insertable<ServiceRequestTable>) {
  return db.insertInto('service_requests').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Applies a change only if the request is still as the person last saw it (guarded write): returns rows changed. */
export async function updateRequestIfUnchanged(db: Db, id: number, seenUpdatedAt: string, changes: Updateable<ServiceRequestTable>): Promise<number> {
  const result = await db.updateTable('service_requests').set(changes).where('id', '=', id).where('updated_at', '=', seenUpdatedAt).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
