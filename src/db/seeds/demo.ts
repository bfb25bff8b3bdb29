import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { seedDemoAffiliation } from '../../modules/affiliation/affiliation.demo.ts';
import { seedDemoCenters } from '../../modules/centers/centers.demo.ts';
import { seedDemoAssessments } from '../../modules/assessment/assessment.demo.ts';
import { seedDemoCoaching } from '../../modules/coaching/coaching.demo.ts';
import { seedDemoEvents } from '../../modules/events/events.demo.ts';
import { seedDemoFrameworks } from '../../modules/framework/framework.demo.ts';
import { registerInvoicePurposes } from '../../modules/invoice-purposes.ts';
import { seedDemoNetwork, type SeedSummary } from './demo-network.ts';
import * as repo from './demo-seed.repository.ts';

/**
 * The whole demo: the network (organisations, people, roles), then what each module adds to it
 * (memberships with invoices and payments, center services, news, requests and the exchange,
 * the framework of principles and benchmarks, school self-assessments with coach reviews, coaching
 * engagements with session logs, convenings with tickets, registrations, an agenda
 * and proposals).
 * Every step adds only what is missing, so running it again adds nothing.
 */
export async function seedDemo(db: Kysely<Database>): Promise<SeedSummary> {
  registerInvoicePurposes(); // the demo records payments
  const summary = await seedDemoNetwork(db);
  await seedDemoAffiliation(db);
  await seedDemoCenters(db);
  await seedDemoFrameworks(db);
  await seedDemoAssessments(db);
  await seedDemoCoaching(db);
  await seedDemoEvents(db);
  return summary;
}

/** Loads the demo when the database holds no organisations yet. Returns whether it did. */
export async function seedDemoIfEmpty(db: Kysely<Database>): Promise<boolean> {
  if ((await repo.countOrganisations(db)) > 0) return false;
  await seedDemo(db);
  return true;
}
