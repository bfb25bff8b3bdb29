import type { Kysely } from 'kysely';
import type { Database, NewOrganisation } from '../schema.ts';
import { nowIso } from '../dialect.ts';
import { recordAudit, systemActor } from '../../modules/audit/audit.service.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { DEMO_ACCOUNTS, DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_PEOPLE, demoEmail, type DemoOrganisation } from './demo-network.data.ts';
import * as repo from './demo-seed.repository.ts';

export { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-network.data.ts';

export interface SeedSummary {
  organisations: number;
  people: number;
  roles: number;
}

/** Whether the demo admin account exists (so the demo sign-ins are worth printing). */
export async function hasDemoAccounts(db: Kysely<Database>): Promise<boolean> {
  return (await repo.findPersonIdByEmail(db, DEMO_ACCOUNTS[0].email)) !== undefined;
}

/**
 * Writes the demo network in one transaction, adding only what is missing (organisations by slug,
 * people by email, roles by person+organisation+role), so running it again adds nothing. Each
 * organisation and person created is audited as the demo seed, as an admin would see it.
 */
export async function seedDemoNetwork(db: Kysely<Database>): Promise<SeedSummary> {
  // One hash for every demo account: they share a documented password anyway, and hashing 60
  // times (argon2id is slow on purpose) would add seconds to the first boot.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const actor = systemActor('demo-seed');
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const summary: SeedSummary = { organisations: 0, people: 0, roles: 0 };
    const ids = new Map<string, number>();
    // Centers come before their schools in the list, so each school's center id is known.
    for (const org of DEMO_ORGANISATIONS) {
      const centerId = org.center ? ids.get(org.center) : undefined;
      const id = await repo.insertOrganisationIfAbsent(trx, organisationRow(org, centerId ?? null, now));
      if (id !== undefined) {
        summary.organisations += 1;
        ids.set(org.slug, id);
        await recordAudit(trx, actor, {
          action: 'organisation.created',
          subjectType: 'organisation',
          subjectId: id,
          organisationId: id,
          changes: { name: org.name, kind: org.kind, slug: org.slug },
        });
      } else {
        const existing = await repo.findOrganisationIdsBySlug(trx, [org.slug]);
        ids.set(org.slug, existing.get(org.slug)!);
      }
    }
    for (const person of DEMO_PEOPLE) {
      const email = demoEmail(person);
      let personId = await repo.insertPersonIfAbsent(trx, {
        email,
        name: person.name,
        locale: person.locale ?? null,
        password_hash: passwordHash,
        email_verified_at: now,
        created_at: now,
        updated_at: now,
      });
      if (personId !== undefined) {
        summary.people += 1;
        await recordAudit(trx, actor, { action: 'person.created', subjectType: 'person', subjectId: personId, changes: { email, name: person.name } });
      } else {
        personId = (await repo.findPersonIdByEmail(trx, email))!;
      }
      for (const [role, slug, title] of person.roles) {
        const organisationId = ids.get(slug);
        if (organisationId === undefined) throw new Error(`demo data: ${email} has a role at unknown organisation ${slug}`);
        const roleId = await repo.insertRoleIfAbsent(trx, { person_id: personId, organisation_id: organisationId, role, title, created_at: now });
        if (roleId !== undefined) {
          summary.roles += 1;
          await recordAudit(trx, actor, { action: 'role.granted', subjectType: 'role', subjectId: roleId, organisationId, changes: { person: email, role, title } });
        }
      }
    }
    return summary;
  });
}

function organisationRow(org: DemoOrganisation, centerId: number | null, now: string): NewOrganisation {
  return {
    slug: org.slug,
    name: org.name,
    kind: org.kind,
    description: org.description,
    email: `info@${org.slug}.example.org`,
    phone: org.phone,
    website: `https://${org.slug}.example.org`,
    address_line1: org.address,
    city: org.city,
    state: org.state,
    postal_code: org.zip,
    region: org.region,
    latitude: org.lat,
    longitude: org.lon,
    grade_low: org.grades?.[0] ?? null,
    grade_high: org.grades?.[1] ?? null,
    enrolment: org.enrolment ?? null,
    nces_id: org.nces ?? null,
    center_id: centerId,
    contact_public: org.contactPublic ?? false,
    principles_focus: org.principlesFocus ?? null,
    created_at: now,
    updated_at: now,
  };
}
