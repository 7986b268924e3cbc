import * as path from 'node:path';
import ignore from 'ignore';
import { diagnostic, fail, ok, type Diagnostic, type Result } from '../source/diagnostic';
import { pathExists, readTextFile } from '../source/read-file';

/** The ignore file read from the project's root (the config file's folder, or the current one). */
export const IGNORE_FILE = '.dfftignore';

/** A .dfftignore is a short list of patterns; a larger one is a mistake, and is refused. */
const MAX_IGNORE_BYTES = 256 * 1024;

/**
 * The patterns of `<root>/.dfftignore` (when there is one) and `patterns` (a config's `ignore`),
 * in .gitignore syntax relative to `root`, as a predicate on paths found while walking folders
 * (as {@link readManifestPaths}'s `ignore` takes it). Paths outside `root` are never ignored. The
 * `ignore` package does the matching (the one ESLint uses): the .gitignore rules (negation,
 * anchoring, a trailing slash for folders only, `**`) are subtle enough not to rewrite.
 */
export function loadIgnore(root: string, patterns: readonly string[] = [], configFile?: string): Result<(file: string, isDirectory: boolean) => boolean> {
  const matcher = ignore();
  const errors: Diagnostic[] = [];
  const file = path.join(root, IGNORE_FILE);
  if (pathExists(file)) {
    const shown = path.relative(process.cwd(), file) || IGNORE_FILE;
    const read = readTextFile(file, 'config/unreadable', { maxFileBytes: MAX_IGNORE_BYTES });
    if (!read.ok) errors.push(...read.diagnostics.map((d) => (d.location ? { ...d, location: { ...d.location, file: shown } } : d)));
    else add(matcher, read.value.text.split(/\r?\n/), shown, errors);
  }
  add(matcher, patterns, configFile ?? 'the config', errors, '/ignore');
  if (errors.length > 0) return fail(errors);
  const absoluteRoot = path.resolve(root);
  return ok((walked, isDirectory) => {
    const relative = path.relative(absoluteRoot, path.resolve(walked));
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return false;
    const posix = relative.split(path.sep).join('/');
    return matcher.ignores(isDirectory ? `${posix}/` : posix);
  });
}

/** Adds patterns one by one, so that a bad one is named with its line (or its index in the config). */
function add(matcher: ReturnType<typeof ignore>, lines: readonly string[], file: string, errors: Diagnostic[], pointer?: string): void {
  lines.forEach((line, i) => {
    try {
      matcher.add(line);
    } catch (err) {
      const at = pointer === undefined ? { file, line: i + 1, column: 1, pointer: '' } : { file, line: 1, column: 1, pointer: `${pointer}/${i}` };
      errors.push(diagnostic('config/schema', `invalid ignore pattern "${line}": ${(err as Error).message}`, at, 'patterns follow .gitignore syntax'));
    }
  });
}

