import type { Report } from '../../types';

export interface FormatOptions {
  /** ANSI colour (text only): on at a terminal, off when piped or under NO_COLOR. */
  color?: boolean;
  /** The text of an input file, for code frames; undefined when it is not at hand. */
  sourceText?: (file: string) => string | undefined;
  /** Indented JSON for people (json, sarif, gitlab); the default is compact. */
  pretty?: boolean;
  /** The full report (json, ndjson): names, countries and categories repeated on every row. */
  full?: boolean;
}

/**
 * A report in pieces, in order: what a streamed format gives, so that a report too large for one
 * string is still written (a generator: each piece is made when the writer asks for it).
 */
export type Chunks = Iterable<string>;

/**
 * A formatter is a total function of the report (and options): it never throws, never does I/O
 * and gives the same output for the same report. Some (html: Graphviz in WebAssembly) are async;
 * the streamed ones (json, ndjson, sarif, github, gitlab, junit, csv, text) give {@link Chunks}.
 */
export type Formatter = (report: Report, options?: FormatOptions) => string | Chunks | Promise<string> | Promise<Buffer>;

/** A formatter that returns its output at once. */
export type SyncFormatter = (report: Report, options?: FormatOptions) => string;

/** A formatter that gives its output in pieces. */
export type StreamFormatter = (report: Report, options?: FormatOptions) => Chunks;
