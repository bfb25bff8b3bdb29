import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { nowIso } from '../../db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../audit/audit.service.ts';
import { seedDemoFrameworks } from '../framework/framework.demo.ts';
import { getFrameworkBySlug } from '../framework/framework-read.service.ts';
import * as repo from './assessment.repository.ts';
import { finishReview, getCycleView, openCycle, saveCoachRating, saveRating, submitCycle } from './assessment.service.ts';

// A save racing the status change it depends on: a school rating against the submission, a coach
// rating against finishing the review. Each save locks the cycle row first, so on PostgreSQL the
// two take turns and the loser is refused (409) instead of landing after the status moved, where
// the submission's checks and the network counts would never see it.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isNotEditable = (err: unknown) => err instanceof AppError && err.status === 409 && err.messageKey === 'assessment:errors.notEditable';

for (const dialect of testDialects()) {
  describe(`self-assessment saves racing status changes (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let year = 2040;
    const school = (): Actor => ({ personId: n.leaderA.id, label: 'leader' });
    const coach = (): Actor => ({ personId: n.coachC.id, label: 'coach' });

    /** A draft with every benchmark rated "developing" (revision 1), or submitted with every coach rating "developing". */
    async function cycleWith(status: 'draft' | 'submitted') {
      const framework = await getFrameworkBySlug(t.db, 'common-principles');
      const schoolYear = `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
      year += 1;
      const cycle = await openCycle(t.db, school(), { school: n.schoolA, framework, schoolYear });
      await t.db.updateTable('assessment_ratings').set({ level_key: 'developing', revision: 1 }).where('cycle_id', '=', cycle.id).execute();
      if (status === 'submitted') {
        await submitCycle(t.db, school(), await getCycleView(t.db, cycle.id), '');
        await t.db.updateTable('assessment_ratings').set({ coach_level_key: 'developing', coach_at: nowIso() }).where('cycle_id', '=', cycle.id).execute();
      }
      return getCycleView(t.db, cycle.id);
    }

    /** The counts a status change added for this cycle's year, as benchmark → level. */
    async function counted(schoolYear: string, source: 'school' | 'coach') {
      const rows = await t.db.selectFrom('assessment_level_counts').selectAll().where('school_year', '=', schoolYear).where('source', '=', source).execute();
      assert.ok(rows.every((r) => r.schools === 1));
      return Object.fromEntries(rows.map((r) => [r.benchmark_key, r.level_key]));
    }

    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
      await seedDemoFrameworks(t.db);
    });
    after(() => t.close());

    it('holds a rating save until a submission in progress ends, then refuses it (the status subquery alone let it through)', { skip: dialect !== 'postgres' && 'needs a second connection' }, async () => {
      const view = await cycleWith('draft');
      const [k1, k2] = [...view.ratings.keys()];
      const trx = await t.db.startTransaction().execute();
      try {
        assert.equal(await repo.moveCycleStatus(trx, view.cycle.id, 'draft', { status: 'submitted', submitted_at: nowIso(), updated_at: nowIso() }), 1);
        // Negative control: the old statement-level guard reads the cycle as it was before the
        // submission committed, so this write lands although the cycle has already moved.
        assert.equal(await repo.updateRatingIfCurrent(t.db, view.cycle.id, k1!, 1, { level_key: 'early', comment: '', updated_by: null, updated_at: nowIso() }), 1);
        // The guarded save waits on the cycle row…
        let settled = false;
        const save = saveRating(t.db, school(), view, k2!, { level_key: 'sustaining', comment: 'late', revision: 1 }).finally(() => (settled = true));
        save.catch(() => undefined);
        await sleep(300);
        assert.equal(settled, false, 'the save waits for the submission');
        await trx.commit().execute();
        // …and, once the submission has committed, is refused with nothing written.
        await assert.rejects(save, isNotEditable);
      } finally {
        if (!trx.isCommitted) await trx.rollback().execute();
      }
      const r2 = await repo.findRating(t.db, view.cycle.id, k2!);
      assert.equal(r2?.level_key, 'developing');
      assert.equal(r2?.revision, 1);
    });

    it('holds a coach save until a finishing review ends, then refuses it', { skip: dialect !== 'postgres' && 'needs a second connection' }, async () => {
      const view = await cycleWith('submitted');
      const key = [...view.ratings.keys()][0]!;
      const before = view.ratings.get(key)!;
      const trx = await t.db.startTransaction().execute();
      try {
        assert.equal(await repo.moveCycleStatus(trx, view.cycle.id, 'submitted', { status: 'reviewed', reviewed_at: nowIso(), updated_at: nowIso() }), 1);
        let settled = false;
        const save = saveCoachRating(t.db, coach(), view, key, { coach_level_key: 'early', coach_at: before.coach_at }).finally(() => (settled = true));
        save.catch(() => undefined);
        await sleep(300);
        assert.equal(settled, false, 'the coach save waits for the review');
        await trx.commit().execute();
        await assert.rejects(save, isNotEditable);
      } finally {
        if (!trx.isCommitted) await trx.rollback().execute();
      }
      assert.equal((await repo.findRating(t.db, view.cycle.id, key))?.coach_level_key, 'developing');
    });

    it('lets a burst of rating saves and a submission race: each save lands before the submission or is refused, and the counts hold every rating', async () => {
      for (let round = 0; round < 4; round++) {
        const view = await cycleWith('draft');
        const keys = [...view.ratings.keys()];
        const saves = keys.map((k) => saveRating(t.db, school(), view, k, { level_key: 'sustaining', comment: `round ${round}`, revision: 1 }));
        const results = await Promise.allSettled([...saves.slice(0, 7), submitCycle(t.db, school(), view, ''), ...saves.slice(7)]);
        const submitted = results[7]!;
        assert.equal(submitted.status, 'fulfilled', String((submitted as PromiseRejectedResult).reason));
        for (const r of results) if (r.status === 'rejected') assert.ok(isNotEditable(r.reason), String(r.reason));
        const cycle = await repo.findCycleById(t.db, view.cycle.id);
        assert.equal(cycle?.status, 'submitted');
        const rows = await repo.findRatings(t.db, view.cycle.id);
        const saved = results.filter((r, i) => i !== 7 && r.status === 'fulfilled').length;
        assert.equal(rows.filter((r) => r.level_key === 'sustaining').length, saved, 'every accepted save is kept, every refused one left nothing');
        // What the submission counted is exactly what was saved: nothing landed after it.
        assert.deepEqual(await counted(view.cycle.school_year, 'school'), Object.fromEntries(rows.map((r) => [r.benchmark_key, r.level_key])));
      }
    });

    it('lets a burst of coach saves and the finished review race: each lands before it or is refused, and the counts hold every coach rating', async () => {
      for (let round = 0; round < 4; round++) {
        const view = await cycleWith('submitted');
        const keys = [...view.ratings.keys()];
        const saves = keys.map((k) => saveCoachRating(t.db, coach(), view, k, { coach_level_key: 'sustaining', coach_at: view.ratings.get(k)!.coach_at }));
        const results = await Promise.allSettled([...saves.slice(0, 7), finishReview(t.db, coach(), view), ...saves.slice(7)]);
        assert.equal(results[7]!.status, 'fulfilled', String((results[7] as PromiseRejectedResult).reason));
        for (const r of results) if (r.status === 'rejected') assert.ok(isNotEditable(r.reason), String(r.reason));
        const rows = await repo.findRatings(t.db, view.cycle.id);
        const saved = results.filter((r, i) => i !== 7 && r.status === 'fulfilled').length;
        assert.equal(rows.filter((r) => r.coach_level_key === 'sustaining').length, saved);
        assert.deepEqual(await counted(view.cycle.school_year, 'coach'), Object.fromEntries(rows.map((r) => [r.benchmark_key, r.coach_level_key])));
      }
    });
  });
}
