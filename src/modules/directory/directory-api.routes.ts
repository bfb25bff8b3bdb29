import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../platform/errors.ts';
import { ApiError } from '../organisations/organisations.schemas.ts';
import { placeLabel } from '../organisations/views/organisation-labels.ts';
import { DirectoryProfile, DirectoryQuery, DirectoryResults, DirectorySlugParams, GeoJson } from './directory.schemas.ts';
import { getDirectoryProfile, searchDirectory } from './directory.service.ts';

const tags = ['directory'];
// Public data only, for anyone: no credentials are read here.
const security: { [scheme: string]: string[] }[] = [{}];

/** GET /api/v1/directory and /api/v1/directory/{slug}: the public directory as JSON (and GeoJSON for maps). */
export async function registerDirectoryApi(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  api.get(
    '/api/v1/directory',
    {
      schema: {
        tags,
        summary: 'Search the public directory',
        description:
          'Full-text search over name, city and description with filters, 25 results a page (pages up to 400). Public fields only. With format=geo, the page’s results that have a location, as a GeoJSON FeatureCollection (coordinates rounded to about a kilometre).',
        security,
        querystring: DirectoryQuery,
        response: { 200: z.union([DirectoryResults, GeoJson]), 400: ApiError },
      },
    },
    async (request) => {
      const result = await searchDirectory(db, request.query);
      if (request.query.format === 'geo') {
        return {
          type: 'FeatureCollection' as const,
          features: result.items
            .filter((o) => o.latitude !== null && o.longitude !== null)
            .map((o) => ({
              type: 'Feature' as const,
              geometry: { type: 'Point' as const, coordinates: [o.longitude!, o.latitude!] },
              properties: { slug: o.slug, name: o.name, kind: o.kind, place: placeLabel(o.city, o.state) },
            })),
        };
      }
      return { data: result.items, page: result.page, perPage: result.perPage, total: result.total, totalCapped: result.totalCapped };
    },
  );

  api.get(
    '/api/v1/directory/:slug',
    {
      schema: {
        tags,
        summary: 'Get a public directory profile',
        description: 'What anyone may know of a school, center or partner: enrolment as a band, contacts only where the organisation publishes them.',
        security,
        params: DirectorySlugParams,
        response: { 200: DirectoryProfile, 400: ApiError, 404: ApiError },
      },
    },
    async (request) => {
      const profile = await getDirectoryProfile(db, request.params.slug);
      if (!profile) throw notFound();
      return profile;
    },
  );
}
