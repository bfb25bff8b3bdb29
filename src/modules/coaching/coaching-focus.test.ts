import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EngagementStatus, Organisation, Person } from '../../db/schema.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/helpers/database.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson } from '../../../test/factories/people.ts';
import { centersFocusedOn, coachingConcentration } from './coaching-focus.service.ts';

// Which benchmarks engagements focus on, for "what helps" and the network roll-ups. Only active
// engagements count, and the roll-ups only those running in the span asked for, with the sessions
// held in it; each status and date test keeps a negative control (the same engagement, made active
// or moved into the span, is counted), so a filter that stopped working would fail here.

/** The 2025-26 school year, as the roll-ups ask for it. */
const YEAR = { from: '2025-07-01', to: '2026-06-30' };

for (const dialect of testDialects()) {
  describe(`coaching focus (${dialect})`, () => {
    let d: TestDatabase;
    let harbor: Organisation;
    let ridge: Organisation;
    let atlas: Organisation;
    let schools: Organisation[];
    let zoe: Person;
    let abe: Person;
    let ridgeCoach: Person;
    let contact: Person;
    let pausedId = 0;
    let closedId = 0;
    const today = new Date().toISOString();

    /** An engagement running from 1 September 2025 (no end unless given), its sessions held on 15 October 2025 unless `heldOn` says. */
    async function engagement(
      center: Organisation,
      school: Organisation,
      opts: { focus: string[]; status?: EngagementStatus; coaches?: Person[]; contacts?: Person[]; minutes?: number[]; startsOn?: string; endsOn?: string; heldOn?: string[] },
    ): Promise<number> {
      const e = await d.db
        .insertInto('engagements')
        .values({ center_id: center.id, school_id: school.id, title: 'Case', goals: '', status: opts.status ?? 'active', starts_on: opts.startsOn ?? '2025-09-01', ends_on: opts.endsOn ?? null, service_request_id: null, created_by: null, created_at: today, updated_at: today })
        .returning('id')
        .executeTakeFirstOrThrow();
      const members = [...(opts.coaches ?? []).map((p) => ({ engagement_id: e.id, person_id: p.id, role: 'coach' as const })), ...(opts.contacts ?? []).map((p) => ({ engagement_id: e.id, person_id: p.id, role: 'school_contact' as const }))];
      if (members.length) await d.db.insertInto('engagement_members').values(members).execute();
      if (opts.focus.length) await d.db.insertInto('engagement_focus').values(opts.focus.map((tag) => ({ engagement_id: e.id, tag }))).execute();
      for (const [i, minutes] of (opts.minutes ?? []).entries()) {
        await d.db.insertInto('engagement_sessions').values({ engagement_id: e.id, held_on: opts.heldOn?.[i] ?? '2025-10-15', minutes, modality: 'virtual', participants: '', notes: '', shareable: false, logged_by: null, created_at: today, updated_at: today }).execute();
      }
      return e.id;
    }
    const setStatus = (id: number, status: EngagementStatus) => d.db.updateTable('engagements').set({ status }).where('id', '=', id).execute();

    before(async () => {
      d = await createTestDatabase(dialect);
      harbor = await createOrganisation(d.db, { kind: 'affiliate_center', name: 'Harbor Center' });
      ridge = await createOrganisation(d.db, { kind: 'affiliate_center', name: 'Ridge Center' });
      atlas = await createOrganisation(d.db, { kind: 'affiliate_center', name: 'Atlas Center' });
      schools = [];
      for (const center of [harbor, harbor, ridge, atlas]) schools.push(await createOrganisation(d.db, { kind: 'school', center_id: center.id }));
      zoe = await createPerson(d.db, { name: 'Zoe Coach', roles: [['center_coach', harbor.id]] });
      abe = await createPerson(d.db, { name: 'Abe Coach', roles: [['center_coach', harbor.id]] });
      ridgeCoach = await createPerson(d.db, { name: 'Rita Ridge', roles: [['center_coach', ridge.id]] });
      contact = await createPerson(d.db, { name: 'Cora Contact', roles: [['school_leader', schools[0]!.id]] });
      const [h1, h2, r1, a1] = schools as [Organisation, Organisation, Organisation, Organisation];
      // Harbor: two schools on "inquiry" (one of them twice, by both coaches); Ridge and Atlas one each.
      await engagement(harbor, h1, { focus: ['benchmark:inquiry', 'benchmark:advisory', 'advisory'], coaches: [zoe], contacts: [contact], minutes: [90, 30] });
      await engagement(harbor, h1, { focus: ['benchmark:inquiry'], coaches: [abe, zoe] });
      await engagement(harbor, h2, { focus: ['benchmark:inquiry'], coaches: [abe], minutes: [45] });
      await engagement(ridge, r1, { focus: ['benchmark:inquiry'], coaches: [ridgeCoach], minutes: [60] });
      await engagement(atlas, a1, { focus: ['benchmark:inquiry'] });
      pausedId = await engagement(ridge, r1, { focus: ['benchmark:equity', 'benchmark:inquiry'], status: 'paused', coaches: [ridgeCoach], minutes: [600] });
      closedId = await engagement(atlas, a1, { focus: ['benchmark:equity'], status: 'closed', minutes: [300] });
    });
    after(() => d.drop());

    it('centersFocusedOn: centers with active engagements on the benchmark, most schools first, with their coaches', async () => {
      const centers = await centersFocusedOn(d.db, 'inquiry');
      assert.deepEqual(
        centers.map((c) => [c.centerName, c.schools, c.coaches.map((p) => p.name)]),
        [
          ['Harbor Center', 2, ['Abe Coach', 'Zoe Coach']],
          ['Atlas Center', 1, []],
          ['Ridge Center', 1, ['Rita Ridge']],
        ],
        'two schools before one, then by name; each coach once, by name; a school contact is not a coach',
      );
      assert.deepEqual({ id: centers[0]!.centerId, slug: centers[0]!.centerSlug }, { id: harbor.id, slug: harbor.slug });
      assert.deepEqual(await centersFocusedOn(d.db, 'nothing-here'), []);
      assert.deepEqual((await centersFocusedOn(d.db, 'advisory')).map((c) => c.centerName), ['Harbor Center'], 'by the benchmark tag, not a same-named taxonomy tag');
    });

    it('centersFocusedOn: paused and closed engagements help nobody now', async () => {
      assert.deepEqual(await centersFocusedOn(d.db, 'equity'), []);
      await setStatus(pausedId, 'active');
      try {
        assert.deepEqual((await centersFocusedOn(d.db, 'equity')).map((c) => c.centerName), ['Ridge Center'], 'negative control: made active, it is counted');
      } finally {
        await setStatus(pausedId, 'paused');
      }
      await setStatus(closedId, 'active');
      try {
        assert.deepEqual((await centersFocusedOn(d.db, 'equity')).map((c) => c.centerName), ['Atlas Center'], 'negative control: the closed one, made active');
      } finally {
        await setStatus(closedId, 'closed');
      }
    });

    it('coachingConcentration: active engagements and their minutes per benchmark, network-wide or per center', async () => {
      assert.deepEqual(await coachingConcentration(d.db, YEAR), [
        { benchmarkKey: 'inquiry', engagements: 5, minutes: 90 + 30 + 45 + 60 },
        { benchmarkKey: 'advisory', engagements: 1, minutes: 120 },
      ], 'every session once per focus benchmark; the untagged "advisory" term is not a benchmark; paused and closed left out');
      assert.deepEqual(await coachingConcentration(d.db, YEAR, [ridge.id]), [{ benchmarkKey: 'inquiry', engagements: 1, minutes: 60 }]);
      assert.deepEqual(await coachingConcentration(d.db, YEAR, [atlas.id]), [{ benchmarkKey: 'inquiry', engagements: 1, minutes: 0 }], 'an engagement with no session yet: 0 minutes');
      assert.deepEqual(await coachingConcentration(d.db, YEAR, [ridge.id, atlas.id]), [{ benchmarkKey: 'inquiry', engagements: 2, minutes: 60 }]);
      assert.deepEqual(await coachingConcentration(d.db, YEAR, []), [], 'no centers, nothing');
      assert.deepEqual(await coachingConcentration(d.db, YEAR, [0]), [], 'schools without a center have no engagements');
    });

    it('coachingConcentration: paused and closed engagements are not counted (negative control: made active, they are)', async () => {
      const equity = async () => (await coachingConcentration(d.db, YEAR)).find((c) => c.benchmarkKey === 'equity');
      assert.equal(await equity(), undefined);
      await setStatus(pausedId, 'active');
      try {
        assert.deepEqual(await equity(), { benchmarkKey: 'equity', engagements: 1, minutes: 600 });
        assert.deepEqual((await coachingConcentration(d.db, YEAR, [ridge.id])).find((c) => c.benchmarkKey === 'inquiry'), { benchmarkKey: 'inquiry', engagements: 2, minutes: 660 });
      } finally {
        await setStatus(pausedId, 'paused');
      }
      await setStatus(closedId, 'active');
      try {
        assert.deepEqual(await equity(), { benchmarkKey: 'equity', engagements: 1, minutes: 300 });
      } finally {
        await setStatus(closedId, 'closed');
      }
      assert.equal(await equity(), undefined, 'and back again');
    });

    it('coachingConcentration: engagements that run during the span, and the sessions held in it (negative controls: moved into it, they count)', async () => {
      const delta = await createOrganisation(d.db, { kind: 'affiliate_center', name: 'Delta Center' });
      const school = await createOrganisation(d.db, { kind: 'school', center_id: delta.id });
      const inDelta = async (span = YEAR) => (await coachingConcentration(d.db, span, [delta.id])).map((c) => [c.benchmarkKey, c.engagements, c.minutes]);
      // Ended the day before the year began; starts the day after it ends.
      const ended = await engagement(delta, school, { focus: ['benchmark:calendar'], startsOn: '2024-09-01', endsOn: '2025-06-30', minutes: [60], heldOn: ['2025-03-01'] });
      const future = await engagement(delta, school, { focus: ['benchmark:calendar'], startsOn: '2026-07-01' });
      // Open-ended, with a session on each side of each edge of the year.
      await engagement(delta, school, { focus: ['benchmark:inquiry'], startsOn: '2025-01-01', minutes: [10, 20, 40, 80], heldOn: ['2025-06-30', '2025-07-01', '2026-06-30', '2026-07-01'] });
      assert.deepEqual(await inDelta(), [['inquiry', 1, 20 + 40]], 'both edges of the year included, the days beyond them not; engagements outside it not counted');
      assert.deepEqual(await inDelta({ from: '2024-07-01', to: '2025-06-30' }), [['calendar', 1, 60], ['inquiry', 1, 10]], 'the year before: the ended engagement and its session');
      assert.deepEqual(await inDelta({ from: '2026-07-01', to: '2027-06-30' }), [['inquiry', 1, 80], ['calendar', 1, 0]], 'the year after: the one that starts then, with no session yet');

      await d.db.updateTable('engagements').set({ ends_on: '2025-07-01' }).where('id', '=', ended).execute();
      assert.deepEqual(await inDelta(), [['inquiry', 1, 60], ['calendar', 1, 0]], 'negative control: ending on the first day of the year, it ran in it (its session before the year still not counted)');
      await d.db.updateTable('engagements').set({ ends_on: '2025-06-30' }).where('id', '=', ended).execute();
      await d.db.updateTable('engagements').set({ starts_on: '2026-06-30' }).where('id', '=', future).execute();
      assert.deepEqual(await inDelta(), [['inquiry', 1, 60], ['calendar', 1, 0]], 'negative control: starting on the last day of the year, it runs in it');
      await d.db.updateTable('engagements').set({ starts_on: '2026-07-01' }).where('id', '=', future).execute();
      assert.deepEqual(await inDelta(), [['inquiry', 1, 60]], 'and back again');
    });
  });
}
