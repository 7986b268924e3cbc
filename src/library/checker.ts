import { createHash } from 'node:crypto';
import { argumentError, checkCallOptions, checkCheckerOptions, checkManifestList, describeValue, readManifestEntry } from './arguments';
import { diagnostic, DiagnosticError, ok, type Diagnostic, type DiagnosticCode } from '../source/diagnostic';
import { didYouMean } from '../source/did-you-mean';
import { explainFlow, type Explanation } from '../engine/explain';
import { chainGroupsOf, compilePolicy, type CompiledPolicy } from '../policy/compile-policy';
import { evaluate } from '../engine/evaluate';
import type { Law } from '../law/law';
import { loadLaw } from '../law/load-law';
import { loadBuiltinCatalogue, loadPolicyDocuments, type PolicySelection } from '../policy/load-policy';
import { isPackedText } from '../source/packed-text';
import { parseKnownJson, parseSource } from '../source/parse-source';
import { ReportBuilder, rejectingPacks } from '../report/build-report';
import type { LoadedManifest, Model } from '../resolve/model';
import { OriginTable } from '../resolve/origin';
import { resolveModel } from '../resolve/resolve';
import { shardRange, type ShardSpec } from '../report/shard';
import { exportOrigins, importedOrigins, type OriginImport, type OriginTableFile } from './origin-table-file';
import type { DataFlowManifest, Report, SourceText } from '../types/index';
import { validateAgainst } from '../source/validate-schema';
import { withDefaults, type Limits } from '../source/limits';
import { DEFAULT_LANG, isLang, LANGS, type Lang } from '../i18n/lang';
import { evaluateCached } from './cache/evaluate-cached';
import { policyScope, type PolicyScope } from './cache/policy-reads';
import type { ResultCache, SchemaCache } from './cache/result-cache';

/** A manifest given to the library: its text, or an object (serialised for positions). */
export type ManifestInput = SourceText | { file: string; manifest: unknown };

export interface CheckerOptions extends PolicySelection {
  /** The date the law is applied for (YYYY-MM-DD); default today (UTC). */
  asOf?: string;
  /** The language of the reports' texts: "en" (default) or "ja". */
  lang?: Lang;
  /** Limits on input (defaults in DEFAULT_LIMITS). */
  limits?: Partial<Limits>;
}

export interface CheckOptions {
  /** Overrides the checker's asOf for this call. */
  asOf?: string;
  /** Overrides the checker's language for this call. */
  lang?: Lang;
  /**
   * A horizon such as "180d", "26w", "6m" or "1y": bases (adequacy decisions with an end date,
   * transitions) and flows ending within it are reported as warnings.
   */
  horizon?: string;
  /** Errors found before the check (unreadable files), reported with the rest. */
  inputErrors?: readonly Diagnostic[];
  /** Called as work advances (for a progress display); the check stays synchronous and pure. */
  onProgress?: ProgressListener;
  /**
   * Judge only shard `index` of `count` of the flows (see `shardRange`): every manifest is still
   * read and resolved and origins cover every flow; `mergeReports` unions the shards' reports.
   */
  shard?: ShardSpec;
  /**
   * Origin tables of other runs (`parseOriginsFile`): their origins are added to this run's for
   * data that flows not in this run bring to a party; each file is listed in the report's inputs.
   */
  importOrigins?: readonly OriginImport[];
  /** Called with this run's origin table as data (what `--export-origins` writes). */
  onOrigins?: (table: OriginTableFile) => void;
  /**
   * Flow evaluations of earlier runs (`createResultCache`): those whose key matches are reused,
   * and the cache is left holding this run's, ready to serialise.
   */
  cache?: ResultCache;
}

/** Progress of a check: a stage, the items done and their total. */
export type ProgressListener = (stage: 'reading manifests' | 'checking flows', done: number, total: number) => void;

/** A compiled policy, ready to check manifests. */
export interface Checker {
  readonly asOf: string;
  readonly lang: Lang;
  readonly policy: CompiledPolicy;
  /** Checks manifests. Synchronous and pure: no I/O, same inputs and asOf give the same report. */
  check(manifests: readonly ManifestInput[], options?: CheckOptions): Report;
  /**
   * Explains the judgement of one flow: every rule considered, whether it applied, why it passed
   * or failed, the values its conditions read, and the origin of each dataset. Throws DiagnosticError
   * when the flow is not in the manifests (with a suggestion) or when any input has errors: a
   * manifest that could not be read might hold the flow that brings the data.
   */
  explain(manifests: readonly ManifestInput[], flowId: string, options?: CheckOptions): Explanation;
}

/**
 * Loads and compiles the policy (and the law data) once. Every policy problem is thrown
 * together as DiagnosticError, before any manifest is looked at.
 */
export async function createChecker(options: CheckerOptions = {}): Promise<Checker> {
  const invalid = checkCheckerOptions(options);
  if (invalid.length > 0) throw new DiagnosticError(invalid);
  const asOf = options.asOf ?? today();
  assertDate(asOf, '--as-of');
  const lang = options.lang ?? DEFAULT_LANG;
  assertLang(lang);
  const law = loadLaw(options.rulesDir);
  if (!law.ok) throw new DiagnosticError(law.diagnostics);
  const loaded = loadPolicyDocuments(options);
  if (!loaded.ok) throw new DiagnosticError(loaded.diagnostics);
  const limits = withDefaults(options.limits);
  const catalogue = loadBuiltinCatalogue(options.rulesDir);
  const compiled = compilePolicy(loaded.value.documents, law.value.law, {
    maxConditionCost: limits.maxConditionCost,
    catalogue,
    excluded: loaded.value.excluded,
  });
  if (!compiled.ok) throw new DiagnosticError(compiled.diagnostics);
  const policy = compiled.value;
  const lawData = law.value.law;
  let scope: PolicyScope | undefined;
  const scopeOf = (): PolicyScope => (scope ??= policyScope(policy, loaded.value.documents, catalogue, law.value.files));
  return {
    asOf,
    lang,
    policy,
    check(manifests, checkOptions = {}) {
      assertArguments(manifests, checkOptions);
      const run = runOptions(checkOptions, asOf, lang, limits);
      const cache = checkOptions.cache && { cache: checkOptions.cache, scope: scopeOf() };
      return runCheck(manifests, policy, lawData, run, checkScopeOf(checkOptions), cache).report;
    },
    explain(manifests, flowId, checkOptions = {}) {
      assertArguments(manifests, checkOptions, flowId);
      const options = runOptions({ ...checkOptions, onProgress: undefined }, asOf, lang, limits);
      const date = options.asOf;
      const run = runCheck(manifests, policy, lawData, options, { importOrigins: checkOptions.importOrigins });
      // Never from partial input: a manifest with errors could hold the flow that brings the data.
      const errors = run.report.errors.map((e) => diagnostic(e.code as DiagnosticCode, e.message, e.location, e.hint));
      const index = run.model.flows.findIndex((f) => f.view.id === flowId);
      if (index < 0) {
        const guess = didYouMean(flowId, run.model.flows.map((f) => f.view.id));
        const hidden = errors.length > 0 ? `; ${errors.length} input error(s) may hide it` : '';
        errors.push(diagnostic('argument/invalid', `no flow "${flowId}" in the manifests${hidden}`, undefined, guess ? `did you mean "${guess}"?` : undefined));
      }
      if (errors.length > 0) throw new DiagnosticError(errors);
      const result = run.report.flows[index];
      const findings = run.report.findings.filter((f) => f.flowId === flowId);
      return explainFlow(run.model, run.origins, policy, lawData, date, run.model.flows[index], { verdict: result.verdict, basis: result.basis, findings, ...(result.wouldApply ? { wouldApply: result.wouldApply } : {}) }, options.lang);
    },
  };
}

/** Bad arguments of check and explain (not bad manifests, which a report carries) are thrown. */
function assertArguments(manifests: unknown, options: unknown, flowId?: unknown): void {
  const errors = [...checkManifestList(manifests), ...checkCallOptions(options)];
  if (flowId !== undefined && typeof flowId !== 'string') errors.push(argumentError(`flowId: expected a string (the id of a flow), got ${describeValue(flowId)}`));
  if (errors.length > 0) throw new DiagnosticError(errors);
}

/** Loads the policy and checks manifests in one call (with `cache`, reusing and refreshing its flow evaluations). */
export async function check(manifests: readonly ManifestInput[], options: CheckerOptions & { cache?: ResultCache } = {}): Promise<Report> {
  const cache = (options as { cache?: ResultCache } | null)?.cache;
  return (await createChecker(options)).check(manifests, cache === undefined ? {} : { cache });
}

/** Result of reading manifests up to (not including) evaluation: what `dfft validate` checks. */
export interface ValidationResult {
  model: Model;
  errors: Diagnostic[];
  inputs: Array<{ file: string; sha256: string }>;
}

/** Parses, schema-validates and resolves manifests (references, duplicates, categories). */
export function validateManifests(manifests: readonly ManifestInput[], law: Law, limitOptions: Partial<Limits> = {}, onProgress?: ProgressListener, schemaCache?: SchemaCache): ValidationResult {
  if (law === null || typeof law !== 'object' || !law.taxonomy) throw new DiagnosticError([argumentError(`law: expected the law of loadLaw(), got ${describeValue(law)}`)]);
  const limitErrors = checkCheckerOptions({ limits: limitOptions });
  if (limitErrors.length > 0) throw new DiagnosticError(limitErrors);
  const limits = withDefaults(limitOptions);
  const errors: Diagnostic[] = [];
  const loaded: LoadedManifest[] = [];
  const failed: string[] = [];
  const inputs: Array<{ file: string; sha256: string }> = [];
  let flows = 0;
  const notList = checkManifestList(manifests);
  if (notList.length > 0) return { model: resolveModel([], { taxonomy: law.taxonomy }).model, errors: notList, inputs };
  if (manifests.length > limits.maxFiles) {
    errors.push(diagnostic('source/too-large', `${manifests.length} manifests, over the limit of ${limits.maxFiles} files per run`, undefined, 'split the run, or raise --max-files'));
    return { model: resolveModel([], { taxonomy: law.taxonomy }).model, errors, inputs };
  }
  let done = 0;
  for (let index = 0; index < manifests.length; index++) {
    if (onProgress && done++ % 50 === 0) onProgress('reading manifests', done, manifests.length);
    // Checked here, where every entry point passes: an entry that is not a manifest is an error
    // of its own, and the other manifests are still read.
    const entry = readManifestEntry(manifests, index, limits);
    if (!entry.ok) {
      errors.push(...entry.diagnostics);
      failed.push(entry.label);
      continue;
    }
    const source: SourceText = entry.value;
    if (source.text.length > limits.maxFileBytes) {
      errors.push(diagnostic('source/too-large', `file is over the limit of ${limits.maxFileBytes} bytes`, { file: source.file, line: 1, column: 1, pointer: '' }, 'raise --max-file-size if this is intended'));
      failed.push(source.file);
      continue;
    }
    // A JSON file an earlier run scanned and validated (this name, this sha256, a depth limit
    // within this run's) is read by JSON.parse alone, its positions from that scan.
    const sha = schemaCache ? (source.sha256 ?? parsedHash(source)) : source.sha256;
    const known = schemaCache?.knownScan(source.file, sha!, limits.maxDepth);
    const fast = known && parseKnownJson(source.file, source.text, sha!, known.index);
    const parsed = fast ? ok(fast) : parseSource(source.file, source.text, sha, limits.maxDepth);
    if (!parsed.ok) {
      errors.push(...parsed.diagnostics);
      failed.push(source.file);
      inputs.push({ file: source.file, sha256: parsedHash(source) });
      continue;
    }
    inputs.push({ file: source.file, sha256: parsed.value.source.sha256 });
    const { file, sha256 } = parsed.value.source;
    const schemaErrors = fast || schemaCache?.knownValid(file, sha256) ? [] : validateAgainst('manifest', parsed.value);
    if (schemaErrors.length > 0) {
      errors.push(...schemaErrors);
      failed.push(source.file);
      continue;
    }
    const scanned = parsed.value.index;
    schemaCache?.recordValid(file, sha256, fast ? known : scanned && { index: scanned, maxDepth: limits.maxDepth });
    const manifest = parsed.value.data as DataFlowManifest;
    flows += manifest.flows?.length ?? 0;
    if (flows > limits.maxFlows) {
      errors.push(diagnostic('source/too-large', `more than ${limits.maxFlows} flows in the run (limit reached in this file)`, parsed.value.source.locate('/flows'), 'split the estate into several runs, or raise --max-flows'));
      failed.push(source.file);
      break;
    }
    loaded.push({ source: parsed.value.source, manifest });
    const given = manifests[index];
    if (isPackedText(given)) parsed.value.source.release(() => given.text);
  }
  const resolved = resolveModel(loaded, { taxonomy: law.taxonomy, failedFiles: failed });
  return { model: resolved.model, errors: [...errors, ...resolved.errors], inputs };
}

/** What part of a run a check covers and what it takes from other runs. */
type CheckScope = Pick<CheckOptions, 'shard' | 'importOrigins' | 'onOrigins'>;

function checkScopeOf(options: CheckOptions): CheckScope {
  const { shard, importOrigins, onOrigins } = options;
  return { shard, importOrigins, onOrigins };
}

/** The run's origins, with those of imported tables; the tables join the run's inputs. */
function originsOf(model: Model, inputs: Array<{ file: string; sha256: string }>, scope: CheckScope): OriginTable {
  const imports = scope.importOrigins ?? [];
  for (const i of imports) inputs.push({ file: i.file, sha256: i.sha256 });
  return new OriginTable(model, imports.flatMap((i) => importedOrigins(i.table)));
}

/** What one check is run with: the date, the language, the horizon's last day and the input's limits. */
interface RunOptions {
  asOf: string;
  lang: Lang;
  horizon?: string;
  inputErrors: readonly Diagnostic[];
  limits: Limits;
  onProgress?: ProgressListener;
}

function runOptions(options: CheckOptions, asOf: string, lang: Lang, limits: Limits): RunOptions {
  const date = options.asOf ?? asOf;
  assertDate(date, 'asOf');
  const language = options.lang ?? lang;
  assertLang(language);
  return { asOf: date, lang: language, horizon: horizonEnd(date, options.horizon), inputErrors: options.inputErrors ?? [], limits, onProgress: options.onProgress };
}

function assertLang(lang: unknown): asserts lang is Lang {
  if (!isLang(lang)) throw new DiagnosticError([diagnostic('argument/invalid', `lang "${String(lang)}" is not a language dfft writes`, undefined, `expected one of: ${LANGS.join(', ')}`)]);
}

function runCheck(manifests: readonly ManifestInput[], policy: CompiledPolicy, law: Law, run: RunOptions, scope: CheckScope = {}, cached?: { cache: ResultCache; scope: PolicyScope }) {
  const { asOf, lang, horizon, inputErrors, limits, onProgress } = run;
  // Texts are rendered in the run's language: a cached evaluation is one language's.
  const runKey = cached && createHash('sha256').update(JSON.stringify([cached.scope.digest, asOf, horizon ?? null, lang])).digest('hex');
  if (cached) cached.cache.begin(runKey!);
  const { model, errors, inputs } = validateManifests(manifests, law, limits, onProgress, cached?.cache);
  const origins = originsOf(model, inputs, scope);
  const builder = new ReportBuilder(rejectingPacks(policy));
  const progress = onProgress && ((done: number, total: number) => onProgress('checking flows', done, total));
  const shard = scope.shard ? shardRange(scope.shard, model.flows.length) : undefined;
  const options = { asOf, lang, horizonEnd: horizon, onProgress: progress, ...(shard ? { flows: model.flows.slice(shard.start, shard.end) } : {}) };
  if (cached) {
    evaluateCached(model, origins, policy, law, options, { cache: cached.cache, runKey: runKey!, reads: cached.scope.reads }, (e) => builder.add(e));
  } else {
    evaluate(model, origins, policy, law, options, (e) => builder.add(e));
  }
  const report = builder.finish({ asOf, lang, policy, engineRules: law.engineRules, taxonomy: law.taxonomy, inputs, errors: [...inputErrors, ...errors], horizonEnd: horizon, ...(shard ? { shard } : {}) });
  scope.onOrigins?.(exportOrigins(model, origins, law, { asOf, inputs, chainGroups: chainGroupsOf(policy) }));
  return { model, origins, report };
}

function parsedHash(source: SourceText): string {
  return source.sha256 ?? createHash('sha256').update(source.text, 'utf8').digest('hex');
}

/**
 * The last day of a horizon such as "180d", "26w", "6m" or "1y" counted from asOf (calendar months
 * and years), or undefined without one. A malformed horizon is an Diagnostic.
 */
export function horizonEnd(asOf: string, horizon: string | undefined): string | undefined {
  if (horizon === undefined) return undefined;
  const m = /^(\d{1,4})\s*(d|w|m|y)$/i.exec(horizon.trim());
  if (!m) {
    throw new DiagnosticError([diagnostic('argument/invalid', `--horizon: "${horizon}" is not a duration`, undefined, 'expected a number of days, weeks, months or years, e.g. 180d, 26w, 6m, 1y')]);
  }
  const n = Number(m[1]);
  const d = new Date(`${asOf}T00:00:00Z`);
  switch (m[2].toLowerCase()) {
    case 'd':
      d.setUTCDate(d.getUTCDate() + n);
      break;
    case 'w':
      d.setUTCDate(d.getUTCDate() + 7 * n);
      break;
    case 'm':
      d.setUTCMonth(d.getUTCMonth() + n);
      break;
    default:
      d.setUTCFullYear(d.getUTCFullYear() + n);
  }
  return d.toISOString().slice(0, 10);
}

/** Today's date in UTC, YYYY-MM-DD: the only place dfft reads the clock. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A real calendar date in YYYY-MM-DD form, or an Diagnostic. */
export function assertDate(value: string, what: string): void {
  if (typeof value !== 'string') {
    throw new DiagnosticError([diagnostic('argument/invalid', `${what}: expected a date, got ${describeValue(value)}`, undefined, 'expected YYYY-MM-DD, e.g. 2026-01-31')]);
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!d || d.toISOString().slice(0, 10) !== value) {
    throw new DiagnosticError([diagnostic('argument/invalid', `${what}: "${value}" is not a date`, undefined, 'expected YYYY-MM-DD, e.g. 2026-01-31')]);
  }
}
