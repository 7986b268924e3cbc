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
  return new YamlComposition(yaml, aliasExpansionLimit(textLength)).run(doc);
}

/** What keyValue gives for a key that is not a scalar of a supported type. */
const REFUSED: unique symbol = Symbol('refused');

type MapFrame = Extract<Frame, { kind: 'map' }>;

/** The state of one walk: the open collections, the anchors seen, the size counted so far. */
class YamlComposition {
  private readonly problems: YamlDataProblem[] = [];
  // Anchored nodes seen so far, by name (a later anchor of the same name replaces an earlier
  // one, as YAML says): their data, and their expanded size once complete.
  private readonly anchors = new Map<string, { value: unknown; size: number; complete: boolean }>();
  private readonly stack: Frame[] = [];
  private total = 0;
  private root: unknown = null;
  private rootSet = false;

  constructor(
    private readonly yaml: typeof Yaml,
    private readonly limit: number,
  ) {}

  run(doc: Document.Parsed): { ok: true; data: unknown } | { ok: false; problems: YamlDataProblem[] } {
    const stack = this.stack;
    // Errors are collected (all of them, as the parser would report them) and the walk goes on,
    // except past the expansion limit: going on would do the work the limit is there to refuse.
    let failed = !this.enter(doc.contents);
    while (!failed && stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (frame.i >= frame.node.items.length) {
        stack.pop();
        this.complete(frame);
        continue;
      }
      const item = frame.node.items[frame.i++] as unknown;
      if (frame.kind === 'map' && !this.enterKey(frame, item as Pair)) frame.key = undefined; // its value is walked, then dropped
      failed = !this.enter(frame.kind === 'map' ? (item as Pair).value : item);
    }
    if (this.problems.length > 0) return { ok: false, problems: this.problems };
    return { ok: true, data: this.rootSet ? this.root : null };
  }

  /** A collection whose items are all walked: its anchor gets its size, its data is delivered. */
  private complete(frame: Frame): void {
    if (frame.anchor !== undefined) {
      const entry = this.anchors.get(frame.anchor);
      // Only if the anchor still names this node (a nested anchor of the same name may replace it).
      if (entry && entry.value === frame.out) {
        entry.size = this.total - frame.start;
        entry.complete = true;
      }
    }
    this.deliver(frame.out);
  }

  /** Delivers a finished value to the innermost open collection (or as the document's root). */
  private deliver(value: unknown): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      this.root = value;
      this.rootSet = true;
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
  }

  /** Visits one value node: a scalar or alias is delivered at once, a collection is opened. */
  private enter(node: unknown): boolean {
    workCounters.yamlNodes++;
    const { isMap, isSeq, isScalar, isAlias } = this.yaml;
    if (node === null || node === undefined) {
      this.total += 1;
      this.deliver(null);
      return true;
    }
    if (isAlias(node)) return this.enterAlias(node);
    const anchor = (node as { anchor?: string }).anchor || undefined;
    if (isScalar(node)) {
      const range = node.range;
      const size = Math.max(1, range ? range[1] - range[0] : 1);
      this.total += size;
      if (anchor !== undefined) this.anchors.set(anchor, { value: node.value, size, complete: true });
      this.deliver(node.value);
      return true;
    }
    if (isMap(node) || isSeq(node)) {
      this.total += 1;
      const start = this.total - 1;
      const frame: Frame = isMap(node) ? { kind: 'map', node, out: {}, keys: new Set(), i: 0, start, anchor } : { kind: 'seq', node, out: [], i: 0, start, anchor };
      if (anchor !== undefined) this.anchors.set(anchor, { value: frame.out, size: 0, complete: false });
      this.stack.push(frame);
      return true;
    }
    this.problems.push({ offset: (node as Node).range?.[0] ?? 0, message: 'unsupported YAML node' });
    return false;
  }

  /** An alias: its anchored node's data, counted at that node's size; false past the limit. */
  private enterAlias(node: Yaml.Alias): boolean {
    const target = this.anchors.get(node.source);
    const at = (node as Node).range?.[0] ?? 0;
    if (!target) {
      this.problems.push({ offset: at, message: `unresolved alias *${node.source}`, hint: `an anchor &${node.source} must come before it` });
      this.deliver(null);
      return true;
    }
    if (!target.complete) {
      this.problems.push({ offset: at, message: `alias *${node.source} refers to a node that contains it`, hint: 'a cycle has no data form' });
      this.deliver(null);
      return true;
    }
    this.total += target.size;
    if (this.total > this.limit) {
      this.problems.push({
        offset: at,
        message: `alias *${node.source} expands the document past ${this.limit.toLocaleString('en-US')} characters`,
        hint: `YAML aliases may expand a document to ${ALIAS_EXPANSION.factor} times its size, at least 1 MiB and at most 128 MiB; more is an alias bomb`,
      });
      return false;
    }
    this.deliver(target.value);
    return true;
  }

  /** A mapping key: a scalar, compared as the property it becomes. */
  private enterKey(frame: MapFrame, pair: Pair): boolean {
    workCounters.yamlNodes++;
    const { isScalar } = this.yaml;
    const key = pair.key as unknown;
    const at = (key as Node | null)?.range?.[0] ?? (pair.value as Node | null)?.range?.[0] ?? frame.node.range?.[0] ?? 0;
    const value = this.keyValue(key, at);
    if (value === REFUSED) return false;
    const name = value === null ? '' : String(value);
    const size = Math.max(1, isScalar(key) && key.range ? key.range[1] - key.range[0] : 1);
    this.total += size;
    if (isScalar(key) && key.anchor) this.anchors.set(key.anchor, { value, size, complete: true });
    workCounters.keyLookups++;
    if (frame.keys.has(name)) {
      // The yaml package's own wording for the same error, at the same place.
      this.problems.push({ offset: at, message: 'map keys must be unique' });
      return false;
    }
    frame.keys.add(name);
    frame.key = name;
    return true;
  }

  /** The value of a key node (null for an empty key), or REFUSED. */
  private keyValue(key: unknown, at: number): unknown {
    const { isSeq, isScalar, isAlias } = this.yaml;
    if (key !== null && key !== undefined && !isScalar(key)) {
      const what = isAlias(key) ? `an alias (*${key.source})` : isSeq(key) ? 'a sequence' : 'a mapping';
      this.problems.push({ offset: at, message: `${what} as a map key is not supported`, hint: 'write the key as a plain string' });
      return REFUSED;
    }
    const value = isScalar(key) ? key.value : null;
    if (value !== null && typeof value === 'object') {
      this.problems.push({ offset: at, message: 'a map key of this type is not supported', hint: 'write the key as a plain string' });
      return REFUSED;
    }
    return value;
  }
}
