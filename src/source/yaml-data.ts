import type { Document, Node, Pair } from 'yaml';
import type * as Yaml from 'yaml';
import { workCounters } from './work-counters';

/** A problem found while turning a parsed YAML document into data, at a character offset. */
export interface YamlDataProblem {
  offset: number;
  message: string;
  hint?: string;
}

/** How far aliases may expand a document: a multiple of its own size, within a floor and a ceiling. */
export const ALIAS_EXPANSION = { factor: 10, floor: 1024 * 1024, ceiling: 128 * 1024 * 1024 } as const;

/** The most characters a YAML text of this length may expand to through its aliases. */
export function aliasExpansionLimit(textLength: number): number {
  return Math.min(ALIAS_EXPANSION.ceiling, Math.max(ALIAS_EXPANSION.floor, ALIAS_EXPANSION.factor * textLength));
}

type Frame =
  | { kind: 'map'; node: Yaml.YAMLMap; out: Record<string, unknown>; keys: Set<string>; i: number; start: number; anchor?: string; key?: string }
  | { kind: 'seq'; node: Yaml.YAMLSeq; out: unknown[]; i: number; start: number; anchor?: string };

/**
 * Turns a parsed YAML document into plain data in one walk over its nodes, without recursion
 * (so nesting cannot exhaust the stack here) and in time linear in the document:
 * - duplicate keys within a mapping are found with one Set per mapping, comparing keys as the
 *   data will have them (`1` and `"1"` are the same property, so they are duplicates too);
 * - keys that are mappings, sequences or aliases are refused: no manifest or policy needs them,
 *   and as object properties they would be stringified into something no one wrote;
 * - aliases are resolved through a table of anchors built on the way (the yaml package searches
 *   the document for each alias), and the size of what they expand to is counted: a document
 *   whose aliases expand it beyond `aliasExpansionLimit` of its size is refused at the alias
 *   that crosses the limit, whatever the number of aliases;
 * - an alias to a node that contains it (a cycle) is refused.
 * Sizes are counted in source characters: a scalar counts its length in the text (at least 1),
 * a mapping or sequence 1 plus its contents, an alias what its anchored node counts.
 */
export function composeYamlData(
  doc: Document.Parsed,
  textLength: number,
  yaml: typeof Yaml,
): { ok: true; data: unknown } | { ok: false; problems: YamlDataProblem[] } {
  const { isMap, isSeq, isScalar, isAlias } = yaml;
  const limit = aliasExpansionLimit(textLength);
  const problems: YamlDataProblem[] = [];
  // Anchored nodes seen so far, by name (a later anchor of the same name replaces an earlier
  // one, as YAML says): their data, and their expanded size once complete.
  const anchors = new Map<string, { value: unknown; size: number; complete: boolean }>();
  const stack: Frame[] = [];
  let total = 0;
  let root: unknown = null;
  let rootSet = false;

  // Delivers a finished value to the innermost open collection (or as the document's root).
  const deliver = (value: unknown): void => {
    const top = stack[stack.length - 1];
    if (!top) {
      root = value;
      rootSet = true;
    } else if (top.kind === 'seq') {
      top.out.push(value);
    } else if (top.key !== undefined) {
      const key = top.key;
      // As the yaml package does: a key that exists on every object (e.g. "__proto__",
      // "toString") becomes an own property, never an assignment through the prototype.
      if (key in top.out) Object.defineProperty(top.out, key, { value, writable: true, enumerable: true, configurable: true });
      else top.out[key] = value;
      top.key = undefined;
    }
  };

  // Visits one value node: a scalar or alias is delivered at once, a collection is opened.
  const enter = (node: unknown): boolean => {
    workCounters.yamlNodes++;
    if (node === null || node === undefined) {
      total += 1;
      deliver(null);
      return true;
    }
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      const at = (node as Node).range?.[0] ?? 0;
      if (!target) {
        problems.push({ offset: at, message: `unresolved alias *${node.source}`, hint: `an anchor &${node.source} must come before it` });
        deliver(null);
        return true;
      }
      if (!target.complete) {
        problems.push({ offset: at, message: `alias *${node.source} refers to a node that contains it`, hint: 'a cycle has no data form' });
        deliver(null);
        return true;
      }
      total += target.size;
      if (total > limit) {
        problems.push({
          offset: at,
          message: `alias *${node.source} expands the document past ${limit.toLocaleString('en-US')} characters`,
          hint: `YAML aliases may expand a document to ${ALIAS_EXPANSION.factor} times its size, at least 1 MiB and at most 128 MiB; more is an alias bomb`,
        });
        return false;
      }
      deliver(target.value);
      return true;
    }
    const anchor = (node as { anchor?: string }).anchor || undefined;
    if (isScalar(node)) {
      const range = node.range;
      const size = Math.max(1, range ? range[1] - range[0] : 1);
      total += size;
      if (anchor !== undefined) anchors.set(anchor, { value: node.value, size, complete: true });
      deliver(node.value);
      return true;
    }
    if (isMap(node) || isSeq(node)) {
      total += 1;
      const frame: Frame = isMap(node)
        ? { kind: 'map', node, out: {}, keys: new Set(), i: 0, start: total - 1, anchor }
        : { kind: 'seq', node, out: [], i: 0, start: total - 1, anchor };
      if (anchor !== undefined) anchors.set(anchor, { value: frame.out, size: 0, complete: false });
      stack.push(frame);
      return true;
    }
    problems.push({ offset: (node as Node).range?.[0] ?? 0, message: 'unsupported YAML node' });
    return false;
  };

  // A mapping key: a scalar, compared as the property it becomes.
  const enterKey = (frame: Extract<Frame, { kind: 'map' }>, pair: Pair): boolean => {
    workCounters.yamlNodes++;
    const key = pair.key as unknown;
    const at = (key as Node | null)?.range?.[0] ?? (pair.value as Node | null)?.range?.[0] ?? frame.node.range?.[0] ?? 0;
    if (key !== null && key !== undefined && !isScalar(key)) {
      const what = isAlias(key) ? `an alias (*${key.source})` : isSeq(key) ? 'a sequence' : 'a mapping';
      problems.push({ offset: at, message: `${what} as a map key is not supported`, hint: 'write the key as a plain string' });
      return false;
    }
    const value = isScalar(key) ? key.value : null;
    if (value !== null && typeof value === 'object') {
      problems.push({ offset: at, message: 'a map key of this type is not supported', hint: 'write the key as a plain string' });
      return false;
    }
    const name = value === null ? '' : String(value);
    const size = Math.max(1, isScalar(key) && key.range ? key.range[1] - key.range[0] : 1);
    total += size;
    if (isScalar(key) && key.anchor) anchors.set(key.anchor, { value, size, complete: true });
    workCounters.keyLookups++;
    if (frame.keys.has(name)) {
      // The yaml package's own wording for the same error, at the same place.
      problems.push({ offset: at, message: 'map keys must be unique' });
      return false;
    }
    frame.keys.add(name);
    frame.key = name;
    return true;
  };

  // Errors are collected (all of them, as the parser would report them) and the walk goes on,
  // except past the expansion limit: going on would do the work the limit is there to refuse.
  let failed = !enter(doc.contents);
  while (!failed && stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.i >= frame.node.items.length) {
      stack.pop();
      if (frame.anchor !== undefined) {
        const entry = anchors.get(frame.anchor);
        // Only if the anchor still names this node (a nested anchor of the same name may replace it).
        if (entry && entry.value === frame.out) {
          entry.size = total - frame.start;
          entry.complete = true;
        }
      }
      deliver(frame.out);
      continue;
    }
    const item = frame.node.items[frame.i++] as unknown;
    if (frame.kind === 'map' && !enterKey(frame, item as Pair)) frame.key = undefined; // its value is walked, then dropped
    failed = !enter(frame.kind === 'map' ? (item as Pair).value : item);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, data: rootSet ? root : null };
}
