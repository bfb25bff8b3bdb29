import type { Insertable, Kysely } from 'kysely';
import type { AuditEventTable, Database } from '../../db/schema.ts';

export interface AuditFilters {
  subjectType?: string;
  subjectId?: number;
  action?: string;
  actorPersonId?: number;
  organisationId?: number;
  /** Keyset pagination: only events with a smaller id. */
  beforeId?: number;
  limit: number;
}

export function insertAuditEvent(db: Kysely<Database>, row: Insertable<AuditEventTable>) {
  return db.insertInto('audit_events').values(row).execute();
}

export function findAuditEvents(db: Kysely<Database>, f: AuditFilters) {
  let q = db
    .selectFrom('audit_events')
    .leftJoin('organisations', 'organisations.id', 'audit_events.organisation_id')
    .select([
      'audit_events.id',
      'audit_events.occurred_at',
      'audit_events.actor_person_id',
      'audit_events.actor_label',
      'audit_events.action',
      'audit_events.subject_type',
      'audit_events.subject_id',
      'audit_events.organisation_id',
      'audit_events.changes',
      'audit_events.request_id',
      'organisations.name as organisation_name',
      'organisations.slug as organisation_slug',
    ]);
  if (f.subjectType) q = q.where('audit_events.subject_type', '=', f.subjectType);
  if (f.subjectId !== undefined) q = q.where('audit_events.subject_id', '=', f.subjectId);
  if (f.action) q = q.where('audit_events.action', '=', f.action);
  if (f.actorPersonId !== undefined) q = q.where('audit_events.actor_person_id', '=', f.actorPersonId);
  if (f.organisationId !== undefined) q = q.where('audit_events.organisation_id', '=', f.organisationId);
  if (f.beforeId !== undefined) q = q.where('audit_events.id', '<', f.beforeId);
  return q.orderBy('audit_events.id', 'desc').limit(f.limit).execute();
}

export function findAuditActions(db: Kysely<Database>) {
  return db.selectFrom('audit_events').select('action').distinct().orderBy('action').execute();
}
