import type { Migration } from 'kysely';
import * as foundation from './2026-11-22-0001-foundation.ts';
import * as rateLimits from './2026-11-22-0002-rate-limits.ts';
import * as organisationAffiliationFields from './2026-11-22-0003-organisation-affiliation-fields.ts';
import * as jobs from './2026-11-22-0004-jobs.ts';
import * as billing from './2026-11-22-0005-billing.ts';
import * as affiliation from './2026-11-22-0006-affiliation.ts';
import * as directorySearch from './2026-11-22-0007-directory-search.ts';
import * as centers from './2026-11-22-0008-centers.ts';
import * as events from './2026-11-22-0009-events.ts';
import * as framework from './2026-11-22-0010-framework.ts';
import * as improvement from './2026-11-22-0011-improvement.ts';
import * as assessmentLevelCounts from './2026-11-22-0012-assessment-level-counts.ts';
import * as changeNotifications from './2026-11-22-0013-change-notifications.ts';

/**
 * Every migration, by date-stamped name. Listed statically (rather than read from the folder) so
 * the order is explicit in review and nothing depends on the file system layout at run time.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-22-0001-foundation': foundation,
  '2026-11-22-0002-rate-limits': rateLimits,
  '2026-11-22-0003-organisation-affiliation-fields': organisationAffiliationFields,
  '2026-11-22-0004-jobs': jobs,
  '2026-11-22-0005-billing': billing,
  '2026-11-22-0006-affiliation': affiliation,
  '2026-11-22-0007-directory-search': directorySearch,
  '2026-11-22-0008-centers': centers,
  '2026-11-22-0009-events': events,
  '2026-11-22-0010-framework': framework,
  '2026-11-22-0011-improvement': improvement,
  '2026-11-22-0012-assessment-level-counts': assessmentLevelCounts,
  '2026-11-22-0013-change-notifications': changeNotifications,
};
