import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { check } from '../../src/library/checker';
import type { JurisdictionsData } from '../../src/law/jurisdictions';
import { loadLaw } from '../../src/law/load-law';
import { builtinPackIds } from '../../src/policy/load-policy';
import { RULES_DIR } from '../../src/source/builtin-files';
import { formatDiagnostic } from '../../src/source/diagnostic';

// A cross-border flow out of a place whose law a built-in pack encodes is judged by that pack,
// for every ISO code and on dates on both sides of the changes in the data: no such flow falls
// through with no regime. The places are read from the data (EEA and GDPR-UNCONFIRMED members
// on the date, and the single countries of the other packs), so a territory added to a group is
// covered by this test without editing it.
const data = parse(fs.readFileSync(path.join(RULES_DIR, 'data', 'jurisdictions.yaml'), 'utf8')) as JurisdictionsData;
const codes = [...data.states!, ...Object.keys(data.territories!)].sort();
const loaded = loadLaw();
if (!loaded.ok) throw new Error(loaded.diagnostics.map((e) => formatDiagnostic(e)).join('\n'));
const law = loaded.value.law;

function manifest(from: readonly string[], to: string): string {
  return JSON.stringify({
    manifestVersion: 1,
    system: { id: 'coverage' },
    parties: [...from.map((c) => ({ id: `p-${c}`, country: c })), { id: 'dest', country: to }],
    datasets: from.map((c) => ({ id: `d-${c}`, categories: ['contact'], collectedIn: [c] })),
    flows: from.map((c) => ({ id: `f-${c}`, from: `p-${c}`, to: 'dest', datasets: [`d-${c}`] })),
  });
}

describe.each(['2013-12-31', '2020-12-31', '2021-01-01', '2026-11-28'])('on %s', (asOf) => {
  it('judges data sent from every place a built-in pack encodes to a third country under a pack', async () => {
    const report = await check([{ file: 'coverage.json', text: manifest(codes.filter((c) => c !== 'IN'), 'IN') }], { asOf, packs: builtinPackIds() });
    const encoded = new Set([
      ...law.jurisdictions.membersOn('EEA', asOf),
      ...law.jurisdictions.membersOn('GDPR-UNCONFIRMED', asOf),
      ...(asOf >= '2021-01-01' ? ['GB'] : []),
      'JP',
      ...(asOf >= '2021-11-01' ? ['CN'] : []),
      ...(asOf >= '2023-09-01' ? ['CH'] : []),
    ]);
    const unjudged = report.flows.filter((f) => f.regimes.length === 0).map((f) => f.id.slice(2));
    expect(unjudged.filter((c) => encoded.has(c))).toEqual([]);
    // The outermost regions and Åland are judged as the EEA is, on the dates they are EU territory.
    for (const c of ['RE', 'GP', 'MQ', 'GF', 'MF', 'AX']) expect([c, encoded.has(c)]).toEqual([c, true]);
    expect(encoded.has('YT')).toBe(asOf >= '2014-01-01');
    expect(encoded.has('GI')).toBe(asOf <= '2020-12-31');
  });
});

describe('data sent from the EEA into every territory', () => {
  it('is no transfer into EU territory, and a transfer needing a ground into every other territory', async () => {
    const asOf = '2026-11-28';
    const eea = law.jurisdictions.membersOn('EEA', asOf);
    const territories = Object.keys(data.territories!).sort();
    const text = JSON.stringify({
      manifestVersion: 1,
      system: { id: 'into' },
      parties: [{ id: 'de', country: 'DE' }, ...territories.map((c) => ({ id: `p-${c}`, country: c }))],
      datasets: [{ id: 'd', categories: ['contact'], collectedIn: ['DE'] }],
      flows: territories.map((c) => ({ id: `f-${c}`, from: 'de', to: `p-${c}`, datasets: ['d'], purposes: ['customer-support'] })),
    });
    const report = await check([{ file: 'into.json', text }], { asOf });
    const ruled = new Set(report.findings.filter((f) => f.ruleId === 'eu-gdpr/transfer-without-basis').map((f) => f.flowId.slice(2)));
    const adequate = new Set(report.flows.filter((f) => f.basis.some((b) => b.text.startsWith('adequacy:'))).map((f) => f.id.slice(2)));
    const reviewed = new Set(report.flows.filter((f) => f.verdict === 'review').map((f) => f.id.slice(2)));
    for (const c of territories) {
      const flow = report.flows.find((f) => f.id === `f-${c}`)!;
      if (eea.has(c)) expect([c, flow.verdict, ruled.has(c)]).toEqual([c, 'allowed', false]);
      else expect([c, ruled.has(c) || adequate.has(c) || reviewed.has(c)]).toEqual([c, true]);
    }
    // Only the Faroe Islands and the Crown Dependencies have an adequacy decision of their own.
    expect([...adequate].sort()).toEqual(['FO', 'GG', 'IM', 'JE']);
    expect([...ruled].filter((c) => eea.has(c))).toEqual([]);
    expect(ruled.has('NC') && ruled.has('GL') && ruled.has('BM') && ruled.has('HK')).toBe(true);
    // Where coverage by the sovereign's decision is unconfirmed, a review.
    expect([...reviewed].sort()).toEqual(['GI', 'TK']);
  });
});
