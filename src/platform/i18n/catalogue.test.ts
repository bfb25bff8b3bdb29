import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadCatalogue } from './i18n.ts';

/**
 * The message catalogues are checked against the source, with no database: a key the code uses but
 * English lacks shows the reader a raw key; a key Spanish lacks shows a Spanish reader English.
 */

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const catalogue = loadCatalogue();
const en = catalogue.en ?? {};
const es = catalogue.es ?? {};

/** Namespaces that must be complete in Spanish (the public pages and the account flows). */
const MUST_EXIST = ['common', 'errors', 'validation', 'pages'];
/** Also translated when their English file exists (a module may not have shipped it yet). */
const TRANSLATE_IF_PRESENT = ['accounts', 'events', 'registration', 'waitlist', 'agenda', 'framework', 'coaching', 'assessment', 'assessment-history', 'improvement'];
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

type Tree = Record<string, unknown>;

/** Every leaf of a catalogue as [dotted key, value]. */
function leaves(tree: unknown, prefix = ''): [string, unknown][] {
  if (tree === null || typeof tree !== 'object') return [[prefix, tree]];
  return Object.entries(tree as Tree).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

/**
 * Whether `ns:key` resolves, as i18next would (a plural key resolves through its suffixed forms).
 * With `orPrefix`, a key naming a group of messages counts too (code like `${prefix}.title`).
 */
function hasKey(lang: Record<string, Tree>, ns: string, key: string, orPrefix = false): boolean {
  const lookup = (k: string) => {
    let node: unknown = lang[ns];
    for (const part of k.split('.')) node = node && typeof node === 'object' ? (node as Tree)[part] : undefined;
    return typeof node === 'string' || (orPrefix && typeof node === 'object' && node !== null);
  };
  return lookup(key) || ['one', 'other'].some((suffix) => lookup(`${key}_${suffix}`));
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    // Tests may name keys that do not exist on purpose; only shipped code counts.
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

interface Use {
  ns: string;
  key: string;
  where: string;
  /** A plain string literal, which may be the prefix of a group of keys rather than a whole key. */
  maybePrefix: boolean;
}

/**
 * Literal keys the code uses: in t('ns:key') calls (any namespace; no namespace means common), and
 * any other 'ns:key' string literal of an existing namespace (flash messages and error message keys
 * travel as plain strings before they are translated). Template strings with ${…} are dynamic and
 * skipped (the page tests catch those), and so are comment lines.
 */
function usedKeys(): Use[] {
  const namespaces = new Set(Object.keys(en));
  const uses: Use[] = [];
  for (const file of sourceFiles(srcDir)) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      // Comments may name example keys ("a schema may name a key itself: 'validation:…'").
      if (/^\s*(\/\/|\/\*|\*)/.test(line)) return;
      const where = `${path.relative(srcDir, file)}:${i + 1}`;
      for (const m of line.matchAll(/\bt\(\s*(['"`])([^'"`$\s]+)\1/g)) {
        const [ns, key] = m[2]!.includes(':') ? (m[2]!.split(':', 2) as [string, string]) : ['common', m[2]!];
        uses.push({ ns, key, where, maybePrefix: false });
      }
      for (const m of line.matchAll(/(['"`])([a-z][\w-]*):([a-zA-Z]\w*(?:\.\w+)*)\1/g)) {
        if (namespaces.has(m[2]!)) uses.push({ ns: m[2]!, key: m[3]!, where, maybePrefix: true });
      }
    });
  }
  return uses;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]!).sort();
}

describe('message catalogues', () => {
  it('has every literal key the source uses in English', () => {
    const uses = usedKeys();
    assert.ok(uses.length > 20, 'the scan found the keys the source uses');
    const missing = new Map<string, string[]>();
    for (const u of uses) if (!hasKey(en, u.ns, u.key, u.maybePrefix)) missing.set(`${u.ns}:${u.key}`, [...(missing.get(`${u.ns}:${u.key}`) ?? []), u.where]);
    const report = [...missing].map(([key, where]) => `${key} (${[...new Set(where)].join(', ')})`);
    assert.deepEqual(report, [], `keys used in source but missing from locales/en:\n  ${report.join('\n  ')}`);
  });

  it('translates every English key of the public and account namespaces into Spanish', () => {
    const absent = MUST_EXIST.filter((ns) => !en[ns] || !es[ns]).map((ns) => `${ns}.json (${en[ns] ? 'es' : 'en'})`);
    assert.deepEqual(absent, [], `catalogue files that must exist: ${absent.join(', ')}`);
    const missing: string[] = [];
    for (const ns of [...MUST_EXIST, ...TRANSLATE_IF_PRESENT.filter((ns) => en[ns])]) {
      if (!es[ns]) {
        missing.push(`${ns}.json (the whole file)`);
        continue;
      }
      for (const [key] of leaves(en[ns])) if (!hasKey(es, ns, key.replace(PLURAL_SUFFIX, ''))) missing.push(`${ns}:${key}`);
    }
    assert.deepEqual(missing, [], `English keys missing from locales/es:\n  ${missing.join('\n  ')}`);
  });

  it('has no Spanish key that English lacks (a stale or misspelt translation)', () => {
    const stale: string[] = [];
    for (const [ns, tree] of Object.entries(es)) {
      for (const [key] of leaves(tree)) if (!hasKey(en, ns, key.replace(PLURAL_SUFFIX, ''))) stale.push(`${ns}:${key}`);
    }
    assert.deepEqual(stale, [], `keys in locales/es that locales/en does not have:\n  ${stale.join('\n  ')}`);
  });

  it('has no empty or non-string messages, and Spanish keeps the same {{placeholders}}', () => {
    const problems: string[] = [];
    for (const [lang, tree] of Object.entries(catalogue)) {
      for (const [ns, nsTree] of Object.entries(tree)) {
        for (const [key, value] of leaves(nsTree)) {
          if (typeof value !== 'string') problems.push(`${lang}/${ns}:${key} is not a string`);
          else if (value.trim() === '') problems.push(`${lang}/${ns}:${key} is empty`);
        }
      }
    }
    for (const [ns, tree] of Object.entries(es)) {
      for (const [key, value] of leaves(tree)) {
        const english = leaves(en[ns]).find(([k]) => k === key)?.[1];
        if (typeof english !== 'string' || typeof value !== 'string') continue;
        if (placeholders(english).join() !== placeholders(value).join()) problems.push(`es/${ns}:${key} has {{${placeholders(value)}}}, English has {{${placeholders(english)}}}`);
      }
    }
    assert.deepEqual(problems, [], `catalogue problems:\n  ${problems.join('\n  ')}`);
  });
});
