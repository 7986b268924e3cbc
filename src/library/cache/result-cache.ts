import type { Basis, Finding } from '../../types/index';
import { SpanIndex } from '../../source/span-index';
import { buildId, VERSION } from '../../version';
import { ValueTable } from './value-table';

/** What is kept of a flow's evaluation: all the report takes from the engine for the flow. */
export interface CachedEvaluation {
  active: boolean;
  regimes: readonly string[];
  basis: readonly Basis[];
  findings: readonly Finding[];
  wouldApply?: readonly string[];
}

/** How a run used the cache: flows whose evaluation was reused, and flows evaluated. */
export interface CacheStats {
  reused: number;
  evaluated: number;
}

/** The scan of a JSON text (its index of positions) and the depth limit it was found within. */
export interface KnownScan {
  index: SpanIndex;
  maxDepth: number;
}

/**
 * Which manifest files (by name and sha256) are known to be valid against the manifest schema,
 * and for a JSON file, the scan that found it free of duplicate and reserved keys, so that a run
 * need neither validate nor scan it again.
 */
export interface SchemaCache {
  knownValid(file: string, sha256: string): boolean;
  /** The scan of a valid JSON file with this name and sha256, made within a depth limit of at most `maxDepth`. */
  knownScan(file: string, sha256: string, maxDepth: number): KnownScan | undefined;
  recordValid(file: string, sha256: string, scan?: KnownScan): void;
}

/** dfft's version and build: a cache of another build of the same version is not read either. */
function tool(): string {
  return `${VERSION}+${buildId()}`;
}

/** The format of the cache's text; a text of another format or dfft version is not read. */
const FORMAT = 'dfft-result-cache';
const FORMAT_VERSION = 3;
const NEWLINE = 0x0a;
const TAB = 0x09;
const OPEN_BRACE = 0x7b;
const EQUALS = 0x3d;

/** A line of the text read: its first byte and the byte after its newline. */
interface Range {
  start: number;
  end: number;
}

/** A flow's entry as read: its pointer, key, evaluation, and where its line lies in the text read (written back as it was). */
export interface CacheEntry {
  pointer: string;
  key: string;
  evaluation: CachedEvaluation;
  /** The line's first byte and the byte after its newline, in the text read. */
  start: number;
  end: number;
}

interface FileEntries {
  sha256: string;
  /** An earlier run found the file (this name, this sha256) valid against the manifest schema. */
  valid: boolean;
  /** For a valid JSON file: its scan's index as read (decoded when first asked for), and the depth limit it passed. */
  scan?: { maxDepth: number; data: unknown; decoded?: SpanIndex | null };
  /** The file's line in the text read (its first byte, the byte after its newline). */
  start: number;
  end: number;
  /** Per flow pointer. */
  flows: Map<string, CacheEntry>;
}

/** A flow recorded for the next text: an entry reused as read, or a fresh evaluation. */
type Recorded = CacheEntry | { pointer: string; key: string; evaluation: CachedEvaluation };

interface WrittenFile {
  sha256: string;
  valid: boolean;
  scan?: KnownScan;
  flows: Recorded[];
}

/** What was read: the bytes (reused entries are copied from them), the value table, and where its lines lie. */
interface ReadText {
  data: Buffer;
  table: ValueTable;
  tableStart: number;
  tableEnd: number;
}

/**
 * Flow evaluations of earlier runs, to reuse those whose key is unchanged (as ESLint's --cache
 * reuses the results of unchanged files). Entries are kept per file, by the file's sha256, and per
 * flow by its pointer and key; a key covers everything the flow's judgement read (see FlowKeys)
 * and the run (policy, law data, asOf, horizon, dfft's version). The cache also keeps which files
 * (name and sha256) were valid against the manifest schema, a function of their text and dfft's
 * version only, so that a run need not validate them again; and for a JSON file, the index of
 * positions its scan made and the depth limit it passed, so that it need not be scanned again.
 * Holds no I/O: the text comes from and goes to the caller (`readResultCache`, `writeResultCache`
 * for a file).
 *
 * What a run writes back ({@link ResultCache.serialise}) is the entries of that run's files only,
 * so the cache never grows beyond one run's results. A reused entry is written back as the bytes
 * it was read from.
 */
export class ResultCache implements SchemaCache {
  private text: ReadText = { data: Buffer.alloc(0), table: new ValueTable(), tableStart: 0, tableEnd: 0 };
  private loaded = new Map<string, FileEntries>();
  private loadedRun: string | undefined;
  /** The text the last run's reused entries come from (a later load does not change what it wrote). */
  private runText = this.text;
  private written = new Map<string, WrittenFile>();
  private writtenRun: string | undefined;
  /** How the last run used the cache. */
  stats: CacheStats = { reused: 0, evaluated: 0 };

  /**
   * Reads the text of a cache (a string, or its UTF-8 bytes, which are kept rather than copied:
   * leave them unchanged). Returns a warning (and keeps
   * nothing) when the text is not a cache of this format and dfft version, or any line of it is
   * damaged; a run then starts cold, never from a doubtful entry.
   */
  load(text: string | Uint8Array): string | undefined {
    this.loaded = new Map();
    this.loadedRun = undefined;
    this.text = { data: Buffer.alloc(0), table: new ValueTable(), tableStart: 0, tableEnd: 0 };
    const data = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
    const firstEnd = data.indexOf(NEWLINE);
    let header: { format?: unknown; formatVersion?: unknown; tool?: unknown; run?: unknown } | null;
    try {
      header = JSON.parse(data.toString('utf8', 0, firstEnd < 0 ? data.length : firstEnd));
    } catch {
      header = null;
    }
    if (header === null || typeof header !== 'object' || header.format !== FORMAT) return 'the file is not a dfft result cache; checking every flow';
    if (header.formatVersion !== FORMAT_VERSION || header.tool !== tool()) {
      return `the cache was written by dfft ${String(header.tool)} (format ${String(header.formatVersion)}), not ${tool()}; checking every flow`;
    }
    const read = firstEnd < 0 ? undefined : readEntries(data, firstEnd + 1);
    if (typeof header.run !== 'string' || read === undefined) return 'the cache is damaged; checking every flow';
    this.text = read.text;
    this.loaded = read.files;
    this.loadedRun = header.run;
    return undefined;
  }

  /**
   * Starts a run: entries of another run key are not reused, and only this run's are written.
   * What files were valid does not depend on the run, and is kept.
   */
  begin(runKey: string): void {
    this.writtenRun = runKey;
    this.runText = this.text;
    this.written = new Map();
    this.stats = { reused: 0, evaluated: 0 };
    if (this.loadedRun !== runKey) {
      for (const entries of this.loaded.values()) entries.flows = new Map();
      this.loadedRun = runKey;
    }
  }

  /** Whether an earlier run found this file, with this sha256, valid against the manifest schema. */
  knownValid(file: string, sha256: string): boolean {
    const entries = this.loaded.get(file);
    return entries !== undefined && entries.sha256 === sha256 && entries.valid;
  }

  /**
   * The scan of this file, with this sha256, that an earlier run found valid within a depth limit
   * no greater than `maxDepth` (so it is within this one too). Undefined for any other file, and
   * when the index kept does not have an index's shape: the file is then parsed in full.
   */
  knownScan(file: string, sha256: string, maxDepth: number): KnownScan | undefined {
    const entries = this.loaded.get(file);
    const scan = entries?.scan;
    if (entries === undefined || entries.sha256 !== sha256 || !entries.valid || scan === undefined || scan.maxDepth > maxDepth) return undefined;
    if (scan.decoded === undefined) {
      scan.decoded = SpanIndex.fromData(scan.data) ?? null;
      scan.data = undefined; // the index holds it now
    }
    return scan.decoded === null ? undefined : { index: scan.decoded, maxDepth: scan.maxDepth };
  }

  /**
   * Keeps for the next text that this file, with this sha256, is valid against the manifest
   * schema, and for a JSON file the scan that found it free of duplicate and reserved keys within
   * a depth limit.
   */
  recordValid(file: string, sha256: string, scan?: KnownScan): void {
    const written = this.writtenFile(file, sha256);
    written.valid = true;
    if (scan !== undefined) written.scan = scan;
  }

  /** The evaluation of a flow with this key, if an earlier run stored one. */
  lookup(file: string, sha256: string, pointer: string, key: string): CacheEntry | undefined {
    const entries = this.loaded.get(file);
    if (entries === undefined || entries.sha256 !== sha256) return undefined;
    const entry = entries.flows.get(pointer);
    return entry !== undefined && entry.key === key ? entry : undefined;
  }

  /** Keeps a flow's evaluation for the text {@link serialise} gives: an entry reused from the cache, or a fresh evaluation. */
  record(file: string, sha256: string, pointer: string, key: string, evaluation: CachedEvaluation | CacheEntry): void {
    const { flows } = this.writtenFile(file, sha256);
    if ('start' in evaluation) {
      this.stats.reused++;
      flows.push(evaluation);
    } else {
      this.stats.evaluated++;
      flows.push({ pointer, key, evaluation });
    }
  }

  /**
   * The text of the cache: the files and entries of the last run. A line per repeated value
   * ('=' and its JSON; see ValueTable), then a line per file (JSON: name, sha256, and valid when it
   * is) followed by a line per flow: its pointer (JSON), key and evaluation (JSON, with references
   * to the values), separated by tabs.
   */
  serialise(): string {
    return this.serialiseBytes().toString('utf8');
  }

  /**
   * {@link serialise} as UTF-8 bytes. Reused entries are copied from the text read, with its
   * values; when most of those values are no longer referred to, every entry is encoded afresh.
   */
  serialiseBytes(): Buffer {
    const { data, table } = this.runText;
    const fresh = table.values.length > 2 * table.usedCount + 256;
    const out = new TextParts();
    const encoding = fresh ? new ValueTable() : table;
    // Fresh entries are encoded first: the values they add to the table are written before them.
    const sections: Array<Array<string | Range>> = [];
    for (const [file, written] of this.written) {
      const read = this.runText === this.text ? this.loaded.get(file) : undefined;
      const section: Array<string | Range> = [];
      // The file's line as read when it says the same: then a file whose entries are all reused is one range.
      section.push(!fresh && read !== undefined && read.sha256 === written.sha256 && read.valid === written.valid && sameScan(read.scan, written.scan)
        ? read
        : `${JSON.stringify(fileLine(file, written))}\n`);
      for (const flow of written.flows) section.push(!fresh && 'start' in flow ? flow : `${JSON.stringify(flow.pointer)}\t${flow.key}\t${encoding.encode(flow.evaluation)}\n`);
      sections.push(section);
    }
    out.text(`${JSON.stringify({ format: FORMAT, formatVersion: FORMAT_VERSION, tool: tool(), run: this.writtenRun ?? '' })}\n`);
    if (!fresh) out.range(data, this.runText.tableStart, this.runText.tableEnd);
    for (const json of encoding.added) out.text(`=${json}\n`);
    for (const section of sections) for (const piece of section) {
      if (typeof piece === 'string') out.text(piece);
      else out.range(data, piece.start, piece.end);
    }
    return out.bytes();
  }

  private writtenFile(file: string, sha256: string): WrittenFile {
    let entries = this.written.get(file);
    if (entries === undefined || entries.sha256 !== sha256) this.written.set(file, (entries = { sha256, valid: false, flows: [] }));
    return entries;
  }
}

/** Whether a file's scan as written is the one read (then its line is written as it was read). */
function sameScan(read: FileEntries['scan'], written: KnownScan | undefined): boolean {
  if (read === undefined || written === undefined) return read === written;
  return read.decoded === written.index && read.maxDepth === written.maxDepth;
}

/** A file's line: its name and sha256; when valid, that, with its scan and the depth limit it passed. */
function fileLine(file: string, written: WrittenFile): object {
  if (!written.valid) return { file, sha256: written.sha256 };
  const scan = written.scan;
  return scan ? { file, sha256: written.sha256, valid: true, depth: scan.maxDepth, index: scan.index.toData() } : { file, sha256: written.sha256, valid: true };
}

/**
 * Bytes to write: ranges of one text that follow each other are joined into one copy, and texts
 * that follow each other are encoded at once.
 */
class TextParts {
  private readonly parts: Buffer[] = [];
  private texts: string[] = [];
  private data: Buffer | undefined;
  private start = 0;
  private end = 0;

  text(s: string): void {
    this.flushRange();
    this.texts.push(s);
  }

  range(data: Buffer, start: number, end: number): void {
    if (this.data === data && this.end === start) {
      this.end = end;
      return;
    }
    this.flushRange();
    this.flushTexts();
    this.data = data;
    this.start = start;
    this.end = end;
  }

  bytes(): Buffer {
    this.flushRange();
    this.flushTexts();
    return Buffer.concat(this.parts);
  }

  private flushRange(): void {
    if (this.data !== undefined && this.end > this.start) this.parts.push(this.data.subarray(this.start, this.end));
    this.data = undefined;
  }

  private flushTexts(): void {
    if (this.texts.length > 0) this.parts.push(Buffer.from(this.texts.join(''), 'utf8'));
    this.texts = [];
  }
}

/** An empty result cache, to give to `checkRun`/`check` (`cache`) and to load and serialise. */
export function createResultCache(): ResultCache {
  return new ResultCache();
}

/**
 * The value table and the entries of a cache's lines from `at` (after the header), or undefined
 * when any line does not have the cache's shape. The text ends with a newline: its last line is
 * empty, and no other is. The table's lines come first.
 */
function readEntries(data: Buffer, at: number): { text: ReadText; files: Map<string, FileEntries> } | undefined {
  const files = new Map<string, FileEntries>();
  const table = new ValueTable();
  const text: ReadText = { data, table, tableStart: at, tableEnd: at };
  let current: FileEntries | undefined;
  if (data.length > 0 && data[data.length - 1] !== NEWLINE) return undefined;
  try {
    for (let start = at; start < data.length;) {
      const end = data.indexOf(NEWLINE, start);
      const next = end + 1;
      if (data[start] === EQUALS) {
        if (files.size > 0) return undefined;
        table.read(data.toString('utf8', start + 1, end));
        text.tableEnd = next;
      } else if (data[start] === OPEN_BRACE) {
        const { file, sha256, valid, depth, index } = JSON.parse(data.toString('utf8', start, end)) as { file?: unknown; sha256?: unknown; valid?: unknown; depth?: unknown; index?: unknown };
        if (typeof file !== 'string' || typeof sha256 !== 'string' || (valid !== undefined && valid !== true)) return undefined;
        // A scan is kept only for a valid file, with the depth limit it passed.
        if ((depth === undefined) !== (index === undefined) || (depth !== undefined && (valid !== true || !Number.isInteger(depth) || (depth as number) < 0))) return undefined;
        current = { sha256, valid: valid === true, start, end: next, flows: new Map() };
        if (index !== undefined) current.scan = { maxDepth: depth as number, data: index };
        files.set(file, current);
      } else {
        const first = data.indexOf(TAB, start);
        const second = first < 0 ? -1 : data.indexOf(TAB, first + 1);
        if (current === undefined || first < 0 || first > end || second < 0 || second > end) return undefined;
        const pointer: unknown = JSON.parse(data.toString('utf8', start, first));
        const evaluation: unknown = JSON.parse(data.toString('utf8', second + 1, end));
        if (typeof pointer !== 'string' || !isObject(evaluation) || !table.decode(evaluation) || !isEvaluation(evaluation)) return undefined;
        current.flows.set(pointer, { pointer, key: data.toString('latin1', first + 1, second), evaluation, start, end: next });
      }
      start = next;
    }
  } catch {
    return undefined;
  }
  return { text, files };
}

function isEvaluation(value: unknown): value is CachedEvaluation {
  if (value === null || typeof value !== 'object') return false;
  const e = value as Record<string, unknown>;
  return typeof e.active === 'boolean' && isStrings(e.regimes) && Array.isArray(e.basis) && e.basis.every(isObject)
    && Array.isArray(e.findings) && e.findings.every((f) => isObject(f) && typeof f.ruleId === 'string' && typeof f.fingerprint === 'string' && typeof f.message === 'string')
    && (e.wouldApply === undefined || isStrings(e.wouldApply));
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((s) => typeof s === 'string');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
