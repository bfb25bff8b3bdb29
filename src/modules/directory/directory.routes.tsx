import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../platform/errors.ts';
import { viewContext } from '../../platform/http/view.ts';
import { sendPage } from '../../platform/ui/render.ts';
import { getPublicOrganisationBySlug } from '../organisations/organisations.service.ts';
import { DirectoryProfilePage } from './views/directory-profile-page.tsx';

const Params = z.object({ slug: z.string().max(120) });

/**
 * The public directory's profile pages: what anyone may know of a school, center or partner. The
 * search and map over them belong to the directory release; /directory itself says so meanwhile.
 */
export async function registerDirectoryRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;

  app.get('/directory/:slug', { schema: { hide: true } }, async (request, reply) => {
    const parsed = Params.safeParse(request.params);
    const organisation = parsed.success ? await getPublicOrganisationBySlug(db, parsed.data.slug) : undefined;
    if (!organisation) throw notFound();
    return sendPage(reply, <DirectoryProfilePage ctx={viewContext(request, reply)} organisation={organisation} />);
  });
}
