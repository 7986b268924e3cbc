import { compareStrings } from '../source/diagnostic';
import type { Finding, Report } from '../types';
import type { FixedFinding } from '../types/generated/report';

/** The findings of an earlier report, by fingerprint: what a team has already accepted to fix later. */
export interface Baseline {
  file: string;
  sha256: string;
  fingerprints: ReadonlySet<string>;
  /** What the baseline says of each finding (rule, flow, severity, message), for naming those fixed since. */
  findings?: ReadonlyMap<string, Omit<FixedFinding, 'fingerprint'>>;
}

/**
 * Marks every finding `baselineState: unchanged` when the baseline has its fingerprint, else
 * `new`, lists the baseline's findings this run no longer has (`fixedSinceBaseline`), and
 * returns a new report. Unchanged findings stay in the report but do not fail the run, so a team
 * can adopt dfft on a large estate and ratchet: only new findings fail.
 */
export function applyBaseline(report: Report, baseline: Baseline): Report {
  // Object.assign: a spread with a new key gets a hidden class of its own per finding in optimised code.
  const findings = report.findings.map((f): Finding => Object.assign({}, f, { baselineState: baseline.fingerprints.has(f.fingerprint) ? ('unchanged' as const) : ('new' as const) }));
  const fixed = fixedSince(report, baseline);
  return {
    ...report,
    policy: { ...report.policy, baseline: { file: baseline.file, sha256: baseline.sha256 } },
    summary: { ...report.summary, baselined: findings.filter((f) => f.baselineState === 'unchanged').length, fixed: fixed.length },
    findings,
    fixedSinceBaseline: fixed,
  };
}

/** The baseline's findings whose fingerprint this report does not have, by rule, flow and fingerprint. */
function fixedSince(report: Report, baseline: Baseline): FixedFinding[] {
  const current = fingerprintsOf(report);
  const fixed: FixedFinding[] = [];
  for (const fp of baseline.fingerprints) {
    if (!current.has(fp)) fixed.push({ fingerprint: fp, ...baseline.findings?.get(fp) });
  }
  return fixed.sort((a, b) => compareStrings(a.ruleId ?? '', b.ruleId ?? '') || compareStrings(a.flowId ?? '', b.flowId ?? '') || compareStrings(a.fingerprint, b.fingerprint));
}

/** The fingerprints of a report's findings: a baseline made from it. */
export function fingerprintsOf(report: Pick<Report, 'findings'>): Set<string> {
  return new Set(report.findings.map((f) => f.fingerprint));
}
