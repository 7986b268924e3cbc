import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnostic, type Diagnostic } from '../source/diagnostic';
import { parseSource } from '../source/parse-source';
import { readTextFile } from '../source/read-file';
import type { SourceDocument } from '../source/source-document';
import { HOST_PATTERN } from './hosts';
import { loadSchema } from '../source/schemas';

/** The files looked for beside the tsconfig when no `--config` is given, in this order. */
export const CONFIG_FILE_NAMES = ['dfft.config.json', 'dfft.config.yaml', 'dfft.config.yml'] as const;

/** Hosts that are never egress unless the config says otherwise. */
export const DEFAULT_IGNORED_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** Modules whose `declareFlow`, `declareParty`, `declareDataset` and `declaresFlow` are always read. */
export const DEFAULT_DECLARATION_MODULES: readonly string[] = ['dfft', 'dfft/declare'];

/**
 * The extraction config (`dfft.config.json`, JSON or YAML):
 *
 * ```json
 * {
 *   "system": { "id": "acme-shop", "name": "ACME web shop" },
 *   "hosts": { "api.stripe.com": "stripe-ie", "*.snowy.example": "snowy-us" },
 *   "ignoreHosts": ["localhost", "*.svc.cluster.local"],
 *   "modules": ["@acme/compliance"]
 * }
 * ```
 */
export interface ExtractConfig {
  /** The `system` of the extracted manifest. Default: `{ id: <the tsconfig's folder name> }`. */
  system: { id: string; [key: string]: unknown };
  /** Host pattern → party id: an egress to a host is covered when a declared flow goes to its party. */
  hosts: Array<{ pattern: string; party: string }>;
  /** Host patterns that are not egress (the service's own infrastructure). */
  ignoreHosts: string[];
  /** More modules the declaration helpers are imported from (a package that re-exports them), besides dfft's own. */
  modules: string[];
  /** The file it was read from, as displayed; undefined when defaults are used. */
  file?: string;
}

const KEYS = new Set(['$schema', 'system', 'hosts', 'ignoreHosts', 'modules']);
/** The keys of the project config (schemas/config.schema.json) that `check` reads, not extraction. */
const CHECK_KEYS = new Set(Object.keys(loadSchema('config').properties as object).filter((key) => !KEYS.has(key)));
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/**
 * Reads the config given with `--config`, or the first of {@link CONFIG_FILE_NAMES} in the project
 * folder, or uses the defaults when there is none. Every problem is returned, located.
 */
export function loadExtractConfig(options: { configFile?: string; projectDir: string; display: (absolute: string) => string }): {
  config: ExtractConfig;
  errors: Diagnostic[];
} {
  const defaults: ExtractConfig = {
    system: { id: defaultSystemId(options.projectDir) },
    hosts: [],
    ignoreHosts: [...DEFAULT_IGNORED_HOSTS],
    modules: [],
  };
  const file = options.configFile
    ? path.resolve(options.configFile)
    : CONFIG_FILE_NAMES.map((name) => path.join(options.projectDir, name)).find((f) => fs.existsSync(f));
  if (!file) return { config: defaults, errors: [] };

  const shown = options.display(file);
  const read = readTextFile(file);
  if (!read.ok) {
    return { config: defaults, errors: read.diagnostics.map((d) => diagnostic('extract/config', d.message, { ...at(shown) })) };
  }
  const parsed = parseSource(shown, read.value.text, read.value.sha256);
  if (!parsed.ok) {
    return { config: defaults, errors: parsed.diagnostics.map((e) => diagnostic('extract/config', e.message, e.location ?? at(shown), e.hint)) };
  }
  return validateConfig(parsed.value.data, parsed.value.source, defaults, shown);
}

function validateConfig(data: unknown, source: SourceDocument, defaults: ExtractConfig, shown: string): { config: ExtractConfig; errors: Diagnostic[] } {
  const errors: Diagnostic[] = [];
  const fail = (pointer: string, message: string, hint?: string, key = false): void => {
    errors.push(diagnostic('extract/config', message, source.locate(pointer, { key }), hint));
  };
  const config: ExtractConfig = { ...defaults, file: shown };
  if (!isObject(data)) {
    fail('', 'the config must be an object', 'see dfft extract --help for its keys');
    return { config: defaults, errors };
  }
  for (const key of Object.keys(data)) {
    if (!KEYS.has(key) && !CHECK_KEYS.has(key) && !key.startsWith('x-')) fail(`/${key}`, `unknown key "${key}"`, `expected one of ${[...KEYS].join(', ')}`, true);
  }
  if (data.system !== undefined) {
    if (!isObject(data.system) || typeof data.system.id !== 'string' || !ID.test(data.system.id)) {
      fail('/system', 'system must be an object with an id (letters, digits, and . _ : -)', 'e.g. { "id": "acme-shop" }');
    } else {
      config.system = data.system as ExtractConfig['system'];
    }
  }
  if (data.hosts !== undefined) {
    if (!isObject(data.hosts)) fail('/hosts', 'hosts must map host patterns to party ids', 'e.g. { "api.stripe.com": "stripe-ie" }');
    else {
      config.hosts = [];
      for (const [pattern, party] of Object.entries(data.hosts)) {
        const pointer = `/hosts/${pattern.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (!HOST_PATTERN.test(pattern)) fail(pointer, `"${pattern}" is not a host pattern`, 'a host name, where * stands for any characters: *.example.com', true);
        else if (typeof party !== 'string' || !ID.test(party)) fail(pointer, `the party of "${pattern}" must be a party id`);
        else config.hosts.push({ pattern, party });
      }
    }
  }
  for (const key of ['ignoreHosts', 'modules'] as const) {
    const value = data[key];
    if (value === undefined) continue;
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) {
      fail(`/${key}`, `${key} must be a list of non-empty strings`);
    } else if (key === 'ignoreHosts') {
      const bad = value.findIndex((v) => !HOST_PATTERN.test(v as string));
      if (bad >= 0) fail(`/ignoreHosts/${bad}`, `"${String(value[bad])}" is not a host pattern`);
      else config.ignoreHosts = value as string[];
    } else {
      config.modules = value as string[];
    }
  }
  return { config, errors };
}

/** The folder's name, made into an id ("ts-service"); "system" if nothing is left. */
export function defaultSystemId(projectDir: string): string {
  const id = path.basename(path.resolve(projectDir)).replace(/[^A-Za-z0-9._:-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return id === '' ? 'system' : id;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function at(file: string): { file: string; line: number; column: number; pointer: string } {
  return { file, line: 1, column: 1, pointer: '' };
}
