import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely, KyselyPlugin, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createPerson } from '../../../test/factories/people.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import type { CoalitionEvent, Database, Person } from '../../db/schema.ts';
import { nowIso } from '../../db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { DecisionInput, ProposalInput } from './agenda.schemas.ts';
import { createForum } from './agenda.test-support.ts';
import { decideProposal, saveReview, submitProposal } from './proposals.service.ts';

// A decision and a review each read the proposal and then write. These tests land another
// request's change in between (right after the first read of the proposal), which is when a stale
// copy would do harm.

const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const mentions = (node: RootOperationNode, table: string) => JSON.stringify(node).includes(`"${table}"`);

/**
 * A plugin that runs `meanwhile` once, after the first read of session_proposals, waiting for it at
 * most `waitMs` (it may be blocked by a lock the code under test holds: that is the point; on SQLite
 * it queues for the one connection and runs as soon as that is free). Records whether `meanwhile`'s
 * write had run when the code under test's review write ran.
 */
function interleave(db: Kysely<Database>, meanwhile: (db: Kysely<Database>) => Promise<unknown>, waitMs = 300) {
  const reads = new WeakSet<object>();
  const writes = new WeakSet<object>();
  const state = { fired: false, done: false, doneAtReviewWrite: null as boolean | null, finished: Promise.resolve() as Promise<unknown> };
  // Marks the change as made the moment its statement has run (not when its promise settles later).
  const marker: KyselyPlugin = { transformQuery: ({ node }) => node, transformResult: async ({ result }) => ((state.done = true), result) };
  const plugin: KyselyPlugin = {
    transformQuery({ node, queryId }) {
      if (!state.fired && node.kind === 'SelectQueryNode' && mentions(node, 'session_proposals')) reads.add(queryId);
      if (node.kind === 'InsertQueryNode' && mentions(node, 'proposal_reviews')) writes.add(queryId);
      return node;
    },
    async transformResult({ queryId, result }): Promise<QueryResult<UnknownRow>> {
      if (writes.has(queryId)) state.doneAtReviewWrite ??= state.done;
      if (!state.fired && reads.has(queryId)) {
        state.fired = true;
        state.finished = meanwhile(db.withPlugin(marker));
        await Promise.race([state.finished, new Promise((r) => setTimeout(r, waitMs))]);
      }
      return result;
    },
  };
  return { plugin, state };
}

for (const dialect of testDialects()) {
  describe(`proposals under concurrent changes (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let forum: CoalitionEvent;
    let sub: Person;
    let reviewer: Person;
    const actor = () => ({ personId: n.directorC.id, label: 'test' });
    const newProposal = async (title: string) =>
      (await submitProposal(t.db, actor(), forum, sub.id, ProposalInput.parse({ title, abstract: 'Students lead.', format: 'workshop', duration_minutes: '90' }))).proposal;
    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
      forum = await createForum(t.db, n.center.id, { title: 'Race Call Forum', proposals_open_at: iso(-1), proposals_close_at: iso(10) });
      sub = await createPerson(t.db, { name: 'Sam Submitter' });
      reviewer = await createPerson(t.db, { name: 'Rae Reviewer' });
    });
    after(() => t.close());

    it('builds the accepted session from the proposal as the decision stored it', async () => {
      const p = await newProposal('First title');
      // The submitter's edit lands after the organiser's page read the proposal, before the decision is stored.
      const { plugin, state } = interleave(t.db, (db) => db.updateTable('session_proposals').set({ title: 'Edited title', duration_minutes: 45, updated_at: nowIso() }).where('id', '=', p.id).where('status', '=', 'submitted').execute());
      await decideProposal(t.db.withPlugin(plugin), actor(), forum, p.id, DecisionInput.parse({ decision: 'accept', day: '2030-10-18', start_time: '10:00' }));
      await state.finished;
      assert.ok(state.fired);
      const s = await t.db.selectFrom('event_sessions').selectAll().where('proposal_id', '=', p.id).executeTakeFirstOrThrow();
      assert.equal(s.title, 'Edited title');
      assert.equal(s.ends_at, '2030-10-18T14:45:00.000Z', 'the stored 45 minutes, not the 90 read before');
      const stored = await t.db.selectFrom('session_proposals').select(['title', 'status', 'session_id']).where('id', '=', p.id).executeTakeFirstOrThrow();
      assert.deepEqual({ ...stored }, { title: 'Edited title', status: 'accepted', session_id: s.id });
    });

    it('writes no review once a decision has been stored, even one landing mid-review', async () => {
      const p = await newProposal('Under review');
      const decline = (db: Kysely<Database>) => db.updateTable('session_proposals').set({ status: 'declined', decided_at: nowIso(), updated_at: nowIso() }).where('id', '=', p.id).where('status', '=', 'submitted').execute();
      const { plugin, state } = interleave(t.db, decline);
      let refused = false;
      try {
        await saveReview(t.db.withPlugin(plugin), forum.id, p.id, reviewer.id, { score: 4, comment: 'Good.' });
      } catch (err) {
        assert.ok(err instanceof AppError && err.status === 409, String(err));
        refused = true;
      }
      await state.finished;
      assert.ok(state.fired);
      // Either the review went in while the proposal was still undecided (the decision waited for
      // it), or it was refused; never written after the decision had landed.
      assert.notEqual(state.doneAtReviewWrite, true, 'a review written after the decision was stored');
      const reviews = await t.db.selectFrom('proposal_reviews').select('id').where('proposal_id', '=', p.id).execute();
      assert.equal(reviews.length, refused ? 0 : 1);
      assert.equal((await t.db.selectFrom('session_proposals').select('status').where('id', '=', p.id).executeTakeFirstOrThrow()).status, 'declined');
      // And once decided, a review is refused outright.
      await assert.rejects(saveReview(t.db, forum.id, p.id, reviewer.id, { score: 2, comment: '' }), (err) => err instanceof AppError && err.status === 409);
    });
  });
}
