import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldErrors, parseForm } from '../../platform/validation.ts';
import { adminOnlyChanges, firstFreeSlug, organisationProblems, rolesSurviveKindChange, slugify, type OrganisationFacts } from './organisation-rules.ts';
import { OrganisationInput, OrganisationUpdate } from './organisations.schemas.ts';

// Pure rules and schemas: no database, so one run covers both dialects.

const errorsOf = (input: unknown) => {
  const r = OrganisationInput.safeParse(input);
  return r.success ? {} : fieldErrors(r.error);
};
const school: OrganisationFacts = { kind: 'school', grade_low: '9', grade_high: '12', enrolment: 300, nces_id: null, center_id: null };

describe('organisation schema', () => {
  it('accepts every state, DC and the territories, in any case, and nothing else', () => {
    for (const state of ['CA', 'ny', 'DC', 'PR', 'GU', 'VI', 'AS', 'MP', 'wy']) assert.deepEqual(errorsOf({ name: 'X', kind: 'school', state }), {}, state);
    for (const state of ['XX', 'C', 'CAL', 'Ca.', '12']) assert.deepEqual(errorsOf({ name: 'X', kind: 'school', state }), { state: ['organisations:errors.state'] }, state);
  });

  it('accepts ZIP and ZIP+4 only', () => {
    for (const postal_code of ['94110', '94110-1234']) assert.deepEqual(errorsOf({ name: 'X', kind: 'school', postal_code }), {});
    for (const postal_code of ['9411', '941101', '94110-12', '94110 1234', 'ABCDE']) assert.ok(errorsOf({ name: 'X', kind: 'school', postal_code }).postal_code, postal_code);
  });

  it('accepts public (12-digit) and private (8-character) NCES IDs, upper-casing them', () => {
    assert.equal(OrganisationInput.parse({ name: 'X', kind: 'school', nces_id: 'a9106146' }).nces_id, 'A9106146');
    for (const nces_id of ['062271003230', '00000044', 'A9106146', 'BB123456']) assert.deepEqual(errorsOf({ name: 'X', kind: 'school', nces_id }), {}, nces_id);
    for (const nces_id of ['06227100323', '0622710032301', 'ABCDEFGH', '1234-5678', 'A91061']) {
      assert.deepEqual(errorsOf({ name: 'X', kind: 'school', nces_id }), { nces_id: ['organisations:errors.ncesFormat'] }, nces_id);
    }
  });

  it('keeps grades to PK, K and 1–12, low before high', () => {
    assert.deepEqual(errorsOf({ name: 'X', kind: 'school', grade_low: 'pk', grade_high: 'k' }), {});
    assert.deepEqual(errorsOf({ name: 'X', kind: 'school', grade_low: 'K', grade_high: 'PK' }), { grade_high: ['organisations:errors.gradeOrder'] });
    assert.deepEqual(errorsOf({ name: 'X', kind: 'school', grade_low: '10', grade_high: '9' }), { grade_high: ['organisations:errors.gradeOrder'] });
    assert.deepEqual(errorsOf({ name: 'X', kind: 'school', grade_low: '0', grade_high: '13' }), { grade_low: ['organisations:errors.grade'], grade_high: ['organisations:errors.grade'] });
  });

  it('takes enrolment, coordinates and the center as numbers from JSON or text from a form', () => {
    const form = parseForm(OrganisationInput, { name: 'X', kind: 'school', enrolment: '250', latitude: '37.5', longitude: '-122.25', center_id: '4', contact_public: 'on' });
    assert.ok(form.ok);
    assert.deepEqual([form.data.enrolment, form.data.latitude, form.data.longitude, form.data.center_id, form.data.contact_public], [250, 37.5, -122.25, 4, true]);
    for (const enrolment of [-1, 100_001, 2.5, 'many', '', true, [], '12abc']) assert.deepEqual(Object.keys(errorsOf({ name: 'X', kind: 'school', enrolment })), ['enrolment'], String(enrolment));
    assert.ok(errorsOf({ name: 'X', kind: 'school', latitude: 90.5 }).latitude);
    assert.ok(errorsOf({ name: 'X', kind: 'school', longitude: -181 }).longitude);
  });

  it('rejects unknown fields by name rather than dropping them', () => {
    assert.deepEqual(errorsOf({ name: 'X', kind: 'school', grade_lo: '9', admin: true }), {
      grade_lo: ['organisations:errors.unknownField'],
      admin: ['organisations:errors.unknownField'],
    });
  });

  it('only accepts http(s) websites and lower-case hyphenated slugs', () => {
    for (const website of ['javascript:alert(1)', 'ftp://example.org', 'example.org', 'https://localhost']) assert.ok(errorsOf({ name: 'X', kind: 'school', website }).website, website);
    assert.equal(OrganisationInput.parse({ name: 'X', kind: 'school', slug: 'Mission-High' }).slug, 'mission-high');
    for (const slug of ['a b', 'a--b', '-a', 'a-', 'é']) assert.deepEqual(errorsOf({ name: 'X', kind: 'school', slug }), { slug: ['organisations:errors.slugFormat'] }, slug);
  });

  it('reads an update as only the fields sent, with null clearing one', () => {
    assert.deepEqual(OrganisationUpdate.parse({ city: 'Oakland', region: null }), { city: 'Oakland', region: null });
    assert.deepEqual(OrganisationUpdate.parse({}), {});
    assert.equal(OrganisationUpdate.safeParse({ name: null }).success, false);
    assert.equal(OrganisationUpdate.safeParse({ kind: null }).success, false);
  });
});

describe('organisation rules', () => {
  it('keeps grades, enrolment and NCES ID to schools', () => {
    assert.deepEqual(organisationProblems(school), {});
    assert.deepEqual(organisationProblems({ ...school, kind: 'partner' }), {
      grade_low: ['organisations:errors.schoolOnly'],
      grade_high: ['organisations:errors.schoolOnly'],
      enrolment: ['organisations:errors.schoolOnly'],
    });
    assert.deepEqual(organisationProblems({ ...school, grade_high: null }), { grade_high: ['organisations:errors.gradeBoth'] });
    assert.deepEqual(organisationProblems({ ...school, grade_low: '12', grade_high: '9' }), { grade_high: ['organisations:errors.gradeOrder'] });
  });

  it('lets schools, partners and others name a center, but not centers or the national office', () => {
    assert.deepEqual(organisationProblems({ ...school, center_id: 3 }), {});
    const none = { grade_low: null, grade_high: null, enrolment: null, nces_id: null, center_id: 3 };
    assert.deepEqual(organisationProblems({ ...none, kind: 'partner' }), {});
    assert.deepEqual(organisationProblems({ ...none, kind: 'affiliate_center' }), { center_id: ['organisations:errors.centerNotAllowed'] });
    assert.deepEqual(organisationProblems({ ...none, kind: 'national_office' }), { center_id: ['organisations:errors.centerNotAllowed'] });
  });

  it('counts only admin-only fields whose value would change', () => {
    const stored = { kind: 'school', slug: 'a', center_id: 2, nces_id: null };
    assert.deepEqual(adminOnlyChanges(stored, { kind: 'school', slug: 'a', center_id: 2, nces_id: null, city: 'X' }), []);
    assert.deepEqual(adminOnlyChanges(stored, { kind: 'partner', center_id: null, nces_id: '062271003230' }), ['kind', 'center_id', 'nces_id']);
    assert.deepEqual(adminOnlyChanges(stored, { slug: 'b' }), ['slug']);
  });

  it('knows when roles survive a change of kind', () => {
    assert.equal(rolesSurviveKindChange('partner', 'other'), true);
    assert.equal(rolesSurviveKindChange('school', 'partner'), false);
    assert.equal(rolesSurviveKindChange('affiliate_center', 'school'), false);
  });

  it('makes slugs from names and finds the first free one', () => {
    assert.equal(slugify('Central Park East Secondary School'), 'central-park-east-secondary-school');
    assert.equal(slugify('  Escuela Niños & Familias!  '), 'escuela-ninos-and-familias');
    assert.equal(slugify('東京'), 'organisation');
    assert.ok(slugify('x'.repeat(300)).length <= 112);
    assert.equal(firstFreeSlug('mission', []), 'mission');
    assert.equal(firstFreeSlug('mission', ['mission', 'mission-2', 'mission-4']), 'mission-3');
  });
});
