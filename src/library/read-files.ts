import { compareStrings, diagnostic, fail, type Diagnostic, type Result } from '../source/diagnostic';
import { readTextFile } from '../source/read-file';
import { withDefaults, type Limits } from '../source/limits';
import { expandManifestPaths, headMayBeManifest, mayBeManifest, readManifestFiles } from '../manifest/read-manifests';
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
  /** With `manifestsOnly`: files found in folders that are not manifests (no `manifestVersion`), not checked. */
  notManifests: string[];
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
  /**
   * Files and folders found while walking a folder that are left out, as a .dfftignore says
   * (see loadIgnore); a path named itself is always read.
   */
  ignore?: (file: string, isDirectory: boolean) => boolean;
  /**
   * Only files that may be manifests are taken from folders: a file found in a folder whose text
   * never names `manifestVersion` (a policy, a waiver file, package.json, a lock file too large
   * to read) is left out and named in `notManifests`. A file named itself is always read as a
   * manifest, and a folder with files but no manifest among them is an error: nothing is left
   * out without a trace. Default: every .json, .yaml and .yml file is a manifest.
   */
  manifestsOnly?: boolean;
}

/**
 * Reads the manifests under files and folders, as the command line does: folders are walked in
 * sorted order (hidden folders and node_modules skipped), only regular files are read, a link
 * leading out of the folder named is an error and is never read. Never throws for a bad file:
 * it is an error of the result.
 */
export function readManifestPaths(paths: readonly string[], options: ReadManifestPathsOptions = {}): ManifestFiles {
  const { limits, exclude, packTextsAfter, ignore, manifestsOnly = false } = options;
  const expanded = paths.length > 0 ? expandManifestPaths(paths, { ignore }) : { files: [], errors: [], skipped: [], foundIn: new Map<string, string>() };
  const files = exclude === undefined ? expanded.files : expanded.files.filter((f) => !exclude(f));
  const keep = manifestsOnly ? (file: string, text: string) => !expanded.foundIn.has(file) || mayBeManifest(text) : undefined;
  const read = readManifestFiles(files, limits === undefined ? undefined : withDefaults(limits), packTextsAfter, keep);
  let errors = [...expanded.errors, ...read.errors];
  const notManifests = [...read.left];
  if (manifestsOnly) {
    // A file too large to read is left out too when its start shows it is not a manifest.
    errors = errors.filter((d) => {
      const file = d.location?.file;
      if (d.code !== 'source/too-large' || file === undefined || !expanded.foundIn.has(file) || headMayBeManifest(file) !== false) return true;
      notManifests.push(file);
      return false;
    });
    errors.push(...foldersWithoutManifests(expanded.foundIn, notManifests));
  }
  return { files: expanded.files, sources: read.sources, characters: read.characters, errors, skipped: expanded.skipped, notManifests: notManifests.sort(compareStrings) };
}

/** An error for each folder named whose files were all left out as not manifests. */
function foldersWithoutManifests(foundIn: ReadonlyMap<string, string>, notManifests: readonly string[]): Diagnostic[] {
  const left = new Map<string, number>();
  for (const file of notManifests) left.set(foundIn.get(file)!, (left.get(foundIn.get(file)!) ?? 0) + 1);
  const found = new Map<string, number>();
  for (const folder of foundIn.values()) found.set(folder, (found.get(folder) ?? 0) + 1);
  return [...left].filter(([folder, n]) => found.get(folder) === n).map(([folder, n]) =>
    diagnostic('source/unreadable', `no manifests in this directory: ${n === 1 ? 'its one .json/.yaml file has' : `none of its ${n} .json/.yaml files has`} a manifestVersion`, { file: folder, line: 1, column: 1, pointer: '' }, 'a manifest starts with manifestVersion: 1; name a file on the command line to check it whatever it holds'));
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
