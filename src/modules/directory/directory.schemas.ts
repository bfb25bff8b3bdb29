import { z } from 'zod';
import { fields } from '../../platform/validation.ts';
import { ORGANISATION_KINDS } from '../../db/schema.ts';
import { US_STATE_CODES } from '../organisations/us-states.ts';

// The directory's one query: the page's GET form and GET /api/v1/directory read the same schema.

/** Grade bands a visitor can ask for; a school matches when its span overlaps the band. */
export const GRADE_BANDS = { elementary: ['K', '5'], middle: ['6', '8'], high: ['9', '12'] } as const;
export type GradeBand = keyof typeof GRADE_BANDS;

/** Affiliation statuses the directory filters on; "member" means current or in its grace period. */
export const STATUS_FILTERS = ['member', 'current', 'grace', 'expired', 'pending'] as const;
export const SORTS = ['relevance', 'name', 'city', 'state'] as const;

/** Results per page, and how far a visitor may page: past that, narrowing the search is the way on. */
export const PAGE_SIZE = 25;
export const MAX_PAGE = 400;

export const DirectoryQuery = z.object({
  q: z.string().trim().max(200).optional().describe('Words to find in the name, city or description; the last word may be unfinished'),
  kind: z.enum(ORGANISATION_KINDS).optional(),
  state: z.string().trim().toUpperCase().pipe(z.enum(US_STATE_CODES)).optional().describe('USPS state code'),
  center: fields.id().optional().describe('Id of an affiliate center: the schools and partners it serves'),
  region: z.string().trim().max(100).optional(),
  grades: z.enum(Object.keys(GRADE_BANDS) as [GradeBand, ...GradeBand[]]).optional().describe('Schools whose grades overlap elementary (K–5), middle (6–8) or high (9–12)'),
  status: z.enum(STATUS_FILTERS).optional().describe('Affiliation status; member = current or in grace'),
  sort: z.enum(SORTS).optional().describe('Default: relevance when there are words to find, else name'),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
  view: z.enum(['list', 'map']).optional(),
  format: z.enum(['json', 'geo']).optional().describe('API only: geo answers GeoJSON of the page’s results that have a location'),
});
export type DirectoryQuery = z.output<typeof DirectoryQuery>;

export const DirectorySlugParams = z.object({ slug: z.string().max(120) });

const CenterRef = z.object({ slug: z.string(), name: z.string() }).nullable();

/** One search result: public fields only. Coordinates are rounded to about a kilometre. */
export const DirectoryItem = z.object({
  slug: z.string(),
  name: z.string(),
  kind: z.enum(ORGANISATION_KINDS),
  city: z.string().nullable(),
  state: z.string().nullable(),
  region: z.string().nullable(),
  grade_low: z.string().nullable(),
  grade_high: z.string().nullable(),
  center: CenterRef,
  affiliation_status: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
});
export type DirectoryItem = z.output<typeof DirectoryItem>;

export const DirectoryResults = z.object({
  data: z.array(DirectoryItem),
  page: z.number().int(),
  perPage: z.number().int(),
  total: z.number().int().describe('Matches, counted up to totalCap'),
  totalCapped: z.boolean().describe('True when there are more matches than total says'),
});

/** A profile as anyone may see it. Enrolment is a band, never the number. */
export const DirectoryProfile = DirectoryItem.extend({
  description: z.string().nullable(),
  website: z.string().nullable(),
  email: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  enrolment_band: z.string().nullable().describe('e.g. "200-499"'),
  principles_focus: z.array(z.number().int()).describe('Numbers of the Common Principles the school focuses on'),
});
export type DirectoryProfile = z.output<typeof DirectoryProfile>;

export const GeoJson = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.array(z.number()) }),
      properties: z.object({ slug: z.string(), name: z.string(), kind: z.string(), place: z.string() }),
    }),
  ),
});
