import * as path from 'node:path';
import type { Lang } from '../index';
import {
  BINARY_FORMATS,
  checkRun,
  didYouMean,
  escapeControl,
  exitCodeOf,
  FORMAT_NAMES,
  reportChunks,
  DEFAULT_MAX_REPORT_BYTES,
  type Diagnostic,
  DiagnosticError,
  isFormatName,
  loadProjectManifests,
  readBaselineFile,
  readManifestPaths,
  readWaiverFile,
  type FailOn,
  type FormatName,
  type Report,
  type ResultCache,
  type CacheStats,
  type RunResult,
  diagnostic,
  DEFAULT_CACHE_FILE,
  readResultCache,
  writeResultCache,
} from '../index';
import { wantsColor, type CliIo } from './io';
import { STDOUT_NAME, writeOutputs, type OutputFile } from './output';
import { collectGarbageIfLarge, collectingWhileJudging } from './collect-garbage';
import { createProgress } from './progress';
import { originsOutput, readScaleOptions } from './scale-options';
import { applyConfig } from './apply-config';
import { printNotManifests } from './print-errors';

/** The options of `dfft check`, as commander gives them. */
export interface CheckCommandOptions {
  /** --config <file>: this config file rather than the one found; false with --no-config. */
  config?: string | false;
  policy?: string;
  packs?: string[];
  addPacks?: string[];
  asOf?: string;
  /** --lang: the language of the report's texts. */
  lang?: Lang;
  /** Raw `-f` values: `name` or `name=file`, in order. */
  format: string[];
  output?: string;
  failOn: FailOn;
  color?: boolean;
  quiet?: boolean;
  waivers?: string;
  baseline?: string;
  maxFileSize?: number;
  maxFiles?: number;
  maxFlows?: number;
  maxConditionCost?: number;
  /** Largest report written, in bytes (--max-report-size). */
  maxReportSize?: number;
  /** Indented JSON and SARIF, for people (--pretty). */
  pretty?: boolean;
  /** The full report in json and ndjson: names and categories on every row (--full). */
  full?: boolean;
  project?: string;
  extractConfig?: string;
  horizon?: string;
  shard?: string;
  importOrigins?: string[];
  exportOrigins?: string;
  /** --cache: reuse and keep flow results in --cache-location (default .dfftcache). */
  cache?: boolean;
  cacheLocation?: string;
  /** --watch: check again whenever an input changes (see watch-check). */
  watch?: boolean;
  /** Not a flag: what .dfftignore and the config's `ignore` leave out of folders (see applyConfig). */
  ignore?: (file: string, isDirectory: boolean) => boolean;
}

/** Where one format goes: a file, or stdout when `file` is undefined. */
export interface OutputTarget {
  format: FormatName;
  file?: string;
}

/**
 * `dfft check`: read → check (library) → waivers and baseline → format each requested output →
 * write; returns the exit code. Usage and waiver/baseline file errors end the run (exit 2)
 * before any manifest is read.
 */
export async function checkCommand(givenPaths: string[], givenOpts: CheckCommandOptions, io: CliIo, given: (option: string) => boolean = () => true): Promise<number> {
  const { paths, opts } = await applyConfig(givenPaths, givenOpts, given);
  const targets = parseOutputTargets(opts.format, opts.output);
  if (opts.watch === true) return (await import('./watch-check')).watchCheck(paths, opts, targets, io, { checkOnce, checkOutputs, printWarnings });
  const cacheFile = opts.cache ? (opts.cacheLocation ?? DEFAULT_CACHE_FILE) : undefined;
  const cached = cacheFile === undefined ? undefined : readResultCache(cacheFile);
  if (cached?.warning && !opts.quiet) io.stderr(`dfft: warning: ${escapeControl(cached.warning)}\n`);
  const { run, characters } = await checkOnce(paths, opts, io, cached?.cache);
  // Whether the cache did its job is worth a line: a cache a CI job failed to restore shows as every flow judged.
  if (cached && !opts.quiet) io.stderr(`dfft: cache ${escapeControl(cacheFile!)}: ${cacheUse(cached.cache.stats)}\n`);
  const unwritten = cached && writeResultCache(cacheFile!, cached.cache);
  if (unwritten && !opts.quiet) io.stderr(`dfft: warning: ${escapeControl(unwritten)}
`);
  // The estate's graph is garbage now: collected before formatting rather than under it.
  collectGarbageIfLarge();
  await writeOutputs(checkOutputs(run, targets, opts, characters, io), io);
  const textOnStdout = targets.some((t) => t.format === 'text' && t.file === undefined);
  if (!opts.quiet && !textOnStdout) printWarnings(run.report, io);
  return exitCodeOf(run.report, opts.failOn);
}

/** How a run used the cache, e.g. "97,499 of 100,000 flows reused, 2,501 judged again". */
function cacheUse({ reused, evaluated }: CacheStats): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  return `${n(reused)} of ${n(reused + evaluated)} flows reused, ${n(evaluated)} judged again`;
}

/**
 * One check of `dfft check`, its outputs not yet written: waivers, baseline, manifests and
 * --project read afresh, then the run (with `cache`, reusing and refreshing its flow results).
 */
export async function checkOnce(paths: string[], opts: CheckCommandOptions, io: CliIo, cache?: ResultCache): Promise<{ run: RunResult; characters: number }> {
  const waivers = opts.waivers !== undefined ? readWaiverFile(opts.waivers) : undefined;
  const baseline = opts.baseline !== undefined ? readBaselineFile(opts.baseline) : undefined;
  const fileErrors = [...(waivers && !waivers.ok ? waivers.diagnostics : []), ...(baseline && !baseline.ok ? baseline.diagnostics : [])];
  if (fileErrors.length > 0) throw new DiagnosticError(fileErrors);

  if (paths.length === 0 && opts.project === undefined) {
    throw new DiagnosticError([diagnostic('argument/invalid', 'nothing to check', undefined, 'give manifest files or directories, or --project tsconfig.json, or write a dfft.config.yaml with paths (dfft init writes one)')]);
  }
  const scale = readScaleOptions(opts);
  const limits = { maxFileBytes: opts.maxFileSize, maxFiles: opts.maxFiles, maxFlows: opts.maxFlows, maxConditionCost: opts.maxConditionCost };
  const read = readManifestPaths(paths, { limits, packTextsAfter: PACK_TEXTS_AFTER, ignore: opts.ignore, manifestsOnly: true });
  if (read.notManifests.length > 0 && !opts.quiet) printNotManifests(read.notManifests, io);
  // ts-morph is loaded only when --project asks for it.
  const project = opts.project === undefined ? undefined
    : await loadProjectManifests({ project: opts.project, config: opts.extractConfig, otherManifests: read.sources });
  const progress = createProgress(io, opts.quiet);
  const collect = collectingWhileJudging();
  const run = await checkRun([...read.sources, ...(project?.inputs ?? [])], {
    policy: opts.policy, packs: opts.packs, addPacks: opts.addPacks, asOf: opts.asOf, lang: opts.lang, limits,
    horizon: opts.horizon,
    inputErrors: [...read.errors, ...(project?.errors ?? [])],
    warnings: read.skipped,
    ...(project ? { finisher: project } : {}),
    ...(waivers?.ok ? { waivers: waivers.value } : {}),
    ...(baseline?.ok ? { baseline: baseline.value } : {}),
    onProgress: (stage, done, total) => {
      progress.update(stage, done, total);
      collect(stage, done, total);
    },
    ...scale,
    ...(cache ? { cache } : {}),
  });
  progress.done();
  return { run, characters: read.characters };
}

/** The outputs of a checked run: each format asked for, and the origin table. */
export function checkOutputs(run: RunResult, targets: readonly OutputTarget[], opts: CheckCommandOptions, characters: number, io: CliIo): OutputFile[] {
  const maxReportSize = opts.maxReportSize ?? defaultReportLimit(characters);
  return [...outputsOf(run.report, targets, run.sourceText, { ...opts, maxReportSize }, io), ...originsOutput(run, opts, io)];
}

/**
 * Each format is made while it is written, piece by piece, so that no one holds a whole report;
 * the files are renamed into place only once all are written (see writeOutputs): a run never
 * leaves a mix of new and old reports, even when one passes --max-report-size midway.
 */
export function outputsOf(
  report: Report, targets: readonly OutputTarget[], sourceText: (file: string) => string | undefined,
  opts: Pick<CheckCommandOptions, 'color' | 'pretty' | 'full' | 'maxReportSize'>, io: CliIo,
): OutputFile[] {
  return targets.map((target) => {
    const toTerminal = target.file === undefined;
    const options = {
      color: toTerminal && target.format === 'text' && wantsColor(io, opts.color),
      sourceText,
      ...(opts.pretty === true ? { pretty: true } : {}),
      ...(opts.full === true ? { full: true } : {}),
    };
    return {
      file: target.file ?? STDOUT_NAME,
      binary: BINARY_FORMATS.has(target.format),
      content: () => reportChunks(target.format, report, options, opts.maxReportSize, target.file ?? 'stdout'),
    };
  });
}

/**
 * Without --max-report-size: 256 MiB, or 8 characters of report per character of manifests read
 * when that is more. A report grows with its estate (a lean json report of 1M flows is about 2.4
 * times the manifests), so a fixed limit would refuse a large estate's report; what the limit is
 * for is a report out of proportion to its input.
 */
export function defaultReportLimit(characters: number): number {
  return Math.max(DEFAULT_MAX_REPORT_BYTES, REPORT_PER_INPUT * characters);
}

const REPORT_PER_INPUT = 8;

/**
 * Past this many characters of manifests, their texts are kept packed and let go once parsed
 * (readManifestPaths' packTextsAfter): 380 MB less held at 1M flows, for about 7% more time on
 * the files packed; an estate below it (100k flows is 38 Mi characters) pays nothing.
 */
const PACK_TEXTS_AFTER = 64 * 1024 * 1024;

/**
 * Warnings (an expired waiver, one that matches nothing) must be seen whatever the format; the
 * text format lists them itself.
 */
export function printWarnings(report: Report, io: CliIo): void {
  for (const w of report.warnings ?? []) {
    const at = w.location ? `${escapeControl(w.location.file)}:${w.location.line}:${w.location.column} ` : '';
    io.stderr(`dfft: warning: ${at}${escapeControl(w.message)}${w.hint ? ` (${escapeControl(w.hint)})` : ''}  [${w.code}]\n`);
  }
}

/**
 * Parses the `-f` values: `name` goes to stdout (or to `--output`), `name=file` to that file.
 * No value means text; a file "-" is stdout. At most one format may go to stdout, and no file may
 * be written twice.
 * Throws DiagnosticError (exit 2) naming every problem.
 */
export function parseOutputTargets(values: readonly string[], outputOption?: string): OutputTarget[] {
  // "-" names stdout, for -o as for -f format=- .
  const output = outputOption === STDOUT_NAME ? undefined : outputOption;
  const errors: Diagnostic[] = [];
  const bad = (message: string, hint?: string): void => void errors.push(diagnostic('argument/invalid', message, undefined, hint));
  const targets: OutputTarget[] = [];
  for (const value of values.length > 0 ? values : ['text']) {
    const eq = value.indexOf('=');
    const name = (eq < 0 ? value : value.slice(0, eq)).trim();
    const file = eq < 0 ? undefined : value.slice(eq + 1);
    if (!isFormatName(name)) {
      const guess = didYouMean(name, FORMAT_NAMES);
      bad(`--format: unknown format "${name}"`, guess ? `did you mean "${guess}"?` : `expected one of: ${FORMAT_NAMES.join(', ')}`);
      continue;
    }
    if (file !== undefined && file.trim() === '') {
      bad(`--format ${value}: no file after "="`, `write ${name}=<file>, or ${name} alone for stdout`);
      continue;
    }
    targets.push({ format: name, ...(file !== undefined && file !== STDOUT_NAME ? { file } : {}) });
  }
  for (const t of targets) {
    if (BINARY_FORMATS.has(t.format) && t.file === undefined && output === undefined) {
      bad(`--format: ${t.format} is binary and cannot go to stdout`, `write it to a file: -f ${t.format}=register.${t.format}`);
    }
  }
  const toStdout = targets.filter((t) => t.file === undefined);
  if (toStdout.length > 1) {
    bad(
      `--format: ${toStdout.map((t) => t.format).join(' and ')} would both go to ${output ? '--output' : 'stdout'}`,
      `give all but one a file, e.g. -f ${toStdout[1].format}=report.${extensionOf(toStdout[1].format)}`,
    );
  }
  if (output !== undefined) {
    if (toStdout.length === 0 && targets.length > 0) bad('--output: every --format names its own file, so --output would not be written', 'drop --output, or give one format without =file');
    for (const t of toStdout) t.file = output;
  }
  const seen = new Map<string, FormatName>();
  for (const t of targets) {
    if (t.file === undefined) continue;
    const key = path.resolve(t.file);
    const other = seen.get(key);
    if (other !== undefined) bad(`--format: ${other} and ${t.format} would both be written to ${t.file}`, 'give each format its own file');
    seen.set(key, t.format);
  }
  if (errors.length > 0) throw new DiagnosticError(errors);
  return targets;
}

const EXTENSIONS: Partial<Record<FormatName, string>> = { markdown: 'md', junit: 'xml', text: 'txt', github: 'txt', gitlab: 'json' };

function extensionOf(format: FormatName): string {
  return EXTENSIONS[format] ?? format;
}
