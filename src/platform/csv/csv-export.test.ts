import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { parse } from 'csv-parse/sync';
import { safeCsvFilename, sendCsv, toCsv } from './csv-export.ts';

const parseBack = (csv: string) => parse(csv, { bom: true, relax_column_count: false }) as string[][];

describe('CSV export', () => {
  it('round-trips awkward text through an independent parser', () => {
    const rows = [
      ['Comma, Inc.', 'She said "hi"', 'two\nlines', 'Mission Hill Académie ñ 学校', ''],
      [12, 3.5, true, new Date('2026-11-22T10:00:00Z'), null],
    ];
    const csv = toCsv({ header: ['a', 'b', 'c', 'd', 'e'], rows });
    assert.deepEqual(parseBack(csv), [
      ['a', 'b', 'c', 'd', 'e'],
      ['Comma, Inc.', 'She said "hi"', 'two\nlines', 'Mission Hill Académie ñ 学校', ''],
      ['12', '3.5', 'true', '2026-11-22T10:00:00.000Z', ''],
    ]);
    assert.ok(csv.includes('\r\n'), 'RFC 4180 line ends');
  });

  it('defuses spreadsheet formulas in text cells but keeps negative numbers as numbers', () => {
    const evil = ['=HYPERLINK("http://x","y")', '+1+2', '-2+3', '@SUM(A1)', '\tTab', '\rCR', '\uFF1D1+1', 'plain', 'a=b'];
    const csv = toCsv({ header: evil.map((_, i) => `c${i}`), rows: [evil, [-5, -0.5, 0, 1, 2, 3, 4, 5, 6]] });
    const [, text, numbers] = parseBack(csv);
    assert.deepEqual(text, ["'=HYPERLINK(\"http://x\",\"y\")", "'+1+2", "'-2+3", "'@SUM(A1)", "'\tTab", "'\rCR", "'\uFF1D1+1", 'plain', 'a=b']);
    assert.deepEqual(numbers!.slice(0, 2), ['-5', '-0.5']);
    for (const cell of text!.slice(0, 7)) assert.ok(!/^[=+\-@\t\r]/.test(cell), `negative control of ${JSON.stringify(cell)}`);
  });

  it('starts with a UTF-8 byte-order mark unless told not to', () => {
    assert.ok(toCsv({ header: ['x'], rows: [] }).startsWith('\uFEFF'));
    assert.ok(!toCsv({ header: ['x'], rows: [] }, { bom: false }).startsWith('\uFEFF'));
    assert.equal(toCsv({ header: ['x'], rows: [] }, { bom: false }), 'x\r\n');
  });

  it('makes filenames safe for a header and a file system', () => {
    assert.equal(safeCsvFilename('network-health new 2026-01'), 'network-health-new-2026-01.csv');
    assert.equal(safeCsvFilename('../../etc/passwd'), 'etc-passwd.csv');
    assert.equal(safeCsvFilename('a"b;\r\nc.csv'), 'a-b-c.csv');
    assert.equal(safeCsvFilename('Académie'), 'Academie.csv');
    assert.equal(safeCsvFilename('...'), 'export.csv');
    assert.equal(safeCsvFilename('x'.repeat(300)).length, 100);
  });

  it('sends a download with the right headers from a Fastify route', async () => {
    const app = Fastify();
    app.get('/x.csv', (_req, reply) => sendCsv(reply, 'States "by" month', { header: ['state', 'n'], rows: [['CA', 3]] }));
    const res = await app.inject('/x.csv');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
    assert.equal(res.headers['content-disposition'], 'attachment; filename="States-by-month.csv"');
    assert.equal(res.headers['cache-control'], 'private, no-store');
    assert.deepEqual(parseBack(res.body), [['state', 'n'], ['CA', '3']]);
    await app.close();
  });
});
