import type { Finding, FlowResult, Report } from '../../../src/types';

/**
 * A synthetic estate of `parties` parties (about a tenth group companies, a third processors,
 * the rest sub-processors) in 14 countries, with flows from group companies to processors, from
 * processors to sub-processors and within the group: the shape of a real record of transfers.
 * Every verdict occurs. Deterministic (a fixed LCG, no clock), for the "legible at 50 parties"
 * checks.
 */
export function largeReport(parties = 50): Report {
  let seed = 42;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor(seed / 65536) % n;
  };
  const groupCountries = ['DE', 'FR', 'IE', 'JP', 'NL'];
  const vendorCountries = ['US', 'IN', 'SG', 'BR', 'GB', 'KR', 'CA', 'CH', 'PH', 'US'];
  const nGroup = Math.max(2, Math.round(parties / 10));
  const nProc = Math.round(parties / 3);
  const all: Array<{ id: string; country: string; kind: 'group' | 'proc' | 'sub' }> = [];
  for (let i = 0; i < parties; i++) {
    const kind = i < nGroup ? 'group' : i < nGroup + nProc ? 'proc' : 'sub';
    const country = kind === 'group' ? groupCountries[i % groupCountries.length] : vendorCountries[rnd(vendorCountries.length)];
    const name = kind === 'group' ? `acme-${country.toLowerCase()}` : kind === 'proc' ? `vendor-${String(i).padStart(2, '0')}` : `sub-${String(i).padStart(2, '0')}`;
    all.push({ id: all.some((p) => p.id === name) ? `${name}-${i}` : name, country, kind });
  }
  const groups = all.filter((p) => p.kind === 'group');
  const procs = all.filter((p) => p.kind === 'proc');
  const subs = all.filter((p) => p.kind === 'sub');
  const pairs: Array<[typeof all[number], typeof all[number]]> = [];
  for (let i = 1; i < groups.length; i++) pairs.push([groups[0], groups[i]]);
  for (const p of procs) {
    pairs.push([groups[rnd(groups.length)], p]);
    if (rnd(2) === 0) pairs.push([groups[rnd(groups.length)], p]);
  }
  subs.forEach((s, i) => {
    pairs.push([procs[i % procs.length], s]);
    if (rnd(3) === 0) pairs.push([procs[rnd(procs.length)], s]);
  });

  const flows: FlowResult[] = [];
  const findings: Finding[] = [];
  pairs.forEach(([from, to], n) => {
    const id = `${from.id}-to-${to.id}`.slice(0, 40) + (flows.some((f) => f.id.startsWith(`${from.id}-to-${to.id}`.slice(0, 40))) ? `-${n}` : '');
    const roll = rnd(10);
    const active = rnd(25) !== 0;
    const verdict = !active || roll < 5 ? 'allowed' : roll < 7 ? 'review' : 'violation';
    const location = { file: `manifests/system-${n % 7}.yaml`, line: 10 + n * 6, column: 5, endLine: 15 + n * 6, endColumn: 1, pointer: `/flows/${n}` };
    flows.push({
      id,
      from: from.id,
      to: to.id,
      exporterCountry: from.country,
      importerCountry: to.country,
      datasets: ['customers'],
      active,
      verdict,
      regimes: active ? ['eu-gdpr'] : [],
      basis: active && verdict === 'allowed' ? [{ regime: 'eu-gdpr', ruleId: 'eu-gdpr/transfer-without-basis', text: 'Art. 46(2)(c) standard contractual clauses 2021/914, module 2' }] : [],
      location,
    });
    if (verdict !== 'allowed') {
      findings.push({
        ruleId: verdict === 'violation' ? 'eu-gdpr/transfer-without-basis' : 'eu-gdpr/missing-tia',
        regime: 'eu-gdpr',
        severity: verdict === 'violation' ? 'error' : 'warning',
        flowId: id,
        path: [id],
        message: `Flow ${id} sends personal data from ${from.country} to ${to.country} without a basis.`,
        citation: { law: 'GDPR', article: 'Art. 44', url: 'http://data.europa.eu/eli/reg/2016/679/oj' },
        remediation: 'Sign the standard contractual clauses.',
        location,
        fingerprint: (0x1000000000000000n + BigInt(n)).toString(16),
      });
    }
  });
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  return {
    reportVersion: 2,
    tool: { name: 'dfft', version: '0.1.0' },
    asOf: '2026-11-28',
    policy: { packs: [{ id: 'eu-gdpr', title: 'EU GDPR Chapter V (Art. 44-49)', version: '1.0.0', effective: '2026-05-31' }], files: [], overrides: [] },
    inputs: Array.from({ length: 7 }, (_, i) => ({ file: `manifests/system-${i}.yaml`, sha256: String(i).repeat(64) })),
    summary: {
      flows: flows.length,
      verdicts: {
        allowed: flows.filter((f) => f.verdict === 'allowed').length,
        review: flows.filter((f) => f.verdict === 'review').length,
        violation: flows.filter((f) => f.verdict === 'violation').length,
        'not-assessed': flows.filter((f) => f.verdict === 'not-assessed').length,
      },
      findings: { error: count('error'), warning: count('warning'), info: count('info') },
      errors: 0,
    },
    flows,
    findings,
    errors: [],
  };
}
