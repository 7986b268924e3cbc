import type { Report } from '../types';

/** The findings of an earlier report, by fingerprint: what a team has already accepted to fix later. */
export interface Baseline {
  file: string;
  sha256: string;
  fingerprints: ReadonlySet<string>;
}

/**
 * Marks every finding `baselineState: unchanged` when the baseline has its fingerprint, else
 * `new`, and returns a new report. Unchanged findings stay in the report but do not fail the
 * run, so a team can adopt dfft on a large estate and ratchet: only new findings fail.
 */
export function applyBaseline(report: Report, baseline: Baseline): Report {
  const findings = report.findings.map((f) => ({ ...f, baselineState: baseline.fingerprints.has(f.fingerprint) ? ('unchanged' as const) : ('new' as const) }));
  return {
    ...report,
    policy: { ...report.policy, baseline: { file: baseline.file, sha256: baseline.sha256 } },
    summary: { ...report.summary, baselined: findings.filter((f) => f.baselineState === 'unchanged').length },
    findings,
  };
}

/** The fingerprints of a report's findings: a baseline made from it. */
export function fingerprintsOf(report: Pick<Report, 'findings'>): Set<string> {
  return new Set(report.findings.map((f) => f.fingerprint));
}
