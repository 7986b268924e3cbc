import { InputError } from '../source/input-error';
import { readTextFile } from '../source/read-file';
import { withDefaults, type Limits } from '../source/limits';
import { expandManifestPaths, readManifestFiles } from '../manifest/read-manifests';
import { parseBaselineFile, parseWaiverFile, type Parsed } from '../report/load-suppressions';
import type { Baseline } from '../report/baseline';
import type { WaiverSet } from '../report/waivers';
import type { ReportWarning, SourceText } from '../types';

/** What {@link readManifestPaths} found under the paths it was given. */
export interface ManifestFiles {
  /** The manifest files found (a folder stands for every .json, .yaml and .yml file below it). */
  files: string[];
  /** The texts of the files that could be read, ready for `check` or {@link checkRun}. */
  sources: SourceText[];
  /** Paths that do not exist, empty folders, unreadable files, links leading out of a folder. */
  errors: InputError[];
  /** Special files and links to folders that were skipped (warnings `source/skipped`). */
  skipped: ReportWarning[];
}

/**
 * Reads the manifests under files and folders, as the command line does: folders are walked in
 * sorted order (hidden folders and node_modules skipped), only regular files are read, a link
 * leading out of the folder named is an error and is never read. With `limits`, the number of
 * files and their size are bounded by them (defaults for what is not given); without, only the
 * size of each file is, by its default. Never throws for a bad file: it is an error of the result.
 */
export function readManifestPaths(paths: readonly string[], limits?: Partial<Limits>): ManifestFiles {
  const expanded = paths.length > 0 ? expandManifestPaths(paths) : { files: [], errors: [], skipped: [] };
  const read = limits === undefined ? readManifestFiles(expanded.files) : readManifestFiles(expanded.files, withDefaults(limits));
  return { files: expanded.files, sources: read.sources, errors: [...expanded.errors, ...read.errors], skipped: expanded.skipped };
}

/** A waiver file read and validated, or every problem in it, located. */
export function readWaiverFile(file: string): Parsed<WaiverSet> {
  return readAndParse(file, parseWaiverFile);
}

/** A baseline (an earlier JSON report) read, or every problem in it, located. */
export function readBaselineFile(file: string): Parsed<Baseline> {
  return readAndParse(file, parseBaselineFile);
}

function readAndParse<T>(file: string, parse: (file: string, text: string, sha256?: string) => Parsed<T>): Parsed<T> {
  const read = readTextFile(file);
  if (read instanceof InputError) return { ok: false, errors: [read] };
  return parse(file, read.text, read.sha256);
}
