import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../platform/errors.ts';
import { sendPublicPage } from '../../platform/http/public-page-cache.ts';
import { getPublicOrganisationBySlug } from '../organisations/organisations.service.ts';
import { DirectoryProfilePage } from './views/directory-profile-page.tsx';

const Params = z.object({ slug: z.string().max(120) });

// Signed-out visitors may see a profile up to this long after an edit (the editor, signed in, sees
// it at once). Directory pages are the most visited; this keeps them cheap at national scale.
const PROFILE_MAX_AGE_MS = 30_000;

/**
 * The public directory's profile pages: what anyone may know of a school, center or partner. The
 * search and map over them belong to the directory release; /directory itself says so meanwhile.
 */
export async function registerDirectoryRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;

  app.get('/directory/:slug', { schema: { hide: true } }, (request, reply) =>
    sendPublicPage(
      request,
      reply,
      async (ctx) => {
        const parsed = Params.safeParse(request.params);
        const organisation = parsed.success ? await getPublicOrganisationBySlug(db, parsed.data.slug) : undefined;
        if (!organisation) throw notFound();
        return <DirectoryProfilePage ctx={ctx} organisation={organisation} />;
      },
      { maxAgeMs: PROFILE_MAX_AGE_MS },
    ),
  );
}
