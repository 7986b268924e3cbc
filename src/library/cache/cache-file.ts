import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createResultCache, type ResultCache } from './result-cache';

/** The cache file `dfft check --cache` uses in the current folder unless told otherwise. */
export const DEFAULT_CACHE_FILE = '.dfftcache';

/**
 * Reads a cache file into a new result cache. A missing file gives an empty cache; a file that
 * cannot be read, is not a regular file, or is not a cache of this dfft version gives an empty
 * cache and a warning: a run with it is a cold run, never a failure.
 */
export function readResultCache(file: string): { cache: ResultCache; warning?: string } {
  const cache = createResultCache();
  let text: Buffer;
  try {
    const stat = fs.lstatSync(file);
    if (!stat.isFile()) return { cache, warning: `${file} is not a regular file: not read as a cache, and replaced by one` };
    text = fs.readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { cache };
    return { cache, warning: `cannot read the cache ${file} (${(err as Error).message}); checking every flow` };
  }
  const problem = cache.load(text);
  return problem === undefined ? { cache } : { cache, warning: `${file}: ${problem}` };
}

/**
 * Writes the cache's text to a file atomically: into a new file beside it under an unpredictable
 * name, created exclusively (a link planted at that name fails the write rather than being
 * followed), then renamed over the file (a link at the file's name is replaced, not followed).
 * Returns a warning when it cannot be written; the run's results stand.
 */
export function writeResultCache(file: string, cache: ResultCache): string | undefined {
  const tmp = path.join(path.dirname(file), `.${path.basename(file).slice(0, 100)}.${randomBytes(12).toString('hex')}.tmp`);
  let created = false;
  try {
    const fd = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0), 0o644);
    created = true;
    try {
      fs.writeFileSync(fd, cache.serialiseBytes());
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    return undefined;
  } catch (err) {
    if (created) fs.rmSync(tmp, { force: true });
    return `cannot write the cache ${file} (${(err as Error).message})`;
  }
}
