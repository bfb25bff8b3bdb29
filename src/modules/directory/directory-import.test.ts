import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { textOf, type TestClient } from '../../../test/helpers/client.ts';
import { createOrganisation } from '../../../test/factories/organisations.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { systemActor } from '../audit/audit.service.ts';
import { runSchoolImport } from './directory-import.service.ts';
import { detectMapping } from './import-fields.ts';
import { readCsvHeader } from './import-reader.ts';

const CCD_HEADER = 'SCHOOL_YEAR,ST,SCH_NAME,NCESSCH,LSTREET1,LCITY,LSTATE,LZIP,GSLO,GSHI,MEMBER,LATCOD,LONCOD';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'import-test-'));
let n = 0;
function csvFile(content: string | Buffer): string {
  const file = path.join(tmp, `f${++n}.csv`);
  fs.writeFileSync(file, content);
  return file;
}

async function importFile(t: TestApp, content: string | Buffer, apply: boolean, mapping?: Record<string, string>) {
  const file = csvFile(content);
  const m = mapping ?? detectMapping(await readCsvHeader(file).catch(() => []));
  return runSchoolImport(t.db, file, m, { apply, actor: systemActor('test') });
}

const countSchools = async (t: TestApp) => Number((await t.db.selectFrom('organisations').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', 'school').executeTakeFirstOrThrow()).n);

/** A multipart upload the way a browser sends the form: the CSRF field first, then the file. */
async function upload(client: TestClient, content: string | Buffer, filename = 'schools.csv') {
  const token = await client.csrfFrom('/admin/directory-import');
  const boundary = '----hubtest';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return client.request({ method: 'POST', url: '/admin/directory-import', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

for (const dialect of testDialects()) {
  describe(`school import (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    it('recognises CCD columns, dry-runs without changing anything, then creates, and re-import updates by NCES ID', async () => {
      const csv = [
        CCD_HEADER,
        '2023-2024,CA,Lincoln High,060000100001,1 Main St,Fresno,CA,93701,09,12,1200,36.7378,-119.7871',
        '2023-2024,CA,Lincoln Elementary,060000100002,2 Main St,Fresno,CA,93701,KG,05,340,36.74,-119.78',
        '2023-2024,AL,Leading Zero School,10000500870,3 Oak St,Mobile,AL,36602,PK,08,-9,,',
      ].join('\n');
      assert.deepEqual(detectMapping(CCD_HEADER.split(',')).name, 'SCH_NAME');
      const before = await countSchools(t);
      const dry = await importFile(t, csv, false);
      assert.equal(dry.fatal, null);
      assert.deepEqual([dry.rows, dry.create, dry.update, dry.rejected], [3, 3, 0, 0]);
      assert.equal(await countSchools(t), before, 'a dry run changes nothing');
      const applied = await importFile(t, csv, true);
      assert.equal(applied.create, 3);
      assert.equal(await countSchools(t), before + 3);
      const lincoln = await t.db.selectFrom('organisations').selectAll().where('nces_id', '=', '060000100001').executeTakeFirstOrThrow();
      assert.deepEqual([lincoln.grade_low, lincoln.grade_high, lincoln.enrolment, lincoln.postal_code], ['9', '12', 1200, '93701']);
      const zero = await t.db.selectFrom('organisations').selectAll().where('nces_id', '=', '010000500870').executeTakeFirstOrThrow();
      assert.equal(zero.enrolment, null, 'CCD -9 means not reported');
      assert.ok((await t.db.selectFrom('audit_events').select('action').where('action', '=', 'directory.schools_imported').execute()).length === 1, 'one audit event for the import');
      // Found by full-text search straight away (the triggers keep the index).
      const res = await t.client().get('/api/v1/directory?q=lincoln%20fres');
      assert.equal(JSON.parse(res.body).total, 2);

      const again = await importFile(t, csv.replace('1 Main St', '100 Main St'), true);
      assert.deepEqual([again.create, again.update, again.unchanged], [0, 1, 2], 're-import updates, never duplicates');
      assert.equal(await countSchools(t), before + 3);
    });

    it('reads a simple spreadsheet through a mapping, with a BOM, CRLF and quoted commas and line breaks', async () => {
      const csv = '\uFEFFSchool,Town,St,Zip,Low,High,Students\r\n"Smith, Jones & Co. Academy","Santa Fe",NM,87505,6,8,"1,234"\r\n"Line\r\nBreak School",Taos,NM,87571,K,5,90\r\n';
      const mapping = { name: 'School', city: 'Town', state: 'St', postal_code: 'Zip', grade_low: 'Low', grade_high: 'High', enrolment: 'Students' };
      const report = await importFile(t, csv, true, mapping);
      assert.equal(report.fatal, null);
      assert.deepEqual([report.create, report.rejected], [2, 0], JSON.stringify(report.rejections));
      const smith = await t.db.selectFrom('organisations').selectAll().where('name', '=', 'Smith, Jones & Co. Academy').executeTakeFirstOrThrow();
      assert.deepEqual([smith.city, smith.enrolment, smith.grade_low], ['Santa Fe', 1234, '6']);
      assert.ok(await t.db.selectFrom('organisations').select('id').where('name', '=', 'Line\r\nBreak School').executeTakeFirst());
      const again = await importFile(t, csv, true, mapping);
      assert.deepEqual([again.create, again.unchanged], [0, 2], 'without NCES IDs, re-import matches by name, city and state');
      const recased = await importFile(t, csv.replace('"Smith, Jones & Co. Academy"', '"SMITH, JONES & CO. ACADEMY"'), false, mapping);
      assert.deepEqual([recased.create, recased.update], [0, 1], 'a name typed in another case is the same school, updated, not duplicated');
    });

    it('reports every rejected row with its line and reason, and imports the rest only when confirmed', async () => {
      const csv = [
        CCD_HEADER,
        '2023,CA,,060000200001,1 St,Fresno,CA,93701,09,12,100,,', // 2: no name
        '2023,ZZ,Bad State,060000200002,1 St,Fresno,ZZ,93701,09,12,100,,', // 3
        '2023,CA,Bad Zip,060000200003,1 St,Fresno,CA,9370,09,12,100,,', // 4
        '2023,CA,Bad Grade,060000200004,1 St,Fresno,CA,93701,09,14,100,,', // 5
        '2023,CA,Good One,060000200005,1 St,Fresno,CA,93701,09,12,100,,', // 6
        '2023,CA,Dup One,060000200005,1 St,Fresno,CA,93701,09,12,100,,', // 7
        '2023,CA,Bad Enrolment,060000200006,1 St,Fresno,CA,93701,09,12,lots,,', // 8
        '2023,CA,Bad Lat,060000200007,1 St,Fresno,CA,93701,09,12,10,95.5,-100', // 9
        '2023,CA,Bad "quote,060000200008,1 St,Fresno,CA,93701,09,12,10,,', // 10: stray quote
      ].join('\n');
      const before = await countSchools(t);
      const report = await importFile(t, csv, false);
      assert.equal(report.fatal, null);
      const byLine = Object.fromEntries(report.rejections.map((r) => [r.line, r.reason]));
      assert.match(byLine[2]!, /missing name/);
      assert.match(byLine[3]!, /bad state "ZZ"/);
      assert.match(byLine[4]!, /bad ZIP/);
      assert.match(byLine[5]!, /"14" out of range/);
      assert.match(byLine[7]!, /duplicate NCES ID 060000200005 \(first on line 6\)/);
      assert.match(byLine[8]!, /enrolment "lots" is not a number/);
      assert.match(byLine[9]!, /bad latitude/);
      assert.equal(report.create, 1, 'only the good row');
      assert.equal(report.rows, report.create + report.rejected, `every row accounted for: ${JSON.stringify(report.rejections)}`);
      assert.equal(await countSchools(t), before);
    });

    it('refuses bad encodings, binary junk, and files without a name column, changing nothing', async () => {
      const before = await countSchools(t);
      const latin1 = Buffer.concat([Buffer.from(`${CCD_HEADER}\n2023,CA,Escuela `), Buffer.from([0xf1]), Buffer.from('o,060000300001,1 St,Fresno,CA,93701,09,12,1,,\n')]);
      assert.match((await importFile(t, latin1, true)).fatal ?? '', /not UTF-8/);
      const junk = Buffer.alloc(3 * 1024 * 1024);
      for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919 + 13) % 256;
      assert.match((await importFile(t, junk, true, { name: 'x' })).fatal ?? '', /binary data|not UTF-8/);
      const wrong = await importFile(t, 'Foo,Bar\n1,2\n', true);
      assert.match(wrong.fatal ?? '', /No column is chosen for the school name[\s\S]*Foo, Bar/);
      const missingColumn = await importFile(t, 'Foo,Bar\n1,2\n', true, { name: 'School Name' });
      assert.match(missingColumn.fatal ?? '', /no column named "School Name"/);
      assert.match((await importFile(t, '', true, { name: 'x' })).fatal ?? '', /empty/);
      assert.equal(await countSchools(t), before);
    });

    it('keeps memory bounded on megabytes of text junk: every row rejected, nothing changed', async () => {
      const line = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor\n';
      const junk = `name,zzz\n${'=,'.repeat(2)}\n${line.repeat(Math.ceil((8 * 1024 * 1024) / line.length))}`;
      const before = await countSchools(t);
      const report = await importFile(t, junk, false);
      assert.equal(report.fatal, null);
      assert.ok(report.rows > 100_000);
      assert.equal(report.rejections.length, 500, 'the report lists a bounded number; the rest go to the CSV');
      assert.equal(await countSchools(t), before);
    });

    it('removes a file uploaded with a request that is then refused (no CSRF token)', async () => {
      const national = await createOrganisation(t.db, { kind: 'national_office' });
      const admin = await createPerson(t.db, { roles: [['network_admin', national.id]] });
      const client = t.client();
      await signIn(t.db, client, admin.id);
      const importsDir = path.join(t.config.dataDir, 'imports');
      const before = fs.existsSync(importsDir) ? fs.readdirSync(importsDir).length : 0;
      const boundary = '----forged';
      const payload = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\nContent-Type: text/csv\r\n\r\nname\nA school\r\n--${boundary}--\r\n`);
      const res = await client.request({ method: 'POST', url: '/admin/directory-import', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
      assert.equal(res.statusCode, 403);
      const after = fs.existsSync(importsDir) ? fs.readdirSync(importsDir).length : 0;
      assert.equal(after, before, 'nothing left on disk');
    });

    it('takes network admins through upload, mapping, dry run and confirmation; refuses everyone else', async () => {
      const nationalOffice = await createOrganisation(t.db, { kind: 'national_office', name: 'Import HQ' });
      const admin = await createPerson(t.db, { roles: [['network_admin', nationalOffice.id]] });
      const school = await createOrganisation(t.db, { kind: 'school' });
      const leader = await createPerson(t.db, { roles: [['school_leader', school.id]] });

      assert.match(String((await t.client().get('/admin/directory-import')).headers.location), /^\/login\?next=/, 'signed out: sign in first');
      const other = t.client();
      await signIn(t.db, other, leader.id);
      assert.equal((await other.get('/admin/directory-import')).statusCode, 403);

      const client = t.client();
      await signIn(t.db, client, admin.id);
      assert.equal((await client.get('/admin/directory-import')).statusCode, 200, 'positive control: the admin gets in');
      const csv = `${CCD_HEADER}\n2023,OR,Web Upload School,410000100001,1 St,Portland,OR,97201,09,12,400,45.5,-122.6\n`;
      const up = await upload(client, csv);
      assert.equal(up.statusCode, 303, up.body.slice(0, 300));
      const mappingUrl = String(up.headers.location);
      const mappingPage = await client.get(mappingUrl);
      assert.match(textOf(mappingPage.body), /NCES Common Core of Data/);
      assert.match(mappingPage.body, /<option value="SCH_NAME" selected/);

      const fields = { map_name: 'SCH_NAME', map_nces_id: 'NCESSCH', map_city: 'LCITY', map_state: 'LSTATE' };
      const check = await client.submit(mappingUrl, fields, `${mappingUrl}/check`);
      assert.equal(check.statusCode, 200);
      assert.match(textOf(check.body), /Nothing has changed yet/);
      assert.equal(await t.db.selectFrom('organisations').select('id').where('nces_id', '=', '410000100001').executeTakeFirst(), undefined);
      // The leader cannot use the admin's upload either.
      const leaderConfirm = await other.submit(`/organisations/${school.slug}/edit`, fields, `${mappingUrl}/confirm`);
      assert.equal(leaderConfirm.statusCode, 403, 'a valid CSRF token is not enough: the leader is not an admin');
      const token = /name="_csrf" value="([^"]+)"/.exec(check.body)![1]!;
      const confirm = await client.post(`${mappingUrl}/confirm`, { ...fields, _csrf: token });
      assert.equal(confirm.statusCode, 200);
      assert.match(textOf(confirm.body), /Import finished/);
      const created = await t.db.selectFrom('organisations').selectAll().where('nces_id', '=', '410000100001').executeTakeFirstOrThrow();
      assert.equal(created.city, 'Portland');

      const other2 = await upload(other, csv);
      assert.equal(other2.statusCode, 403, 'a non-admin upload is refused (and never written)');
      const binary = await upload(client, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(2000, 1)]), 'schools.xlsx');
      assert.equal(binary.statusCode, 400);
      assert.match(textOf(binary.body), /not a CSV file|binary data/);
      const empty = await upload(client, '');
      assert.equal(empty.statusCode, 400);
    });
  });
}
