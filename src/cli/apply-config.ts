import * as path from 'node:path';
import { DiagnosticError, findConfig, loadIgnore, type DfftConfig, type LoadedConfig } from '../index';
import type { CheckCommandOptions } from './check-command';
import { parseSize } from './parse-args';

/**
 * `check`'s options with the project's config applied (and `ignore`: what .dfftignore and the
 * config leave out of folders), and the paths to check.
 */
export interface ConfiguredCheck {
  paths: string[];
  opts: CheckCommandOptions & { ignore: (file: string, isDirectory: boolean) => boolean };
  /** The config file applied, as shown; undefined when there is none. */
  configFile?: string;
}

/**
 * Applies the project's config (found upward from the current folder, or the one --config names;
 * none with --no-config) under `check`'s command line: an option given on the command line wins,
 * any -f replaces the config's formats, and paths given replace its `paths`. Relative paths of the
 * config are resolved against its folder. A config that cannot be read or is invalid ends the run
 * (exit 2) before anything is checked.
 */
export async function applyConfig(paths: readonly string[], opts: CheckCommandOptions, given: (option: string) => boolean): Promise<ConfiguredCheck> {
  const found = opts.config === false ? undefined : await findConfig(typeof opts.config === 'string' ? { file: opts.config } : {});
  if (found !== undefined && !found.ok) throw new DiagnosticError(found.diagnostics);
  const loaded = found?.value;
  const root = loaded?.dir ?? process.cwd();
  const ignore = loadIgnore(root, loaded?.config.ignore ?? [], loaded?.file);
  if (!ignore.ok) throw new DiagnosticError(ignore.diagnostics);
  if (loaded === undefined) return { paths: [...paths], opts: { ...opts, ignore: ignore.value } };
  return {
    paths: paths.length > 0 ? [...paths] : (loaded.config.paths ?? ['.']).map((p) => fromConfig(loaded, p)),
    opts: { ...opts, ...configuredOptions(loaded, opts, given), ignore: ignore.value },
    configFile: loaded.file,
  };
}

/** The options the config sets that the command line does not. */
function configuredOptions(loaded: LoadedConfig, opts: CheckCommandOptions, given: (option: string) => boolean): Partial<CheckCommandOptions> {
  const c: DfftConfig = loaded.config;
  const file = (p: string | undefined) => (p === undefined ? undefined : fromConfig(loaded, p));
  const values: Partial<CheckCommandOptions> = {
    policy: file(c.policy),
    packs: c.packs,
    addPacks: c.addPacks,
    waivers: file(c.waivers),
    baseline: file(c.baseline),
    failOn: c.failOn,
    horizon: c.horizon,
    lang: c.lang,
    cache: c.cache,
    cacheLocation: file(c.cacheLocation),
    pretty: c.pretty,
    full: c.full,
    project: file(c.project),
    maxFileSize: c.limits?.maxFileSize === undefined ? undefined : sizeOf(c.limits.maxFileSize),
    maxFiles: c.limits?.maxFiles,
    maxFlows: c.limits?.maxFlows,
    maxConditionCost: c.limits?.maxConditionCost,
    maxReportSize: c.limits?.maxReportSize === undefined ? undefined : sizeOf(c.limits.maxReportSize),
  };
  const out: Partial<CheckCommandOptions> = {};
  for (const [key, value] of Object.entries(values) as Array<[keyof CheckCommandOptions, never]>) {
    if (value !== undefined && !given(key)) out[key] = value;
  }
  // Formats: the config's list, its files under its folder, unless the command line has any -f.
  if (c.formats !== undefined && opts.format.length === 0) {
    out.format = c.formats.map((f) => {
      const eq = f.indexOf('=');
      return eq < 0 || f.slice(eq + 1) === '-' ? f : `${f.slice(0, eq)}=${fromConfig(loaded, f.slice(eq + 1))}`;
    });
  }
  return out;
}

/** A path of the config, as seen from the current folder. */
function fromConfig(loaded: LoadedConfig, p: string): string {
  return path.relative(process.cwd(), path.resolve(loaded.dir, p)) || '.';
}

function sizeOf(value: number | string): number {
  return typeof value === 'number' ? value : parseSize(value);
}
