import type { Finding, InputErrorEntry, ReportWarning, Severity } from '../../types';
import { suppressionOf } from '../suppression';
import { overrideText } from './shared';

// What the CI formats (github, gitlab) say of a finding or a problem: one line of text each, so
// that an annotation or a Code Quality issue reads on its own.

/**
 * A finding in one line: why it does not fail the run or what the policy changed (in brackets,
 * first), the message, the citation and the remediation: "… (GDPR Art. 46(2)(c)) Fix: …".
 */
export function findingSummary(f: Finding): string {
  const marks: string[] = [];
  const override = overrideText(f);
  if (override) marks.push(`[${override}]`);
  if (f.waiver) marks.push(f.waiver.status === 'active' ? `[waived until ${f.waiver.expires} by ${f.waiver.approver}: ${f.waiver.reason}]` : `[waiver expired on ${f.waiver.expires}]`);
  if (f.baselineState === 'unchanged') marks.push('[in baseline]');
  return `${marks.map((m) => `${m} `).join('')}${f.message} (${f.citation.law} ${f.citation.article}) Fix: ${f.remediation}`;
}

/** An input error or a warning of the run in one line: its message and hint. */
export function problemSummary(p: InputErrorEntry | ReportWarning): string {
  return `${p.message}${p.hint ? ` (${p.hint})` : ''}`;
}

/**
 * The severity a CI system is told: a finding that does not fail the run (its rule disabled by
 * the policy, waived, or in the baseline) is information there, whatever its own severity, so
 * that it neither reads as an error nor fills GitHub's per-step quota of error annotations.
 * Its own severity stays in the report and the other formats.
 */
export function ciSeverity(f: Finding): Severity {
  return suppressionOf(f) === undefined ? f.severity : 'info';
}
