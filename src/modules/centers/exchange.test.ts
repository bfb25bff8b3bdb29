import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { drainJobs } from '../../../test/helpers/jobs.ts';
import { recipients } from '../../../test/helpers/smtp.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { multipart, storedFiles } from './centers.test-support.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200, 1)]);

for (const dialect of testDialects()) {
  describe(`directors' exchange and uploads (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let director2: Awaited<ReturnType<typeof createPerson>>;
    const as = async (personId: number): Promise<TestClient> => {
      const c = t.client();
      await signIn(t.db, c, personId);
      return c;
    };
    /** Posts an upload form as a browser does: token first, then the fields, then the file. */
    const upload = async (c: TestClient, page: string, action: string, fields: [string, string][], file?: { filename: string; content: Buffer }) => {
      const token = await c.csrfFrom(page);
      const body = multipart([['_csrf', token], ...fields], file && { name: 'attachment', ...file });
      return c.request({ method: 'POST', url: action, payload: body.payload, headers: body.headers });
    };
    before(async () => {
      t = await createTestApp(dialect, { env: { UPLOAD_MAX_MB: '1' } });
      n = await createPeopleNetwork(t.db);
      const center2 = await createOrganisation(t.db, { kind: 'affiliate_center' });
      director2 = await createPerson(t.db, { name: 'Second Director', roles: [['center_director', center2.id]] });
    });
    after(() => t.close());

    it('is for members only: outsiders get 404, directors and admins 200, coaches read', async () => {
      for (const id of [n.leaderA.id, n.staffA.id, n.partnerStaff.id]) assert.equal((await (await as(id)).get('/exchange')).statusCode, 404);
      assert.equal((await t.client().get('/exchange')).statusCode, 302);
      assert.equal((await (await as(n.directorC.id)).get('/exchange')).statusCode, 200);
      assert.equal((await (await as(n.admin.id)).get('/exchange')).statusCode, 200);
      const coach = await as(n.coachC.id);
      assert.equal((await coach.get('/exchange')).statusCode, 200);
      assert.equal((await coach.get('/exchange/new')).statusCode, 404, 'coaches read but do not post');
    });

    it('is signposted from the centers page to members only', async () => {
      const link = 'href="/exchange"';
      assert.ok((await (await as(n.directorC.id)).get('/centers')).body.includes(link), 'a director sees the way in');
      assert.ok(!(await (await as(n.leaderA.id)).get('/centers')).body.includes(link), 'a school leader does not');
      assert.ok(!(await t.client().get('/centers')).body.includes(link), 'nor does a visitor');
    });

    it('posts a thread with an attachment, emails the others once each, not the author', async () => {
      const director = await as(n.directorC.id);
      const res = await upload(director, '/exchange/new', '/exchange/new', [['title', 'Advisory structures'], ['body', 'How do you schedule advisory?']], { filename: '../../etc/passwd.png', content: PNG });
      assert.equal(res.statusCode, 303, res.body);
      const threadUrl = res.headers.location as string;
      await drainJobs(t);
      const got = t.smtp.messages.filter((m) => /Advisory structures/.test(m.subject ?? '')).flatMap(recipients).sort();
      assert.deepEqual(got, [n.admin.email, director2.email].sort());
      const page = await director.get(threadUrl);
      assert.match(textOf(page.body), /How do you schedule advisory/);
      const link = /href="(\/exchange\/files\/\d+)"/.exec(page.body)![1]!;
      const file = await director.get(link);
      assert.equal(file.statusCode, 200);
      assert.equal(file.headers['content-type'], 'image/png');
      assert.equal(file.headers['x-content-type-options'], 'nosniff');
      assert.match(String(file.headers['content-disposition']), /^attachment; filename="passwd\.png"/);
      assert.deepEqual(file.rawPayload, PNG);
      const row = await t.db.selectFrom('exchange_attachments').selectAll().executeTakeFirstOrThrow();
      assert.match(row.storage_key, /^[a-f0-9]{32}$/, 'stored under a random key, never the given name');
      assert.equal((await (await as(n.leaderA.id)).get(link)).statusCode, 404, 'downloads are for members only');
      // A reply: the thread's author is told, the replier is not.
      t.smtp.messages.length = 0;
      const reply = await upload(await as(director2.id), threadUrl, `${threadUrl}/replies`, [['body', 'Four days a week, 25 minutes.']]);
      assert.equal(reply.statusCode, 303);
      await drainJobs(t);
      const replies = t.smtp.messages.filter((m) => /^Re: Advisory/.test(m.subject ?? ''));
      assert.deepEqual(replies.flatMap(recipients).sort(), [n.admin.email, n.directorC.email].sort());
    });

    it('refuses oversized, disguised and forged uploads and keeps nothing', async () => {
      const director = await as(n.directorC.id);
      const before = storedFiles(t.config.uploadsDir).length;
      const big = await upload(director, '/exchange/new', '/exchange/new', [['title', 'Big'], ['body', 'x']], { filename: 'big.pdf', content: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1024 * 1024 + 10, 97)]) });
      assert.equal(big.statusCode, 413);
      assert.match(textOf(big.body), /larger than 1 MB/);
      const exe = await upload(director, '/exchange/new', '/exchange/new', [['title', 'Report'], ['body', 'x']], { filename: 'report.pdf', content: EXE });
      assert.equal(exe.statusCode, 415);
      assert.match(textOf(exe.body), /ends in \.pdf but its contents are EXE/);
      assert.match(exe.body, /value="Report"/, 'what was typed is kept');
      const badText = await upload(director, '/exchange/new', '/exchange/new', [['title', ''], ['body', 'x']], { filename: 'notes.txt', content: Buffer.from('hello') });
      assert.equal(badText.statusCode, 400);
      assert.equal(storedFiles(t.config.uploadsDir).length, before, 'nothing kept on disk');
      assert.equal((await t.db.selectFrom('exchange_threads').selectAll().where('title', 'in', ['Big', 'Report']).execute()).length, 0);
      // Positive control: a CSV is accepted and stored.
      const csv = await upload(director, '/exchange/new', '/exchange/new', [['title', 'Roster'], ['body', 'x']], { filename: 'roster.csv', content: Buffer.from('name,grade\nAna,9\n') });
      assert.equal(csv.statusCode, 303);
      assert.equal(storedFiles(t.config.uploadsDir).length, before + 1);
      // Without the CSRF token, nothing is posted.
      const forged = multipart([['title', 'Forged'], ['body', 'x']]);
      assert.equal((await director.request({ method: 'POST', url: '/exchange/new', payload: forged.payload, headers: forged.headers })).statusCode, 403);
      // Multipart is accepted only by this module's routes.
      const elsewhere = multipart([['description', 'x']]);
      assert.equal((await director.request({ method: 'POST', url: '/login', payload: elsewhere.payload, headers: elsewhere.headers })).statusCode, 415);
    });

    it('mutes notifications for one person', async () => {
      const d2 = await as(director2.id);
      const token = await d2.csrfFrom('/exchange');
      assert.equal((await d2.post('/exchange/notifications', { muted: 'on', _csrf: token })).statusCode, 303);
      t.smtp.messages.length = 0;
      await upload(await as(n.directorC.id), '/exchange/new', '/exchange/new', [['title', 'Quiet please'], ['body', 'x']]);
      await drainJobs(t);
      await t.smtp.waitFor((m) => /Quiet please/.test(m.subject ?? ''));
      assert.deepEqual(t.smtp.messages.filter((m) => /Quiet please/.test(m.subject ?? '')).flatMap(recipients), [n.admin.email]);
    });
  });
}
