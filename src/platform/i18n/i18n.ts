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

/** A translate function fixed to one locale. */
export function translatorFor(locale: Locale): Translate {
  return getI18n().getFixedT(locale);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
