import * as levenshtein from 'fastest-levenshtein';
import { normalisePurpose, Purposes } from '../../src/law/purposes';
import { loadLaw } from '../../src/law/load-law';
import { formatDiagnostic } from '../../src/source/diagnostic';

const law = loadLaw();
if (!law.ok) throw new Error(law.diagnostics.map((e) => formatDiagnostic(e)).join('\n'));
const j = law.value.law.jurisdictions;
const vocabulary = j.purposes;

describe('purpose normalisation', () => {
  it.each([
    ['Criminal-Investigation', 'criminal-investigation'],
    ['criminal investigation', 'criminal-investigation'],
    ['CRIMINAL_INVESTIGATION', 'criminal-investigation'],
    ['  criminal -- investigation. ', 'criminal-investigation'],
    ['Ｃｒｉｍｉｎａｌ\u3000Ｉｎｖｅｓｔｉｇａｔｉｏｎ', 'criminal-investigation'],
    ['criminal\tinvestigation\n', 'criminal-investigation'],
    ['crimi\u00ADnal investi\u200Dgation', 'criminal-investigation'],
    ['Crímínal Invèstigation', 'criminal-investigation'],
    ['Cri\u0301minal investigation', 'criminal-investigation'],
    ['ﬁnance', 'finance'],
    ['dpv:HumanResourceManagement', 'dpv-humanresourcemanagement'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalisePurpose(input)).toBe(expected);
  });
});

describe('the purpose vocabulary (rules/data/purposes.yaml)', () => {
  it('names every purpose an adequacy decision carves out', () => {
    const excluded = j.data.adequacy.flatMap((d) => d.scope?.excludedPurposes ?? []);
    expect(excluded.length).toBeGreaterThan(0);
    expect(excluded.filter((id) => !vocabulary.has(id))).toEqual([]);
  });

  it.each([
    ['immigration control', 'immigration-control'],
    ['Immigration-Control', 'immigration-control'],
    ['maintenance of effective immigration control', 'immigration-control'],
    ['National Defense', 'national-defence'],
    ['public.security', 'public-security'],
    ['HR', 'hr-management'],
    ['https://w3id.org/dpv#HumanResourceManagement', 'hr-management'],
  ])('reads %j as %s', (declared, id) => {
    expect(vocabulary.canonical(declared)).toBe(id);
    expect(vocabulary.match(declared, id)).toBe('declared');
  });

  it.each([
    ['criminal investigatoin', 'criminal-investigation'],
    ['criminal-investigaton', 'criminal-investigation'],
    ['immigraton control', 'immigration-control'],
    ['hr-managment', 'hr-management'],
    ['cr\u0456minal investigation', 'criminal-investigation'], // Cyrillic і
    ['criminal\u200Binvestigation', 'criminal-investigation'], // zero-width space joins the words
  ])('reads %j as a near miss of %s, never as the term', (declared, id) => {
    expect(vocabulary.canonical(declared)).toBeUndefined();
    expect(vocabulary.match(declared, id)).toBe('near');
  });

  it.each(['billing', 'investigation', 'crime-statistics-newsletter', 'public-sector', 'hr-analytics', 'marketing', 'immigration'])('does not catch the unrelated purpose %j', (declared) => {
    for (const id of ['criminal-investigation', 'public-security', 'national-defence', 'immigration-control', 'hr-management', 'foreign-authority-request']) {
      expect([declared, id, vocabulary.match(declared, id)]).toEqual([declared, id, 'none']);
    }
  });

  it('a declared purpose that names another term is not a near miss of this one', () => {
    expect(vocabulary.match('defence', 'national-defence')).toBe('declared');
    expect(vocabulary.match('public security', 'criminal-investigation')).toBe('none');
  });

  it('compares a long declared purpose with no term by edit distance (the work is bounded by the terms, not the input)', () => {
    const spy = jest.spyOn(levenshtein, 'distance');
    try {
      const long = 'criminal investigation '.repeat(20_000);
      expect(vocabulary.matchAny([long], 'criminal-investigation').match).toBe('none');
      expect(spy).not.toHaveBeenCalled();
      expect(vocabulary.match('criminal investigatoin', 'criminal-investigation')).toBe('near');
      expect(spy).toHaveBeenCalled(); // the spy sees the calls the module makes
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses data whose ids are not in normal form or whose terms share a spelling', () => {
    expect(Purposes.check({ dataVersion: 1, purposes: [
      { id: 'Public Security', label: 'public security' },
      { id: 'public-safety', label: 'public safety', synonyms: ['public security'] },
    ] })).toEqual([
      'purpose id Public Security is not in normal form (public-security)',
      'purposes Public Security and public-safety share the form "public-security"',
    ]);
  });
});

describe('adequacy scope on purposes', () => {
  const facts = { country: 'BR', sector: 'private', certifications: [], carriesHrData: false };
  it.each([[['Criminal-Investigation']], [['criminal investigation']], [['billing', 'NATIONAL DEFENCE']]])('puts %j outside the Brazil decision', (purposes) => {
    expect(j.adequacy('eu', { ...facts, purposes }, '2026-11-28').status).toBe('outside-scope');
  });
  it('leaves the scope unconfirmed with no purposes, or a near miss, naming the term', () => {
    expect(j.adequacy('eu', { ...facts, purposes: [] }, '2026-11-28')).toMatchObject({ status: 'scope-unconfirmed', missingFacts: ['purposes'] });
    const near = j.adequacy('eu', { ...facts, purposes: ['criminal investigatoin'] }, '2026-11-28');
    expect(near.status).toBe('scope-unconfirmed');
    expect(near.reason).toContain('"criminal investigatoin" is close to "criminal-investigation"');
  });
  it('covers unrelated purposes', () => {
    expect(j.adequacy('eu', { ...facts, purposes: ['billing', 'investigation'] }, '2026-11-28').status).toBe('adequate');
  });
});
