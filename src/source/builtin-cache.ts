import { isAscii } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The built-in packs and law data, parsed, validated and with every CEL expression type-checked,
 * saved by the build (scripts/postbuild.js) as dist/builtin-cache.json. Start-up then skips the
 * YAML parser, the schema validation and cel-js for them. An entry is used only when the file's
 * sha256 matches, so an edited pack is simply compiled afresh; DFFT_NO_CACHE=1 turns it off, and
 * DFFT_BUILTIN_CACHE names another cache file (the test suite, which runs from src, points it at
 * the build's when the build is newer than every source).
 */
export interface BuiltinCache {
  version: string;
  files: Record<string, { sha256: string; data: unknown }>;
  /**
   * Checked ASTs by file, then by expression text (see AstCache), each as its JSON text: a run
   * parses only those of the packs it compiles (a pack outside the run compiles few of them).
   */
  expressions: Record<string, Record<string, string>>;
  /**
   * Macro slots enough for any template of the built-in packs (the most any built-in expression
   * needs), allocated before their templates compile when first rendered.
   */
  templateSlots: number;
}

/** A cel-js AST node as JSON: what dfft's compiler and explain read of it. */
export interface SerializedNode {
  op: string;
  args: unknown;
  range: [number, number];
  type?: string;
}

let cache: BuiltinCache | null | undefined;

export function builtinCache(): BuiltinCache | undefined {
  if (cache === undefined) {
    cache = null;
    if (!process.env.DFFT_NO_CACHE) {
      try {
        const file = process.env.DFFT_BUILTIN_CACHE || path.join(__dirname, '..', 'builtin-cache.json');
        // Written in ASCII (scripts/postbuild.js), which decodes as Latin-1 several times faster than UTF-8.
        const bytes = fs.readFileSync(file);
        cache = JSON.parse(bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8')) as BuiltinCache;
      } catch {
        cache = null; // not built (tests run from src), or unreadable: compile as usual
      }
    }
  }
  return cache ?? undefined;
}

/** The JSON text of the checked AST of an expression of a built-in file, when the build cached one. */
function astJson(display: string, source: string): string | undefined {
  const byText = builtinCache()?.expressions[display];
  return byText && Object.hasOwn(byText, source) ? byText[source] : undefined;
}

/** The checked AST of an expression of a built-in file, when the build cached one. */
export function cachedAst(display: string, source: string): SerializedNode | undefined {
  const json = astJson(display, source);
  return json === undefined ? undefined : (JSON.parse(json) as SerializedNode);
}

/** Whether the build cached the checked AST of an expression of a built-in file. */
export function hasCachedAst(display: string, source: string): boolean {
  return astJson(display, source) !== undefined;
}

/** The most macro slots a built-in template needs, when the build recorded it. */
export function cachedTemplateSlots(): number | undefined {
  const slots = builtinCache()?.templateSlots;
  return typeof slots === 'number' ? slots : undefined;
}

/** The cached data of a built-in file, when its content is what was cached. */
export function cachedData(display: string, sha256: string): unknown {
  const entry = builtinCache()?.files[display];
  return entry && entry.sha256 === sha256 ? entry.data : undefined;
}
