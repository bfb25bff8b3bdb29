import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type i18n, type TFunction } from 'i18next';

export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
export type Translate = TFunction;

const localesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'locales');

/**
 * Loads every catalogue under locales/<lang>/<namespace>.json. A module adds its strings by adding
 * a namespace file; nothing here needs editing. English is the fallback for any missing key.
 */
export function loadCatalogue(): Record<string, Record<string, Record<string, unknown>>> {
  const resources: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const lang of LOCALES) {
    resources[lang] = {};
    for (const file of fs.readdirSync(path.join(localesDir, lang))) {
      if (!file.endsWith('.json')) continue;
      const ns = file.slice(0, -'.json'.length);
      resources[lang][ns] = JSON.parse(fs.readFileSync(path.join(localesDir, lang, file), 'utf8'));
    }
  }
  return resources;
}

let instance: i18n | undefined;

/** The process-wide i18next instance (catalogues are read once). */
export function getI18n(): i18n {
  if (!instance) {
    const resources = loadCatalogue();
    instance = i18next.createInstance();
    void instance.init({
      resources,
      lng: DEFAULT_LOCALE,
      fallbackLng: DEFAULT_LOCALE,
      supportedLngs: [...LOCALES],
      ns: Object.keys(resources[DEFAULT_LOCALE] ?? {}),
      defaultNS: 'common',
      nsSeparator: ':',
      keySeparator: '.',
      // JSX escapes everything it renders, so i18next must not escape a second time.
      interpolation: { escapeValue: false },
      initAsync: false,
      returnNull: false,
    });
  }
  return instance;
}

const translators = new Map<Locale, Translate>();

/**
 * A translate function fixed to one locale. A page looks up a hundred or so strings; through
 * i18next each lookup resolves namespaces, fallbacks and plural rules anew, which profiling showed
 * to be nearly half of a page's CPU time. Catalogues never change while the process runs, so plain
 * lookups (a key, no options) are remembered; anything with options goes straight to i18next.
 */
export function translatorFor(locale: Locale): Translate {
  let translate = translators.get(locale);
  if (!translate) {
    const fixed = getI18n().getFixedT(locale);
    const plain = new Map<string, string>();
    translate = ((key: string | string[], ...rest: unknown[]) => {
      if (rest.length > 0 || typeof key !== 'string') return (fixed as unknown as (...a: unknown[]) => string)(key, ...rest);
      let text = plain.get(key);
      if (text === undefined) {
        text = fixed(key);
        plain.set(key, text);
      }
      return text;
    }) as unknown as Translate;
    translators.set(locale, translate);
  }
  return translate;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
