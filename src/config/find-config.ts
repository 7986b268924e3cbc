import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { diagnostic, fail, ok, sortDiagnostics, type Diagnostic, type Result } from '../source/diagnostic';
import { getValidator } from '../source/ajv';
import { parseSource } from '../source/parse-source';
import { readTextFile, describeFsError, pathExists } from '../source/read-file';
import { loadSchema } from '../source/schemas';
import { toDiagnostics } from '../source/schema-errors';
import { SourceDocument } from '../source/source-document';
import type { DfftConfig } from '../types';
import { importModule } from './import-module';

/** The names a config file may have, looked for in this order in each folder. */
export const CONFIG_FILES = ['dfft.config.yaml', 'dfft.config.yml', 'dfft.config.json', 'dfft.config.js', 'dfft.config.cjs', 'dfft.config.mjs'] as const;

/** The key of package.json a config may sit under. */
const PACKAGE_KEY = 'dfft';

/** A config file found and validated. */
export interface LoadedConfig {
  /** The file, as given or as found (relative to the folder searched from when below it). */
  file: string;
  /** The folder its relative paths are resolved against (the file's own). */
  dir: string;
  config: DfftConfig;
}

/** Options of {@link findConfig}. */
export interface FindConfigOptions {
  /** Where the search starts (default: the current folder). */
  cwd?: string;
  /** A config file named by the user (--config): read as given, no search. */
  file?: string;
  /**
   * The last folder searched (default: the nearest folder upward that holds `.git`, else the
   * home folder when below it, else the file system's root).
   */
  stopDir?: string;
}

/**
 * The project's config: the file named, or the first of {@link CONFIG_FILES} (or a
 * package.json with a `"dfft"` key) found from `cwd` upward to the repository's root, as ESLint and
 * Spectral look for theirs. `ok(undefined)` when there is none. Every file is read as manifests
 * are (regular files only, bounded): a FIFO or a folder in a config's place is an error, not a
 * hang. A config that cannot be read or does not match schemas/config.schema.json is an error
 * located in it: a run never goes on with half a config, nor falls back to one further up.
 */
export async function findConfig(options: FindConfigOptions = {}): Promise<Result<LoadedConfig | undefined>> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  if (options.file !== undefined) return loadConfigFile(options.file, path.resolve(cwd, options.file));
  const stopDir = path.resolve(options.stopDir ?? defaultStopDir(cwd));
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    for (const name of [...CONFIG_FILES, 'package.json']) {
      const absolute = path.join(dir, name);
      if (!pathExists(absolute)) continue;
      const shown = path.relative(cwd, absolute) || name;
      if (name === 'package.json') {
        const found = await loadPackageConfig(shown, absolute);
        if (!found.ok || found.value !== undefined) return found;
        continue;
      }
      return loadConfigFile(shown, absolute);
    }
    if (dir === stopDir || dir === path.dirname(dir)) return ok(undefined);
  }
}

/** The nearest folder from `cwd` upward that holds `.git`; else home (when below it), else the root. */
function defaultStopDir(cwd: string): string {
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    if (pathExists(path.join(dir, '.git'))) return dir;
    if (dir === path.dirname(dir)) break;
  }
  const home = os.homedir();
  return cwd === home || cwd.startsWith(home + path.sep) ? home : path.parse(cwd).root;
}


/** A config file by name: YAML and JSON are parsed with positions; JavaScript is imported. */
async function loadConfigFile(shown: string, absolute: string): Promise<Result<LoadedConfig>> {
  const dir = path.dirname(absolute);
  if (/\.[cm]?js$/i.test(absolute)) return loadModuleConfig(shown, absolute, dir);
  const read = readTextFile(absolute, 'config/unreadable');
  if (!read.ok) return fail(read.diagnostics.map((d) => relabel(d, shown)));
  const parsed = parseSource(shown, read.value.text, read.value.sha256);
  if (!parsed.ok) return fail(parsed.diagnostics);
  const errors = validateConfig(parsed.value.data, parsed.value.source, '');
  return errors.length > 0 ? fail(errors) : ok({ file: shown, dir, config: parsed.value.data as DfftConfig });
}

/** The `"dfft"` key of a package.json, or undefined when it has none (the search goes on). */
async function loadPackageConfig(shown: string, absolute: string): Promise<Result<LoadedConfig | undefined>> {
  const read = readTextFile(absolute, 'config/unreadable');
  if (!read.ok) return fail(read.diagnostics.map((d) => relabel(d, shown)));
  const parsed = parseSource(shown, read.value.text, read.value.sha256);
  if (!parsed.ok) return fail(parsed.diagnostics);
  const pkg = parsed.value.data;
  if (pkg === null || typeof pkg !== 'object' || !Object.prototype.hasOwnProperty.call(pkg, PACKAGE_KEY)) return ok(undefined);
  const config = (pkg as Record<string, unknown>)[PACKAGE_KEY];
  const errors = validateConfig(config, parsed.value.source, `/${PACKAGE_KEY}`, pkg);
  return errors.length > 0 ? fail(errors) : ok({ file: shown, dir: path.dirname(absolute), config: config as DfftConfig });
}

/**
 * A JavaScript config (its default export, or module.exports), imported as Node imports it: it is
 * the project's own code, run as ESLint runs eslint.config.js. Errors are located at its first
 * line, with the pointer of the bad value.
 */
async function loadModuleConfig(shown: string, absolute: string, dir: string): Promise<Result<LoadedConfig>> {
  const at = { file: shown, line: 1, column: 1, pointer: '' };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch (err) {
    return fail([diagnostic('config/unreadable', `cannot read: ${describeFsError(err)}`, at)]);
  }
  if (!stat.isFile()) return fail([diagnostic('config/unreadable', 'is not a regular file', at)]);
  let config: unknown;
  try {
    const mod = await importModule(pathToFileURL(absolute).href);
    config = mod.default ?? mod;
  } catch (err) {
    return fail([diagnostic('config/unreadable', `cannot load: ${(err as Error).message ?? String(err)}`, at, 'a JavaScript config exports the config object: module.exports = { … } or export default { … }')]);
  }
  const errors = validateConfig(config, new SourceDocument(shown, '{}', 'json'), '');
  return errors.length > 0 ? fail(errors) : ok({ file: shown, dir, config: config as DfftConfig });
}

/**
 * Schema errors of a config value, located in `source` under `prefix` (`/dfft` in a package.json,
 * whose whole data is `root`).
 */
function validateConfig(config: unknown, source: SourceDocument, prefix: string, root: unknown = config): Diagnostic[] {
  const validate = getValidator('config');
  if (validate(config)) return [];
  const errors = (validate.errors ?? []).map((e) => ({ ...e, instancePath: prefix + e.instancePath }));
  return sortDiagnostics(toDiagnostics(errors, source, root, loadSchema('config'), 'config/schema'));
}

/** A read error of a file found by the search, named as shown rather than by its absolute path. */
function relabel(d: Diagnostic, shown: string): Diagnostic {
  return d.location ? { ...d, location: { ...d.location, file: shown } } : d;
}
