import { createHash } from 'node:crypto';
import type { LineCounter, Document, Node } from 'yaml';
import type * as Yaml from 'yaml';
import type { SourceLocation } from '../types/index';
import { indexJson, type JsonSpan } from './json-positions';
import { parsePointer, toPointer } from './pointer';
import { lineStartsOf, positionIn } from './line-starts';
import type { PlacedSpans, SpanIndex } from './span-index';
import { workCounters } from './work-counters';

export type SourceFormat = 'json' | 'yaml';

/**
 * An input file's text, with positions computed only when asked for: parsing with source
 * positions costs several times a plain JSON.parse, and most files of a large estate never need
 * a location (only files with findings or errors do).
 */
export class SourceDocument {
  readonly sha256: string;
  private positions?: { doc: Document.Parsed; lines: LineCounter };

  private textValue: string | undefined;
  /** Gives the text again once it was released (see release). */
  private restore?: () => string;
  private readonly textLength: number;

  constructor(
    readonly file: string,
    text: string,
    readonly format: SourceFormat,
    sha256?: string,
    positions?: { doc: Document.Parsed; lines: LineCounter },
    /** For JSON: spans of the values near the top, from the scan done while parsing. */
    private shallowIndex?: SpanIndex,
  ) {
    this.sha256 = sha256 ?? createHash('sha256').update(text, 'utf8').digest('hex');
    this.positions = positions;
    this.textValue = text;
    this.textLength = text.length;
  }

  /** The file's text (after release, made again by the restore function given: at a cost). */
  get text(): string {
    return this.textValue ?? this.restore!();
  }

  /**
   * Lets go of the text of a JSON file, keeping the lines and columns of the values its index
   * holds (flows, parties, datasets): their locations then need no text, and the rest (a deeper
   * pointer, a code frame) read it again through `restore`, which must give the same text. A YAML
   * file keeps its text (its locations come from its parsed tree).
   */
  release(restore: () => string): void {
    if (this.format !== 'json' || this.positions || this.textValue === undefined) return;
    // Placed with a line table made for the purpose and dropped: kept, it would cost more than the index.
    if (this.shallowIndex) this.placed = this.shallowIndex.placeOnLines(this.lineStarts ?? lineStartsOf(this.textValue), this.textLength);
    this.shallowIndex = undefined;
    this.restore = restore;
    this.textValue = undefined;
  }

  /** The shallow index's spans as lines and columns, once the text was released. */
  private placed?: PlacedSpans;

  /**
   * Line and column (1-based) of a character offset. Computed from the line starts alone, so that
   * locating a syntax error never needs a second parse of a hostile text.
   */
  positionAt(offset: number): { line: number; column: number } {
    const at = Math.max(0, Math.min(offset, this.textLength));
    // Once the text is released, a table made from it read again once, not the text read per call.
    if (!this.lineStarts && this.textValue !== undefined && at >= this.cursor.offset) return this.advance(at);
    return positionIn(this.lines(), at);
  }

  private lineStarts?: Uint32Array;

  // Locations are mostly asked for in order (each flow of a file in turn): counting lines forward
  // from the last answer needs no table. The first step back builds the table.
  // `next` is the first newline at or after `offset` (-1: none), so that a long line is searched once.
  private readonly cursor = { offset: 0, line: 1, lineStart: 0, next: -2 };

  private advance(at: number): { line: number; column: number } {
    const c = this.cursor;
    const text = this.text;
    let i = c.next === -2 ? text.indexOf('\n', c.offset) : c.next;
    for (; i >= 0 && i < at; i = text.indexOf('\n', i + 1)) {
      c.line++;
      c.lineStart = i + 1;
    }
    c.next = i;
    c.offset = at;
    return { line: c.line, column: at - c.lineStart + 1 };
  }

  private lines(): Uint32Array {
    this.lineStarts ??= lineStartsOf(this.text);
    return this.lineStarts;
  }

  /**
   * Locates a JSON Pointer. With `key`, the location is that of the object key rather than its
   * value (where an unknown field is reported). Falls back to the deepest existing ancestor.
   */
  locate(pointer: string, options: { key?: boolean } = {}): SourceLocation {
    if (this.format === 'json' && !this.positions) return this.locateJson(pointer, options);
    const { doc } = this.parsed();
    const { isMap, isSeq, isScalar, isPair } = yaml();
    const segments = parsePointer(pointer);
    let node: unknown = doc.contents;
    let range = rangeOf(node);
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i];
      let next: unknown;
      let keyRange: [number, number] | undefined;
      if (isMap(node)) {
        const pair = pairByKey(node, segment, isPair, isScalar);
        next = pair?.value;
        keyRange = pair ? rangeOf(pair.key) : undefined;
      } else if (isSeq(node) && /^\d+$/.test(segment)) {
        next = node.items[Number(segment)];
      }
      if (next === undefined && keyRange === undefined) break; // deepest existing ancestor
      const last = i === segments.length - 1;
      range = (last && options.key ? keyRange : undefined) ?? rangeOf(next) ?? keyRange ?? range;
      node = next;
    }
    const [start, end] = range ?? [0, 0];
    const from = this.positionAt(start);
    const to = this.positionAt(Math.max(start, end));
    return { file: this.file, line: from.line, column: from.column, endLine: to.line, endColumn: to.column, pointer };
  }

  /** Character offsets [start, end) of the value at a pointer, if it exists. */
  rangeAt(pointer: string): [number, number] | undefined {
    if (this.format === 'json' && !this.positions) return this.jsonIndex().get(pointer)?.value;
    const { doc } = this.parsed();
    const { isMap, isSeq, isScalar, isPair } = yaml();
    let node: unknown = doc.contents;
    for (const segment of parsePointer(pointer)) {
      if (isMap(node)) node = pairByKey(node, segment, isPair, isScalar)?.value;
      else if (isSeq(node) && /^\d+$/.test(segment)) node = node.items[Number(segment)];
      else return undefined;
      if (node === undefined || node === null) return undefined;
    }
    return rangeOf(node);
  }

  /** A location at a character offset (for syntax errors). */
  locateOffset(offset: number, pointer = ''): SourceLocation {
    const pos = this.positionAt(offset);
    return { file: this.file, line: pos.line, column: pos.column, pointer };
  }

  private jsonSpans?: SpanIndex;

  private jsonIndex(): SpanIndex {
    this.jsonSpans ??= indexJson(this.text);
    return this.jsonSpans;
  }

  /** JSON files are located with a one-pass index of the text rather than a second parse. */
  private locateJson(pointer: string, options: { key?: boolean }): SourceLocation {
    // Most locations (flows, parties, datasets) are in the shallow index made while parsing;
    // deeper ones (schema errors) build the full index once.
    const placed = this.placed?.get(pointer);
    if (placed) {
      const at = (options.key && placed.key) || placed.value;
      return { file: this.file, line: at.line, column: at.column, endLine: at.endLine, endColumn: at.endColumn, pointer };
    }
    const shallow = this.shallowIndex?.get(pointer);
    if (shallow) return this.spanLocation(shallow, pointer, options);
    const index = this.jsonIndex();
    const segments = parsePointer(pointer);
    let span: JsonSpan | undefined;
    let exact = true;
    for (let depth = segments.length; depth >= 0 && !span; depth--) {
      span = index.get(depth === segments.length ? pointer : toPointer(segments.slice(0, depth)));
      if (!span) exact = false;
    }
    if (!span) return this.spanLocation({ value: [0, 0] }, pointer, {});
    return this.spanLocation(span, pointer, exact ? options : {});
  }

  private spanLocation(span: JsonSpan, pointer: string, options: { key?: boolean }): SourceLocation {
    const [start, end] = (options.key && span.key) || span.value;
    const from = this.positionAt(start);
    const to = this.positionAt(Math.max(start, end));
    return { file: this.file, line: from.line, column: from.column, endLine: to.line, endColumn: to.column, pointer };
  }

  private parsed(): { doc: Document.Parsed; lines: LineCounter } {
    if (!this.positions) {
      const { LineCounter: Lines, parseDocument } = yaml();
      const lines = new Lines();
      const doc = parseDocument(this.text, { lineCounter: lines, keepSourceTokens: false, uniqueKeys: false });
      this.positions = { doc, lines };
    }
    return this.positions;
  }
}

function yaml(): typeof Yaml {
  return require('yaml') as typeof Yaml; // eslint-disable-line @typescript-eslint/no-require-imports
}

// Per mapping, its pairs by key, built on the first lookup: locating every key of a mapping with
// 50,000 keys would otherwise search the mapping once per key.
const pairIndex = new WeakMap<Yaml.YAMLMap, Map<string, Yaml.Pair>>();

/** The first pair of a mapping whose scalar key is `name` as the data has it (null is ""). */
function pairByKey(map: Yaml.YAMLMap, name: string, isPair: typeof Yaml.isPair, isScalar: typeof Yaml.isScalar): Yaml.Pair | undefined {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    workCounters.pairsIndexed += map.items.length;
    for (const p of map.items) {
      if (!isPair(p) || !isScalar(p.key)) continue;
      const key = p.key.value === null ? '' : String(p.key.value);
      if (!index.has(key)) index.set(key, p);
    }
    pairIndex.set(map, index);
  }
  return index.get(name);
}

function rangeOf(node: unknown): [number, number] | undefined {
  const r = (node as Node | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}
