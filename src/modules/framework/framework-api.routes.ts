import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bool } from '../../db/dialect.ts';
import { requireNetworkAdmin } from '../../platform/auth/guards.ts';
import { notFound, unauthenticated } from '../../platform/errors.ts';
import { ApiError } from '../organisations/organisations.schemas.ts';
import { descriptorsOf, FrameworkAdminList, FrameworkDocument, FrameworkList, FrameworkListQuery, FrameworkSlugParams, FrameworkVersionQuery, summaryJson, TaggedRecords, versionInfo, TagParams, Taxonomy } from './framework-api.schemas.ts';
import * as editing from './framework-editing.service.ts';
import { getPublicFramework } from './framework-public.service.ts';
import { getFrameworkBySlug, listFrameworks, listVersions } from './framework-read.service.ts';
import { taggedWith, taxonomyTerms, termFor } from './taxonomy.service.ts';

const tags = ['framework'];
/** Public reads: no token needed; one that is sent must work. */
const security: { [scheme: string]: string[] }[] = [{}, { bearer: [] }];

/** A credential that does not work is an error, not anonymity (an integration learns its token was revoked). */
async function rejectBadCredentials(request: FastifyRequest) {
  if (request.headers.authorization && !request.principal) throw unauthenticated();
}

/**
 * /api/v1/frameworks and /api/v1/taxonomy: the published frameworks and the network's shared
 * taxonomy, public, as the /framework pages show them (drafts never; the editing side is in
 * framework-api-editing.routes.ts).
 */
export async function registerFrameworkApi(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  api.get(
    '/api/v1/frameworks',
    {
      preValidation: rejectBadCredentials,
      schema: {
        tags,
        summary: 'List frameworks',
        description:
          'Every framework with a published version, the primary one first, with the number of its current version. Network admins may add `include_unpublished=true` for every framework, with the number of any draft in progress (401/403 for anyone else).',
        security,
        querystring: FrameworkListQuery,
        response: { 200: FrameworkAdminList.or(FrameworkList), 400: ApiError, 401: ApiError, 403: ApiError },
      },
    },
    async (request) => {
      if (request.query.include_unpublished === 'true') {
        requireNetworkAdmin(request);
        return { data: (await editing.listFrameworkSummaries(db)).map(summaryJson) };
      }
      const published = (await listFrameworks(db)).filter((f) => f.current_version_id !== null);
      const data = await Promise.all(
        published.map(async (f) => {
          const current = (await listVersions(db, f.id)).find((v) => v.id === f.current_version_id);
          return { slug: f.slug, name: f.name, description: f.description, primary: bool(f.is_primary), current_version: current?.number ?? 0 };
        }),
      );
      return { data };
    },
  );

  api.get(
    '/api/v1/frameworks/:slug',
    {
      preValidation: rejectBadCredentials,
      schema: {
        tags,
        summary: 'Get a framework',
        description: 'The published tree: principles; groups of benchmarks, each with the principles it serves and a descriptor per level; the rubric\'s levels. `version` asks for an older published version; drafts are never served (404).',
        security,
        params: FrameworkSlugParams,
        querystring: FrameworkVersionQuery,
        response: { 200: FrameworkDocument, 400: ApiError, 401: ApiError, 404: ApiError },
      },
    },
    async (request): Promise<z.infer<typeof FrameworkDocument>> => {
      const framework = await getFrameworkBySlug(db, request.params.slug);
      const { tree, history, currentNumber } = await getPublicFramework(db, framework, request.query.version);
      const part = (p: { key: string; name: string; description: string }) => ({ key: p.key, name: p.name, description: p.description });
      return {
        slug: framework.slug,
        name: framework.name,
        description: framework.description,
        primary: bool(framework.is_primary),
        current_version: currentNumber,
        version: versionInfo(tree.version),
        versions: history.map(versionInfo),
        principles: tree.principles.map(part),
        levels: tree.levels.map(part),
        groups: tree.groups.map((g) => ({
          ...part(g),
          benchmarks: g.benchmarks.map((b) => ({
            ...part(b),
            principles: b.principleKeys,
            descriptors: descriptorsOf(tree, b),
          })),
        })),
      };
    },
  );

  api.get(
    '/api/v1/taxonomy',
    {
      preValidation: rejectBadCredentials,
      schema: {
        tags,
        summary: 'List the shared taxonomy',
        description: 'The primary framework\'s published principles and benchmarks as the tags other records carry (`principle:<key>`, `benchmark:<key>`).',
        security,
        response: { 200: Taxonomy, 401: ApiError },
      },
    },
    async () => ({ data: [...(await taxonomyTerms(db))] }),
  );

  api.get(
    '/api/v1/taxonomy/:tag/tagged',
    {
      preValidation: rejectBadCredentials,
      schema: {
        tags,
        summary: 'What is tagged with a term',
        description: 'Upcoming sessions of published events, and upcoming published events, tagged with a principle or benchmark of the shared taxonomy (404 for a tag outside it).',
        security,
        params: TagParams,
        response: { 200: TaggedRecords, 400: ApiError, 401: ApiError, 404: ApiError },
      },
    },
    async (request) => {
      const term = await termFor(db, request.params.tag);
      if (!term) throw notFound();
      const { sessions, events } = await taggedWith(db, term.tag);
      return {
        term,
        sessions: sessions.map((s) => ({ id: s.id, title: s.title, starts_at: s.starts_at, ends_at: s.ends_at, event: { slug: s.event_slug, title: s.event_title, timezone: s.event_timezone } })),
        events: events.map((e) => ({ slug: e.slug, title: e.title, summary: e.summary, kind: e.kind, starts_at: e.starts_at, ends_at: e.ends_at, timezone: e.timezone })),
      };
    },
  );

}
