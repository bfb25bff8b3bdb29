import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../platform/errors.ts';
import { sendPublicPage } from '../../platform/http/public-page-cache.ts';
import { getFrameworkBySlug, listFrameworks } from './framework-read.service.ts';
import * as pub from './framework-public.service.ts';
import { FrameworkIndexPage, FrameworkPage } from './views/framework-pages.tsx';
import { BenchmarkPage, PrinciplePage } from './views/framework-item-pages.tsx';

const hide = { schema: { hide: true } };
// Tagged sessions come from events others edit; a visitor may see a new one up to a minute late.
// Publishing shows at once: the published version's id is part of each page's cache variant.
const MAX_AGE_MS = 60_000;

// Slugs and keys are lowercase words and digits: anything else (a NUL byte, say) is no page here.
const SLUG = /^[a-z0-9-]+$/;
const SlugParams = z.object({ slug: z.string().min(1).max(120).regex(SLUG) });
const ItemParams = SlugParams.extend({ key: z.string().min(1).max(80).regex(SLUG) });
const VersionQuery = z.object({ version: z.coerce.number().int().positive().max(1_000_000).optional() });

/** The public /framework pages: every framework, one framework, a benchmark, a principle. */
export async function registerFrameworkPublicRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;

  /** The framework, the asked-for version number, and the cache variant naming both. */
  async function target<P extends z.ZodType>(request: FastifyRequest, params: P) {
    const parsed = params.safeParse(request.params);
    const query = VersionQuery.safeParse(request.query ?? {});
    if (!parsed.success || !query.success) throw notFound();
    const p = parsed.data as z.infer<P> & { slug: string };
    const framework = await getFrameworkBySlug(db, p.slug);
    const version = query.data.version;
    return { p, framework, version, variant: `${framework.current_version_id ?? 'none'}|${version ?? ''}` };
  }

  app.get('/framework', hide, async (request, reply) => {
    const frameworks = await listFrameworks(db);
    const variant = frameworks.map((f) => `${f.id}:${f.current_version_id ?? ''}`).join(',');
    return sendPublicPage(request, reply, (ctx) => <FrameworkIndexPage ctx={ctx} frameworks={frameworks.filter((f) => f.current_version_id !== null)} />, { maxAgeMs: MAX_AGE_MS, variant });
  });

  app.get('/framework/:slug', hide, async (request, reply) => {
    const { framework, version, variant } = await target(request, SlugParams);
    return sendPublicPage(request, reply, async (ctx) => <FrameworkPage ctx={ctx} view={await pub.getPublicFramework(db, framework, version)} />, { maxAgeMs: MAX_AGE_MS, variant });
  });

  app.get('/framework/:slug/benchmarks/:key', hide, async (request, reply) => {
    const { p, framework, version, variant } = await target(request, ItemParams);
    return sendPublicPage(
      request,
      reply,
      async (ctx) => {
        const view = await pub.getPublicFramework(db, framework, version);
        const item = pub.benchmarkOf(view.tree, p.key);
        return <BenchmarkPage ctx={ctx} view={view} {...item} tagged={await pub.taggedFor(db, framework, `benchmark:${p.key}`)} />;
      },
      { maxAgeMs: MAX_AGE_MS, variant },
    );
  });

  app.get('/framework/:slug/principles/:key', hide, async (request, reply) => {
    const { p, framework, version, variant } = await target(request, ItemParams);
    return sendPublicPage(
      request,
      reply,
      async (ctx) => {
        const view = await pub.getPublicFramework(db, framework, version);
        const item = pub.principleOf(view.tree, p.key);
        return <PrinciplePage ctx={ctx} view={view} {...item} tagged={await pub.taggedFor(db, framework, `principle:${p.key}`)} />;
      },
      { maxAgeMs: MAX_AGE_MS, variant },
    );
  });
}
