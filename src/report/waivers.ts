import { compareStrings } from '../source/diagnostic';
import type { Finding, Report, SourceLocation } from '../types';
import type { AppliedWaiver, ReportWarning } from '../types/generated/report';

/** One entry of a waiver file (schemas/waivers.schema.json), with where it was written. */
export interface Waiver {
  ruleId: string;
  /** Waives the rule's findings on this flow. */
  flowId?: string;
  /** Waives the one finding with this fingerprint. With flowId too, both must match. */
  fingerprint?: string;
  reason: string;
  approver: string;
  /** The day it was approved: it does not apply before. */
  approvedOn?: string;
  /** First day (YYYY-MM-DD) on which the waiver no longer applies. */
  expires: string;
  /** The entry in the waiver file. */
  location: SourceLocation;
}

/** A loaded waiver file. */
export interface WaiverSet {
  file: string;
  sha256: string;
  waivers: Waiver[];
}

/**
 * Whether a waiver is expired on a date. `expires` is the first day on which it no longer applies,
 * so a waiver that expires on 2027-01-31 still covers a report as of 2027-01-30.
 */
export function isExpired(waiver: Pick<Waiver, 'expires'>, asOf: string): boolean {
  // Both are YYYY-MM-DD, so string order is date order.
  return asOf >= waiver.expires;
}

/** Whether a waiver was approved after a date: nothing dated after asOf applies on asOf. */
export function isNotYetApproved(waiver: Pick<Waiver, 'approvedOn'>, asOf: string): boolean {
  return waiver.approvedOn !== undefined && waiver.approvedOn > asOf;
}

/** Whether a waiver names a finding: same rule, and the flow and/or fingerprint it gives. */
export function waiverMatches(waiver: Waiver, finding: Pick<Finding, 'ruleId' | 'flowId' | 'fingerprint'>): boolean {
  return (
    waiver.ruleId === finding.ruleId &&
    (waiver.flowId === undefined || waiver.flowId === finding.flowId) &&
    (waiver.fingerprint === undefined || waiver.fingerprint === finding.fingerprint)
  );
}

/**
 * Applies a waiver file to a report and returns a new report (the input is not changed). Every
 * finding stays. A finding matched by a waiver that has not expired on the report's asOf is
 * marked `waiver.status: active` and no longer fails the run; one matched only by expired
 * waivers is marked `expired` and counts again. Each expired waiver and each waiver that matches
 * no finding adds a warning, located at the waiver. Verdicts are left as they are: a waived
 * violation is still a violation, with an accepted risk.
 */
export function applyWaivers(report: Report, set: WaiverSet, options: { horizonEnd?: string } = {}): Report {
  const matched = new Set<Waiver>();
  // Findings each expired waiver leaves counting again (matched only by expired waivers).
  const countingAgain = new Map<Waiver, number>();
  const candidatesOf = waiverIndex(set.waivers);
  const findings = report.findings.map((finding): Finding => {
    const candidates = candidatesOf(finding).filter((w) => !isNotYetApproved(w, report.asOf));
    for (const w of candidates) matched.add(w);
    const chosen = candidates.find((w) => !isExpired(w, report.asOf)) ?? candidates[0];
    const { waiver: _previous, ...rest } = finding;
    if (!chosen) return rest;
    const expired = isExpired(chosen, report.asOf);
    if (expired) for (const w of candidates) countingAgain.set(w, (countingAgain.get(w) ?? 0) + 1);
    // Object.assign: a spread with a new key gets a hidden class of its own per finding in optimised code.
    return Object.assign({}, rest, { waiver: toApplied(chosen, expired ? 'expired' : 'active') });
  });

  const warnings: ReportWarning[] = [];
  for (const w of set.waivers) {
    const what = describe(w);
    if (isNotYetApproved(w, report.asOf)) {
      warnings.push({
        code: 'waiver/not-yet-approved',
        message: `waiver for ${what} was approved on ${w.approvedOn}, after ${report.asOf}: it does not apply to this report`,
        hint: 'check approvedOn, or run the report for a date on or after the approval',
        location: w.location,
      });
    } else if (!matched.has(w)) {
      warnings.push({
        code: 'waiver/unmatched',
        message: `waiver for ${what} matches no finding${isExpired(w, report.asOf) ? ` (and expired on ${w.expires})` : ''}`,
        hint: 'remove it if the finding was fixed, or check the rule id, flow id and fingerprint against the report',
        location: w.location,
      });
    } else if (isExpired(w, report.asOf)) {
      const n = countingAgain.get(w) ?? 0;
      warnings.push({
        code: 'waiver/expired',
        message: `waiver for ${what} expired on ${w.expires} (as of ${report.asOf})${n > 0 ? `: ${n} finding${n === 1 ? '' : 's'} count${n === 1 ? 's' : ''} again` : ''}`,
        hint: 'fix the flow, or renew the waiver with a new expiry date and approval',
        location: w.location,
      });
    } else if (options.horizonEnd && !isExpired(w, report.asOf) && w.expires <= options.horizonEnd) {
      // --horizon: what is coming. expires is the first day the waiver no longer applies.
      warnings.push({
        code: 'waiver/expiring',
        message: `waiver for ${what} expires on ${w.expires}, within the horizon (to ${options.horizonEnd})`,
        hint: 'fix the flow before then, or renew the waiver with a new approval',
        location: w.location,
      });
    }
  }

  const allWarnings = sortWarnings([...(report.warnings ?? []).filter((w) => !w.code.startsWith('waiver/')), ...warnings]);
  const waived = findings.filter((f) => f.waiver?.status === 'active').length;
  const { warnings: _old, ...base } = report;
  return {
    ...base,
    policy: { ...report.policy, waivers: { file: set.file, sha256: set.sha256 } },
    summary: withWarningCount({ ...report.summary, waived }, allWarnings.length),
    findings,
    ...(allWarnings.length > 0 ? { warnings: allWarnings } : {}),
  };
}

/**
 * The waivers that match a finding, in the file's order, found through an index by rule and flow
 * (a waiver names its rule, and a flow or none): work per finding does not grow with the file.
 */
function waiverIndex(waivers: readonly Waiver[]): (finding: Pick<Finding, 'ruleId' | 'flowId' | 'fingerprint'>) => Waiver[] {
  const index = new Map<string, Array<{ w: Waiver; order: number }>>();
  waivers.forEach((w, order) => {
    const key = JSON.stringify([w.ruleId, w.flowId ?? null]);
    const list = index.get(key);
    if (list) list.push({ w, order });
    else index.set(key, [{ w, order }]);
  });
  return (finding) => {
    const exact = index.get(JSON.stringify([finding.ruleId, finding.flowId])) ?? [];
    const anyFlow = index.get(JSON.stringify([finding.ruleId, null])) ?? [];
    const both = exact.length > 0 && anyFlow.length > 0 ? [...exact, ...anyFlow].sort((a, b) => a.order - b.order) : exact.length > 0 ? exact : anyFlow;
    return both.filter(({ w }) => waiverMatches(w, finding)).map(({ w }) => w);
  };
}

function toApplied(w: Waiver, status: AppliedWaiver['status']): AppliedWaiver {
  return { status, reason: w.reason, approver: w.approver, expires: w.expires, location: w.location };
}

function describe(w: Waiver): string {
  const target = [w.flowId ? `flow ${w.flowId}` : undefined, w.fingerprint ? `fingerprint ${w.fingerprint}` : undefined].filter(Boolean).join(', ');
  return `${w.ruleId} on ${target}`;
}

/** The summary with `warnings` set to n, or without the field when there are none. */
export function withWarningCount(summary: Report['summary'], n: number): Report['summary'] {
  const { warnings: _old, ...rest } = summary;
  return n > 0 ? { ...rest, warnings: n } : rest;
}

/** Orders warnings by file, line, column and message, unlocated ones last. */
export function sortWarnings(warnings: ReportWarning[]): ReportWarning[] {
  return [...warnings].sort((a, b) => {
    const la = a.location;
    const lb = b.location;
    if (!la || !lb) return la ? -1 : lb ? 1 : compareStrings(a.message, b.message);
    return compareStrings(la.file, lb.file) || la.line - lb.line || la.column - lb.column || compareStrings(a.message, b.message);
  });
}
