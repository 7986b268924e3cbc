import { severityRank, type Report, type Severity } from '../types';
import { suppressionOf } from './suppression';

export type FailOn = Severity | 'none';

/**
 * The exit code of a check: 2 for bad input, 1 when a finding reaches `failOn`, else 0. Findings
 * under an active waiver or already in the baseline do not count; warnings never do. It lives
 * with the report, not in the command, so library users get the same answer.
 */
export function exitCodeOf(report: Pick<Report, 'errors' | 'findings'>, failOn: FailOn = 'error'): 0 | 1 | 2 {
  if (report.errors.length > 0) return 2;
  if (failOn === 'none') return 0;
  const threshold = severityRank(failOn);
  const reaches = report.findings.some((f) => suppressionOf(f) === undefined && severityRank(f.severity) <= threshold);
  return reaches ? 1 : 0;
}
