import { isAscii } from 'node:buffer';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/**
 * Start-up of the executable. Loading dfft's 220 modules one by one (resolving, reading and
 * compiling each) was over half of a one-file check; the build therefore bundles the CLI into one
 * file, with V8's compiled code for it (scripts/bundle-cli.js), and this module loads that.
 * Falls back to the modules themselves, with the same behaviour, when the bundle is missing or
 * older than the modules (a `tsc` run after the last `npm run build`), or with DFFT_NO_BUNDLE set
 * (stack traces then name the modules).
 */
export type Cli = typeof import('./entry');

export const BUNDLE_FILE = path.join(__dirname, 'dfft-cli.js');
export const CODE_CACHE_FILE = path.join(__dirname, 'dfft-cli.code-cache');

export function loadCli(): Cli {
  const bytes = process.env.DFFT_NO_BUNDLE ? undefined : currentBundle();
  if (bytes === undefined) return require('./entry') as Cli; // eslint-disable-line @typescript-eslint/no-require-imports
  return runBundle(compileBundle(bundleText(bytes), codeCacheFor(bytes)));
}

/**
 * The bundle's bytes, or undefined when there is none, it cannot be read (the modules then run, as
 * they would without it), or a later `tsc` made it stale.
 */
function currentBundle(): Buffer | undefined {
  try {
    // tsc rewrites every module it emits; an installed package gives them all one date.
    if (fs.statSync(BUNDLE_FILE).mtimeMs < fs.statSync(path.join(__dirname, 'entry.js')).mtimeMs) return undefined;
    return fs.readFileSync(BUNDLE_FILE);
  } catch {
    return undefined;
  }
}

/** The build writes the bundle in ASCII, which decodes as Latin-1 in a fraction of UTF-8's time. */
export function bundleText(bytes: Buffer): string {
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

/**
 * V8's code for this exact bundle text. V8 checks its own version and flags, but of the source only
 * its length, so the file carries the sha256 of the text it was made from (see writeCodeCache).
 */
export function codeCacheFor(bundle: Buffer): Buffer | undefined {
  let file: Buffer;
  try {
    file = fs.readFileSync(CODE_CACHE_FILE);
  } catch {
    return undefined;
  }
  const digest = sha256(bundle);
  return file.length > digest.length && file.subarray(0, digest.length).toString('latin1') === digest ? file.subarray(digest.length) : undefined;
}

function sha256(bytes: Buffer): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** The bundle compiled as a CommonJS module's function, as Node's own loader would wrap it. */
export function compileBundle(source: string, cachedData?: Buffer): vm.Script {
  return new vm.Script(Module.wrap(source.replace(/^#!.*/, '')), {
    filename: BUNDLE_FILE,
    cachedData,
    // No import() runs in it: the one dfft needs lives in a module of its own (config/import-module).
  });
}

/** Runs the compiled bundle as the module dist/cli/dfft-cli.js and returns its exports. */
export function runBundle(script: vm.Script): Cli {
  const mod = new Module(BUNDLE_FILE, module);
  mod.filename = BUNDLE_FILE;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(__dirname);
  const localRequire = Object.assign((id: string) => mod.require(id), {
    resolve: (id: string) => (Module as unknown as { _resolveFilename(id: string, parent: Module): string })._resolveFilename(id, mod),
    cache: require.cache,
    main: require.main,
  });
  (script.runInThisContext() as (...args: unknown[]) => void).call(mod.exports, mod.exports, localRequire, mod, BUNDLE_FILE, __dirname);
  mod.loaded = true;
  return mod.exports as Cli;
}

/** Writes V8's code for the bundle, after `script` ran (so that what ran is compiled): the build does this. */
export function writeCodeCache(bundle: Buffer, script: vm.Script): number {
  const data = Buffer.concat([Buffer.from(sha256(bundle), 'latin1'), script.createCachedData()]);
  fs.writeFileSync(CODE_CACHE_FILE, data);
  return data.length;
}
