import type { Basis, Finding } from '../../types/index';
import { VERSION } from '../../version';

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

/** Which manifest files (by name and sha256) are known to be valid against the manifest schema. */
export interface SchemaCache {
  knownValid(file: string, sha256: string): boolean;
  recordValid(file: string, sha256: string): void;
}

/** The format of the cache's text; a text of another format or dfft version is not read. */
const FORMAT = 'dfft-result-cache';
const FORMAT_VERSION = 2;
const NEWLINE = 0x0a;
const TAB = 0x09;

/** A flow's entry as read: its key, its evaluation, and where its line lies in the text read (written back as it was). */
export interface CacheEntry {
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
  /** The file's line in the text read (its first byte, the byte after its newline). */
  start: number;
  end: number;
  /** Per flow pointer. */
  flows: Map<string, CacheEntry>;
}

/** A part of the next text: new text, or a range of a text read (copied, never re-encoded). */
type Piece = string | { data: Buffer; start: number; end: number };

interface WrittenFile {
  sha256: string;
  valid: boolean;
  pieces: Piece[];
}

/**
 * Flow evaluations of earlier runs, to reuse those whose key is unchanged (as ESLint's --cache
 * reuses the results of unchanged files). Entries are kept per file, by the file's sha256, and per
 * flow by its pointer and key; a key covers everything the flow's judgement read (see FlowKeys)
 * and the run (policy, law data, asOf, horizon, dfft's version). The cache also keeps which files
 * (name and sha256) were valid against the manifest schema, a function of their text and dfft's
 * version only, so that a run need not validate them again. Holds no I/O: the text comes from and
 * goes to the caller (`readResultCache`, `writeResultCache` for a file).
 *
 * What a run writes back ({@link ResultCache.serialise}) is the entries of that run's files only,
 * so the cache never grows beyond one run's results. A reused entry is written back as the bytes
 * it was read from.
 */
export class ResultCache implements SchemaCache {
  private data: Buffer = Buffer.alloc(0);
  private loaded = new Map<string, FileEntries>();
  private loadedRun: string | undefined;
  private written = new Map<string, WrittenFile>();
  private writtenRun: string | undefined;
  /** How the last run used the cache. */
  stats: CacheStats = { reused: 0, evaluated: 0 };

  /**
   * Reads the text of a cache (a string, or its UTF-8 bytes). Returns a warning (and keeps
   * nothing) when the text is not a cache of this format and dfft version, or any line of it is
   * damaged; a run then starts cold, never from a doubtful entry.
   */
  load(text: string | Uint8Array): string | undefined {
    this.loaded = new Map();
    this.loadedRun = undefined;
    const data = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
    const firstEnd = data.indexOf(NEWLINE);
    let header: { format?: unknown; formatVersion?: unknown; tool?: unknown; run?: unknown } | null;
    try {
      header = JSON.parse(data.toString('utf8', 0, firstEnd < 0 ? data.length : firstEnd));
    } catch {
      header = null;
    }
    if (header === null || typeof header !== 'object' || header.format !== FORMAT) return 'the file is not a dfft result cache; checking every flow';
    if (header.formatVersion !== FORMAT_VERSION || header.tool !== VERSION) {
      return `the cache was written by dfft ${String(header.tool)} (format ${String(header.formatVersion)}), not ${VERSION}; checking every flow`;
    }
    const files = firstEnd < 0 ? undefined : readEntries(data, firstEnd + 1);
    if (typeof header.run !== 'string' || files === undefined) return 'the cache is damaged; checking every flow';
    this.data = data;
    this.loaded = files;
    this.loadedRun = header.run;
    return undefined;
  }

  /**
   * Starts a run: entries of another run key are not reused, and only this run's are written.
   * What files were valid does not depend on the run, and is kept.
   */
  begin(runKey: string): void {
    this.writtenRun = runKey;
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

  /** Keeps for the next text that this file, with this sha256, is valid against the manifest schema. */
  recordValid(file: string, sha256: string): void {
    const entries = this.writtenFile(file, sha256);
    entries.valid = true;
  }

  /** The evaluation of a flow with this key, if an earlier run stored one. */
  lookup(file: string, sha256: string, pointer: string, key: string): CacheEntry | undefined {
    const entries = this.loaded.get(file);
    if (entries === undefined || entries.sha256 !== sha256) return undefined;
    const entry = entries.flows.get(pointer);
    return entry !== undefined && entry.key === key ? entry : undefined;
  }

  /**
   * Keeps a flow's evaluation for the text {@link serialise} gives: an entry reused from the
   * cache as the bytes it was read from, a fresh evaluation as JSON.
   */
  record(file: string, sha256: string, pointer: string, key: string, evaluation: CachedEvaluation | CacheEntry): void {
    const { pieces } = this.writtenFile(file, sha256);
    if ('start' in evaluation) {
      this.stats.reused++;
      const last = pieces[pieces.length - 1];
      if (typeof last === 'object' && last.data === this.data && last.end === evaluation.start) last.end = evaluation.end;
      else pieces.push({ data: this.data, start: evaluation.start, end: evaluation.end });
      return;
    }
    this.stats.evaluated++;
    const { active, regimes, basis, findings, wouldApply } = evaluation;
    const text = JSON.stringify(wouldApply ? { active, regimes, basis, findings, wouldApply } : { active, regimes, basis, findings });
    pieces.push(`${JSON.stringify(pointer)}\t${key}\t${text}\n`);
  }

  /**
   * The text of the cache: the files and entries of the last run. A line per file (JSON: name,
   * sha256, and valid when it is) followed by a line per flow: its pointer (JSON), key and
   * evaluation (JSON), separated by tabs.
   */
  serialise(): string {
    return this.serialiseBytes().toString('utf8');
  }

  /** {@link serialise} as UTF-8 bytes, without decoding the entries copied from the text read. */
  serialiseBytes(): Buffer {
    const header = `${JSON.stringify({ format: FORMAT, formatVersion: FORMAT_VERSION, tool: VERSION, run: this.writtenRun ?? '' })}\n`;
    const parts: Buffer[] = [Buffer.from(header, 'utf8')];
    let range: { data: Buffer; start: number; end: number } | undefined;
    const add = (piece: Piece): void => {
      if (typeof piece === 'object' && range !== undefined && range.data === piece.data && range.end === piece.start) {
        range.end = piece.end;
        return;
      }
      if (range !== undefined) parts.push(range.data.subarray(range.start, range.end));
      range = undefined;
      if (typeof piece === 'string') parts.push(Buffer.from(piece, 'utf8'));
      else range = { ...piece };
    };
    for (const [file, written] of this.written) {
      const read = this.loaded.get(file);
      // The file's line as read when it says the same: then a file whose entries are all reused is one range.
      add(read !== undefined && read.sha256 === written.sha256 && read.valid === written.valid
        ? { data: this.data, start: read.start, end: read.end }
        : `${JSON.stringify(written.valid ? { file, sha256: written.sha256, valid: true } : { file, sha256: written.sha256 })}\n`);
      for (const piece of written.pieces) add(piece);
    }
    add('');
    return Buffer.concat(parts);
  }

  private writtenFile(file: string, sha256: string): WrittenFile {
    let entries = this.written.get(file);
    if (entries === undefined || entries.sha256 !== sha256) this.written.set(file, (entries = { sha256, valid: false, pieces: [] }));
    return entries;
  }
}

/** An empty result cache, to give to `checkRun`/`check` (`cache`) and to load and serialise. */
export function createResultCache(): ResultCache {
  return new ResultCache();
}

/**
 * The entries of a cache's lines from `at` (after the header), or undefined when any line does
 * not have the cache's shape. The text ends with a newline: its last line is empty, and no other is.
 */
function readEntries(data: Buffer, at: number): Map<string, FileEntries> | undefined {
  const out = new Map<string, FileEntries>();
  let current: FileEntries | undefined;
  if (data.length > 0 && data[data.length - 1] !== NEWLINE) return undefined;
  try {
    for (let start = at; start < data.length;) {
      const end = data.indexOf(NEWLINE, start);
      const next = end + 1;
      if (data[start] === 0x7b /* { */) {
        const { file, sha256, valid } = JSON.parse(data.toString('utf8', start, end)) as { file?: unknown; sha256?: unknown; valid?: unknown };
        if (typeof file !== 'string' || typeof sha256 !== 'string' || (valid !== undefined && valid !== true)) return undefined;
        out.set(file, (current = { sha256, valid: valid === true, start, end: next, flows: new Map() }));
      } else {
        const first = data.indexOf(TAB, start);
        const second = first < 0 ? -1 : data.indexOf(TAB, first + 1);
        if (current === undefined || first < 0 || first > end || second < 0 || second > end) return undefined;
        const pointer: unknown = JSON.parse(data.toString('utf8', start, first));
        const evaluation: unknown = JSON.parse(data.toString('utf8', second + 1, end));
        if (typeof pointer !== 'string' || !isEvaluation(evaluation)) return undefined;
        current.flows.set(pointer, { key: data.toString('latin1', first + 1, second), evaluation, start, end: next });
      }
      start = next;
    }
  } catch {
    return undefined;
  }
  return out;
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
