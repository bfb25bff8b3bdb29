import type { Insertable } from 'kysely';
import type { OrganisationKind, OrganisationTable, PersonTable, RoleKind, RoleTable } from '../src/db/schema.ts';
import { CENTER_NAMES, FIRST_NAMES, LAST_NAMES, NAMESAKES, PARTNER_SUFFIXES, PARTNER_WORDS, REGIONS, SCHOOL_TYPES, STAFF_TITLES, STREETS, type City } from './generate-data.ts';
import type { Scale } from './generate.ts';

// The generated network: which organisation sits at each index and who works there. Everything is
// a pure function of (seed, index), so any row can be produced without the ones before it.

export const GENERATED_EMAIL_DOMAIN = 'gen.coalition.invalid';

const F = { city: 1, name: 2, type: 3, enrol: 4, nces: 5, addr: 6, pub: 7, first: 8, last: 9, locale: 10, time: 11, jitter: 12, title: 13, kind: 14, lat: 15, lon: 16 } as const;
const STATE_FIPS: Record<string, string> = {
  AL: '01', AZ: '04', AR: '05', CA: '06', CO: '08', CT: '09', DE: '10', DC: '11', FL: '12', GA: '13', ID: '16', IL: '17', IN: '18', IA: '19', KS: '20',
  KY: '21', LA: '22', ME: '23', MD: '24', MA: '25', MI: '26', MN: '27', MS: '28', MO: '29', MT: '30', NE: '31', NV: '32', NH: '33', NJ: '34', NM: '35',
  NY: '36', NC: '37', ND: '38', OH: '39', OK: '40', OR: '41', PA: '42', RI: '44', SC: '45', SD: '46', TN: '47', TX: '48', UT: '49', VT: '50', VA: '51',
  WA: '53', WI: '55', WY: '56',
};
const EPOCH = Date.UTC(2019, 0, 1);
const SPAN_MS = Date.UTC(2026, 0, 1) - EPOCH;

/** Which organisation sits at each index, and who works there. */
export class Layout {
  readonly schools: number;
  private readonly basePerSchool: number;
  private readonly extraSchools: number;
  private readonly jitterMax: number;

  constructor(
    private readonly scale: Scale,
    private readonly seed: number,
  ) {
    this.schools = scale.organisations - 1 - scale.centers - scale.partners;
    if (this.schools < 1) throw new Error('scale has no room for schools');
    const others = scale.admins + scale.centers * scale.centerStaff + scale.partners * scale.partnerStaff;
    const forSchools = scale.people - others;
    this.basePerSchool = Math.floor(forSchools / this.schools);
    this.extraSchools = forSchools - this.basePerSchool * this.schools;
    if (this.basePerSchool < 2) throw new Error('scale has too few people for its schools');
    // Staff sizes vary by ±jitter in pairs (one school gains what its neighbour loses), so the
    // total stays exact while schools differ in size.
    this.jitterMax = Math.min(this.basePerSchool - 2, 6);
  }

  private r(index: number, field: number): number {
    return hash(this.seed, index, field);
  }

  private pick<T>(list: readonly T[], index: number, field: number): T {
    return list[this.r(index, field) % list.length]!;
  }

  kindAt(o: number): OrganisationKind {
    if (o === 0) return 'national_office';
    if (o <= this.scale.centers) return 'affiliate_center';
    if (o <= this.scale.centers + this.schools) return 'school';
    return this.r(o, F.kind) % 4 === 0 ? 'other' : 'partner';
  }

  /** The people working at organisation `o`, and their roles. */
  private staffAt(o: number): { count: number; roles: (k: number) => RoleKind } {
    const kind = this.kindAt(o);
    if (kind === 'national_office') return { count: this.scale.admins, roles: () => 'network_admin' };
    if (kind === 'affiliate_center') return { count: this.scale.centerStaff, roles: (k) => (k === 0 ? 'center_director' : 'center_coach') };
    if (kind === 'school') {
      const s = o - 1 - this.scale.centers;
      const pair = s >> 1;
      const lastUnpaired = (this.schools & 1) === 1 && s === this.schools - 1;
      const d = lastUnpaired || this.jitterMax === 0 ? 0 : (hash(this.seed, pair, F.jitter) % (2 * this.jitterMax + 1)) - this.jitterMax;
      const count = this.basePerSchool + (s < this.extraSchools ? 1 : 0) + ((s & 1) === 0 ? d : -d);
      return { count, roles: (k) => (k === 0 ? 'school_leader' : 'school_staff') };
    }
    return { count: this.scale.partnerStaff, roles: () => 'partner_staff' };
  }

  private regionOf(o: number): number {
    const kind = this.kindAt(o);
    const { centers, regions } = this.scale;
    if (kind === 'affiliate_center') return (o - 1) % regions;
    if (kind === 'school') return this.regionOf(1 + ((o - 1 - centers) % centers));
    return o % regions;
  }

  *organisationRows(baseId: number, now: string): Generator<Insertable<OrganisationTable>> {
    for (let o = 0; o < this.scale.organisations; o++) yield this.organisation(o, baseId, now);
  }

  private organisation(o: number, baseId: number, now: string): Insertable<OrganisationTable> {
    const kind = this.kindAt(o);
    const regionIndex = this.regionOf(o);
    const region = REGIONS[regionIndex % REGIONS.length]!;
    const city: City = this.pick(region.cities, o, F.city);
    const created = new Date(EPOCH + (this.r(o, F.time) % SPAN_MS)).toISOString();
    let name: string;
    let slug: string;
    let extra: Partial<Insertable<OrganisationTable>> = {};
    if (kind === 'national_office') {
      name = 'National Office';
      slug = 'national-office';
    } else if (kind === 'affiliate_center') {
      const c = o - 1;
      name = `${city.city} ${CENTER_NAMES[Math.floor(c / this.scale.regions) % CENTER_NAMES.length]}`;
      slug = `${slugify(name)}-${c + 1}`;
    } else if (kind === 'school') {
      const s = o - 1 - this.scale.centers;
      const [low, high, words, smallest, largest] = this.pick(SCHOOL_TYPES, o, F.type);
      name = `${this.pick(NAMESAKES, o, F.name)} ${words[this.r(o, F.name + 100) % words.length]}`;
      slug = `${slugify(`${name} ${city.city} ${city.state}`)}-${s + 1}`;
      extra = {
        grade_low: low,
        grade_high: high,
        enrolment: smallest + (this.r(o, F.enrol) % (largest - smallest + 1)),
        // Most schools have an NCES ID: state FIPS + a 5-digit district + a 5-digit school, unique by index.
        nces_id: this.r(o, F.nces) % 100 < 85 ? `${STATE_FIPS[city.state] ?? '99'}${90000 + Math.floor(s / 100)}${10000 + (s % 100)}` : null,
        center_id: baseId + 2 + ((o - 1 - this.scale.centers) % this.scale.centers),
      };
    } else {
      name = `${city.city} ${this.pick(PARTNER_WORDS, o, F.name)} ${this.pick(PARTNER_SUFFIXES, o, F.type)}`;
      slug = `${slugify(name)}-${o}`;
    }
    const lat = city.lat + ((this.r(o, F.lat) % 2000) - 1000) / 20000;
    const lon = city.lon + ((this.r(o, F.lon) % 2000) - 1000) / 20000;
    return {
      id: baseId + o + 1,
      slug,
      name,
      kind,
      description: describe(kind, name, city),
      email: `office@${slug}.example.org`.slice(0, 254),
      phone: `${200 + (this.r(o, F.addr) % 700)}-555-01${String(o % 100).padStart(2, '0')}`,
      website: null,
      address_line1: `${1 + (this.r(o, F.addr) % 9800)} ${this.pick(STREETS, o, F.addr + 100)}`,
      address_line2: null,
      city: city.city,
      state: city.state,
      postal_code: String(Number(city.zip) + (this.r(o, F.city + 100) % 9)).padStart(5, '0'),
      region: kind === 'national_office' ? 'National' : region.name,
      latitude: round(lat, 5),
      longitude: round(lon, 5),
      grade_low: null,
      grade_high: null,
      enrolment: null,
      nces_id: null,
      center_id: null,
      contact_public: this.r(o, F.pub) % 10 < 3,
      created_at: created,
      updated_at: now,
      ...extra,
    };
  }

  *peopleRows(base: { organisations: number; people: number; roles: number }, passwordHash: string): Generator<{ person: Insertable<PersonTable>; role: Insertable<RoleTable> }> {
    let i = 0;
    for (let o = 0; o < this.scale.organisations; o++) {
      const staff = this.staffAt(o);
      for (let k = 0; k < staff.count; k++, i++) {
        const first = this.pick(FIRST_NAMES, i, F.first);
        const last = this.pick(LAST_NAMES, i, F.last);
        const created = new Date(EPOCH + (this.r(i, F.time) % SPAN_MS)).toISOString();
        const role = staff.roles(k);
        yield {
          person: {
            id: base.people + i + 1,
            email: `${ascii(first)}.${ascii(last)}.${i + 1}@${GENERATED_EMAIL_DOMAIN}`,
            name: `${first} ${last}`,
            locale: this.r(i, F.locale) % 10 === 0 ? 'es' : null,
            password_hash: passwordHash,
            email_verified_at: created,
            created_at: created,
            updated_at: created,
          },
          role: {
            id: base.roles + i + 1,
            person_id: base.people + i + 1,
            organisation_id: base.organisations + o + 1,
            role,
            title: role === 'school_staff' ? this.pick(STAFF_TITLES, i, F.title) : null,
            created_at: created,
          },
        };
      }
    }
  }
}

function describe(kind: OrganisationKind, name: string, city: City): string {
  switch (kind) {
    case 'national_office':
      return 'The national office of the network: affiliation, convenings and the Common Principles.';
    case 'affiliate_center':
      return `${name} provides coaching, technical assistance and professional development to essential schools in and around ${city.city}.`;
    case 'school':
      return `A member school in ${city.city}, ${city.state}, working to enact the Common Principles: personalization, equity and intellectual vibrancy.`;
    default:
      return `A community partner in ${city.city} that shares resources and accountability for results with the schools it serves.`;
  }
}

/** A 32-bit hash of (seed, a, b): murmur3's finaliser over the three words. */
export function hash(seed: number, a: number, b: number): number {
  let h = seed >>> 0;
  h = Math.imul(h ^ (a >>> 0), 0x9e3779b1);
  h = (h << 13) | (h >>> 19);
  h = Math.imul(h ^ (b >>> 0), 0x85ebca77);
  h = (h << 13) | (h >>> 19);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
const slugify = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;
