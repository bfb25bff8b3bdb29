import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { ChartWithTable } from './chart-with-table.tsx';
import { BarChart } from './bar-chart.tsx';
import { TimeSeriesChart } from './time-series-chart.tsx';
import { niceAxis, shorten, tickFormatter } from './scale.ts';
import type { ChartData, ChartText } from './chart-types.ts';

const text: ChartText = { id: 'joins', title: 'Schools joining', description: 'New and renewed per month.', emptyText: 'No data for this period.' };
const months: ChartData = {
  categories: ['2026-01', '2026-02', '2026-03'],
  series: [
    { label: 'New', values: [3, 0, 12] },
    { label: 'Renewed', values: [1, 7, 2] },
  ],
};

/** Everything between tags, as plain text. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

function assertCleanSvg(html: string) {
  assert.match(html, /<svg[^>]* role="img"/);
  assert.match(html, /aria-labelledby="joins-title"/);
  assert.match(html, /<title id="joins-title">Schools joining<\/title>/);
  assert.match(html, /<desc id="joins-desc">New and renewed per month\.<\/desc>/);
  assert.doesNotMatch(html, /style=|<script|on\w+=/i, 'strict CSP: no inline styles, scripts or handlers');
  assert.doesNotMatch(html, /NaN|undefined|Infinity/);
}

describe('niceAxis', () => {
  it('picks round steps that cover the data and include zero', () => {
    assert.deepEqual(niceAxis(0, 12).ticks, [0, 5, 10, 15]);
    assert.deepEqual(niceAxis(0, 100).ticks, [0, 20, 40, 60, 80, 100]);
    assert.deepEqual(niceAxis(0, 0.3).ticks, [0, 0.1, 0.2, 0.3]);
    assert.deepEqual(niceAxis(-7, 12).ticks, [-10, -5, 0, 5, 10, 15]);
    assert.deepEqual(niceAxis(0, 1_234_567).ticks, [0, 500_000, 1_000_000, 1_500_000]);
  });
  it('never splits counts into fractions, and survives all-zero or empty data', () => {
    assert.deepEqual(niceAxis(0, 2, { integer: true }).ticks, [0, 1, 2]);
    assert.deepEqual(niceAxis(0, 0, { integer: true }).ticks, [0, 1]);
    assert.deepEqual(niceAxis(Math.max(), Math.min()).ticks, [0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
  it('writes big tick labels compactly', () => {
    const axis = niceAxis(0, 1_234_567);
    assert.deepEqual(axis.ticks.map(tickFormatter(axis, 'en')), ['0', '500K', '1M', '1.5M']);
    const small = niceAxis(0, 12);
    assert.deepEqual(small.ticks.map(tickFormatter(small, 'en')), ['0', '5', '10', '15']);
  });
  it('shortens long labels by characters, not bytes', () => {
    assert.equal(shorten('Bay Area Coalition of Essential Small Schools', 20), 'Bay Area Coalition…');
    assert.equal(shorten('Académie 学校', 20), 'Académie 学校');
  });
});

describe('charts', () => {
  it('a line chart draws one line and a marker per value for each series', () => {
    const html = renderToString(<TimeSeriesChart text={text} data={months} />);
    assertCleanSvg(html);
    assert.equal(html.match(/<polyline/g)?.length, 2);
    assert.equal(html.match(/<circle/g)?.length, 6);
    assert.match(html, /hub-chart__s1/);
    assert.match(html, /hub-chart__s2/);
  });

  it('a column chart draws a column per value', () => {
    const html = renderToString(<TimeSeriesChart text={text} data={months} kind="column" />);
    assertCleanSvg(html);
    assert.equal(html.match(/<rect/g)?.length, 6);
  });

  it('a single point is drawn as a marker in the middle, not a line', () => {
    const html = renderToString(<TimeSeriesChart text={text} data={{ categories: ['2026-01'], series: [{ label: 'New', values: [4] }] }} />);
    assertCleanSvg(html);
    assert.doesNotMatch(html, /<polyline/);
    assert.match(html, /<circle cx="384"/, 'centred in the plot (64 + 640 / 2)');
  });

  it('thins month labels so 24 months never overlap', () => {
    const categories = Array.from({ length: 24 }, (_, i) => `20${25 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    const html = renderToString(<TimeSeriesChart text={text} data={{ categories, series: [{ label: 'x', values: categories.map((_, i) => i * 5000) }] }} />);
    const labels = [...html.matchAll(/<text[^>]*text-anchor="middle"[^>]*>([^<]+)</g)].map((m) => m[1]);
    assert.ok(labels.length > 6 && labels.length <= 12, `${labels.length} labels`);
    assert.match(textOf(html), /150K/, 'large numbers as compact ticks');
  });

  it('horizontal bars shorten long names in the drawing and label each bar with its value', () => {
    const long = 'The Very Long Name of a Regional Affiliate Center for Essential Schools';
    const html = renderToString(<BarChart text={text} data={{ categories: [long, 'CA'], series: [{ label: 'Current', values: [12345, 0] }] }} />);
    assertCleanSvg(html);
    assert.ok(!html.includes(long));
    assert.match(html, /The Very Long Name of a Reg…/);
    assert.match(textOf(html), /12,345/);
  });

  it('an empty chart says so rather than drawing empty axes', () => {
    const html = renderToString(<TimeSeriesChart text={text} data={{ categories: [], series: [] }} />);
    assertCleanSvg(html);
    assert.match(html, /No data for this period\./);
    const withTable = renderToString(<ChartWithTable text={text} data={{ categories: ['a'], series: [] }} kind="bar" categoryHeader="Center" />);
    assert.match(withTable, /No data for this period\./);
    assert.doesNotMatch(withTable, /<table|<svg/);
  });

  it('ChartWithTable puts the same numbers in a usa-table, with legend and CSV link', () => {
    const html = renderToString(
      <ChartWithTable text={text} data={{ ...months, series: [...months.series, { label: 'Big', values: [1234567, 0, 1] }] }} kind="line" categoryHeader="Month" csv={{ href: '/x.csv', label: 'Download CSV' }} />,
    );
    assertCleanSvg(html);
    assert.match(html, /<table class="usa-table/);
    const rows = [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((c) => c[1]));
    assert.deepEqual(rows, [
      ['Month', 'New', 'Renewed', 'Big'],
      ['2026-01', '3', '1', '1,234,567'],
      ['2026-02', '0', '7', '0'],
      ['2026-03', '12', '2', '1'],
    ]);
    assert.match(html, /<ul class="hub-chart__legend"><li><span class="hub-chart__swatch hub-chart__s1" aria-hidden="true"><\/span>New<\/li>/);
    assert.match(html, /<a class="usa-link" href="\/x\.csv" download/);
    assert.match(html, /tabindex="0" role="region" aria-labelledby="joins-table"/);
  });

  it('escapes labels (they may come from users)', () => {
    const html = renderToString(<ChartWithTable text={{ ...text, title: '<b>x</b>' }} data={{ categories: ['<script>alert(1)</script>'], series: [{ label: '"><img>', values: [1] }] }} kind="bar" categoryHeader="C" />);
    assert.doesNotMatch(html, /<script>alert|<img>|<b>x/);
  });
});
