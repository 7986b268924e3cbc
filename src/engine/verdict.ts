import type { Finding, Verdict } from '../types/index';
import { ENGINE_RULES } from '../law/engine-rules';

/** The engine's finding on a flow that leaves a country and that no rule pack of the run judged. */
export const NOT_ASSESSED_RULE = ENGINE_RULES.notAssessed;

/** Whether a finding is of a rule the policy disabled: shown, but counted in no verdict, total or exit code. */
export function isDisabled(finding: Pick<Finding, 'policyOverride'>): boolean {
  return finding.policyOverride?.change === 'disabled';
}

/**
 * The contract's verdict from a flow's findings: violation when an error-level finding concerns
 * it; not-assessed when no rule pack of the run judged a flow that leaves a country; review when
 * the worst is a warning; else allowed. Findings of disabled rules do not count; waived ones do
 * (a waived risk is still a risk).
 */
export function verdictOf(findings: readonly Pick<Finding, 'severity' | 'ruleId' | 'policyOverride'>[]): Verdict {
  let worst: Verdict = 'allowed';
  for (const f of findings) {
    if (isDisabled(f)) continue;
    if (f.severity === 'error') return 'violation';
    if (f.ruleId === NOT_ASSESSED_RULE) worst = 'not-assessed';
    else if (f.severity === 'warning' && worst === 'allowed') worst = 'review';
  }
  return worst;
}
