import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Organisation, RoleKind } from '../../db/schema.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import type { TestClient } from '../../../test/helpers/client.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { insertApiToken } from '../../../test/factories/people-network.ts';
import { organisationPolicy } from './organisation-access.ts';

// The cross-organisation matrix: every kind of actor against every kind of target, through the
// HTML pages and the API, each with the exact answer expected. School A belongs to center C,
// school B to another center D, and P is a community partner.

type Target = 'A' | 'B' | 'C' | 'P';
type Actor = 'leaderA' | 'staffA' | 'directorC' | 'coachC' | 'partnerP' | 'admin' | 'noRoles' | 'anonymous';
interface Expected {
  /** GET /organisations/:slug */
  page: number;
  /** GET /organisations/:slug/edit */
  edit: number;
  /** GET /api/v1/organisations/:id: whether private fields come back (the status is always 200). */
  apiPrivate: boolean;
  /** PATCH /api/v1/organisations/:id */
  apiEdit: number;
}

const TARGETS: Target[] = ['A', 'B', 'C', 'P'];
const view = (page: number, edit: number, apiEdit: number, apiPrivate: boolean): Expected => ({ page, edit, apiEdit, apiPrivate });
const OK = view(200, 200, 200, true); // may see and edit
const READ = view(200, 403, 403, true); // may see, not edit
const NONE = view(404, 403, 403, false); // neither: the private page is hidden, edits refused

const EXPECTED: Record<Actor, Record<Target, Expected>> = {
  leaderA: { A: OK, B: NONE, C: NONE, P: NONE },
  staffA: { A: READ, B: NONE, C: NONE, P: NONE },
  // A center supports its schools: its people may read them, but only the school's leader edits.
  directorC: { A: READ, B: NONE, C: OK, P: NONE },
  coachC: { A: READ, B: NONE, C: READ, P: NONE },
  partnerP: { A: NONE, B: NONE, C: NONE, P: OK },
  admin: { A: OK, B: OK, C: OK, P: OK },
  noRoles: { A: NONE, B: NONE, C: NONE, P: NONE },
  anonymous: Object.fromEntries(TARGETS.map((x) => [x, view(302, 302, 401, false)])) as Record<Target, Expected>,
};

for (const dialect of testDialects()) {
  describe(`organisation access matrix (${dialect})`, () => {
    let t: TestApp;
    let orgs: Record<Target, Organisation>;
    const browsers = new Map<Actor, TestClient>();
    const tokens = new Map<Actor, string | null>();

    before(async () => {
      t = await createTestApp(dialect);
      const office = await createOrganisation(t.db, { kind: 'national_office', name: 'National Office' });
      const C = await createOrganisation(t.db, { kind: 'affiliate_center', name: 'Center C' });
      const D = await createOrganisation(t.db, { kind: 'affiliate_center', name: 'Center D' });
      const A = await createOrganisation(t.db, { kind: 'school', name: 'School A', center_id: C.id, nces_id: '060000100001' });
      const B = await createOrganisation(t.db, { kind: 'school', name: 'School B', center_id: D.id, nces_id: '060000100002' });
      const P = await createOrganisation(t.db, { kind: 'partner', name: 'Partner P' });
      orgs = { A, B, C, P };
      const roles: Record<Exclude<Actor, 'anonymous'>, [RoleKind, number] | null> = {
        leaderA: ['school_leader', A.id],
        staffA: ['school_staff', A.id],
        directorC: ['center_director', C.id],
        coachC: ['center_coach', C.id],
        partnerP: ['partner_staff', P.id],
        admin: ['network_admin', office.id],
        noRoles: null,
      };
      for (const [actor, role] of Object.entries(roles) as [Actor, [RoleKind, number] | null][]) {
        const person = await createPerson(t.db, { roles: role ? [role] : [] });
        const client = t.client();
        await signIn(t.db, client, person.id);
        browsers.set(actor, client);
        // The API is exercised as integrations use it: a token acting as the same role. Someone
        // with no role can have no token, so they use their session.
        tokens.set(actor, role ? await insertApiToken(t.db, role[0], role[1]) : null);
      }
      browsers.set('anonymous', t.client());
      tokens.set('anonymous', null);
    });
    after(() => t.close());

    /** Everything one actor gets for one target, in the same shape as the expectations. */
    async function observe(actor: Actor, target: Target, n: number): Promise<Expected> {
      const o = orgs[target];
      const client = browsers.get(actor)!;
      const token = tokens.get(actor);
      const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      // Only the no-roles person sends a session cookie to the API; a token stands alone.
      const apiClient = token || actor === 'anonymous' ? t.client() : client;
      const apiGet = await apiClient.get(`/api/v1/organisations/${o.id}`, auth);
      assert.equal(apiGet.statusCode, 200, `${actor} GET api ${target}`);
      const apiEdit = await apiClient.request({
        method: 'PATCH',
        url: `/api/v1/organisations/${o.id}`,
        headers: { ...auth, 'content-type': 'application/json' },
        payload: JSON.stringify({ description: `Edited by ${actor} (${n})` }),
      });
      return {
        page: (await client.get(`/organisations/${o.slug}`)).statusCode,
        edit: (await client.get(`/organisations/${o.slug}/edit`)).statusCode,
        apiPrivate: 'nces_id' in apiGet.json() || 'enrolment' in apiGet.json(),
        apiEdit: apiEdit.statusCode,
      };
    }

    /** Every cell of the matrix that differs from what is expected, as readable lines. */
    async function mismatches(): Promise<string[]> {
      const out: string[] = [];
      let n = 0;
      for (const actor of Object.keys(EXPECTED) as Actor[]) {
        for (const target of TARGETS) {
          const got = await observe(actor, target, (n += 1));
          const want = EXPECTED[actor][target];
          for (const key of Object.keys(want) as (keyof Expected)[]) {
            if (got[key] !== want[key]) out.push(`${actor} → ${target} ${key}: expected ${want[key]}, got ${got[key]}`);
          }
        }
      }
      return out;
    }

    it('answers every actor × organisation with exactly the expected status, on the pages and the API', async () => {
      assert.deepEqual(await mismatches(), []);
    });

    it('negative control: with the policy switched to "allow everything", the same matrix fails', async (ctx) => {
      ctx.mock.method(organisationPolicy, 'canViewOrganisationPrivate', () => true);
      ctx.mock.method(organisationPolicy, 'canManageOrganisation', () => true);
      ctx.mock.method(organisationPolicy, 'canAdministerNetwork', () => true);
      const found = await mismatches();
      assert.ok(found.includes('staffA → A edit: expected 403, got 200'), found.join('\n'));
      assert.ok(found.includes('partnerP → A page: expected 404, got 200'), found.join('\n'));
      assert.ok(found.includes('noRoles → B apiPrivate: expected false, got true'), found.join('\n'));
      assert.ok(found.includes('coachC → C apiEdit: expected 403, got 200'), found.join('\n'));
    });

    it('refuses a form post from someone who may only read, and saves nothing', async () => {
      const before = await t.db.selectFrom('organisations').selectAll().where('id', '=', orgs.A.id).executeTakeFirstOrThrow();
      const client = browsers.get('directorC')!;
      // The director may not load the edit form, so take a token from a page they can load.
      const token = await client.csrfFrom(`/organisations/${orgs.C.slug}/edit`);
      const res = await client.post(`/organisations/${orgs.A.slug}/edit`, { _csrf: token, name: 'Taken Over', city: 'Elsewhere' });
      assert.equal(res.statusCode, 403);
      const after = await t.db.selectFrom('organisations').selectAll().where('id', '=', orgs.A.id).executeTakeFirstOrThrow();
      assert.deepEqual(after, before);
    });

    it('sends a signed-out visitor to sign in and back, for every organisation page', async () => {
      for (const path of [`/organisations/${orgs.A.slug}`, `/organisations/${orgs.A.slug}/edit`, `/organisations/${orgs.A.slug}/delete`, '/admin/organisations', '/admin/organisations/new']) {
        const res = await t.client().get(path);
        assert.equal(res.statusCode, 302, path);
        assert.equal(res.headers.location, `/login?next=${encodeURIComponent(path)}`);
      }
    });

    it('keeps the admin list, create and delete pages to network admins', async () => {
      for (const actor of ['leaderA', 'directorC', 'partnerP', 'noRoles'] as Actor[]) {
        const client = browsers.get(actor)!;
        assert.equal((await client.get('/admin/organisations')).statusCode, 403, `${actor} list`);
        assert.equal((await client.get('/admin/organisations/new')).statusCode, 403, `${actor} new`);
        assert.equal((await client.get(`/organisations/${orgs.P.slug}/delete`)).statusCode, 403, `${actor} delete`);
      }
      // The partner's own staff manage its profile, but deleting it is the network's decision.
      const partner = browsers.get('partnerP')!;
      const token = await partner.csrfFrom(`/organisations/${orgs.P.slug}/edit`);
      assert.equal((await partner.post(`/organisations/${orgs.P.slug}/delete`, { _csrf: token })).statusCode, 403);
      assert.ok(await t.db.selectFrom('organisations').select('id').where('id', '=', orgs.P.id).executeTakeFirst());
    });

    it('treats a revoked or unknown token as an error, not as anonymous', async () => {
      const res = await t.client().get(`/api/v1/organisations/${orgs.A.id}`, { authorization: 'Bearer not-a-real-token' });
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error.code, 'unauthenticated');
    });
  });
}
