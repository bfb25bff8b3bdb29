import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { textOf } from '../../../test/helpers/client.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { loadCatalogue } from '../../platform/i18n/i18n.ts';
import { safeLocalPath } from './pages.routes.tsx';

/** Every public page of this module: its path, catalogue section, and h1 in English and Spanish. */
const PAGES = [
  ['/', 'home', 'Schools where every student learns to think well', 'Escuelas donde cada estudiante aprende a pensar bien'],
  ['/about', 'about', 'About the Coalition', 'Quiénes somos'],
  ['/beliefs', 'beliefs', 'What we believe and how we act on it', 'Lo que creemos y cómo lo llevamos a la práctica'],
  ['/principles', 'principles', 'The Common Principles', 'Los Principios Comunes'],
  ['/network', 'network', 'How the network works', 'Cómo funciona la red'],
  ['/library', 'library', 'The library', 'La biblioteca'],
  ['/volunteer', 'volunteer', 'Volunteer with a school', 'Sea voluntario en una escuela'],
  ['/news', 'news', 'News from the network', 'Noticias de la red'],
] as const;

/** The ten principle titles, public facts in the network's own order. */
const PRINCIPLE_TITLES = [
  "Learning to use one's mind well",
  'Less is more, depth over coverage',
  'Goals apply to all students',
  'Personalization',
  'Student-as-worker, teacher-as-coach',
  'Demonstration of mastery',
  'A tone of decency and trust',
  'Commitment to the entire school',
  'Resources dedicated to teaching and learning',
  'Democracy and equity',
];

const catalogue = loadCatalogue();
/** What i18next prints for a missing key ("principles.items.3.title"): it must never reach a reader. */
const LEAKED_KEY = new RegExp(`pages:|\\b(shared|${PAGES.map((p) => p[1]).join('|')})\\.[a-zA-Z]+`);
const LANGS = { en: 'en-US,en;q=0.9', es: 'es-MX,es;q=0.9,en;q=0.5' } as const;

function h1s(html: string): string[] {
  return [...html.matchAll(/<h1[^>]*>([\s\S]*?)<\/h1>/g)].map((m) => textOf(m[1]!));
}

/** Levels of every heading, in document order. */
function headingLevels(html: string): number[] {
  return [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
}

/** Every string in a catalogue section, flattened. */
function strings(value: unknown): string[] {
  return typeof value === 'string' ? [value] : Object.values(value as object).flatMap(strings);
}

describe('safeLocalPath', () => {
  it('keeps same-site paths, with their query strings', () => {
    assert.equal(safeLocalPath('/principles'), '/principles');
    assert.equal(safeLocalPath('/events?page=2&sort=date'), '/events?page=2&sort=date');
    assert.equal(safeLocalPath('/directory/escuela-%C3%B1'), '/directory/escuela-%C3%B1');
  });

  it('refuses anything a browser could read as another host', () => {
    for (const bad of ['//evil.example', '/\\evil.example', '/\t/evil.example', '/\n/evil.example', 'https://evil.example', 'evil.example', '', ' /x', '/ñ', undefined]) {
      assert.equal(safeLocalPath(bad), '/', JSON.stringify(bad));
    }
  });
});

for (const dialect of testDialects()) {
  describe(`public pages (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    for (const [path, section, enHeading, esHeading] of PAGES) {
      for (const [lang, heading] of [['en', enHeading], ['es', esHeading]] as const) {
        it(`${path} answers 200 in ${lang} with one h1, its title, headings in order and every string of its section`, async () => {
          const res = await t.client().get(path, { 'accept-language': LANGS[lang] });
          assert.equal(res.statusCode, 200);
          assert.match(String(res.headers['content-type']), /^text\/html/);
          assert.match(res.body, new RegExp(`<html lang="${lang}"`));
          assert.deepEqual(h1s(res.body), [heading]);
          const section_ = catalogue[lang]!.pages![section] as Record<string, unknown>;
          assert.equal(textOf(/<title>([\s\S]*?)<\/title>/.exec(res.body)![1]!), `${section_.title as string} · Coalition Hub`);
          const levels = headingLevels(res.body);
          levels.forEach((level, i) => i > 0 && assert.ok(level <= levels[i - 1]! + 1, `heading h${level} follows h${levels[i - 1]} on ${path}`));
          // Every sentence written for this page reaches the reader: no key left untranslated or unused.
          const text = textOf(res.body);
          const labels = [...res.body.matchAll(/aria-label="([^"]*)"/g)].map((m) => textOf(m[1]!));
          const missing = strings(section_).filter((s) => !text.includes(s) && !labels.includes(s));
          assert.deepEqual(missing, [], `strings of pages:${section} not shown on ${path} (${lang})`);
          assert.doesNotMatch(text, LEAKED_KEY);
        });
      }
    }

    it('keeps the stable public URLs answering 200', async () => {
      for (const url of ['/', '/healthz', '/api/openapi.json', '/directory', '/events', '/framework', '/library', '/volunteer', '/news', '/about/', '/principles?from=flyer']) {
        assert.equal((await t.client().get(url)).statusCode, 200, url);
      }
    });

    it('/principles lists all ten Common Principles in order, and links to the Benchmarks', async () => {
      const res = await t.client().get('/principles');
      const titles = [...res.body.matchAll(/<h2 class="usa-process-list__heading">([\s\S]*?)<\/h2>/g)].map((m) => textOf(m[1]!));
      assert.deepEqual(titles, PRINCIPLE_TITLES);
      assert.match(textOf(res.body), /14 Benchmarks/);
      assert.match(res.body, /href="\/framework"/);
      const es = await t.client().get('/principles', { 'accept-language': LANGS.es });
      assert.equal([...es.body.matchAll(/usa-process-list__heading/g)].length, 10);
      assert.match(textOf(es.body), /Democracia y equidad/);
    });

    it('the home page sends visitors to the directory, affiliation, an account, the Fall Forum and the principles', async () => {
      const res = await t.client().get('/');
      for (const href of ['/directory', '/network', '/register', '/events', '/principles', '/beliefs']) {
        assert.match(res.body, new RegExp(`<a [^>]*href="${href}"`), href);
      }
      assert.equal([...res.body.matchAll(/class="usa-card /g)].length, 3);
    });

    it('offers a signed-in person their account instead of registration', async () => {
      const client = t.client();
      const person = await createPerson(t.db, { name: 'Rosa Parkside' });
      await signIn(t.db, client, person.id);
      const res = await client.get('/');
      assert.match(res.body, /class="usa-summary-box__link" href="\/account"/);
      assert.doesNotMatch(res.body, /class="usa-summary-box__link" href="\/register"/);
      // Negative control: the same page signed out offers registration.
      assert.match((await t.client().get('/')).body, /class="usa-summary-box__link" href="\/register"/);
    });

    it('the language switch keeps the reader on the same page, and a signed-out choice sticks', async () => {
      const client = t.client();
      const sw = await client.get('/locale/es?next=%2Fprinciples');
      assert.equal(sw.statusCode, 302);
      assert.equal(sw.headers.location, '/principles');
      const page = await client.get('/principles', { 'accept-language': LANGS.en });
      assert.deepEqual(h1s(page.body), ['Los Principios Comunes']);
      assert.match(page.body, /href="\/locale\/en\?next=%2Fprinciples"/);
      const unknown = await client.get('/locale/xx?next=/about');
      assert.equal(unknown.headers.location, '/about');
      assert.deepEqual(h1s((await client.get('/about')).body), ['Quiénes somos']);
    });

    it('never redirects off-site from the language switch', async () => {
      for (const next of ['//evil.example/', '/%09/evil.example', '/%5Cevil.example', 'https://evil.example']) {
        const res = await t.client().get(`/locale/es?next=${next}`);
        assert.equal(res.headers.location, '/', next);
      }
    });

    it('answers an unknown page with a 404 page in Spanish too', async () => {
      const res = await t.client().get('/principios', { 'accept-language': LANGS.es });
      assert.equal(res.statusCode, 404);
      assert.deepEqual(h1s(res.body), ['Página no encontrada']);
    });
  });
}
