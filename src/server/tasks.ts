/**
 * The work behind the service's routes (check, validate, explain and report formatting), run in a
 * worker thread so that a large request never blocks the event loop. Everything a task takes and
 * gives back is plain data: it crosses threads by structured clone.
 */
import { createHash } from 'node:crypto';
import { describePolicy, validateWithLaw, createChecker, type Checker, type ManifestInput, DiagnosticError, type Diagnostic, type Law, loadLaw, type PolicySelection, exitCodeOf, type FailOn, BINARY_FORMATS, type FormatName, formatReport, manifestText, runWithChecker, type RunResult, type SuppressionText, type Lang } from '../index';
import { REQUEST_FILE as REQUEST_PART } from './body';
import { fromDiagnostic, requestError, type ApiInputError } from './errors';
import { FORMAT_MEDIA_TYPES } from './route-schemas';

/** What a worker loads: the server's policy selection and the fingerprint the server compiled. */
export interface WorkerSetup {
  selection: PolicySelection;
  /** {@link policyFingerprint} of the policy the server compiled for this generation. */
  fingerprint: string;
}

interface TaskBase {
  /** The worker writes Date.now() into element 0 when it starts the task (the CPU budget counts from there). */
  started?: Float64Array;
}

export type Task =
  | (TaskBase & { kind: 'check'; inputs: ManifestInput[]; asOf: string; lang?: Lang; format: FormatName; failOn: FailOn; maxReportBytes: number; horizon?: string; waivers?: object; baseline?: object })
  | (TaskBase & { kind: 'validate'; inputs: ManifestInput[] })
  | (TaskBase & { kind: 'explain'; inputs: ManifestInput[]; flow: string; asOf: string; lang?: Lang })
  | (TaskBase & { kind: 'warm-up' });

/** A task's answer: the body to send, or the errors of a 4xx/503 answer. Log fields never quote manifests. */
export type TaskAnswer =
  | { ok: true; contentType: string; body: string | Uint8Array; headers: Record<string, string>; log: Record<string, unknown> }
  | { ok: false; status: number; errors: ApiInputError[]; log: Record<string, unknown> };

/** The compiled state a worker serves from. */
export interface TaskState {
  checker: Checker;
  law: Law;
}

/**
 * A digest of everything a compiled policy decides with: every pack and rule (conditions,
 * templates, severities, overrides) and the law data files. The server and each worker compile
 * the policy on their own; equal fingerprints mean they judge alike.
 */
export function policyFingerprint(checker: Checker, lawFiles: ReadonlyArray<{ file: string; sha256: string }>): string {
  return createHash('sha256').update(JSON.stringify({ policy: describePolicy(checker.policy), law: lawFiles })).digest('hex');
}

/**
 * Compiles the policy of a selection, as the server does, and checks that it is the policy the
 * server compiled: the files may have changed on disk since (they are read again whenever a worker
 * starts), and a worker must never judge by a policy the server does not report.
 */
export async function loadTaskState(setup: WorkerSetup): Promise<TaskState> {
  const checker = await createChecker(setup.selection);
  const law = loadLaw(setup.selection.rulesDir);
  if (!law.ok) throw new DiagnosticError(law.diagnostics);
  if (policyFingerprint(checker, law.value.files) !== setup.fingerprint) throw new PolicyChangedError();
  return { checker, law: law.value.law };
}

/** The policy files on disk are no longer those the server loaded for this generation. */
export class PolicyChangedError extends Error {
  override readonly name = 'PolicyChangedError';
  constructor() {
    super('the policy files changed on disk since the service loaded them');
  }
}

/** Runs one task on a loaded state. DiagnosticError become 4xx answers; anything else is a bug and throws. */
export async function runTask(state: TaskState, task: Task): Promise<TaskAnswer> {
  if (task.started) task.started[0] = Date.now();
  try {
    switch (task.kind) {
      case 'check':
        return await check(state, task);
      case 'validate':
        return validate(state, task);
      case 'explain':
        return explain(state, task);
      case 'warm-up':
        return warmUp(state);
    }
  } catch (err) {
    if (err instanceof DiagnosticError) return { ok: false, status: 422, errors: err.diagnostics.map(fromDiagnostic), log: {} };
    throw err;
  }
}

/** The answer of a worker that could not load the policy: the service cannot judge, so it does not. */
export function unavailable(err: unknown): TaskAnswer {
  if (err instanceof PolicyChangedError) {
    return {
      ok: false,
      status: 503,
      errors: [requestError('request/unavailable', `${err.message}; nothing was checked`, undefined, 'reload the service (SIGHUP) to serve the policy now on disk')],
      log: { reason: 'policy-changed' },
    };
  }
  const detail = err instanceof DiagnosticError ? `: ${err.diagnostics.length} policy error(s)` : '';
  return {
    ok: false,
    status: 503,
    errors: [requestError('request/unavailable', `the service could not load its policy${detail}; nothing was checked`, undefined, 'the server log has the details')],
    log: { reason: 'policy-unloadable' },
  };
}

const json = 'application/json; charset=utf-8';

async function check(state: TaskState, task: Extract<Task, { kind: 'check' }>): Promise<TaskAnswer> {
  let run: RunResult;
  try {
    run = runWithChecker(state.checker, task.inputs, { asOf: task.asOf, lang: task.lang, horizon: task.horizon, waivers: suppressionText('waivers', task.waivers), baseline: suppressionText('baseline', task.baseline) });
  } catch (err) {
    // Bad waivers, baseline or horizon: located in the JSON text of the part of the request.
    if (err instanceof DiagnosticError) return { ok: false, status: 422, errors: err.diagnostics.map(fromDiagnostic), log: { manifests: task.inputs.length, reason: 'bad-suppression' } };
    throw err;
  }
  const report = run.report;
  if (report.errors.length > 0) return { ok: false, status: 422, errors: report.errors.map(fromDiagnostic), log: { manifests: task.inputs.length } };
  const exitCode = exitCodeOf(report, task.failOn);
  const log = { manifests: task.inputs.length, flows: report.summary.flows, verdicts: report.summary.verdicts, findings: report.summary.findings, format: task.format, exitCode };
  const headers: Record<string, string> = { 'dfft-exit-code': String(exitCode) };
  if (BINARY_FORMATS.has(task.format)) headers['content-disposition'] = `attachment; filename="dfft-report.${task.format}"`;
  let out: string | Buffer;
  try {
    // json is the lean report on one line, as the CLI writes it by default.
    out = await formatReport(task.format, report, { color: false, sourceText: run.sourceText }, task.maxReportBytes, 'the answer');
  } catch (err) {
    if (err instanceof DiagnosticError) return { ok: false, status: 422, errors: err.diagnostics.map(fromDiagnostic), log: { ...log, reason: 'report-too-large' } };
    throw err;
  }
  return { ok: true, contentType: FORMAT_MEDIA_TYPES[task.format], body: typeof out === 'string' ? out : new Uint8Array(out), headers, log };
}

/** A part of the request given as an object, as the JSON text the library locates its errors in. */
function suppressionText(part: 'waivers' | 'baseline', value: object | undefined): SuppressionText | undefined {
  return value === undefined ? undefined : { file: `${REQUEST_PART}/${part}.json`, text: manifestText(value) };
}

function validate(state: TaskState, task: Extract<Task, { kind: 'validate' }>): TaskAnswer {
  const result = validateWithLaw(task.inputs, state.law);
  const log = { manifests: task.inputs.length, valid: result.valid, errors: result.errors.length, counts: result.counts };
  if (!result.valid) return { ok: false, status: 422, errors: result.errors.map(fromDiagnostic), log };
  return { ok: true, contentType: json, body: JSON.stringify({ valid: true, inputs: result.inputs, counts: result.counts }), headers: {}, log };
}

/**
 * One pass over the manifests: the library refuses an explanation from manifests with errors
 * (422, their errors) and a flow no manifest declares (404).
 */
function explain(state: TaskState, task: Extract<Task, { kind: 'explain' }>): TaskAnswer {
  const log = { manifests: task.inputs.length };
  try {
    const explanation = state.checker.explain(task.inputs, task.flow, { asOf: task.asOf, lang: task.lang });
    return { ok: true, contentType: json, body: JSON.stringify(explanation), headers: {}, log: { ...log, verdict: explanation.verdict } };
  } catch (err) {
    if (!(err instanceof DiagnosticError)) throw err;
    const manifestErrors = err.diagnostics.filter((e) => !isFlowNotFound(e, task.flow));
    if (manifestErrors.length > 0) return { ok: false, status: 422, errors: manifestErrors.map(fromDiagnostic), log };
    return { ok: false, status: 404, errors: err.diagnostics.map((e) => ({ ...fromDiagnostic(e), code: 'request/not-found' })), log };
  }
}

/** The error the library adds, last, when no manifest declares the flow. */
function isFlowNotFound(e: Diagnostic, flow: string): boolean {
  return e.code === 'argument/invalid' && e.location === undefined && e.message.startsWith(`no flow "${flow}" in the manifests`);
}

/**
 * One small check and validation, so that the first request does not pay for compiling the
 * manifest validator and the engine's lazy parts.
 */
function warmUp(state: TaskState): TaskAnswer {
  const manifest = { manifestVersion: 1, system: { id: 'warm-up' }, parties: [{ id: 'a', name: 'A', country: 'DE', role: 'controller' }], datasets: [], flows: [] };
  // A manifest object (JSON) and a text (YAML): both parsers are loaded and compiled.
  const yaml = 'manifestVersion: 1\nsystem: { id: warm-up-yaml }\nparties: [{ id: b, name: B, country: FR, role: processor }]\n';
  const inputs = [{ file: '<warm-up>.json', manifest }, { file: '<warm-up>.yaml', text: yaml }];
  state.checker.check(inputs, { asOf: '2026-01-01' });
  validateWithLaw(inputs, state.law);
  return { ok: true, contentType: json, body: '{}', headers: {}, log: {} };
}

