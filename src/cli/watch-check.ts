/**
 * `dfft check --watch` (docs/watch.md): the check of check-command, run by the watch loop again
 * whenever an input changes, with the flow results of each run kept in memory for the next.
 */
import * as path from 'node:path';
import {
  createResultCache,
  DEFAULT_CACHE_FILE,
  diagnostic,
  DiagnosticError,
  escapeControl,
  readResultCache,
  writeResultCache,
  type Diagnostic,
  type Report,
  type ResultCache,
} from '../index';
import type { CheckCommandOptions, checkOnce, checkOutputs, OutputTarget, printWarnings } from './check-command';
import type { CliIo } from './io';
import { STDOUT_NAME, writeOutputs } from './output';
import { watchLoop, type WatchRun, type WatchTarget } from './watch';
import { createFsWatcher } from './watch-files';

/** The names of manifests in a folder, as the manifest walk takes them. */
const MANIFEST_NAME = /\.(json|ya?ml)$/i;
/** The names in a --project folder that can change what is extracted: sources, tsconfig, dfft.config.json. */
const PROJECT_NAME = /\.([cm]?[jt]sx?|json)$/i;

/** The steps of `dfft check` the watch repeats (given by check-command, which loads this module). */
export interface CheckSteps {
  checkOnce: typeof checkOnce;
  checkOutputs: typeof checkOutputs;
  printWarnings: typeof printWarnings;
}

/**
 * Checks, then checks again at each change of an input, until Ctrl-C (exit 0). Combinations that
 * make no sense with --watch are usage errors (exit 2) before anything is read.
 */
export async function watchCheck(paths: string[], opts: CheckCommandOptions, targets: readonly OutputTarget[], io: CliIo, steps: CheckSteps): Promise<number> {
  refuseWithWatch(opts, targets);
  const cacheFile = opts.cache ? (opts.cacheLocation ?? DEFAULT_CACHE_FILE) : undefined;
  const read = cacheFile === undefined ? { cache: createResultCache() } : readResultCache(cacheFile);
  if (read.warning && !opts.quiet) io.stderr(`dfft: warning: ${escapeControl(read.warning)}\n`);
  const held: HeldCache = { cache: read.cache, file: cacheFile, recorded: false };
  const outputs = [...targets.map((t) => t.file).filter((f): f is string => f !== undefined), ...(cacheFile !== undefined ? [cacheFile] : [])];
  return watchLoop({
    io,
    targets: watchTargets(paths, opts),
    runOnce: () => watchRun(steps, { paths, opts, targets, io }, held),
    createWatcher: createFsWatcher,
    ignore: isOutputOf(outputs),
  });
}

/**
 * --shard judges a part of a CI run's flows and --export-origins writes a table for other runs:
 * neither is what a person watching an estate is shown. A format other than text on stdout would
 * print a document per run one after another; to a file, it is rewritten after each good run.
 */
function refuseWithWatch(opts: CheckCommandOptions, targets: readonly OutputTarget[]): void {
  const errors: Diagnostic[] = [];
  const bad = (message: string, hint: string): void => void errors.push(diagnostic('argument/invalid', message, undefined, hint));
  if (opts.shard !== undefined) bad('--watch cannot be used with --shard: a shard is a part of a CI run', 'watch the whole estate: drop --shard');
  if (opts.exportOrigins !== undefined) bad('--watch cannot be used with --export-origins: an origin table is made for other runs of a pipeline', 'export it from a run without --watch');
  for (const t of targets) {
    if (t.file === undefined && t.format !== 'text') bad(`--watch shows the text report on stdout, not ${t.format}`, `write it to a file, rewritten after each good run: -f ${t.format}=report.${t.format === 'markdown' ? 'md' : t.format === 'junit' ? 'xml' : t.format}`);
  }
  if (errors.length > 0) throw new DiagnosticError(errors);
}

/** The inputs of a check: manifests, policy, waivers, baseline, origin tables, and the --project folder. */
export function watchTargets(paths: readonly string[], opts: CheckCommandOptions): WatchTarget[] {
  const files = [opts.policy, opts.waivers, opts.baseline, opts.extractConfig, ...(opts.importOrigins ?? [])].filter((f): f is string => f !== undefined);
  return [
    ...paths.map((p) => ({ path: p, accept: (name: string) => MANIFEST_NAME.test(name) })),
    ...files.map((f) => ({ path: f })),
    ...(opts.project !== undefined ? [{ path: path.dirname(opts.project), accept: (name: string) => PROJECT_NAME.test(name) }] : []),
  ];
}

/**
 * Whether a changed file is one the run writes: an output, the cache, or the temporary file one is
 * staged in beside it (".name.<random hex>.tmp").
 */
export function isOutputOf(outputs: readonly string[]): (file: string) => boolean {
  const written = new Set(outputs.map((f) => path.resolve(f)));
  const staged = new Map<string, string>();
  for (const f of written) staged.set(path.dirname(f), `${staged.get(path.dirname(f)) ?? ''}\0${path.basename(f).slice(0, 100)}`);
  return (file) => {
    const full = path.resolve(file);
    if (written.has(full)) return true;
    const match = /^\.(.+)\.[0-9a-f]{24}\.tmp$/.exec(path.basename(full));
    return match !== null && (staged.get(path.dirname(full)) ?? '').split('\0').includes(match[1]);
  };
}

/** The result cache held from run to run, and its file with --cache. */
interface HeldCache {
  cache: ResultCache;
  file?: string;
  /** The last run recorded its flow results in the cache (a run that threw may have left part of them). */
  recorded: boolean;
}

/**
 * One run for the loop: input errors, the policy's among them, are the run's errors rather than
 * thrown. The result cache is held in memory from run to run: the cache file is written only with
 * --cache, and only after a good run.
 */
async function watchRun(
  steps: CheckSteps, { paths, opts, targets, io }: { paths: string[]; opts: CheckCommandOptions; targets: readonly OutputTarget[]; io: CliIo },
  cache: HeldCache,
): Promise<WatchRun> {
  const { checkOnce, checkOutputs, printWarnings } = steps;
  // A cache answers from what it read: what the last run recorded is read back for this one. Done
  // here rather than after the last run, so that its report was shown without waiting for it.
  if (cache.recorded) cache.cache.load(cache.cache.serialiseBytes());
  cache.recorded = false;
  let checked: Awaited<ReturnType<typeof checkOnce>>;
  try {
    checked = await checkOnce(paths, opts, io, cache.cache);
  } catch (err) {
    if (!(err instanceof DiagnosticError)) throw err;
    const nothing = async (): Promise<void> => undefined;
    return { reported: false, errors: err.diagnostics, tally: '', alsoRead: [], write: nothing, reprint: nothing };
  }
  const { run, characters } = checked;
  cache.recorded = true;
  const textOnStdout = targets.some((t) => t.format === 'text' && t.file === undefined);
  return {
    reported: true,
    errors: run.errors,
    tally: `${tallyOf(run.report)}${reuseOf(cache.cache)}`,
    alsoRead: run.report.policy.files.map((f) => f.file),
    write: async () => {
      await writeOutputs(checkOutputs(run, targets, opts, characters, io), io);
      if (!opts.quiet && !textOnStdout) printWarnings(run.report, io);
      const unwritten = cache.file !== undefined ? writeResultCache(cache.file, cache.cache) : undefined;
      if (unwritten && !opts.quiet) io.stderr(`dfft: warning: ${escapeControl(unwritten)}\n`);
    },
    reprint: () => writeOutputs(checkOutputs(run, targets, opts, characters, io).filter((o) => o.file === STDOUT_NAME), io),
  };
}

/** "2 errors, 1 warning", with info findings and input errors when there are any. */
export function tallyOf(report: Report): string {
  const { error, warning, info } = report.summary.findings;
  const parts = [count(error, 'error'), count(warning, 'warning')];
  if (info > 0) parts.push(`${info} info`);
  if (report.summary.errors > 0) parts.push(count(report.summary.errors, 'input error'));
  return parts.join(', ');
}

/** " (3 of 24 flows judged again)" when the cache gave the others, so that a person sees the run was incremental. */
function reuseOf(cache: ResultCache): string {
  const { reused, evaluated } = cache.stats;
  return reused === 0 ? '' : ` (${evaluated} of ${reused + evaluated} flows judged again)`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
