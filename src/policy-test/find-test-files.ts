import * as fs from 'node:fs';
import type { Diagnostic } from '../source/diagnostic';
import { readTextFile } from '../source/read-file';
import { walkFiles } from '../manifest/read-manifests';
import type { ReportWarning } from '../types';

/**
 * Policy test files in the given paths: files as given; in directories, every .yaml/.yml file
 * below them with a top-level `tests:` key (manifests kept beside tests are skipped). Folders are
 * walked as `dfft check` walks them (regular files inside the folder only); a file found that
 * cannot be read is an error, since it might hold tests.
 */
export function findTestFiles(paths: readonly string[]): { files: string[]; errors: Diagnostic[]; skipped: ReportWarning[] } {
  const files: string[] = [];
  const errors: Diagnostic[] = [];
  const skipped: ReportWarning[] = [];
  for (const p of paths) {
    if (!isDirectory(p)) {
      files.push(p);
      continue;
    }
    const found = walkFiles([p], (name) => /\.ya?ml$/.test(name));
    errors.push(...found.errors);
    skipped.push(...found.skipped);
    for (const file of found.files) {
      const read = readTextFile(file);
      if (!read.ok) errors.push(...read.diagnostics);
      else if (/^tests:/m.test(read.value.text)) files.push(file);
    }
  }
  return { files, errors, skipped };
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
