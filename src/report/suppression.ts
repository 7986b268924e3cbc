import type { Finding } from '../types';

/**
 * Why a finding does not fail the run: the policy disabled its rule, an active waiver, or it
 * was already in the baseline.
 */
export type Suppression = 'disabled' | 'waived' | 'baseline';

/**
 * Whether a finding is kept out of the exit code, and why. A waiver wins over the baseline
 * because it carries a reason and an approver. Expired waivers do not suppress.
 */
export function suppressionOf(finding: Pick<Finding, 'waiver' | 'baselineState' | 'policyOverride'>): Suppression | undefined {
  if (finding.policyOverride?.change === 'disabled') return 'disabled';
  if (finding.waiver?.status === 'active') return 'waived';
  if (finding.baselineState === 'unchanged') return 'baseline';
  return undefined;
}
