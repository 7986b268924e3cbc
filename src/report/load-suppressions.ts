import { diagnostic, fail, ok, type Diagnostic, type Result } from '../source/diagnostic';
import { parseSource } from '../source/parse-source';
import { pointerToPath } from '../source/pointer';
import { validateAgainst } from '../source/validate-schema';
import type { Baseline } from './baseline';
import type { FixedFinding } from '../types/generated/report';
import type { Waiver, WaiverSet } from './waivers';

/** A waiver as written in the file, before its location is known. */
type WaiverEntry = Omit<Waiver, 'location'>;

/**
 * Parses a waiver file (YAML or JSON) and validates it against schemas/waivers.schema.json.
 * Every problem is returned, located (file:line:column), so the run can end with exit 2.
 */
export function parseWaiverFile(file: string, text: string, sha256?: string): Result<WaiverSet> {
  const parsed = parseSource(file, text, sha256);
  if (!parsed.ok) return fail(parsed.diagnostics);
  const schemaErrors = validateAgainst('waivers', parsed.value);
  if (schemaErrors.length > 0) return fail(schemaErrors);
  const { source, data } = parsed.value;
  const entries = (data as { waivers: WaiverEntry[] }).waivers;
  const errors: Diagnostic[] = [];
  const waivers: Waiver[] = [];
  entries.forEach((entry, i) => {
    const pointer = `/waivers/${i}`;
    // JSON Schema could say this with anyOf, but ajv's anyOf errors read badly; one sentence reads well.
    if (entry.flowId === undefined && entry.fingerprint === undefined) {
      errors.push(diagnostic('waivers/schema', `${pointerToPath(pointer)}: a waiver needs flowId, fingerprint or both`, source.locate(pointer), 'a waiver for a whole rule would hide new findings; name the flow or the finding'));
      return;
    }
    // expires is the first day the waiver no longer applies: it must come after the approval.
    if (entry.approvedOn !== undefined && entry.expires <= entry.approvedOn) {
      errors.push(diagnostic('waivers/schema', `${pointerToPath(`${pointer}/expires`)}: expected a date after approvedOn (${entry.approvedOn}), got ${entry.expires}`, source.locate(`${pointer}/expires`), 'expires is the first day the waiver no longer applies; approvedOn the day it was approved'));
      return;
    }
    waivers.push({
      ruleId: entry.ruleId,
      ...(entry.flowId !== undefined ? { flowId: entry.flowId } : {}),
      ...(entry.fingerprint !== undefined ? { fingerprint: entry.fingerprint } : {}),
      reason: entry.reason,
      approver: entry.approver,
      ...(entry.approvedOn !== undefined ? { approvedOn: entry.approvedOn } : {}),
      expires: entry.expires,
      location: source.locate(pointer),
    });
  });
  if (errors.length > 0) return fail(errors);
  return ok({ file, sha256: source.sha256, waivers });
}

const FINGERPRINT = /^[0-9a-f]{16,64}$/;

/**
 * Parses a baseline: a JSON report of an earlier run (`dfft check -f json=baseline.json`). Only
 * the findings' fingerprints are read, so a report of an older or newer dfft works too.
 */
export function parseBaselineFile(file: string, text: string, sha256?: string): Result<Baseline> {
  const parsed = parseSource(file, text, sha256);
  if (!parsed.ok) return fail(parsed.diagnostics);
  const { source, data } = parsed.value;
  const hint = 'a baseline is the JSON report of an earlier run: dfft check <paths> -f json=baseline.json';
  const bad = (pointer: string, message: string): Result<Baseline> => fail([diagnostic('argument/invalid', `--baseline: ${message}`, source.locate(pointer), hint)]);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return bad('', 'expected a dfft JSON report (an object)');
  const findings = (data as Record<string, unknown>).findings;
  if (!Array.isArray(findings)) return bad('', 'expected a dfft JSON report with a "findings" array');
  const fingerprints = new Set<string>();
  const known = new Map<string, BaselineEntry>();
  const errors: Diagnostic[] = [];
  findings.forEach((f: unknown, i) => {
    const fp = typeof f === 'object' && f !== null ? (f as Record<string, unknown>).fingerprint : undefined;
    // A finding of a rule the policy had disabled was shown, not accepted: it does not enter the baseline.
    const disabled = (f as { policyOverride?: { change?: unknown } } | null)?.policyOverride?.change === 'disabled';
    if (typeof fp === 'string' && FINGERPRINT.test(fp)) {
      if (!disabled) {
        fingerprints.add(fp);
        known.set(fp, baselineEntry(f as Record<string, unknown>));
      }
    }
    else errors.push(diagnostic('argument/invalid', `--baseline: findings[${i}].fingerprint: expected 16 to 64 hex digits`, source.locate(`/findings/${i}`), hint));
  });
  if (errors.length > 0) return fail(errors);
  return ok({ file, sha256: source.sha256, fingerprints, findings: known });
}

type BaselineEntry = Omit<FixedFinding, 'fingerprint'>;

/** What a baseline's finding says of itself, its fields kept only when they have the contract's type. */
function baselineEntry(f: Record<string, unknown>): BaselineEntry {
  const text = (key: 'ruleId' | 'flowId' | 'message'): Partial<BaselineEntry> => (typeof f[key] === 'string' ? { [key]: f[key] } : {});
  const severity: Partial<BaselineEntry> = f.severity === 'error' || f.severity === 'warning' || f.severity === 'info' ? { severity: f.severity } : {};
  return { ...text('ruleId'), ...text('flowId'), ...severity, ...text('message') };
}
