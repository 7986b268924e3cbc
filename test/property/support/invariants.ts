import { parse } from 'yaml';
import type { ValidateFunction } from 'ajv';
import { DiagnosticError, isDiagnostic } from '../../../src/source/diagnostic';
import { exitCodeOf } from '../../../src/report/exit-code';
import type { Finding, Report, SourceLocation } from '../../../src/types';
import { createAjv } from '../../../src/source/ajv';
import { loadSchema } from '../../../src/source/schemas';

/**
 * What must hold of every report and every input error, whatever the input. Each check throws
 * an Error naming what broke and the input, so fast-check shrinks to a minimal counterexample.
 */

export interface InputFile {
  file: string;
  text: string;
}

/** The rule ids of the engine's own findings: a flow judged by no pack is not a silent pass. */
export const NO_REGIME = 'dfft/no-regime';
export const NOT_ASSESSED = 'dfft/not-assessed';
export const UNDECIDABLE = 'dfft/undecidable';

let reportValidator: ValidateFunction | undefined;

export class InvariantError extends Error {
  override readonly name = 'InvariantError';
}

function fail(what: string, detail: unknown): never {
  throw new InvariantError(`${what}\n${typeof detail === 'string' ? detail : JSON.stringify(detail, null, 2)?.slice(0, 4000)}`);
}

/** A stack trace or a raw JS error leaking into a user-facing message. */
const LEAK = /\n\s+at .+[:(]\d+:\d+\)?|\b(?:TypeError|ReferenceError|RangeError|SyntaxError): |\bundefined is not\b|\bCannot read propert|\bis not a function\b|\[object Object\]/;

export function assertNoLeak(text: string, where: string): void {
  if (LEAK.test(text)) fail(`${where}: a JS error or stack trace leaks into the output`, text.slice(0, 4000));
}

/** Where locations may point: file name → its lines (memoised), or undefined. */
export type KnownFiles = (file: string) => readonly string[] | undefined;

// Lines end at LF (CRLF included), as in YAML 1.2 and editors today. A lone CR is not a line break
// here: dfft does not count it as one either (a CR-only JSON file is located on line 1).
const LINE_BREAK = '\n';

/** The files a location may point into, split into lines once. */
export function knownFiles(files: readonly InputFile[] | ((file: string) => string | undefined)): KnownFiles {
  const lines = new Map<string, readonly string[] | undefined>();
  return (file) => {
    if (!lines.has(file)) {
      const text = typeof files === 'function' ? files(file) : files.find((f) => f.file === file)?.text;
      lines.set(file, text === undefined ? undefined : text.split(LINE_BREAK));
    }
    return lines.get(file);
  };
}

/**
 * A 1-based location inside one of the input files: the line exists (or is the one after the
 * last, for "unexpected end"), and the column is within that line (or just past its end).
 * Columns are compared with the line's UTF-16 length, an upper bound whatever unit is counted.
 */
export function assertLocated(location: SourceLocation | undefined, known: KnownFiles, what: string): void {
  if (!location) fail(`${what}: no location`, what);
  const { file, line, column } = location;
  const lines = known(file);
  if (lines === undefined) fail(`${what}: located in a file that is not an input: ${file}`, location);
  if (!Number.isInteger(line) || !Number.isInteger(column) || line < 1 || column < 1) fail(`${what}: line and column must be 1-based integers`, location);
  if (line > lines.length + 1) fail(`${what}: line ${line} is past the end of ${file} (${lines.length} lines)`, location);
  const length = lines[line - 1]?.length ?? 0;
  if (column > length + 1) fail(`${what}: column ${column} is past the end of line ${line} of ${file} (${length} characters)`, { location, line: lines[line - 1]?.slice(0, 200) });
  if (typeof location.pointer !== 'string' || (location.pointer !== '' && !location.pointer.startsWith('/'))) fail(`${what}: pointer must be a JSON Pointer`, location);
}

/**
 * The spec's verdict: violation on any error finding, not-assessed when no pack of the run judged
 * a flow that leaves a country (the engine's dfft/not-assessed), review on a warning, else
 * allowed. Findings of rules the policy disabled count in no verdict.
 */
export function expectedVerdict(findings: readonly Pick<Finding, 'severity' | 'ruleId' | 'policyOverride'>[]): string {
  const counted = findings.filter((f) => f.policyOverride?.change !== 'disabled');
  if (counted.some((f) => f.severity === 'error')) return 'violation';
  if (counted.some((f) => f.ruleId === NOT_ASSESSED)) return 'not-assessed';
  if (counted.some((f) => f.severity === 'warning')) return 'review';
  return 'allowed';
}

/**
 * The report is the contract's (schema-valid), consistent with itself (summary, verdicts, flow
 * ids of findings, paths), every finding and input error is located in an input, no message
 * leaks a stack trace, and the exit code is 2 exactly when there are input errors.
 */
export function assertReport(report: Report, files: readonly InputFile[]): void {
  const known = knownFiles(files);
  reportValidator ??= createAjv().compile(loadSchema('report'));
  const plain = JSON.parse(JSON.stringify(report));
  if (!reportValidator(plain)) fail('the report does not follow schemas/report.schema.json', reportValidator.errors);
  const flowIds = new Set(report.flows.map((f) => f.id));
  if (flowIds.size !== report.flows.length) fail('a flow is reported twice', report.flows.map((f) => f.id));
  for (const f of report.findings) {
    if (!flowIds.has(f.flowId)) fail('a finding names a flow that is not in the report', f);
    if (f.path.length === 0 || f.path[f.path.length - 1] !== f.flowId) fail('a finding\'s path must end with its flow', f);
    assertLocated(f.location, known, `finding ${f.ruleId} on ${f.flowId}`);
    assertNoLeak(`${f.message}\n${f.remediation}`, `finding ${f.ruleId}`);
  }
  const byFlow = new Map<string, Finding[]>();
  for (const f of report.findings) byFlow.set(f.flowId, [...(byFlow.get(f.flowId) ?? []), f]);
  for (const flow of report.flows) {
    const own = byFlow.get(flow.id) ?? [];
    // A flow not in force on the date is not judged, so never allowed.
    const expected = flow.active ? expectedVerdict(own) : 'not-assessed';
    if (flow.verdict !== expected) fail(`flow ${flow.id} has verdict ${flow.verdict}, expected ${expected} (${flow.active ? 'from its findings' : 'inactive'})`, own);
    if (!flow.active && own.length > 0) fail(`flow ${flow.id} is inactive on ${report.asOf} but has findings`, own);
    if (flow.verdict === 'not-assessed' && flow.active && (!flow.crossBorder || !flow.wouldApply?.length)) fail(`flow ${flow.id} is not-assessed, yet it stays in one country or no built-in pack would judge it`, flow);
    assertLocated(flow.location, known, `flow ${flow.id}`);
  }
  const counted = report.findings.filter((f) => f.policyOverride?.change !== 'disabled');
  const count = (s: string) => counted.filter((f) => f.severity === s).length;
  const summary = report.summary;
  const { verdicts } = summary;
  if (summary.flows !== report.flows.length || summary.errors !== report.errors.length
    || summary.findings.error !== count('error') || summary.findings.warning !== count('warning') || summary.findings.info !== count('info')
    || verdicts.allowed + verdicts.review + verdicts.violation + verdicts['not-assessed'] + (summary.inactive ?? 0) !== report.flows.length
    || (summary.inactive ?? 0) !== report.flows.filter((f) => !f.active).length
    || verdicts['not-assessed'] !== report.flows.filter((f) => f.active && f.verdict === 'not-assessed').length) {
    fail('the summary does not add up', summary);
  }
  for (const e of report.errors) {
    assertLocated(e.location, known, `input error "${e.message}"`);
    assertNoLeak(`${e.message}\n${e.hint ?? ''}`, 'input error');
  }
  const expectedExit = report.errors.length > 0 ? 2 : counted.some((f) => f.severity === 'error') ? 1 : 0;
  const exit = exitCodeOf(report, 'error');
  if (exit !== expectedExit) fail(`exitCodeOf gives ${exit}, expected ${expectedExit}`, { errors: report.errors.length, findings: report.findings.map((f) => f.severity) });
}

/** What the input files declare, read independently of dfft (tolerant: unparsable files are skipped). */
export function declared(files: readonly InputFile[]): { flows: string[]; personal: Map<string, boolean> } {
  const flows: string[] = [];
  const personal = new Map<string, boolean>();
  for (const { file, text } of files) {
    let data: unknown;
    try {
      data = file.endsWith('.json') ? JSON.parse(text) : parse(text, { uniqueKeys: false });
    } catch {
      continue;
    }
    if (data === null || typeof data !== 'object') continue;
    const m = data as { flows?: unknown; datasets?: unknown };
    if (Array.isArray(m.flows)) for (const f of m.flows) if (f && typeof f === 'object' && typeof (f as { id?: unknown }).id === 'string') flows.push((f as { id: string }).id);
    if (Array.isArray(m.datasets)) {
      for (const d of m.datasets) {
        if (!d || typeof d !== 'object') continue;
        const { id, identifiability } = d as { id?: unknown; identifiability?: unknown };
        if (typeof id === 'string') personal.set(id, identifiability === undefined || identifiability === 'identified' || identifiability === 'pseudonymised');
      }
    }
  }
  return { flows, personal };
}

/**
 * No flow is left unjudged: with no input errors, every flow the files declare is in the report,
 * and every active flow of personal data was judged: a regime applied, or the engine said why
 * not (dfft/no-regime, dfft/undecidable).
 */
export function assertJudged(report: Report, files: readonly InputFile[]): void {
  const { flows, personal } = declared(files);
  const reported = new Set(report.flows.map((f) => f.id));
  if (report.errors.length === 0) {
    const missing = flows.filter((id) => !reported.has(id));
    if (missing.length > 0) fail(`no input errors, yet declared flows are missing from the report: ${missing.join(', ')}`, report.flows.map((f) => f.id));
  }
  for (const flow of report.flows) {
    if (!flow.active) continue;
    // Unknown datasets count as personal: fail closed.
    if (!flow.datasets.some((d) => personal.get(d) ?? true)) continue;
    const engine = report.findings.some((f) => f.flowId === flow.id && (f.ruleId === NO_REGIME || f.ruleId === UNDECIDABLE || f.ruleId === NOT_ASSESSED));
    if (flow.regimes.length === 0 && !engine) fail(`active flow ${flow.id} of personal data was not judged: no regime, no ${NO_REGIME}, ${NOT_ASSESSED} or ${UNDECIDABLE} finding`, flow);
    if (flow.verdict === 'allowed' && flow.regimes.length === 0 && flow.crossBorder && flow.wouldApply?.length) fail(`flow ${flow.id} leaves its country, a built-in pack would judge it and none of the run did, yet it is allowed`, flow);
  }
}

/**
 * A rejected policy: DiagnosticError of Diagnostic, each located in the policy (or a file it
 * extends, or a built-in pack), none leaking a stack trace. Anything else is a crash.
 */
export function assertPolicyRejection(err: unknown, known: KnownFiles): void {
  if (!(err instanceof DiagnosticError)) fail('createChecker threw something other than DiagnosticError', err instanceof Error ? err.stack ?? err.message : String(err));
  if (err.diagnostics.length === 0) fail('DiagnosticError with no errors', err.message);
  for (const e of err.diagnostics) {
    if (!isDiagnostic(e)) fail('DiagnosticError holds something other than a Diagnostic', String(e));
    assertLocated(e.location, known, `policy error "${e.message}" [${e.code}]`);
    assertNoLeak(`${e.message}\n${e.hint ?? ''}`, 'policy error');
  }
}

/**
 * A finding as a set member: what must not change when inputs are reordered or split. With
 * `chain` false, the path and the fingerprint (a hash of rule and path) are left out.
 */
export function findingKey(f: Finding, chain = true): string {
  return JSON.stringify([f.ruleId, f.flowId, f.severity, f.message, f.remediation, ...(chain ? [f.path, f.fingerprint] : [])]);
}

export function findingSet(findings: readonly Finding[], chain = true): string[] {
  return findings.map((f) => findingKey(f, chain)).sort();
}

/** Flow results as a set: verdict, regimes and basis (in policy order) by flow id, locations aside. */
export function flowSet(report: Report): string[] {
  return report.flows.map((f) => JSON.stringify([f.id, f.verdict, f.active, f.regimes, f.basis, f.from, f.to, f.exporterCountry, f.importerCountry, f.datasets])).sort();
}
