import { applyBaseline, fingerprintsOf } from '../../src/report/baseline';
import { exitCodeOf } from '../../src/report/exit-code';
import { createAjv } from '../../src/validate/ajv';
import { loadSchema } from '../../src/validate/schemas';
import type { Report } from '../../src/types';
import { fixtureReport } from './support/fixtures';

function report(): Report {
  return { ...fixtureReport(), errors: [], summary: { ...fixtureReport().summary, errors: 0 } };
}

describe('applyBaseline', () => {
  it('marks findings in the baseline unchanged and the others new, keeping all of them', () => {
    const r = report();
    const known = new Set(r.findings.filter((f) => f.severity === 'error').map((f) => f.fingerprint));
    const out = applyBaseline(r, { file: 'baseline.json', sha256: 'd'.repeat(64), fingerprints: known });
    expect(out.findings).toHaveLength(r.findings.length);
    expect(out.findings.map((f) => [f.severity, f.baselineState])).toEqual(r.findings.map((f) => [f.severity, f.severity === 'error' ? 'unchanged' : 'new']));
    expect(out.summary.baselined).toBe(known.size);
    expect(out.policy.baseline).toEqual({ file: 'baseline.json', sha256: 'd'.repeat(64) });
    const validate = createAjv().compile(loadSchema('report'));
    expect(validate(JSON.parse(JSON.stringify(out))) ? [] : validate.errors).toEqual([]);
  });

  it('fails the run only for findings not in the baseline', () => {
    const r = report();
    const all = fingerprintsOf(r);
    expect(exitCodeOf(applyBaseline(r, { file: 'b', sha256: 'd'.repeat(64), fingerprints: all }))).toBe(0);
    const withoutOneError = new Set([...all].filter((fp) => fp !== r.findings.find((f) => f.severity === 'error')!.fingerprint));
    expect(exitCodeOf(applyBaseline(r, { file: 'b', sha256: 'd'.repeat(64), fingerprints: withoutOneError }))).toBe(1);
    // A new warning fails only with --fail-on warning.
    const withoutWarning = new Set([...all].filter((fp) => fp !== r.findings.find((f) => f.severity === 'warning')!.fingerprint));
    const applied = applyBaseline(r, { file: 'b', sha256: 'd'.repeat(64), fingerprints: withoutWarning });
    expect([exitCodeOf(applied, 'error'), exitCodeOf(applied, 'warning')]).toEqual([0, 1]);
  });

  it('an empty baseline marks everything new and changes nothing about the exit code', () => {
    const r = report();
    const out = applyBaseline(r, { file: 'b', sha256: 'd'.repeat(64), fingerprints: new Set() });
    expect(out.findings.every((f) => f.baselineState === 'new')).toBe(true);
    expect(exitCodeOf(out)).toBe(exitCodeOf(r));
  });
});
