import { GRADES, gradeIndex, NCES_PATTERN } from '../organisations/organisations.schemas.ts';
import { US_STATE_CODES } from '../organisations/us-states.ts';

// What a school import reads from each CSV row, and how a column is recognised: the NCES Common
// Core of Data (CCD) school directory file names its columns NCESSCH, SCH_NAME, LSTREET1, LCITY,
// LSTATE, LZIP, GSLO, GSHI; membership comes as MEMBER (older CCD universe files) or
// STUDENT_COUNT / TOTAL (the membership file); coordinates as LATCOD/LONCOD (older files) or
// LAT/LON (the EDGE geocode file). Simple spreadsheets are matched by common names, and the admin
// can map any field to any column.

export const IMPORT_FIELDS = ['nces_id', 'name', 'address_line1', 'city', 'state', 'postal_code', 'grade_low', 'grade_high', 'enrolment', 'latitude', 'longitude'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** Field → the column header it is read from. */
export type ImportMapping = Partial<Record<ImportField, string>>;

/** Header spellings recognised per field, compared upper-case without spaces or punctuation; first match wins. */
const ALIASES: Record<ImportField, string[]> = {
  nces_id: ['NCESSCH', 'NCESID', 'NCESSCHOOLID', 'NCESSCHID', 'SCHOOLIDNCES', 'PPIN'],
  name: ['SCHNAME', 'SCHNAM', 'SCHOOLNAME', 'NAME', 'SCHOOL'],
  address_line1: ['LSTREET1', 'LSTREE', 'STREET', 'ADDRESS', 'ADDRESS1', 'STREETADDRESS', 'LOCATIONADDRESS'],
  city: ['LCITY', 'CITY', 'LOCATIONCITY'],
  state: ['LSTATE', 'LSTATE05', 'STABR', 'ST', 'STATE', 'STATECODE'],
  postal_code: ['LZIP', 'ZIP', 'ZIPCODE', 'POSTALCODE', 'POSTCODE'],
  grade_low: ['GSLO', 'GRADELOW', 'LOWGRADE', 'LOWESTGRADE', 'GRADESLOW'],
  grade_high: ['GSHI', 'GRADEHIGH', 'HIGHGRADE', 'HIGHESTGRADE', 'GRADESHIGH'],
  enrolment: ['MEMBER', 'STUDENTCOUNT', 'TOTAL', 'ENROLLMENT', 'ENROLMENT', 'TOTALENROLLMENT', 'STUDENTS'],
  latitude: ['LATCOD', 'LAT', 'LATITUDE'],
  longitude: ['LONCOD', 'LON', 'LONG', 'LNG', 'LONGITUDE'],
};

const normalise = (header: string) => header.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** The columns a file's header row maps to, by recognised names. */
export function detectMapping(columns: readonly string[]): ImportMapping {
  const byKey = new Map<string, string>();
  for (const c of columns) if (!byKey.has(normalise(c))) byKey.set(normalise(c), c);
  const mapping: ImportMapping = {};
  for (const field of IMPORT_FIELDS) {
    const hit = ALIASES[field].find((a) => byKey.has(a));
    if (hit) mapping[field] = byKey.get(hit)!;
  }
  return mapping;
}

/** Whether the header looks like a CCD directory file (its two defining columns are there). */
export const isCcdHeader = (columns: readonly string[]): boolean => {
  const keys = new Set(columns.map(normalise));
  return keys.has('NCESSCH') && (keys.has('SCHNAME') || keys.has('SCHNAM'));
};

/** A school as read from one row, ready to compare and write. */
export interface ImportedSchool {
  nces_id: string | null;
  name: string;
  address_line1: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  grade_low: string | null;
  grade_high: string | null;
  enrolment: number | null;
  latitude: number | null;
  longitude: number | null;
}

export type RowResult = { ok: true; school: ImportedSchool } | { ok: false; reason: string };

const STATES = new Set<string>(US_STATE_CODES);
// CCD grade codes: KG for kindergarten, zero-padded 01–12; UG (ungraded), AE (adult education),
// N / M (not applicable, missing) mean "no grade span", not an error.
const NO_GRADE = new Set(['', 'N', 'M', 'UG', 'AE', 'NA', '-1', '-2', '-9']);

function grade(raw: string): string | null | Error {
  const v = raw.trim().toUpperCase();
  if (NO_GRADE.has(v)) return null;
  if (v === 'KG' || v === 'K') return 'K';
  if (v === 'PK' || v === 'PREK' || v === 'P') return 'PK';
  if (/^\d{1,2}$/.test(v) && gradeIndex(String(Number(v))) >= 0) return String(Number(v));
  return new Error(v);
}

function decimal(raw: string, min: number, max: number): number | null | Error {
  const v = raw.trim();
  if (v === '') return null;
  const n = Number(v);
  return /^[-+]?\d+(\.\d+)?$/.test(v) && n >= min && n <= max ? n : new Error(v);
}

/**
 * Reads one row through the mapping, or says why it is refused. Reasons are plain English for the
 * admin's report (the import pages are admin-only and in English).
 */
export function readRow(get: (field: ImportField) => string): RowResult {
  const name = get('name').trim();
  if (!name) return { ok: false, reason: 'missing name' };
  if (name.length > 200) return { ok: false, reason: 'name longer than 200 characters' };
  let nces: string | null = get('nces_id').trim().toUpperCase() || null;
  // A spreadsheet that took the ID for a number drops the leading zero of states 01–09.
  if (nces && /^\d{11}$/.test(nces)) nces = `0${nces}`;
  if (nces && !NCES_PATTERN.test(nces)) return { ok: false, reason: `bad NCES ID "${nces}" (12 digits, or 8 characters for a private school)` };
  const state = get('state').trim().toUpperCase() || null;
  if (state && !STATES.has(state)) return { ok: false, reason: `bad state "${state}" (a two-letter USPS code)` };
  let zip = get('postal_code').trim() || null;
  if (zip && /^\d{9}$/.test(zip)) zip = `${zip.slice(0, 5)}-${zip.slice(5)}`;
  if (zip && !/^\d{5}(-\d{4})?$/.test(zip)) return { ok: false, reason: `bad ZIP code "${zip}"` };
  const low = grade(get('grade_low'));
  const high = grade(get('grade_high'));
  if (low instanceof Error) return { ok: false, reason: `lowest grade "${low.message}" out of range (PK, K, 1–12)` };
  if (high instanceof Error) return { ok: false, reason: `highest grade "${high.message}" out of range (PK, K, 1–12)` };
  if (low && high && GRADES.indexOf(low as never) > GRADES.indexOf(high as never)) return { ok: false, reason: `grades run backwards (${low} to ${high})` };
  const rawEnrolment = get('enrolment').trim().replace(/,/g, '');
  let enrolment: number | null = null;
  if (rawEnrolment !== '') {
    if (!/^-?\d+$/.test(rawEnrolment)) return { ok: false, reason: `enrolment "${rawEnrolment}" is not a number` };
    const n = Number(rawEnrolment);
    // CCD writes -1, -2, -9 for missing, not applicable and suppressed.
    if (n > 100_000) return { ok: false, reason: `enrolment ${n} is out of range` };
    enrolment = n < 0 ? null : n;
  }
  const lat = decimal(get('latitude'), -90, 90);
  const lon = decimal(get('longitude'), -180, 180);
  if (lat instanceof Error) return { ok: false, reason: `bad latitude "${lat.message}"` };
  if (lon instanceof Error) return { ok: false, reason: `bad longitude "${lon.message}"` };
  const city = get('city').trim() || null;
  if (city && city.length > 100) return { ok: false, reason: 'city longer than 100 characters' };
  const address = get('address_line1').trim().slice(0, 200) || null;
  return {
    ok: true,
    school: {
      nces_id: nces,
      name,
      address_line1: address,
      city,
      state,
      postal_code: zip,
      grade_low: low && high ? low : null,
      grade_high: low && high ? high : null,
      enrolment,
      latitude: lat !== null && lon !== null ? lat : null,
      longitude: lat !== null && lon !== null ? lon : null,
    },
  };
}
