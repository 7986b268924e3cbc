import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../diagnostics/input-error';
import type { SourceText } from '../types';
import { describeFsError } from './read-file';
import { readTextFile, DEFAULT_READ_LIMITS, type ReadLimits } from './read-file';
import type { Limits } from './limits';

const MANIFEST_EXTENSIONS = /\.(json|ya?ml)$/i;

/**
 * Expands the paths of a command line into manifest files: a directory stands for every .json,
 * .yaml and .yml file below it (hidden folders and node_modules skipped), in sorted order so
 * that runs are deterministic. A path that does not exist is an error; an empty directory too.
 */
export function expandManifestPaths(paths: readonly string[]): { files: string[]; errors: InputError[] } {
  const files: string[] = [];
  const errors: InputError[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (MANIFEST_EXTENSIONS.test(entry.name)) files.push(full);
    }
  };
  for (const p of paths) {
    const at = { file: p, line: 1, column: 1, pointer: '' };
    try {
      if (fs.statSync(p).isDirectory()) {
        const before = files.length;
        walk(p);
        if (files.length === before) errors.push(new InputError('source/unreadable', 'no .json, .yaml or .yml files in this directory', at));
      } else files.push(p);
    } catch (err) {
      errors.push(new InputError('source/unreadable', `cannot read: ${describeFsError(err)}`, at));
    }
  }
  return { files: [...new Set(files)], errors };
}

/** Reads manifest files; every unreadable file is an error and the others are still returned. */
export function readManifestFiles(files: readonly string[], limits: ReadLimits | Limits = DEFAULT_READ_LIMITS): { sources: SourceText[]; errors: InputError[] } {
  const sources: SourceText[] = [];
  const errors: InputError[] = [];
  if ('maxFiles' in limits && files.length > limits.maxFiles) {
    // Refused before reading anything: a run over the limit would be cut short anyway.
    return { sources, errors: [new InputError('source/too-large', `${files.length} manifest files, over the limit of ${limits.maxFiles}`, undefined, 'split the run, or raise --max-files')] };
  }
  for (const file of files) {
    const read = readTextFile(file, 'source/unreadable', limits);
    if (read instanceof InputError) errors.push(read);
    else sources.push({ file, text: read.text, sha256: read.sha256 });
  }
  return { sources, errors };
}
