import type { Finding } from '../types';

/** Why a finding does not fail the run: an active waiver, or it was already in the baseline. */
export type Suppression = 'waived' | 'baseline';

/**
 * Whether a finding is kept out of the exit code, and why. A waiver wins over the baseline
 * because it carries a reason and an approver. Expired waivers do not suppress.
 */
export function suppressionOf(finding: Pick<Finding, 'waiver' | 'baselineState'>): Suppression | undefined {
  if (finding.waiver?.status === 'active') return 'waived';
  if (finding.baselineState === 'unchanged') return 'baseline';
  return undefined;
}
