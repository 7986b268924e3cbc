/**
 * A whole run in one call, as `dfft check` makes it: the policy, the check, the skipped-file
 * warnings, waivers and baseline, and the texts needed to show where each finding is.
 */
import { argumentError, checkCacheOption, checkCheckerOptions, checkOriginImports, describeValue } from './arguments';
import type { OriginImport, OriginTableFile } from './origin-table-file';
import { createChecker, type Checker, type CheckerOptions, type ManifestInput, type ProgressListener } from './checker';
import { diagnostic, DiagnosticError, isDiagnostic, ok, type Diagnostic, type DiagnosticCode, type Result } from '../source/diagnostic';
import { manifestText } from '../manifest/manifest-text';
import { isPackedText } from '../source/packed-text';
import type { SourceText } from '../types';
import { applyBaseline, type Baseline } from '../report/baseline';
import { parseBaselineFile, parseWaiverFile } from '../report/load-suppressions';
import { applyWaivers, sortWarnings, withWarningCount, type WaiverSet } from '../report/waivers';
import type { Report, ReportWarning } from '../types';
import { checkShard, type ShardSpec } from '../report/shard';
import type { ResultCache } from './cache/result-cache';

/** A waiver or baseline file given by its text, parsed by {@link checkRun}. */
export interface SuppressionText {
  file: string;
  text: string;
  sha256?: string;
}

/** What turns a report on generated manifests back to the code they came from (`dfft check --project`). */
export interface ReportFinisher {
  /** The report with locations moved to the code, and more warnings. Applied before waivers. */
  finishReport(report: Report): Report;
  /** The text of a file the finished report points into. */
  sourceText(file: string): string | undefined;
}

/** Options of {@link checkRun}: the policy selection, asOf and limits of `createChecker`, and the rest of a run. */
export interface RunOptions extends CheckerOptions {
  /** A horizon such as "180d", "26w", "6m" or "1y" (see `CheckOptions.horizon`); waivers expiring within it warn. */
  horizon?: string;
  /** Waivers: a set read with `readWaiverFile`, or the text of a waiver file. */
  waivers?: WaiverSet | SuppressionText;
  /** A baseline: one read with `readBaselineFile`, or the text of an earlier JSON report. */
  baseline?: Baseline | SuppressionText;
  /** Errors found before the run (unreadable files), reported with the rest. */
  inputErrors?: readonly Diagnostic[];
  /** Warnings found before the run (files a folder walk skipped), added to the report's. */
  warnings?: readonly ReportWarning[];
  /** Moves the report to the code the manifests were extracted from, before waivers apply. */
  finisher?: ReportFinisher;
  /** Called as work advances (for a progress display). */
  onProgress?: ProgressListener;
  /** Only this shard of the flows (see `CheckOptions.shard`); waivers and a baseline go on the merged report instead. */
  shard?: ShardSpec;
  /** Origin tables of other runs to add to this run's (see `CheckOptions.importOrigins`). */
  importOrigins?: readonly OriginImport[];
  /** Give this run's origin table in the result (`RunResult.origins`). */
  exportOrigins?: boolean;
  /** Flow evaluations of earlier runs to reuse (see `CheckOptions.cache`); left holding this run's. */
  cache?: ResultCache;
}

/** What {@link checkRun} gives back. */
export interface RunResult {
  /** The report, with waivers and baseline applied. */
  report: Report;
  /** The text of a file the report points into (a manifest as read, or as made from an object), for code frames. */
  sourceText(file: string): string | undefined;
  /** The input errors of the run (the same as `report.errors`), as Diagnostic. */
  errors: Diagnostic[];
  /** With `exportOrigins`: the run's origin table. */
  origins?: OriginTableFile;
}

/**
 * Checks manifests and applies waivers and a baseline, as `dfft check` does: the policy is
 * loaded, the manifests checked (with `horizon`), the given warnings added, then waivers (an
 * expired or unused waiver, or one expiring within the horizon, is a warning) and the baseline
 * (findings it holds are `unchanged` and do not fail). Bad options, a policy with errors, and
 * waiver or baseline files with errors are thrown together as DiagnosticError before any manifest is
 * read; errors in manifests are in the report.
 */
export async function checkRun(manifests: readonly ManifestInput[], options: RunOptions = {}): Promise<RunResult> {
  const invalid = checkRunOptions(options);
  if (invalid.length > 0) throw new DiagnosticError(invalid);
  const suppressions = parseSuppressions(options);
  const checker = await createChecker({ policy: options.policy, packs: options.packs, addPacks: options.addPacks, rulesDir: options.rulesDir, asOf: options.asOf, lang: options.lang, limits: options.limits });
  return runSteps(checker, manifests, options, suppressions);
}

/** What {@link runWithChecker} takes: a run's options except the policy selection, which the checker fixed. */
export type RunWithCheckerOptions = Omit<RunOptions, 'policy' | 'packs' | 'addPacks' | 'rulesDir' | 'limits'>;

/**
 * {@link checkRun} with a checker compiled beforehand (a service compiles its policy once and runs
 * many checks): the same check, warnings, waivers and baseline; `asOf` overrides the checker's.
 */
export function runWithChecker(checker: Checker, manifests: readonly ManifestInput[], options: RunWithCheckerOptions = {}): RunResult {
  const invalid = checkRunOptions(options);
  if (invalid.length > 0) throw new DiagnosticError(invalid);
  return runSteps(checker, manifests, options, parseSuppressions(options));
}

interface Suppressions {
  waivers?: Result<WaiverSet>;
  baseline?: Result<Baseline>;
}

/** Waiver and baseline files parsed; their errors are thrown together, before any manifest is read. */
function parseSuppressions(options: Pick<RunOptions, 'waivers' | 'baseline'>): Suppressions {
  const waivers = suppression(options.waivers, parseWaiverFile);
  const baseline = suppression(options.baseline, parseBaselineFile);
  const fileErrors = [...(waivers && !waivers.ok ? waivers.diagnostics : []), ...(baseline && !baseline.ok ? baseline.diagnostics : [])];
  if (fileErrors.length > 0) throw new DiagnosticError(fileErrors);
  return { waivers, baseline };
}

function runSteps(checker: Checker, manifests: readonly ManifestInput[], options: RunWithCheckerOptions, { waivers, baseline }: Suppressions): RunResult {
  let origins: OriginTableFile | undefined;
  const onOrigins = options.exportOrigins ? (table: OriginTableFile): void => void (origins = table) : undefined;
  let report = checker.check(manifests, { asOf: options.asOf, lang: options.lang, inputErrors: options.inputErrors, horizon: options.horizon, onProgress: options.onProgress, shard: options.shard, importOrigins: options.importOrigins, onOrigins, cache: options.cache });
  if (options.warnings !== undefined && options.warnings.length > 0) report = withWarnings(report, options.warnings);
  if (options.finisher) report = options.finisher.finishReport(report);
  if (waivers?.ok) report = applyWaivers(report, waivers.value, { horizonEnd: report.horizon });
  if (baseline?.ok) report = applyBaseline(report, baseline.value);
  const finisher = options.finisher;
  // A finisher made the manifest objects it gives, and answers for the files it points to.
  const texts = textsOf(manifests, finisher === undefined);
  return {
    report,
    sourceText: (file) => texts(file) ?? finisher?.sourceText(file),
    errors: report.errors.map((e) => diagnostic(e.code as DiagnosticCode, e.message, e.location, e.hint)),
    ...(origins ? { origins } : {}),
  };
}

/** A waiver or baseline given as text is parsed; one given parsed is taken as it is. */
function suppression<T>(given: T | SuppressionText | undefined, parse: (file: string, text: string, sha256?: string) => Result<T>): Result<T> | undefined {
  if (given === undefined) return undefined;
  if (isSuppressionText(given)) return parse(given.file, given.text, given.sha256);
  return ok(given);
}

function isSuppressionText(value: unknown): value is SuppressionText {
  return typeof value === 'object' && value !== null && typeof (value as SuppressionText).text === 'string';
}

/**
 * The text of each manifest, by file, for code frames: a text as given, an object as the text the
 * check read (made on first use; an object JSON cannot hold has none).
 */
function textsOf(manifests: readonly ManifestInput[], withObjects: boolean): (file: string) => string | undefined {
  const texts = new Map<string, string>();
  const objects = new Map<string, unknown>();
  // A packed text is read again when asked for, never held: holding every text is what packing avoids.
  const packed = new Map<string, SourceText>();
  for (const m of manifests as readonly unknown[]) {
    if (m === null || typeof m !== 'object') continue;
    if (isPackedText(m)) {
      if (!packed.has(m.file)) packed.set(m.file, m);
      continue;
    }
    const { file, text, manifest } = m as { file?: unknown; text?: unknown; manifest?: unknown };
    if (typeof file !== 'string') continue;
    if (typeof text === 'string') texts.set(file, text);
    else if (withObjects && manifest !== undefined && !objects.has(file)) objects.set(file, manifest);
  }
  // The last text unpacked is kept: a formatter asks for a file's text once per finding, in file
  // order, and unpacking it each time would cost the file's size per finding.
  let last: { file: string; text: string } | undefined;
  return (file) => {
    const unpacked = packed.get(file);
    if (unpacked !== undefined && !texts.has(file)) {
      if (last?.file !== file) last = { file, text: unpacked.text };
      return last.text;
    }
    const text = texts.get(file);
    if (text !== undefined || !objects.has(file)) return text;
    try {
      const made = manifestText(objects.get(file));
      texts.set(file, made);
      return made;
    } catch {
      return undefined;
    }
  };
}

/** The report with more warnings, in the report's order, and their count in the summary. */
function withWarnings(report: Report, extra: readonly ReportWarning[]): Report {
  const warnings = sortWarnings([...(report.warnings ?? []), ...extra]);
  return { ...report, summary: withWarningCount(report.summary, warnings.length), warnings };
}

/** Checks the options of checkRun beyond those of createChecker. */
export function checkRunOptions(options: unknown): Diagnostic[] {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return checkCheckerOptions(options);
  const { horizon, waivers, baseline, inputErrors, warnings, finisher, onProgress, shard, importOrigins, exportOrigins, cache, ...selection } = options as Record<string, unknown>;
  const errors = checkCheckerOptions(selection);
  const known = new Set(['asOf', 'lang', 'policy', 'packs', 'addPacks', 'rulesDir', 'limits']);
  for (const key of Object.keys(selection)) if (!known.has(key)) errors.push(argumentError(`options.${key}: unknown option`, `the options are: ${[...known, 'horizon', 'waivers', 'baseline', 'inputErrors', 'warnings', 'finisher', 'onProgress', 'shard', 'importOrigins', 'exportOrigins', 'cache'].join(', ')}`));
  if (horizon !== undefined && typeof horizon !== 'string') errors.push(argumentError(`options.horizon: expected a string, got ${describeValue(horizon)}`, 'e.g. 180d, 26w, 6m, 1y'));
  const suppressionError = (key: string, value: unknown, parsed: (v: object) => boolean, what: string): void => {
    if (value === undefined || (typeof value === 'object' && value !== null && (isSuppressionText(value) || parsed(value)))) return;
    errors.push(argumentError(`options.${key}: expected ${what} or { file, text }, got ${describeValue(value)}`));
  };
  suppressionError('waivers', waivers, (v) => Array.isArray((v as WaiverSet).waivers), 'a waiver set (readWaiverFile)');
  suppressionError('baseline', baseline, (v) => (v as Baseline).fingerprints instanceof Set, 'a baseline (readBaselineFile)');
  if (inputErrors !== undefined && !(Array.isArray(inputErrors) && inputErrors.every(isDiagnostic))) {
    errors.push(argumentError(`options.inputErrors: expected an array of Diagnostic, got ${describeValue(inputErrors)}`));
  }
  if (warnings !== undefined && !Array.isArray(warnings)) errors.push(argumentError(`options.warnings: expected an array of warnings, got ${describeValue(warnings)}`));
  if (finisher !== undefined && !(typeof finisher === 'object' && finisher !== null && typeof (finisher as ReportFinisher).finishReport === 'function' && typeof (finisher as ReportFinisher).sourceText === 'function')) {
    errors.push(argumentError(`options.finisher: expected { finishReport, sourceText }, got ${describeValue(finisher)}`));
  }
  if (onProgress !== undefined && typeof onProgress !== 'function') errors.push(argumentError(`options.onProgress: expected a function, got ${describeValue(onProgress)}`));
  errors.push(...checkShardRun(shard, { waivers, baseline, finisher }), ...checkOriginImports(importOrigins), ...checkCacheOption(cache));
  if (exportOrigins !== undefined && typeof exportOrigins !== 'boolean') errors.push(argumentError(`options.exportOrigins: expected true or false, got ${describeValue(exportOrigins)}`));
  return errors;
}

/**
 * A shard is checked without waivers, a baseline or a finisher: an unused waiver, an expired one's
 * count and a moved location are facts of the whole run, so they are applied to the merged report.
 */
function checkShardRun(shard: unknown, others: Record<string, unknown>): Diagnostic[] {
  const errors = checkShard(shard);
  if (shard === undefined || errors.length > 0) return errors;
  const given = Object.keys(others).filter((key) => others[key] !== undefined);
  if (given.length > 0) errors.push(argumentError(`options.shard: cannot be combined with ${given.join(', ')}`, 'check the shards without them and apply waivers and the baseline to the merged report (dfft merge --waivers, --baseline)'));
  return errors;
}
