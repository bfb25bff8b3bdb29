import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nowIso } from '../../db/dialect.ts';
import * as repo from './audit.repository.ts';

/** Who made a change, as the audit log records it. */
export interface Actor {
  personId: number | null;
  label: string;
  requestId?: string;
}

export interface AuditEntry {
  /** `<subject>.<verb>`, e.g. `organisation.updated`, `role.granted`. */
  action: string;
  subjectType: 'organisation' | 'person' | 'role' | 'api_token' | (string & {});
  subjectId: number;
  /** The organisation the change belongs to, so each organisation's history can be listed. */
  organisationId?: number | null;
  changes?: Record<string, unknown>;
}

/** The actor behind a web or API request. */
export function actorFromRequest(request: FastifyRequest): Actor {
  const p = request.principal;
  return { personId: p?.personId ?? null, label: p?.auditLabel ?? 'anonymous', requestId: String(request.id) };
}

/** An actor outside any request: the CLI, a job, the demo seed. */
export const systemActor = (label: string): Actor => ({ personId: null, label });

/**
 * Writes one audit event. Call it with the transaction that makes the change, so the change and
 * its record commit (or roll back) together.
 */
export async function recordAudit(db: Kysely<Database>, actor: Actor, entry: AuditEntry): Promise<void> {
  await repo.insertAuditEvent(db, {
    occurred_at: nowIso(),
    actor_person_id: actor.personId,
    actor_label: actor.label.slice(0, 200),
    action: entry.action,
    subject_type: entry.subjectType,
    subject_id: entry.subjectId,
    organisation_id: entry.organisationId ?? null,
    changes: entry.changes ? JSON.stringify(entry.changes) : null,
    request_id: actor.requestId ?? null,
  });
}

/**
 * The fields that differ between two versions of a record, as `{field: [before, after]}`.
 * Secrets never enter the log: pass only the fields worth recording.
 */
export function changedFields<T extends Record<string, unknown>>(before: Partial<T>, after: Partial<T>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after)) {
    const a = before[key] ?? null;
    const b = after[key] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) out[key] = [a, b];
  }
  return out;
}

export interface AuditEventView {
  id: number;
  occurredAt: string;
  actorLabel: string;
  actorPersonId: number | null;
  action: string;
  subjectType: string;
  subjectId: number;
  organisation: { name: string; slug: string } | null;
  changes: Record<string, unknown> | null;
  requestId: string | null;
}

/** A page of audit events, newest first, with the id to continue from. */
export async function listAuditEvents(db: Kysely<Database>, filters: repo.AuditFilters): Promise<{ events: AuditEventView[]; nextBeforeId: number | null }> {
  const rows = await repo.findAuditEvents(db, { ...filters, limit: filters.limit + 1 });
  const page = rows.slice(0, filters.limit);
  return {
    events: page.map((r) => ({
      id: r.id,
      occurredAt: r.occurred_at,
      actorLabel: r.actor_label,
      actorPersonId: r.actor_person_id,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      organisation: r.organisation_name && r.organisation_slug ? { name: r.organisation_name, slug: r.organisation_slug } : null,
      changes: r.changes ? (JSON.parse(r.changes) as Record<string, unknown>) : null,
      requestId: r.request_id,
    })),
    nextBeforeId: rows.length > filters.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

export async function listAuditActions(db: Kysely<Database>): Promise<string[]> {
  return (await repo.findAuditActions(db)).map((r) => r.action);
}
