import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { Jurisdictions, type JurisdictionsData } from '../../src/law/jurisdictions';
import { loadLaw } from '../../src/law/load-law';
import { RULES_DIR } from '../../src/source/builtin-files';
import { formatDiagnostic } from '../../src/source/diagnostic';

// Every code the manifest accepts is a state or a territory with an explicit status; the list of
// codes comes from the schema and is checked against i18n-iso-countries, so a code ISO adds (and
// the schema takes) cannot fall through.
const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'schemas', 'manifest.schema.json'), 'utf8')) as {
  definitions: { CountryCode: { enum: string[] } };
};
const data = parse(fs.readFileSync(path.join(RULES_DIR, 'data', 'jurisdictions.yaml'), 'utf8')) as JurisdictionsData;
const law = loadLaw();
if (!law.ok) throw new Error(law.diagnostics.map((e) => formatDiagnostic(e)).join('\n'));
const j = law.value.law.jurisdictions;

describe('territories in rules/data/jurisdictions.yaml', () => {
  const accepted = schema.definitions.CountryCode.enum.filter((c) => c !== 'EL'); // EL is read as GR

  it('the manifest schema accepts exactly the ISO 3166-1 alpha-2 codes i18n-iso-countries knows', () => {
    const iso = Object.keys((require('i18n-iso-countries') as { getAlpha2Codes(): Record<string, string> }).getAlpha2Codes()); // eslint-disable-line @typescript-eslint/no-require-imports
    expect([...accepted].sort()).toEqual([...iso].sort());
  });

  it('lists every accepted code once, as a state or as a territory', () => {
    const states = new Set(data.states);
    const territories = new Set(Object.keys(data.territories ?? {}));
    expect(accepted.filter((c) => !states.has(c) && !territories.has(c))).toEqual([]);
    expect([...states].filter((c) => territories.has(c))).toEqual([]);
    expect([...states, ...territories].filter((c) => !accepted.includes(c))).toEqual([]);
    expect(data.states!.length).toBe(states.size);
  });

  it('gives every territory a status and a primary source, and a state it belongs to unless it has none', () => {
    for (const [code, t] of Object.entries(data.territories!)) {
      expect([code, t.status.length > 20]).toEqual([code, true]);
      expect([code, t.sources.length > 0]).toEqual([code, true]);
      if (t.kind !== 'no-sovereign' && t.kind !== 'disputed') expect([code, data.states!.includes(t.of!)]).toEqual([code, true]);
    }
  });

  it('makes the outermost regions and Åland EU territory, with their dates', () => {
    for (const code of ['GP', 'GF', 'MQ', 'RE', 'MF', 'YT', 'AX']) expect([code, j.inGroup(code, 'EEA', '2026-11-28')]).toEqual([code, true]);
    expect(j.inGroup('YT', 'EU', '2013-12-31')).toBe(false);
    expect(j.inGroup('YT', 'EU', '2014-01-01')).toBe(true);
    expect(j.inGroup('AX', 'EU', '1994-12-31')).toBe(false);
    expect(j.inGroup('BL', 'EU', '2011-12-31')).toBe(true);
    expect(j.inGroup('BL', 'EU', '2012-01-01')).toBe(false);
    expect(j.inGroup('GL', 'EU', '1985-01-31')).toBe(true);
    expect(j.inGroup('GL', 'EU', '1985-02-01')).toBe(false);
  });

  it('takes Gibraltar out of the EU with the UK and out of the EEA at the end of the transition period', () => {
    expect(j.inGroup('GI', 'EU', '2020-01-31')).toBe(true);
    expect(j.inGroup('GI', 'EU', '2020-02-01')).toBe(false);
    expect(j.inGroup('GI', 'EEA', '2020-12-31')).toBe(true);
    expect(j.inGroup('GI', 'EEA', '2021-01-01')).toBe(false);
  });

  it('keeps the overseas countries and territories, the Crown Dependencies and the British Overseas Territories outside the EEA', () => {
    for (const code of ['NC', 'PF', 'WF', 'PM', 'TF', 'BL', 'AW', 'CW', 'SX', 'BQ', 'GL', 'FO', 'SJ', 'BV', 'GG', 'JE', 'IM', 'GI', 'BM', 'KY', 'VG', 'FK', 'PR', 'HK', 'MO']) {
      expect([code, j.inGroup(code, 'EEA', '2026-11-28')]).toEqual([code, false]);
    }
  });

  it('marks every EEA state territory outside the EEA whose own law no pack encodes, or puts it in GDPR-UNCONFIRMED', () => {
    const eea = j.membersOn('EEA', '2026-11-28');
    const unconfirmed = j.membersOn('GDPR-UNCONFIRMED', '2026-11-28');
    for (const [code, t] of Object.entries(data.territories!)) {
      if (t.of === undefined || !eea.has(t.of) || eea.has(code)) continue;
      // Either the data says which law applies there (not the GDPR), or the status is unconfirmed.
      expect([code, unconfirmed.has(code) || /own|Dutch BES|third country/.test(t.status)]).toEqual([code, true]);
    }
  });

  it('refuses data that names a territory as a state, an unknown sovereign, or an unknown group', () => {
    const bad: JurisdictionsData = {
      ...data,
      states: [...data.states!, 'RE'],
      territories: { ...data.territories!, XX: { name: 'Nowhere', of: 'QQ', kind: 'dependency', status: 'x', sources: ['https://example.org'], groups: [{ group: 'NOPE' }] } },
    };
    expect(Jurisdictions.check(bad)).toEqual(expect.arrayContaining([
      'RE is listed both as a state and as a territory',
      'territory XX belongs to QQ, which is not in states',
      'territory XX refers to unknown group NOPE',
    ]));
  });

  it('judges a recipient in a territory whose coverage is unconfirmed as scope-unconfirmed, and an uncertified one as outside', () => {
    const facts = { country: 'PR', sector: 'private', certifications: ['eu-us-dpf'], purposes: [], carriesHrData: false };
    expect(j.adequacy('eu', facts, '2026-11-28')).toMatchObject({ status: 'scope-unconfirmed', id: 'eu-us-dpf', missingFacts: ['territory'] });
    expect(j.adequacy('eu', { ...facts, certifications: [] }, '2026-11-28').status).toBe('outside-scope');
    expect(j.adequacy('eu', { ...facts, country: 'US' }, '2026-11-28').status).toBe('adequate');
  });
});
