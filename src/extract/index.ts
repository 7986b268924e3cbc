/**
 * Extraction of declared flows from a TypeScript project (`dfft extract`, `dfft diff`,
 * `dfft check --project`). This entry point is light: ts-morph and everything that needs it
 * load only when {@link extractProject} runs (a CommonJS `await import()` is a lazy require),
 * so that `dfft check` on manifests does not pay for them.
 */
import type { ManifestInput } from '../library/checker';
import { compareStrings, type Diagnostic } from '../source/diagnostic';
import { parseSource } from '../source/parse-source';
import type { DataFlowManifest, Report, SourceLocation, SourceText } from '../types';
import { validateAgainst } from '../source/validate-schema';
import { relocateErrors, relocateReport, type EgressFinding } from './manifest';
import { manifestText } from '../manifest/manifest-text';
import { assertPeers } from '../source/peer-dependency';

export { CONFIG_FILE_NAMES, type ExtractConfig } from './config';
export { diffFlows, type FlowDifference, type FlowSide } from './diff';
export { formatDiagnostics } from './format';
export { relocateReport, type EgressFinding, type XSource } from './manifest';

export interface ExtractOptions {
  /** Path of the project's tsconfig.json (relative to `cwd`). */
  project: string;
  /** Path of the extraction config; default: dfft.config.json (or .yaml) beside the tsconfig. */
  config?: string;
  /** The folder paths are shown relative to; default `process.cwd()`. */
  cwd?: string;
  /** Parties that flows declared elsewhere (other manifests of the run) go to: they cover egress too. */
  coveredParties?: Iterable<string>;
}

/** What a project declares, and what it does without declaring it. */
export interface ExtractResult {
  /** The tsconfig, as shown. */
  project: string;
  /** The config file used, as shown; undefined when defaults were used. */
  config?: string;
  /** The name the extracted manifest goes by in a check (`<extract:path/tsconfig.json>`). */
  manifestFile: string;
  /** Manifest v1 of every declaration that could be evaluated, each with its `x-source`. */
  manifest: DataFlowManifest;
  /** Errors (a declaration that cannot be evaluated, a bad config) and warnings (undeclared egress), sorted. */
  diagnostics: Diagnostic[];
  /** Every egress call found, with what became of it. */
  egress: EgressFinding[];
  /** The files scanned, as shown. */
  files: string[];
  /** The code location of a pointer into {@link manifest}, if the part was declared in code. */
  locate(pointer: string): SourceLocation | undefined;
  /** The text of a scanned file, for code frames. */
  sourceText(file: string): string | undefined;
}

/**
 * Extracts the declared flows, parties and datasets of a TypeScript project, and its egress.
 * Never throws for bad input: an unreadable tsconfig or config is a diagnostic. Throws
 * MissingPeerError when ts-morph (an optional peer dependency) is not installed.
 */
export async function extractProject(options: ExtractOptions): Promise<ExtractResult> {
  assertPeers('extract');
  const { runExtraction } = await import('./project');
  return runExtraction(options);
}

/**
 * Schema errors of the extracted manifest, located in the code. (`check` finds them itself;
 * `extract` asks, so that it never writes a manifest that `check` would reject.)
 */
export function validateExtracted(result: ExtractResult): Diagnostic[] {
  const parsed = parseSource(result.manifestFile, manifestText(result.manifest));
  if (!parsed.ok) return [...parsed.diagnostics];
  return relocateErrors(validateAgainst('manifest', parsed.value), result.manifestFile, (p) => result.locate(p));
}

/** The manifests of `dfft check --project`, ready for `checker.check()`. */
export interface ProjectManifests {
  /** The extracted manifest, as a checker input. */
  inputs: ManifestInput[];
  /** Extraction errors, as input errors: pass them to `check` as `inputErrors` (they make exit code 2). */
  errors: Diagnostic[];
  /** Undeclared or unresolved egress: warnings, located in the code. */
  warnings: Diagnostic[];
  /**
   * The report finished for the project: locations in the extracted manifest moved to the code
   * that declared them, and the egress warnings added to `warnings` (and `summary.warnings`).
   */
  finishReport(report: Report): Report;
  /** Text of scanned source files, for code frames in the text report. */
  sourceText(file: string): string | undefined;
  extraction: ExtractResult;
}

/**
 * Extracts a project for `dfft check --project`: the manifest input, the diagnostics, and the
 * relocation of the report. Flows in `otherManifests` (the manifests checked with it) also cover
 * egress, since parties, datasets and flows are global across a run.
 */
export async function loadProjectManifests(options: ExtractOptions & { otherManifests?: readonly SourceText[] }): Promise<ProjectManifests> {
  const covered = new Set(options.coveredParties ?? []);
  for (const source of options.otherManifests ?? []) for (const to of flowTargets(source)) covered.add(to);
  const extraction = await extractProject({ ...options, coveredParties: covered });
  const errors = extraction.diagnostics.filter((d) => d.severity === 'error');
  const warnings = extraction.diagnostics.filter((d) => d.severity === 'warning');
  return {
    inputs: extraction.diagnostics.some((d) => d.code === 'extract/project') ? [] : [{ file: extraction.manifestFile, manifest: extraction.manifest }],
    errors,
    warnings,
    finishReport: (report) => addWarnings(relocateReport(report, extraction.manifestFile, (p) => extraction.locate(p)), warnings),
    sourceText: (file) => extraction.sourceText(file),
    extraction,
  };
}

/** The report with the extraction's warnings among its own, sorted by location (unlocated last). */
export function addWarnings(report: Report, warnings: readonly Diagnostic[]): Report {
  if (warnings.length === 0) return report;
  const all = [...(report.warnings ?? []), ...warnings.map((w) => ({ code: w.code, message: w.message, ...(w.hint ? { hint: w.hint } : {}), location: w.location }))];
  all.sort((a, b) => {
    const la = a.location;
    const lb = b.location;
    if (!la || !lb) return la ? -1 : lb ? 1 : compareStrings(a.message, b.message);
    return compareStrings(la.file, lb.file) || la.line - lb.line || la.column - lb.column || compareStrings(a.message, b.message);
  });
  return { ...report, summary: { ...report.summary, warnings: all.length }, warnings: all };
}

/** The `to` of every flow in a manifest text; nothing when it does not parse (check reports that). */
function flowTargets(source: SourceText): string[] {
  const parsed = parseSource(source.file, source.text);
  if (!parsed.ok) return [];
  const flows = (parsed.value.data as { flows?: unknown } | null)?.flows;
  if (!Array.isArray(flows)) return [];
  return flows.map((f) => (f as { to?: unknown } | null)?.to).filter((to): to is string => typeof to === 'string');
}
