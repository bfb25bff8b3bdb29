import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Organisation, Person } from '../../db/schema.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { multipart, storedFiles } from '../centers/centers.test-support.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
import { seedDemoFrameworks } from '../framework/framework.demo.ts';
import { benchmarksOf, getFrameworkBySlug, getPublishedTree } from '../framework/framework-read.service.ts';

for (const dialect of testDialects()) {
  describe(`school self-assessment (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let otherCoach: Person;
    let otherSchool: Organisation;
    let keys: string[];
    let versionId: number;
    let cycleId: number;
    const as = async (person: Person): Promise<TestClient> => {
      const c = t.client();
      await signIn(t.db, c, person.id);
      return c;
    };
    const rating = (key: string) => t.db.selectFrom('assessment_ratings').selectAll().where('cycle_id', '=', cycleId).where('benchmark_key', '=', key).executeTakeFirstOrThrow();
    const cycleRow = () => t.db.selectFrom('assessment_cycles').selectAll().where('id', '=', cycleId).executeTakeFirstOrThrow();
    const page = () => `/assessment/${cycleId}`;
    /** One form of the page, found by where it posts. */
    const formOf = (body: string, action: string) => {
      const at = body.indexOf(`action="${page()}/${action}"`);
      assert.ok(at >= 0, `a form posting to ${action}`);
      return body.slice(at, body.indexOf('</form>', at));
    };
    /** Posts an upload form as a browser does: token first, then the file. */
    const upload = async (c: TestClient, key: string, file: { filename: string; content: Buffer }) => {
      const body = multipart([['_csrf', await c.csrfFrom(page())]], { name: 'file', ...file });
      return c.request({ method: 'POST', url: `${page()}/files/${key}`, payload: body.payload, headers: body.headers });
    };

    before(async () => {
      t = await createTestApp(dialect, { env: { UPLOAD_MAX_MB: '1' } });
      n = await createPeopleNetwork(t.db);
      await seedDemoFrameworks(t.db);
      const framework = await getFrameworkBySlug(t.db, 'common-principles');
      const tree = await getPublishedTree(t.db, framework);
      keys = benchmarksOf(tree).map((b) => b.key);
      versionId = tree.version.id;
      const otherCenter = await createOrganisation(t.db, { kind: 'affiliate_center' });
      otherCoach = await createPerson(t.db, { name: 'Oscar Othercoach', roles: [['center_coach', otherCenter.id]] });
      otherSchool = await createOrganisation(t.db, { kind: 'school', center_id: otherCenter.id });
      await t.db.updateTable('people').set({ locale: 'es' }).where('id', '=', n.coachC.id).execute();
    });
    after(() => t.close());

    it('opens a cycle against the current published version; bad years and duplicates get clear messages', async () => {
      assert.equal((await t.client().get('/assessment')).statusCode, 302, 'visitor sent to sign in');
      assert.equal((await (await as(n.partnerStaff)).get('/assessment/new')).statusCode, 403, 'a partner opens nothing');
      assert.equal((await (await as(n.coachC)).get('/assessment/new')).statusCode, 403, 'a coach opens nothing for a school');
      const leader = await as(n.leaderA);
      assert.equal((await leader.get('/assessment')).statusCode, 200);
      const bad = await leader.submit('/assessment/new', { school_year: '2026-28' });
      assert.equal(bad.statusCode, 400);
      assert.match(textOf(bad.body), /Enter the school year as two years, like 2026-27/);
      assert.match(bad.body, /value="2026-28"/, 'what was typed is kept');
      assert.equal((await t.db.selectFrom('assessment_cycles').selectAll().execute()).length, 0);
      const ok = await leader.submit('/assessment/new', { school_year: '2026-27' });
      assert.equal(ok.statusCode, 303);
      cycleId = Number(/\/assessment\/(\d+)$/.exec(ok.headers.location as string)![1]);
      const row = await cycleRow();
      assert.equal(row.version_id, versionId, 'the current version is kept on the cycle');
      assert.equal(row.status, 'draft');
      assert.equal(row.school_id, n.schoolA.id);
      assert.equal((await t.db.selectFrom('assessment_ratings').selectAll().where('cycle_id', '=', cycleId).execute()).length, 14);
      const dup = await (await as(n.staffA)).submit('/assessment/new', { school_year: '2026-27' });
      assert.equal(dup.statusCode, 409);
      assert.match(textOf(dup.body), /already has a self-assessment for that year/);
      const list = textOf((await leader.get('/assessment')).body);
      assert.match(list, /2026-27/);
      const es = await leader.get('/assessment', { 'accept-language': 'es' });
      assert.match(textOf(es.body), /Autoevaluación de la escuela/);
      const audit = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'assessment_cycle.opened').execute();
      assert.equal(audit.length, 1);
    });

    it('keeps a draft private: 404 for another school, any center, admins, partners', async () => {
      for (const p of [n.leaderA, n.staffA]) assert.equal((await (await as(p)).get(page())).statusCode, 200);
      for (const [label, p] of [['other school', n.leaderB], ['own center coach (draft)', n.coachC], ['director (draft)', n.directorC], ['other coach', otherCoach], ['admin (draft)', n.admin], ['partner', n.partnerStaff]] as const) {
        assert.equal((await (await as(p)).get(page())).statusCode, 404, label);
      }
      assert.equal((await t.client().get(page())).statusCode, 302);
      const sheet = textOf((await (await as(n.leaderA)).get(page())).body);
      assert.match(sheet, /0 of 14 benchmarks rated/);
    });

    it('enhances each rating form with the autosave island, its strings in the reader\'s language', async () => {
      const body = (await (await as(n.staffA)).get(page())).body;
      assert.match(body, /<script type="module" src="\/assets\/client\/assessment-autosave\.js"><\/script>/);
      assert.match(body, new RegExp(`data-autosave-url="/api/v1/assessment/cycles/${cycleId}/ratings/${keys[0]}"`));
      assert.match(body, /role="status" aria-live="polite" data-autosave-status/);
      assert.match(body, /data-msg-saved="Saved \{time\}"/);
      assert.match((await (await as(n.staffA)).get(page(), { 'accept-language': 'es' })).body, /data-msg-saved="Guardado a las \{time\}"/);
      const asset = await t.client().get('/assets/client/assessment-autosave.js');
      assert.equal(asset.statusCode, 200);
      assert.match(String(asset.headers['content-type']), /javascript/);
    });

    it('saves one benchmark at a time; refuses levels outside the rubric; shows a conflict instead of overwriting', async () => {
      const key = keys[0]!;
      const staff = await as(n.staffA);
      const leader = await as(n.leaderA);
      const outside = await staff.submit(page(), { level_key: 'excellent', comment: 'Great', revision: '0' }, `${page()}/ratings/${key}`);
      assert.equal(outside.statusCode, 400);
      assert.match(textOf(outside.body), /not part of this framework version's rubric/);
      assert.equal((await rating(key)).level_key, null, 'nothing saved');
      // Staff and leader both load revision 0; the leader saves first. The staff member's save is
      // refused for want of a level: the form that comes back must still carry revision 0, so the
      // next save is a conflict that shows the leader's answer, not a silent overwrite.
      assert.equal((await leader.submit(page(), { level_key: 'developing', comment: 'Weekly advisory', revision: '0' }, `${page()}/ratings/${key}`)).statusCode, 303);
      assert.equal((await rating(key)).revision, 1);
      const noLevel = await staff.submit(page(), { comment: 'Forgot', revision: '0' }, `${page()}/ratings/${key}`);
      assert.equal(noLevel.statusCode, 400);
      assert.match(textOf(noLevel.body), /Choose a level/);
      const refusedForm = formOf(noLevel.body, `ratings/${key}`);
      assert.match(refusedForm, /Forgot/, 'what was typed is kept');
      const carried = /name="revision" value="(\d+)"/.exec(refusedForm)?.[1];
      assert.equal(carried, '0', 'the refused form keeps the revision it was loaded with');
      const retried = await staff.submit(page(), { level_key: 'early', comment: 'Forgot', revision: carried }, `${page()}/ratings/${key}`);
      assert.equal(retried.statusCode, 409);
      assert.match(textOf(retried.body), /Their saved level: Developing/);
      assert.match(textOf(retried.body), /Weekly advisory/);
      assert.equal((await rating(key)).level_key, 'developing', "the leader's answer stands");
      assert.equal((await rating(key)).revision, 1);
      // Both load revision 1; the staff member saves first, the leader's save is then stale.
      assert.equal((await staff.submit(page(), { level_key: 'sustaining', comment: 'Every advisor now', revision: '1' }, `${page()}/ratings/${key}`)).statusCode, 303);
      const stale = await leader.submit(page(), { level_key: 'early', comment: 'Only some', revision: '1' }, `${page()}/ratings/${key}`);
      assert.equal(stale.statusCode, 409);
      const text = textOf(stale.body);
      assert.match(text, /Someone else saved this benchmark/);
      assert.match(text, /Their saved level: Sustaining/);
      assert.match(text, /Every advisor now/);
      assert.match(stale.body, /name="revision" value="2"/, 'the form now carries the newest revision');
      const saved = await rating(key);
      assert.equal(saved.level_key, 'sustaining');
      assert.equal(saved.comment, 'Every advisor now');
      assert.equal(saved.revision, 2);
      assert.equal((await staff.submit(page(), { level_key: 'early', revision: '2' }, `${page()}/ratings/no-such-benchmark`)).statusCode, 404);
      const outsider = await as(n.leaderB);
      assert.equal((await outsider.submit('/assessment', { level_key: 'early', revision: '2' }, `${page()}/ratings/${key}`)).statusCode, 404, 'another school cannot rate');
      assert.equal((await rating(key)).revision, 2);
    });

    it('takes notes and http(s) links as evidence, and refuses other links', async () => {
      const staff = await as(n.staffA);
      const key = keys[0]!;
      const bad = await staff.submit(page(), { kind: 'link', url: 'javascript:alert(1)' }, `${page()}/evidence/${key}`);
      assert.equal(bad.statusCode, 400);
      assert.match(textOf(bad.body), /Enter a link starting with https/);
      // The URL parser accepts a NUL; the database would not (a 500): refused with its own message.
      for (const url of ['http://x.org/a\u0000b', 'https://x.org/a\u0007b']) {
        const control = await staff.submit(page(), { kind: 'link', url }, `${page()}/evidence/${key}`);
        assert.equal(control.statusCode, 400, JSON.stringify(url));
        assert.match(textOf(control.body), /characters a web address cannot have/);
        assert.doesNotMatch(textOf(control.body), /Enter a link starting with https/, 'one message, the right one');
      }
      assert.equal((await t.db.selectFrom('assessment_evidence').select('id').where('cycle_id', '=', cycleId).execute()).length, 0, 'nothing saved');
      assert.equal((await staff.submit(page(), { kind: 'text', text: '' }, `${page()}/evidence/${key}`)).statusCode, 400);
      assert.equal((await staff.submit(page(), { kind: 'text', text: 'Advisory minutes, fall term.' }, `${page()}/evidence/${key}`)).statusCode, 303);
      assert.equal((await staff.submit(page(), { kind: 'link', url: 'https://example.org/advisory', text: 'Advisory curriculum' }, `${page()}/evidence/${key}`)).statusCode, 303);
      const rows = await t.db.selectFrom('assessment_evidence').selectAll().where('cycle_id', '=', cycleId).execute();
      assert.deepEqual(rows.map((r) => r.kind).sort(), ['link', 'text']);
      const body = (await staff.get(page())).body;
      assert.match(body, /href="https:\/\/example.org\/advisory"/);
      assert.match(textOf(body), /Advisory minutes, fall term/);
    });

    it('takes evidence files: size-limited, type-sniffed, random keys, private downloads with nosniff', async () => {
      const staff = await as(n.staffA);
      const key = keys[0]!;
      const stored = storedFiles(t.config.uploadsDir).length;
      const big = await upload(staff, key, { filename: 'big.pdf', content: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1024 * 1024 + 10, 97)]) });
      assert.equal(big.statusCode, 413);
      assert.match(textOf(big.body), /larger than 1 MB/);
      const disguised = await upload(staff, key, { filename: 'minutes.pdf', content: EXE });
      assert.equal(disguised.statusCode, 415);
      assert.match(textOf(disguised.body), /ends in \.pdf but its contents are EXE/);
      assert.equal(storedFiles(t.config.uploadsDir).length, stored, 'nothing kept on disk');
      // Over the form's part limits after a first good file (a second file): refused, and the first file is not kept.
      const token = await staff.csrfFrom(page());
      const boundary = '----twofiles';
      const filePart = (name: string) => Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`), PNG, Buffer.from('\r\n')]);
      const twoFiles = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`), filePart('a.png'), filePart('b.png'), Buffer.from(`--${boundary}--\r\n`)]);
      const two = await staff.request({ method: 'POST', url: `${page()}/files/${key}`, payload: twoFiles, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
      assert.ok(two.statusCode >= 400 && two.statusCode < 500, `refused: ${two.statusCode}`);
      assert.equal(storedFiles(t.config.uploadsDir).length, stored, 'the first of two files is not kept');
      const ok = await upload(staff, key, { filename: '../photo.png', content: PNG });
      assert.equal(ok.statusCode, 303, ok.body);
      const row = await t.db.selectFrom('assessment_evidence').selectAll().where('kind', '=', 'file').executeTakeFirstOrThrow();
      assert.match(row.storage_key!, /^[a-f0-9]{32}$/);
      const link = new RegExp(`href="(/assessment/${cycleId}/files/\\d+)"`).exec((await staff.get(page())).body)![1]!;
      const file = await staff.get(link);
      assert.equal(file.statusCode, 200);
      assert.equal(file.headers['content-type'], 'image/png');
      assert.equal(file.headers['x-content-type-options'], 'nosniff');
      assert.deepEqual(file.rawPayload, PNG);
      for (const p of [n.leaderB, n.coachC, otherCoach]) assert.equal((await (await as(p)).get(link)).statusCode, 404, 'private while a draft');
    });

    it('lets the school team delete evidence while a draft: audited, the file removed, 404 for another cycle', async () => {
      const staff = await as(n.staffA);
      const key = keys[2]!;
      assert.equal((await staff.submit(page(), { kind: 'text', text: 'A note to remove' }, `${page()}/evidence/${key}`)).statusCode, 303);
      assert.equal((await upload(staff, key, { filename: 'remove-me.png', content: PNG })).statusCode, 303);
      const mine = await t.db.selectFrom('assessment_evidence').selectAll().where('cycle_id', '=', cycleId).where('benchmark_key', '=', key).orderBy('id').execute();
      const [note, file] = [mine.find((e) => e.kind === 'text')!, mine.find((e) => e.kind === 'file')!];
      const body = (await staff.get(page())).body;
      assert.match(body, new RegExp(`action="/assessment/${cycleId}/evidence-items/${note.id}/delete"`), 'a delete button per item');
      assert.match(textOf(body), /Delete ?: A note to remove/, 'the button says what it deletes');
      const del = (c: TestClient, id: number, cycle = cycleId) => c.submit(page(), {}, `/assessment/${cycle}/evidence-items/${id}/delete`);
      // Refused: another school, the center while a draft, someone signed out; an id of another cycle.
      for (const p of [n.leaderB, n.coachC, otherCoach]) assert.equal((await del(await as(p), note.id)).statusCode, 404);
      const otherCycle = await (await as(n.leaderA)).submit('/assessment/new', { school_year: '2030-31' });
      const otherId = Number(/\/assessment\/(\d+)$/.exec(otherCycle.headers.location as string)![1]);
      assert.equal((await staff.submit(`/assessment/${otherId}`, { kind: 'text', text: 'Other cycle' }, `/assessment/${otherId}/evidence/${key}`)).statusCode, 303);
      const foreign = (await t.db.selectFrom('assessment_evidence').select('id').where('cycle_id', '=', otherId).executeTakeFirstOrThrow()).id;
      assert.equal((await del(staff, foreign)).statusCode, 404, "another cycle's evidence through this cycle's URL");
      assert.ok(await t.db.selectFrom('assessment_evidence').select('id').where('id', '=', foreign).executeTakeFirst());
      await t.db.deleteFrom('assessment_ratings').where('cycle_id', '=', otherId).execute();
      await t.db.deleteFrom('assessment_evidence').where('cycle_id', '=', otherId).execute();
      await t.db.deleteFrom('assessment_cycles').where('id', '=', otherId).execute();
      // Allowed: any of the team; the cycle's page stamp moves with the change.
      const stampBefore = (await cycleRow()).updated_at;
      const onDisk = storedFiles(t.config.uploadsDir).length;
      const ok = await del(staff, note.id);
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, `${page()}#b-${key}-evidence`);
      assert.ok((await cycleRow()).updated_at > stampBefore, 'updated_at bumped');
      assert.equal((await del(await as(n.leaderA), file.id)).statusCode, 303, 'a leader too');
      assert.equal(storedFiles(t.config.uploadsDir).length, onDisk - 1, 'the stored file is gone');
      assert.deepEqual(await t.db.selectFrom('assessment_evidence').selectAll().where('id', 'in', [note.id, file.id]).execute(), []);
      assert.equal((await del(staff, note.id)).statusCode, 404, 'already gone');
      const audits = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'assessment_evidence.deleted').execute();
      assert.equal(audits.length, 2);
      assert.match(audits[0]!.changes ?? '', /A note to remove/);
    });

    it('lets only leaders submit, lists what is missing, emails the center, then refuses school edits', async () => {
      const staff = await as(n.staffA);
      const leader = await as(n.leaderA);
      assert.equal((await staff.submit(page(), {}, `${page()}/submit`)).statusCode, 403, 'staff cannot submit');
      const early = await leader.submit(page(), {}, `${page()}/submit`);
      assert.equal(early.statusCode, 400);
      assert.match(textOf(early.body), /13 benchmarks still need a rating/);
      assert.equal((await cycleRow()).status, 'draft');
      for (const key of keys.slice(1)) {
        assert.equal((await staff.submit(page(), { level_key: 'developing', revision: '0' }, `${page()}/ratings/${key}`)).statusCode, 303);
      }
      assert.match(textOf((await leader.get(page())).body), /14 of 14 benchmarks rated/);
      assert.equal((await leader.submit(page(), {}, `${page()}/submit`)).statusCode, 303);
      const row = await cycleRow();
      assert.equal(row.status, 'submitted');
      assert.equal(row.submitted_by, n.leaderA.id);
      const mails = (await t.db.selectFrom('jobs').select('payload').where('kind', '=', 'mail.send').execute()).map((j) => JSON.parse(j.payload) as { to: string; subject: string });
      const toCenter = mails.filter((m) => m.to === n.coachC.email || m.to === n.directorC.email);
      assert.equal(toCenter.length, 2);
      assert.match(toCenter.find((m) => m.to === n.coachC.email)!.subject, /envió su autoevaluación de 2026-27/, 'in the coach\'s language');
      assert.match(toCenter.find((m) => m.to === n.directorC.email)!.subject, /submitted its self-assessment for 2026-27/);
      assert.ok(!mails.some((m) => m.to === otherCoach.email), 'another center is not told');
      // Forged edits after submission: refused, nothing changed.
      const before = await rating(keys[1]!);
      const forged = await staff.submit(page(), { level_key: 'sustaining', revision: String(before.revision) }, `${page()}/ratings/${keys[1]}`);
      assert.equal(forged.statusCode, 409);
      assert.match(textOf(forged.body), /can no longer be changed/);
      assert.deepEqual(await rating(keys[1]!), before);
      assert.equal((await staff.submit(page(), { kind: 'text', text: 'Late note' }, `${page()}/evidence/${keys[1]}`)).statusCode, 409);
      const filesBefore = storedFiles(t.config.uploadsDir).length;
      assert.equal((await upload(staff, keys[1]!, { filename: 'late.png', content: PNG })).statusCode, 409);
      assert.equal(storedFiles(t.config.uploadsDir).length, filesBefore, 'a refused late file is not kept');
      const evidence = await t.db.selectFrom('assessment_evidence').selectAll().where('cycle_id', '=', cycleId).execute();
      assert.equal(evidence.length, 3);
      assert.equal((await staff.submit(page(), {}, `${page()}/evidence-items/${evidence[0]!.id}/delete`)).statusCode, 409, 'no deleting after submission');
      assert.equal((await t.db.selectFrom('assessment_evidence').selectAll().where('cycle_id', '=', cycleId).execute()).length, 3);
      // The submission added the school's levels to the network counts, once.
      const counts = await t.db.selectFrom('assessment_level_counts').selectAll().where('source', '=', 'school').execute();
      assert.equal(counts.length, 14);
      assert.ok(counts.every((c) => c.schools === 1 && c.center_id === n.center.id && c.school_year === '2026-27'));
      assert.equal(counts.find((c) => c.benchmark_key === keys[0])!.level_key, 'sustaining');
      assert.equal(counts.filter((c) => c.level_key === 'developing').length, 13);
      assert.equal((await leader.submit(page(), {}, `${page()}/submit`)).statusCode, 409);
      const submittedPage = (await leader.get(page())).body;
      assert.doesNotMatch(submittedPage, /\/ratings\//, 'no rating forms after submission');
      assert.doesNotMatch(submittedPage, /assessment-autosave/, 'nor the autosave island');
    });

    it('lets the center review side by side; another center, the school and partners cannot', async () => {
      const key = keys[0]!;
      assert.equal((await (await as(otherCoach)).get(page())).statusCode, 404, 'coach of another center');
      const forgedByOther = await (await as(otherCoach)).submit('/assessment', { coach_level_key: 'early' }, `${page()}/coach/${key}`);
      assert.equal(forgedByOther.statusCode, 404);
      assert.equal((await (await as(n.leaderA)).submit(page(), { coach_level_key: 'early' }, `${page()}/coach/${key}`)).statusCode, 403, 'the school cannot rate as its coach');
      assert.equal((await (await as(n.partnerStaff)).get(page())).statusCode, 404);
      assert.equal((await (await as(n.admin)).get(page())).statusCode, 200, 'admins read submitted cycles');
      assert.equal((await rating(key)).coach_level_key, null);
      const coach = await as(n.coachC);
      const view = await coach.get(page());
      assert.equal(view.statusCode, 200);
      assert.match(textOf(view.body), /Calificaciones de la escuela y del asesor, lado a lado/, 'in the coach\'s own language');
      const outside = await coach.submit(page(), { coach_level_key: 'excellent' }, `${page()}/coach/${key}`);
      assert.equal(outside.statusCode, 400);
      assert.match(textOf(outside.body), /no forma parte de la rúbrica/);
      // The school said sustaining; the coach sees early: two levels apart, said in words.
      assert.equal((await coach.submit(page(), { coach_level_key: 'early', coach_comment: 'Advisory meets rarely.' }, `${page()}/coach/${key}`)).statusCode, 303);
      assert.equal((await coach.submit(page(), { coach_level_key: 'developing' }, `${page()}/coach/${keys[1]}`)).statusCode, 303);
      // Reviewers see both sides while they review; the school sees its own answers only until the
      // review is finished (page, side-by-side, printable report and what helps alike).
      const coachSide = /Coach rated 2 levels lower|Advisory meets rarely|Coach's level|Coach's comment|Compared with the school/;
      for (const reviewer of [n.admin, n.directorC]) {
        const text = textOf((await (await as(reviewer)).get(page(), { 'accept-language': 'en' })).body);
        assert.match(text, /Coach rated 2 levels lower/);
        assert.match(text, /Same level/);
        assert.match(text, /Advisory meets rarely/);
        assert.match(textOf((await (await as(reviewer)).get(`${page()}/report`)).body), /Coach rated 2 levels lower[\s\S]*Advisory meets rarely/);
      }
      for (const member of [n.leaderA, n.staffA]) {
        const schoolPage = await (await as(member)).get(page());
        assert.equal(schoolPage.statusCode, 200);
        assert.doesNotMatch(textOf(schoolPage.body), coachSide, 'no coach rating on the school\'s page before the review is finished');
        assert.doesNotMatch(schoolPage.body, /id="side-by-side"/);
        assert.match(textOf(schoolPage.body), /The coach's rating shows here once the review is finished/);
        const report = await (await as(member)).get(`${page()}/report`);
        assert.equal(report.statusCode, 200);
        assert.doesNotMatch(textOf(report.body), coachSide, 'nor on its printable report');
      }
      assert.equal((await (await as(n.leaderA)).submit(page(), {}, `${page()}/review`)).statusCode, 403, 'the school cannot finish the review');
      const early = await (await as(n.directorC)).submit(page(), {}, `${page()}/review`);
      assert.equal(early.statusCode, 400);
      assert.match(textOf(early.body), /12 benchmarks still need a coach rating/);
      assert.equal((await cycleRow()).status, 'submitted');
      // Two coaches on one benchmark: the director's form saw no coach rating; the coach saved one since.
      const director = await as(n.directorC);
      assert.match((await director.get(page())).body, new RegExp(`name="coach_at" value="${(await rating(key)).coach_at}"`), 'the form carries the rating it shows');
      // A refused coach save (no level) keeps the token the form was loaded with, like the school's.
      const refused = await director.submit(page(), { coach_comment: 'Looks strong to me', coach_at: '' }, `${page()}/coach/${key}`);
      assert.equal(refused.statusCode, 400);
      assert.match(formOf(refused.body, `coach/${key}`), /name="coach_at" value(="")?\/>/, 'still blank: the rating saved since is not in it');
      const stale = await director.submit(page(), { coach_level_key: 'sustaining', coach_comment: 'Looks strong to me', coach_at: '' }, `${page()}/coach/${key}`);
      assert.equal(stale.statusCode, 409);
      assert.match(textOf(stale.body), /Another coach saved a rating of this benchmark/);
      assert.match(textOf(stale.body), /Their saved level: Early/);
      assert.match(textOf(stale.body), /Advisory meets rarely/);
      assert.match(stale.body, /Looks strong to me/, 'what the director typed is kept');
      assert.equal((await rating(key)).coach_level_key, 'early', 'nothing overwritten');
      const seen = (await rating(key)).coach_at!;
      assert.match(stale.body, new RegExp(`name="coach_at" value="${seen}"`), 'the form now carries the newest one');
      // Saved with what it saw: accepted, and the token moves on.
      assert.equal((await director.submit(page(), { coach_level_key: 'early', coach_comment: 'Advisory meets rarely.', coach_at: seen }, `${page()}/coach/${key}`)).statusCode, 303);
      assert.ok((await rating(key)).coach_at! > seen);
      assert.equal((await director.submit(page(), { coach_level_key: 'early', coach_at: seen }, `${page()}/coach/${key}`)).statusCode, 409, 'the old token is stale now');
      for (const k of keys.slice(2)) assert.equal((await coach.submit(page(), { coach_level_key: 'developing', coach_at: '' }, `${page()}/coach/${k}`)).statusCode, 303);
      assert.equal((await t.db.selectFrom('assessment_level_counts').selectAll().where('source', '=', 'coach').execute()).length, 0, 'coach levels count only once the review is finished');
      assert.equal((await (await as(n.directorC)).submit(page(), {}, `${page()}/review`)).statusCode, 303);
      const coachCounts = await t.db.selectFrom('assessment_level_counts').selectAll().where('source', '=', 'coach').execute();
      assert.equal(coachCounts.length, 14);
      assert.equal(coachCounts.find((c) => c.benchmark_key === key)!.level_key, 'early');
      assert.equal(coachCounts.filter((c) => c.level_key === 'developing').length, 13);
      assert.equal((await t.db.selectFrom('assessment_level_counts').selectAll().where('source', '=', 'school').execute()).length, 14, 'school counts untouched');
      assert.equal((await cycleRow()).status, 'reviewed');
      // Reviewed: now the school reads the coach's side too.
      const schoolText = textOf((await (await as(n.leaderA)).get(page())).body);
      assert.match(schoolText, /Coach rated 2 levels lower/);
      assert.match(schoolText, /Advisory meets rarely/);
      assert.match(textOf((await (await as(n.leaderA)).get(`${page()}/report`)).body), /Coach rated 2 levels lower[\s\S]*Advisory meets rarely/);
      // Frozen: no more coach ratings, no more reviews.
      const frozen = await coach.submit(page(), { coach_level_key: 'sustaining' }, `${page()}/coach/${key}`);
      assert.equal(frozen.statusCode, 409);
      assert.equal((await rating(key)).coach_level_key, 'early');
      assert.equal((await coach.submit(page(), {}, `${page()}/review`)).statusCode, 409);
      const audits = await t.db.selectFrom('audit_events').select('action').where('subject_type', '=', 'assessment_cycle').where('subject_id', '=', cycleId).where('action', 'like', 'assessment_cycle.%').execute();
      assert.deepEqual(audits.map((a) => a.action).sort(), ['assessment_cycle.opened', 'assessment_cycle.reviewed', 'assessment_cycle.submitted']);
      // The coach's list shows the school's cycle to review; another school's leader sees nothing of it.
      assert.match(textOf((await coach.get('/assessment')).body), /Autoevaluaciones enviadas a su centro/);
      assert.doesNotMatch((await (await as(n.leaderB)).get('/assessment')).body, new RegExp(`/assessment/${cycleId}"`));
      void otherSchool;
    });

    it('lets school leaders share a summary network-wide or keep it private, at any status; audited', async () => {
      const leader = await as(n.leaderA);
      const before = await leader.get(page());
      assert.match(textOf(before.body), /Private: only your school team and your center can see it/);
      assert.match(before.body, /action="\/assessment\/\d+\/visibility"/, 'the form, for a leader');
      assert.doesNotMatch(before.body, /\/summary"/, 'no summary link while private');
      for (const [label, p, status] of [['staff', n.staffA, 403], ['coach', n.coachC, 403], ['director', n.directorC, 403], ['admin', n.admin, 403], ['other school', n.leaderB, 404], ['partner', n.partnerStaff, 404]] as const) {
        assert.equal((await (await as(p)).submit(page(), { visibility: 'network_summary' }, `${page()}/visibility`)).statusCode, status, label);
      }
      assert.doesNotMatch((await (await as(n.staffA)).get(page())).body, /\/visibility"/, 'no form for staff');
      assert.equal((await cycleRow()).visibility, 'private');
      assert.equal((await leader.submit(page(), { visibility: 'everyone' }, `${page()}/visibility`)).statusCode, 400);
      const stamp = (await cycleRow()).updated_at;
      const shared = await leader.submit(page(), { visibility: 'network_summary' }, `${page()}/visibility`);
      assert.equal(shared.statusCode, 303);
      const row = await cycleRow();
      assert.equal(row.visibility, 'network_summary');
      assert.ok(row.updated_at > stamp, 'the page stamp moves');
      assert.equal(row.status, 'reviewed', 'sharing changes nothing else');
      const after = await leader.get(page());
      assert.match(textOf(after.body), /A summary is shared network-wide/);
      assert.match(after.body, new RegExp(`href="/assessment/${cycleId}/summary"`));
      assert.equal((await leader.submit(page(), { visibility: 'network_summary' }, `${page()}/visibility`)).statusCode, 303, 'same choice again: no change');
      assert.equal((await leader.submit(page(), { visibility: 'private' }, `${page()}/visibility`)).statusCode, 303);
      assert.equal((await cycleRow()).visibility, 'private');
      const audits = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'assessment_cycle.visibility_changed').execute();
      assert.deepEqual(audits.map((a) => JSON.parse(a.changes ?? '{}').visibility), [['private', 'network_summary'], ['network_summary', 'private']]);
      assert.match(textOf((await leader.get(page(), { 'accept-language': 'es' })).body), /Quién puede ver esta autoevaluación/);
    });
  });
}
