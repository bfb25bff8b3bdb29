import type { FastifyInstance } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { sendPublicPage } from '../../platform/http/public-page-cache.ts';
import { blankToUndefined } from '../organisations/organisations.schemas.ts';
import { registerDirectoryApi } from './directory-api.routes.ts';
import { registerDirectoryImportRoutes } from './directory-import.routes.tsx';
import { DirectoryQuery, DirectorySlugParams } from './directory.schemas.ts';
import { getDirectoryProfile, listCenterOptions, searchDirectory } from './directory.service.ts';
import { DirectoryProfilePage } from './views/directory-profile-page.tsx';
import { DirectorySearchPage } from './views/directory-search-page.tsx';

// Signed-out visitors may see a profile up to this long after an edit (the editor, signed in, sees
// it at once). Directory pages are the most visited; this keeps them cheap at national scale.
const PROFILE_MAX_AGE_MS = 30_000;
// Search pages for signed-out visitors are stored as briefly, one per normalised query (the parsed
// query, so reordered or junk parameters share an entry); the store is bounded in entries.
const SEARCH_MAX_AGE_MS = 30_000;

/**
 * A search page never fails on a hand-edited or stale link: a value the schema refuses (a state
 * code that does not exist, page=abc) is dropped, and the rest of the search still runs.
 */
export function lenientDirectoryQuery(raw: unknown): DirectoryQuery {
  const input = blankToUndefined((raw ?? {}) as Record<string, unknown>);
  for (let attempt = 0; attempt < 12; attempt++) {
    const parsed = DirectoryQuery.safeParse(input);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) delete input[String(issue.path[0])];
  }
  return DirectoryQuery.parse({});
}

/** The public directory: search and map at /directory, profiles at /directory/<slug>, its API, and the school import. */
export async function registerDirectoryRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;
  const { config } = app.deps;

  app.get('/directory', { schema: { hide: true } }, async (request, reply) => {
    const query = lenientDirectoryQuery(request.query);
    const page = async () => {
      const [result, centers] = await Promise.all([searchDirectory(db, query), listCenterOptions(db)]);
      return { query, result, centers };
    };
    const variant = JSON.stringify(Object.entries(query).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)));
    return sendPublicPage(request, reply, async (ctx) => <DirectorySearchPage ctx={ctx} {...await page()} tiles={config.mapTiles} />, { maxAgeMs: SEARCH_MAX_AGE_MS, variant });
  });

  app.get('/directory/:slug', { schema: { hide: true } }, (request, reply) =>
    sendPublicPage(
      request,
      reply,
      async (ctx) => {
        const parsed = DirectorySlugParams.safeParse(request.params);
        const organisation = parsed.success ? await getDirectoryProfile(db, parsed.data.slug) : undefined;
        if (!organisation) throw notFound();
        return <DirectoryProfilePage ctx={ctx} organisation={organisation} baseUrl={config.baseUrl} />;
      },
      { maxAgeMs: PROFILE_MAX_AGE_MS },
    ),
  );

  await registerDirectoryApi(app);
  await registerDirectoryImportRoutes(app);
}
