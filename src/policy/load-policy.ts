import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnostic, fail, ok, type Diagnostic, type Result } from '../source/diagnostic';
import { didYouMean } from '../source/did-you-mean';
import type { PolicyFile, SourceLocation } from '../types/index';
import { validateAgainst } from '../source/validate-schema';
import { BUILTIN_PREFIX, builtinDisplayName, RULES_DIR } from '../source/builtin-files';
import { parseSource } from '../source/parse-source';
import { isInside, readBuiltinFile, readTextFile } from '../source/read-file';
import { SourceDocument } from '../source/source-document';

const ENGINE_PACK = 'dfft';
import { cachedData } from '../source/builtin-cache';


/** A policy file that parsed and passed the policy schema. */
export interface PolicyDocument {
  source: SourceDocument;
  data: PolicyFile;
  builtin: boolean;
  /** Read from the build's cache of the built-in packs (already validated and type-checked). */
  fromCache?: boolean;
}

export interface PolicySelection {
  /** An organisation policy file. */
  policy?: string;
  /**
   * Exactly these built-in packs: they replace the default packs and the built-in packs the
   * policy extends (the policy's own rules, lists and overrides still apply). Without it, the
   * built-in packs are those the policy extends, or the default packs when there is no policy.
   */
  packs?: readonly string[];
  /** Built-in packs added to those of the run (the defaults, the policy's extends, or `packs`). */
  addPacks?: readonly string[];
  /** Directory of built-in packs (tests point it elsewhere). */
  rulesDir?: string;
}

export interface LoadedPolicy {
  /** Every document, each after the documents it extends. */
  documents: PolicyDocument[];
  /** Built-in packs the policy extends that `packs` left out of the run, with where they are extended. */
  excluded: Array<{ id: string; location: SourceLocation }>;
}

/** The ids of the built-in packs (rules/<id>.yaml). */
export function builtinPackIds(rulesDir = RULES_DIR): string[] {
  return fs
    .readdirSync(rulesDir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    // rules/dfft.yaml is the engine's own pack, law data of every run rather than a pack to select.
    .filter((id) => id !== ENGINE_PACK)
    .sort();
}

/**
 * Reads the policy of a run: the organisation policy file and everything it extends, and the
 * built-in packs asked for. Each file is read once; an `extends` cycle, a path that leaves the
 * policy's folder, a URL, or an unknown pack is an error located at the `extends` entry.
 */
export function loadPolicyDocuments(selection: PolicySelection): Result<LoadedPolicy> {
  const rulesDir = selection.rulesDir ?? RULES_DIR;
  const documents: PolicyDocument[] = [];
  const errors: Diagnostic[] = [];
  const loaded = new Map<string, PolicyDocument | null>();
  const known = builtinPackIds(rulesDir);
  const excluded: LoadedPolicy['excluded'] = [];
  // With `packs`, the built-in packs of the run are named on the command line, not by the policy.
  const exact = selection.packs !== undefined;
  const extend = (doc: PolicyDocument, file: string, chain: string[], key: string): void => {
    (doc.data.extends ?? []).forEach((ref, index) => {
      const target = resolveExtends(ref, file, rulesDir, known, doc, index, errors);
      if (!target) return;
      if (exact && target.builtin && !doc.builtin) {
        excluded.push({ id: ref.slice(BUILTIN_PREFIX.length), location: doc.source.locate(`/extends/${index}`) });
        return;
      }
      load(target.file, target.builtin, [...chain, key], { doc, index });
    });
  };

  const load = (file: string, builtin: boolean, chain: string[], from?: { doc: PolicyDocument; index: number }): void => {
    const key = path.resolve(file);
    if (chain.includes(key)) {
      const cycle = [...chain.slice(chain.indexOf(key)), key].map((f) => path.relative(process.cwd(), f) || f);
      errors.push(diagnostic('policy/extends', `extends cycle: ${cycle.join(' → ')}`, from?.doc.source.locate(`/extends/${from.index}`)));
      return;
    }
    if (loaded.has(key)) return;
    loaded.set(key, null);
    const read = builtin ? readBuiltinFile(file, 'policy/unreadable') : readTextFile(file, 'policy/unreadable');
    if (!read.ok) {
      errors.push(...(from ? read.diagnostics.map((d) => diagnostic('policy/extends', `${d.message}: ${file}`, from.doc.source.locate(`/extends/${from.index}`))) : read.diagnostics));
      return;
    }
    // Built-in packs are named by their place in the package, not by this machine's path.
    const display = builtin ? builtinDisplayName(file, rulesDir) : file;
    const cached = builtin ? (cachedData(display, read.value.sha256) as PolicyFile | undefined) : undefined;
    if (cached) {
      const doc: PolicyDocument = { source: new SourceDocument(display, read.value.text, 'yaml', read.value.sha256), data: cached, builtin, fromCache: true };
      loaded.set(key, doc);
      extend(doc, file, chain, key);
      documents.push(doc);
      return;
    }
    const parsed = parseSource(display, read.value.text, read.value.sha256);
    if (!parsed.ok) {
      errors.push(...parsed.diagnostics);
      return;
    }
    const schemaErrors = validateAgainst('policy', parsed.value);
    if (schemaErrors.length > 0) {
      errors.push(...schemaErrors);
      return;
    }
    const doc: PolicyDocument = { source: parsed.value.source, data: parsed.value.data as PolicyFile, builtin };
    loaded.set(key, doc);
    extend(doc, file, chain, key);
    documents.push(doc);
  };

  const presets = packPresets(rulesDir, known);
  const expand = (ids: readonly string[]): string[] => ids.flatMap((id) => (known.includes(id) ? [id] : (presets.get(id) ?? [id])));
  const base = selection.packs ? expand(selection.packs) : selection.policy ? [] : (presets.get(DEFAULT_PRESET) ?? []);
  const packs = [...new Set([...base, ...expand(selection.addPacks ?? [])])];
  for (const id of packs) {
    if (!known.includes(id)) {
      const names = [...known, ...presets.keys()];
      const guess = didYouMean(id, names);
      errors.push(diagnostic('argument/invalid', `unknown rule pack "${id}"`, undefined, guess ? `did you mean "${guess}"?` : `the built-in packs are: ${known.join(', ')}; the presets: ${[...presets.keys()].join(', ')}`));
      continue;
    }
    load(path.join(rulesDir, `${id}.yaml`), true, []);
  }
  if (selection.policy) load(selection.policy, false, []);
  if (errors.length > 0) return fail(errors);
  return ok({ documents, excluded: excluded.filter((e) => !packs.includes(e.id)) });
}

/**
 * Every built-in pack of the rules folder, whether or not the run applies it: the engine asks
 * their `appliesWhen` which of them would judge a flow that no active pack judged, and a policy
 * may not take a built-in pack's id or title. Packs that cannot be read are left out here; a run
 * that applies one reports its errors.
 */
export function loadBuiltinCatalogue(rulesDir = RULES_DIR): PolicyDocument[] {
  const out: PolicyDocument[] = [];
  for (const id of builtinPackIds(rulesDir)) {
    const file = path.join(rulesDir, `${id}.yaml`);
    const read = readBuiltinFile(file, 'policy/unreadable');
    if (!read.ok) continue;
    const display = builtinDisplayName(file, rulesDir);
    const cached = cachedData(display, read.value.sha256) as PolicyFile | undefined;
    if (cached) {
      out.push({ source: new SourceDocument(display, read.value.text, 'yaml', read.value.sha256), data: cached, builtin: true, fromCache: true });
      continue;
    }
    const parsed = parseSource(display, read.value.text, read.value.sha256);
    if (!parsed.ok || validateAgainst('policy', parsed.value).length > 0) continue;
    out.push({ source: parsed.value.source, data: parsed.value.data as PolicyFile, builtin: true });
  }
  return out;
}


/** The preset the packs marked `default: true` form: what a run applies when it names no packs. */
export const DEFAULT_PRESET = 'default';

/**
 * The presets of the built-in packs (`pack.presets`), each with its packs in id order, and
 * `default` with the packs marked `default: true`. A cheap look at each file; a pack is fully
 * validated when it is loaded.
 */
export function packPresets(rulesDir = RULES_DIR, known = builtinPackIds(rulesDir)): Map<string, string[]> {
  const presets = new Map<string, string[]>([[DEFAULT_PRESET, []]]);
  for (const id of known) {
    const read = readBuiltinFile(path.join(rulesDir, `${id}.yaml`));
    if (!read.ok) continue;
    if (/^\s+default:\s*true\s*$/m.test(read.value.text)) presets.get(DEFAULT_PRESET)!.push(id);
    const listed = /^\s+presets:\s*\[([^\]\n]*)\]\s*$/m.exec(read.value.text);
    for (const name of (listed?.[1] ?? '').split(',').map((n) => n.trim()).filter(Boolean)) {
      if (!presets.has(name)) presets.set(name, []);
      presets.get(name)!.push(id);
    }
  }
  return presets;
}

function resolveExtends(
  ref: string,
  fromFile: string,
  rulesDir: string,
  known: string[],
  doc: PolicyDocument,
  index: number,
  errors: Diagnostic[],
): { file: string; builtin: boolean } | undefined {
  const at = doc.source.locate(`/extends/${index}`);
  if (ref.startsWith(BUILTIN_PREFIX)) {
    const id = ref.slice(BUILTIN_PREFIX.length);
    if (known.includes(id)) return { file: path.join(rulesDir, `${id}.yaml`), builtin: true };
    const guess = didYouMean(id, known);
    errors.push(diagnostic('policy/extends', `unknown built-in pack "${ref}"`, at, guess ? `did you mean "${BUILTIN_PREFIX}${guess}"?` : `the built-in packs are: ${known.map((k) => BUILTIN_PREFIX + k).join(', ')}`));
    return undefined;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(ref)) {
    errors.push(diagnostic('policy/extends', `extends "${ref}" is a URL; dfft reads policies only from local files`, at, 'download the policy and extend it by a relative path'));
    return undefined;
  }
  if (path.isAbsolute(ref)) {
    errors.push(diagnostic('policy/extends', `extends "${ref}" is an absolute path; use a path relative to ${path.basename(fromFile)}`, at));
    return undefined;
  }
  const base = path.dirname(path.resolve(fromFile));
  const target = path.resolve(base, ref);
  if (!doc.builtin && !isInside(base, target)) {
    errors.push(diagnostic('policy/extends', `extends "${ref}" leaves the folder of ${path.basename(fromFile)}`, at, 'keep extended policies in the same folder or below it'));
    return undefined;
  }
  if (!doc.builtin) {
    // The same by real paths: a symbolic link inside the folder may lead out of it.
    const real = realPathOrUndefined(target);
    const realBase = realPathOrUndefined(base);
    if (real !== undefined && realBase !== undefined && !isInside(realBase, real)) {
      errors.push(diagnostic('policy/extends', `extends "${ref}" leads to ${real} through a symbolic link, outside the folder of ${path.basename(fromFile)}; not read`, at, 'keep extended policies in the same folder or below it, as files rather than links out of it'));
      return undefined;
    }
  }
  return { file: path.relative(process.cwd(), target) || target, builtin: doc.builtin };
}

/** The real path of a file; undefined when it does not resolve (reading it then says why). */
function realPathOrUndefined(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}
