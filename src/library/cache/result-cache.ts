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

/** The format of the cache's text; a text of another format or dfft version is not read. */
const FORMAT = 'dfft-result-cache';
const FORMAT_VERSION = 1;

/** A flow's entry: its key, its evaluation, and the evaluation's text (written back as it was read). */
export interface CacheEntry {
  key: string;
  evaluation: CachedEvaluation;
  text: string;
}

interface FileEntries {
  sha256: string;
  /** Per flow pointer. */
  flows: Map<string, CacheEntry>;
}

/**
 * Flow evaluations of earlier runs, to reuse those whose key is unchanged (as ESLint's --cache
 * reuses the results of unchanged files). Entries are kept per file, by the file's sha256, and per
 * flow by its pointer and key; a key covers everything the flow's judgement read (see FlowKeys)
 * and the run (policy, law data, asOf, horizon, dfft's version). Holds no I/O: the text comes from
 * and goes to the caller (`readResultCache`, `writeResultCache` for a file).
 *
 * What a run writes back ({@link ResultCache.serialise}) is the entries of that run's flows only,
 * so the cache never grows beyond one run's results.
 */
export class ResultCache {
  private loaded = new Map<string, FileEntries>();
  private loadedRun: string | undefined;
  private written = new Map<string, { sha256: string; lines: string[] }>();
  private writtenRun: string | undefined;
  /** How the last run used the cache. */
  stats: CacheStats = { reused: 0, evaluated: 0 };

  /**
   * Reads the text of a cache. Returns a warning (and keeps nothing) when the text is not a cache
   * of this format and dfft version; a run then starts cold, never from a doubtful entry.
   */
  load(text: string): string | undefined {
    this.loaded = new Map();
    this.loadedRun = undefined;
    const lines = text.split('\n');
    let header: { format?: unknown; formatVersion?: unknown; tool?: unknown; run?: unknown } | null;
    try {
      header = JSON.parse(lines[0]);
    } catch {
      header = null;
    }
    if (header === null || typeof header !== 'object' || header.format !== FORMAT) return 'the file is not a dfft result cache; checking every flow';
    if (header.formatVersion !== FORMAT_VERSION || header.tool !== VERSION) {
      return `the cache was written by dfft ${String(header.tool)} (format ${String(header.formatVersion)}), not ${VERSION}; checking every flow`;
    }
    const files = readEntries(lines);
    if (typeof header.run !== 'string' || files === undefined) return 'the cache is damaged; checking every flow';
    this.loaded = files;
    this.loadedRun = header.run;
    return undefined;
  }

  /** Starts a run: entries of another run key are not reused, and only this run's are written. */
  begin(runKey: string): void {
    this.writtenRun = runKey;
    this.written = new Map();
    this.stats = { reused: 0, evaluated: 0 };
    if (this.loadedRun !== runKey) this.loaded = new Map();
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
   * cache as it was read, a fresh evaluation as JSON.
   */
  record(file: string, sha256: string, pointer: string, key: string, evaluation: CachedEvaluation | CacheEntry): void {
    let text: string;
    if ('text' in evaluation) {
      this.stats.reused++;
      text = evaluation.text;
    } else {
      this.stats.evaluated++;
      const { active, regimes, basis, findings, wouldApply } = evaluation;
      text = JSON.stringify(wouldApply ? { active, regimes, basis, findings, wouldApply } : { active, regimes, basis, findings });
    }
    let entries = this.written.get(file);
    if (entries === undefined || entries.sha256 !== sha256) this.written.set(file, (entries = { sha256, lines: [JSON.stringify({ file, sha256 })] }));
    entries.lines.push(`${JSON.stringify(pointer)}\t${key}\t${text}`);
  }

  /**
   * The text of the cache: the entries of the last run's flows. A line per file (JSON) followed by
   * a line per flow: its pointer (JSON), key and evaluation (JSON), separated by tabs.
   */
  serialise(): string {
    const parts = [JSON.stringify({ format: FORMAT, formatVersion: FORMAT_VERSION, tool: VERSION, run: this.writtenRun ?? '' })];
    for (const { lines } of this.written.values()) parts.push(lines.join('\n'));
    return `${parts.join('\n')}\n`;
  }
}

/** An empty result cache, to give to `checkRun`/`check` (`cache`) and to load and serialise. */
export function createResultCache(): ResultCache {
  return new ResultCache();
}

/** The entries of a cache's lines after the header, or undefined when any line does not have the cache's shape. */
function readEntries(lines: readonly string[]): Map<string, FileEntries> | undefined {
  const out = new Map<string, FileEntries>();
  let current: FileEntries | undefined;
  // The text ends with a newline: its last line is empty, and no other is.
  if (lines[lines.length - 1] !== '') return undefined;
  try {
    for (let i = 1; i < lines.length - 1; i++) {
      const line = lines[i];
      if (line.startsWith('{')) {
        const { file, sha256 } = JSON.parse(line) as { file?: unknown; sha256?: unknown };
        if (typeof file !== 'string' || typeof sha256 !== 'string') return undefined;
        out.set(file, (current = { sha256, flows: new Map() }));
        continue;
      }
      const first = line.indexOf('\t');
      const second = line.indexOf('\t', first + 1);
      if (current === undefined || first < 0 || second < 0) return undefined;
      const pointer: unknown = JSON.parse(line.slice(0, first));
      const text = line.slice(second + 1);
      const evaluation: unknown = JSON.parse(text);
      if (typeof pointer !== 'string' || !isEvaluation(evaluation)) return undefined;
      current.flows.set(pointer, { key: line.slice(first + 1, second), evaluation, text });
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
