import type { Kysely } from 'kysely';
import type { CenterNews, CenterService, Database, Organisation } from '../../db/schema.ts';
import { isUniqueViolation, nowIso } from '../../db/dialect.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { changedFields, recordAudit, type Actor } from '../audit/audit.service.ts';
import type { NewsInput, ServiceInput } from './centers.schemas.ts';
import * as repo from './center-content.repository.ts';

type Db = Kysely<Database>;

/** A service of this center (retired ones included), or 404: another center's service does not exist here. */
export async function getCenterService(db: Db, centerId: number, id: number): Promise<CenterService> {
  const service = await repo.findService(db, centerId, id);
  if (!service) throw notFound();
  return service;
}

/** Adds a service at the end of the center's list. */
export async function createCenterService(db: Db, actor: Actor, center: Organisation, input: ServiceInput): Promise<CenterService> {
  return db.transaction().execute(async (trx) => {
    await repo.lockServices(trx, center.id);
    const now = nowIso();
    const row = await repo.insertService(trx, { ...input, center_id: center.id, position: await repo.nextServicePosition(trx, center.id), created_at: now, updated_at: now });
    await recordAudit(trx, actor, { action: 'center_service.created', subjectType: 'center_service', subjectId: row.id, organisationId: center.id, changes: changedFields({}, input) });
    return row;
  });
}

/** Changes a service's text or kind. */
export async function updateCenterService(db: Db, actor: Actor, center: Organisation, id: number, input: ServiceInput): Promise<CenterService> {
  return db.transaction().execute(async (trx) => {
    const before = await getCenterService(trx, center.id, id);
    const changes = changedFields(before as unknown as Record<string, unknown>, input);
    if (Object.keys(changes).length === 0) return before;
    const row = await repo.updateService(trx, id, { ...input, updated_at: nowIso() });
    await recordAudit(trx, actor, { action: 'center_service.updated', subjectType: 'center_service', subjectId: id, organisationId: center.id, changes });
    return row;
  });
}

/** Retires a service (no longer offered; past requests keep naming it) or offers it again. */
export async function setCenterServiceRetired(db: Db, actor: Actor, center: Organisation, id: number, retired: boolean): Promise<CenterService> {
  return db.transaction().execute(async (trx) => {
    const before = await getCenterService(trx, center.id, id);
    if (!!before.retired_at === retired) return before;
    const row = await repo.updateService(trx, id, { retired_at: retired ? nowIso() : null, updated_at: nowIso() });
    await recordAudit(trx, actor, { action: retired ? 'center_service.retired' : 'center_service.restored', subjectType: 'center_service', subjectId: id, organisationId: center.id });
    return row;
  });
}

/**
 * Moves a service one place up or down among the center's offered services. The list is locked
 * first and renumbered 1..n, so positions stay distinct whatever happened before.
 */
export async function moveCenterService(db: Db, actor: Actor, center: Organisation, id: number, direction: 'up' | 'down'): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const offered = (await repo.lockServices(trx, center.id)).filter((s) => !s.retired_at);
    const from = offered.findIndex((s) => s.id === id);
    if (from < 0) throw notFound();
    const to = direction === 'up' ? from - 1 : from + 1;
    if (to < 0 || to >= offered.length) return;
    const [moved] = offered.splice(from, 1);
    offered.splice(to, 0, moved!);
    for (const [i, s] of offered.entries()) if (s.position !== i + 1) await repo.updateService(trx, s.id, { position: i + 1 });
    await recordAudit(trx, actor, { action: 'center_service.moved', subjectType: 'center_service', subjectId: id, organisationId: center.id, changes: { position: [from + 1, to + 1] } });
  });
}

/** A news item of this center, drafts included (for its editors), or 404. */
export async function getCenterNews(db: Db, centerId: number, slug: string): Promise<CenterNews> {
  const item = await repo.findNewsBySlug(db, centerId, slug);
  if (!item) throw notFound();
  return item;
}

function slugify(title: string): string {
  const slug = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100).replace(/-+$/, '');
  return slug || 'news';
}

/** Writes a news item (a draft, or published now). Its address comes from the title, made unique within the center. */
export async function createCenterNews(db: Db, actor: Actor, center: Organisation, input: NewsInput): Promise<CenterNews> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction().execute(async (trx) => {
        const base = slugify(input.title);
        const taken = new Set(await repo.findNewsSlugsLike(trx, center.id, base));
        let slug = base;
        for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
        const now = nowIso();
        const row = await repo.insertNews(trx, {
          center_id: center.id,
          slug,
          title: input.title,
          body: input.body,
          status: input.status,
          published_at: input.status === 'published' ? now : null,
          author_person_id: actor.personId,
          created_at: now,
          updated_at: now,
        });
        await recordAudit(trx, actor, { action: 'center_news.created', subjectType: 'center_news', subjectId: row.id, organisationId: center.id, changes: { title: [null, input.title], status: [null, input.status] } });
        return row;
      });
    } catch (err) {
      // Two items with the same title at once: the loser takes the next free address.
      if (isUniqueViolation(err) && attempt < 5) continue;
      if (isUniqueViolation(err)) throw conflict();
      throw err;
    }
  }
}

/** Changes a news item. Publishing stamps the time once; returning to draft takes it off the space. */
export async function updateCenterNews(db: Db, actor: Actor, center: Organisation, id: number, input: NewsInput): Promise<CenterNews> {
  return db.transaction().execute(async (trx) => {
    const before = await repo.findNewsById(trx, center.id, id);
    if (!before) throw notFound();
    const changes = changedFields({ title: before.title, body: before.body, status: before.status }, input);
    if (Object.keys(changes).length === 0) return before;
    const publishedAt = input.status === 'published' ? (before.published_at ?? nowIso()) : null;
    const row = await repo.updateNews(trx, id, { ...input, published_at: publishedAt, updated_at: nowIso() });
    await recordAudit(trx, actor, { action: 'center_news.updated', subjectType: 'center_news', subjectId: id, organisationId: center.id, changes: { ...changes, ...(changes.body && { body: ['…', '…'] }) } });
    return row;
  });
}

/** Deletes a news item for good. */
export async function deleteCenterNews(db: Db, actor: Actor, center: Organisation, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await repo.findNewsById(trx, center.id, id);
    if (!before) throw notFound();
    await repo.deleteNews(trx, id);
    await recordAudit(trx, actor, { action: 'center_news.deleted', subjectType: 'center_news', subjectId: id, organisationId: center.id, changes: { title: [before.title, null] } });
  });
}
