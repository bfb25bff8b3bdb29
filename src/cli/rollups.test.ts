import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedDemo } from '../db/seeds/demo.ts';
import { createCliTarget, runCli, type CliTarget } from './testing/cli-harness.ts';

describe('coalition rollups rebuild', () => {
  let t: CliTarget;
  before(async () => {
    t = await createCliTarget('sqlite');
  });
  after(() => t.close());

  it('recounts the roll-ups from the frozen ratings: lost counts come back, stale ones go', async () => {
    const migrated = await runCli(['migrate'], { env: t.env });
    assert.equal(migrated.code, 0, migrated.stderr);
    await seedDemo(t.db);
    const counts = () => t.db.selectFrom('assessment_level_counts').selectAll().orderBy('framework_id').orderBy('school_year').orderBy('center_id').orderBy('benchmark_key').orderBy('source').orderBy('level_key').execute();
    const kept = await counts();
    assert.ok(kept.length > 0, 'the demo froze ratings, counted as they froze');
    const [first] = kept;
    await t.db.deleteFrom('assessment_level_counts').where('school_year', '=', first!.school_year).execute();
    await t.db.insertInto('assessment_level_counts').values({ ...first!, center_id: 999_999, schools: 3 }).execute();
    assert.notDeepEqual(await counts(), kept);
    const run = await runCli(['rollups', 'rebuild'], { env: t.env });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`Recounted the roll-ups: ${kept.length} count rows`));
    assert.deepEqual(await counts(), kept);
  });
});
