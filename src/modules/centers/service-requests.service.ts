import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CenterService, Database, Organisation, ServiceRequest } from '../../db/schema.ts';
import { isUniqueViolation, nowIso } from '../../db/dialect.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { enqueueEmail } from '../../platform/mail/mail-jobs.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { getOrganisationsByIds } from '../organisations/organisations.service.ts';
import { getPersonById } from '../people/people.service.ts';
import { listCenterStaff } from './center-space.service.ts';
import type { RequestAnswerInput, ServiceRequestInput } from './centers.schemas.ts';
import * as repo from './service-requests.repository.ts';
import { requestAnsweredEmail, serviceRequestEmail } from './centers-emails.ts';

type Db = Kysely<Database>;

export type ServiceRequestRow = ServiceRequest & { service_title: string };

/** A request with the names a page shows. */
export interface ServiceRequestView extends ServiceRequestRow {
  school: { id: number; slug: string; name: string };
  center: { id: number; slug: string; name: string };
}

/** Requests per page in queues and lists. */
export const REQUESTS_PER_PAGE = 25;

const ref = (o: Organisation | undefined, id: number) => (o ? { id: o.id, slug: o.slug, name: o.name } : { id, slug: '', name: '?' });

async function withNames(db: Db, rows: ServiceRequestRow[]): Promise<ServiceRequestView[]> {
  const orgs = new Map((await getOrganisationsByIds(db, rows.flatMap((r) => [r.school_id, r.center_id]))).map((o) => [o.id, o]));
  return rows.map((r) => ({ ...r, school: ref(orgs.get(r.school_id), r.school_id), center: ref(orgs.get(r.center_id), r.center_id) }));
}

/** A page of requests (newest first) matching the filters, with the total. */
export async function listServiceRequests(db: Db, filters: repo.RequestFilters, page: number): Promise<{ items: ServiceRequestView[]; total: number; page: number; perPage: number }> {
  const [rows, total] = await Promise.all([
    repo.findRequests(db, { ...filters, limit: REQUESTS_PER_PAGE, offset: (page - 1) * REQUESTS_PER_PAGE }),
    repo.countRequests(db, filters),
  ]);
  return { items: await withNames(db, rows), total, page, perPage: REQUESTS_PER_PAGE };
}

/** One request with its names, or 404. Callers check canViewRequest. */
export async function getServiceRequest(db: Db, id: number): Promise<ServiceRequestView> {
  const row = await repo.findRequestById(db, id);
  if (!row) throw notFound();
  return (await withNames(db, [row]))[0]!;
}

/** The schools among these organisation ids that the center supports (those someone may request for). */
export async function schoolsOfCenterAmong(db: Db, centerId: number, organisationIds: number[]): Promise<Organisation[]> {
  return (await getOrganisationsByIds(db, organisationIds)).filter((o) => o.kind === 'school' && o.center_id === centerId).sort((a, b) => a.name.localeCompare(b.name));
}

export interface NewServiceRequest {
  center: Organisation;
  service: CenterService;
  school: Organisation;
  requesterPersonId: number | null;
  input: ServiceRequestInput;
  baseUrl: string;
}

/**
 * Records a school's request and emails the center's directors and coaches, in one transaction.
 * The submission key makes it idempotent: sending the same form (or API key) twice, even at the
 * same moment, yields the first request (`created: false`), never a second one.
 */
export async function createServiceRequest(db: Db, actor: Actor, req: NewServiceRequest): Promise<{ request: ServiceRequest; created: boolean }> {
  const key = req.input.submission_key ?? randomUUID();
  const earlier = async () => {
    const found = await repo.findRequestByKey(db, key);
    // A key belongs to whoever used it first; someone else's key is not a way to read their request.
    if (!found || found.center_id !== req.center.id || found.requester_person_id !== req.requesterPersonId) throw conflict('centers:requests.keyTaken');
    return { request: (await repo.findRequestById(db, found.id))!, created: false };
  };
  if (await repo.findRequestByKey(db, key)) return earlier();
  try {
    const request = await db.transaction().execute(async (trx) => {
      const now = nowIso();
      const row = await repo.insertRequest(trx, {
        center_id: req.center.id,
        service_id: req.service.id,
        school_id: req.school.id,
        requester_person_id: req.requesterPersonId,
        need: req.input.need,
        timing: req.input.timing ?? null,
        contact: req.input.contact,
        status: 'open',
        response: null,
        responded_by: null,
        responded_at: null,
        submission_key: key,
        created_at: now,
        updated_at: now,
      });
      await recordAudit(trx, actor, { action: 'service_request.created', subjectType: 'service_request', subjectId: row.id, organisationId: req.center.id, changes: { school: [null, req.school.id], service: [null, req.service.id] } });
      const link = `${req.baseUrl}/centers/${req.center.slug}/requests/${row.id}`;
      for (const staff of await listCenterStaff(trx, req.center.id)) {
        const v = { school: req.school.name, center: req.center.name, service: req.service.title, need: req.input.need, timing: req.input.timing ?? null, contact: req.input.contact, link };
        await enqueueEmail(trx, serviceRequestEmail(staff, v));
      }
      return row;
    });
    return { request, created: true };
  } catch (err) {
    if (isUniqueViolation(err)) return earlier();
    throw err;
  }
}

/**
 * The center's answer or a change of status. Guarded: if someone else changed the request since
 * `seenUpdatedAt`, nothing is saved (409) rather than overwriting their answer unseen. When the
 * request becomes answered (or its answer changes), the person who asked is emailed the answer.
 */
export async function answerServiceRequest(db: Db, actor: Actor, request: ServiceRequestView, input: RequestAnswerInput, opts: { baseUrl: string; seenUpdatedAt?: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    const response = input.response ?? request.response;
    const answerChanged = input.status === 'answered' && (request.status !== 'answered' || response !== request.response);
    const changed = await repo.updateRequestIfUnchanged(trx, request.id, opts.seenUpdatedAt ?? request.updated_at, {
      status: input.status,
      response: response ?? null,
      ...(answerChanged && { responded_by: actor.personId, responded_at: now }),
      updated_at: now,
    });
    if (changed !== 1) throw conflict('centers:requests.changedMeanwhile');
    await recordAudit(trx, actor, { action: 'service_request.updated', subjectType: 'service_request', subjectId: request.id, organisationId: request.center_id, changes: { status: [request.status, input.status] } });
    const requester = answerChanged && request.requester_person_id !== null ? await getPersonById(trx, request.requester_person_id) : undefined;
    if (requester && !requester.disabled_at) {
      const link = `${opts.baseUrl}/centers/${request.center.slug}/requests/${request.id}`;
      const v = { school: request.school.name, center: request.center.name, service: request.service_title, response: response ?? '', link };
      await enqueueEmail(trx, requestAnsweredEmail(requester, v));
    }
  });
}
