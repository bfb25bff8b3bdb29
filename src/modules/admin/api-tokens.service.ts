import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nowIso } from '../../db/dialect.ts';
import { ROLES_BY_KIND } from '../../platform/auth/policy.ts';
import { hashToken, newToken } from '../../platform/auth/tokens.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { getOrganisationBySlug } from '../organisations/organisations.service.ts';
import type { ApiTokenInput } from './admin.schemas.ts';
import * as repo from './api-tokens.repository.ts';

// Tokens carry a recognisable prefix so secret scanners and people can tell what leaked.
const PREFIX = 'chub_';

/**
 * Creates an API token acting as one role at one organisation. Returns the secret once; only its
 * hash is stored, so it cannot be shown again.
 */
export async function createApiToken(db: Kysely<Database>, actor: Actor, input: ApiTokenInput): Promise<{ id: number; secret: string }> {
  const organisation = await getOrganisationBySlug(db, input.organisation);
  if (!organisation) throw badRequest({ organisation: ['admin:apiTokens.unknownOrganisation'] });
  if (!ROLES_BY_KIND[organisation.kind].includes(input.role)) throw badRequest({ role: ['admin:apiTokens.roleDoesNotFit'] });
  const secret = `${PREFIX}${newToken()}`;
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertApiToken(trx, {
      name: input.name,
      token_hash: hashToken(secret),
      role: input.role,
      organisation_id: organisation.id,
      created_by: actor.personId,
      created_at: nowIso(),
    });
    await recordAudit(trx, actor, {
      action: 'api_token.created',
      subjectType: 'api_token',
      subjectId: row.id,
      organisationId: organisation.id,
      changes: { name: input.name, role: input.role, organisation: organisation.slug },
    });
    return { id: row.id, secret };
  });
}

/** Revokes a token at once; its next request is anonymous. */
export async function revokeApiToken(db: Kysely<Database>, actor: Actor, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const revoked = await repo.revokeApiTokenRow(trx, id, nowIso());
    if (!revoked) throw notFound();
    await recordAudit(trx, actor, { action: 'api_token.revoked', subjectType: 'api_token', subjectId: id, organisationId: revoked.organisationId });
  });
}

export const listApiTokens = (db: Kysely<Database>) => repo.findApiTokens(db);
export type ApiTokenRow = Awaited<ReturnType<typeof listApiTokens>>[number];
