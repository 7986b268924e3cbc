import { fail, type Diagnostic, type Result } from '../source/diagnostic';
import { readTextFile } from '../source/read-file';
import { withDefaults, type Limits } from '../source/limits';
import { expandManifestPaths, readManifestFiles } from '../manifest/read-manifests';
import { parseBaselineFile, parseWaiverFile } from '../report/load-suppressions';
import type { Baseline } from '../report/baseline';
import type { WaiverSet } from '../report/waivers';
import type { ReportWarning, SourceLocation, SourceText } from '../types';
import { parseSource } from '../source/parse-source';

/** What {@link readManifestPaths} found under the paths it was given. */
export interface ManifestFiles {
  /** The manifest files found (a folder stands for every .json, .yaml and .yml file below it). */
  files: string[];
  /** The texts of the files that could be read, ready for `check` or {@link checkRun}. */
  sources: SourceText[];
  /** How many characters the texts read have together (what a report's size is measured against). */
  characters: number;
  /** Paths that do not exist, empty folders, unreadable files, links leading out of a folder. */
  errors: Diagnostic[];
  /** Special files and links to folders that were skipped (warnings `source/skipped`). */
  skipped: ReportWarning[];
}

/** Options of {@link readManifestPaths}. */
export interface ReadManifestPathsOptions {
  /**
   * Bounds on the number of files and their size (defaults for what is not given); without,
   * only the size of each file is bounded, by its default.
   */
  limits?: Partial<Limits>;
  /** Files found in a folder that are not manifests (a mapping file kept beside them): not read. */
  exclude?: (file: string) => boolean;
  /**
   * Once this many characters are read, the texts of the next files are kept packed (deflated,
   * about a tenth of their size) and read again when needed: a check lets go of a packed text
   * once the file is parsed, so a large estate is not held twice over. Default: never (each
   * source's text is a plain string). The command line packs past 64 Mi characters.
   */
  packTextsAfter?: number;
}

/**
 * Reads the manifests under files and folders, as the command line does: folders are walked in
 * sorted order (hidden folders and node_modules skipped), only regular files are read, a link
 * leading out of the folder named is an error and is never read. Never throws for a bad file:
 * it is an error of the result.
 */
export function readManifestPaths(paths: readonly string[], options: ReadManifestPathsOptions = {}): ManifestFiles {
  const expanded = paths.length > 0 ? expandManifestPaths(paths) : { files: [], errors: [], skipped: [] };
  const { limits, exclude, packTextsAfter } = options;
  const files = exclude === undefined ? expanded.files : expanded.files.filter((f) => !exclude(f));
  const read = readManifestFiles(files, limits === undefined ? undefined : withDefaults(limits), packTextsAfter);
  return { files: expanded.files, sources: read.sources, characters: read.characters, errors: [...expanded.errors, ...read.errors], skipped: expanded.skipped };
}

/** A flow as a manifest declares it, with where. */
export interface DeclaredFlow {
  flow: Record<string, unknown>;
  location: SourceLocation;
}

/**
 * The flows the manifests declare, as written (not validated), for comparing with the code;
 * a manifest that cannot be parsed is an error of the result.
 */
export function readDeclaredFlows(sources: readonly SourceText[]): { flows: DeclaredFlow[]; errors: Diagnostic[] } {
  const flows: DeclaredFlow[] = [];
  const errors: Diagnostic[] = [];
  for (const source of sources) {
    const parsed = parseSource(source.file, source.text, source.sha256);
    if (!parsed.ok) {
      errors.push(...parsed.diagnostics);
      continue;
    }
    const declared = (parsed.value.data as { flows?: unknown } | null)?.flows;
    if (!Array.isArray(declared)) continue;
    declared.forEach((flow, i) => {
      if (typeof flow === 'object' && flow !== null) flows.push({ flow: flow as Record<string, unknown>, location: parsed.value.source.locate(`/flows/${i}`) });
    });
  }
  return { flows, errors };
}

/** A waiver file read and validated, or every problem in it, located. */
export function readWaiverFile(file: string): Result<WaiverSet> {
  return readAndParse(file, parseWaiverFile);
}

/** A baseline (an earlier JSON report) read, or every problem in it, located. */
export function readBaselineFile(file: string): Result<Baseline> {
  return readAndParse(file, parseBaselineFile);
}

function readAndParse<T>(file: string, parse: (file: string, text: string, sha256?: string) => Result<T>): Result<T> {
  const read = readTextFile(file);
  if (!read.ok) return fail(read.diagnostics);
  return parse(file, read.value.text, read.value.sha256);
}
