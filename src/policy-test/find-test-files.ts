import * as fs from 'node:fs';
import { InputError } from '../source/input-error';
import { readTextFile } from '../source/read-file';
import { walkFiles } from '../manifest/read-manifests';
import type { ReportWarning } from '../types';

/**
 * Policy test files in the given paths: files as given; in directories, every .yaml/.yml file
 * below them with a top-level `tests:` key (manifests kept beside tests are skipped). Folders are
 * walked as `dfft check` walks them (regular files inside the folder only); a file found that
 * cannot be read is an error, since it might hold tests.
 */
export function findTestFiles(paths: readonly string[]): { files: string[]; errors: InputError[]; skipped: ReportWarning[] } {
  const files: string[] = [];
  const errors: InputError[] = [];
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
      if (read instanceof InputError) errors.push(read);
      else if (/^tests:/m.test(read.text)) files.push(file);
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
