import type { Report } from '../../types';

export interface FormatOptions {
  /** ANSI colour (text only): on at a terminal, off when piped or under NO_COLOR. */
  color?: boolean;
  /** The text of an input file, for code frames; undefined when it is not at hand. */
  sourceText?: (file: string) => string | undefined;
}

/**
 * A formatter is a total function of the report (and options): it never throws, never does I/O
 * and gives the same output for the same report. Some (html: Graphviz in WebAssembly) are async.
 */
export type Formatter = (report: Report, options?: FormatOptions) => string | Promise<string> | Promise<Buffer>;

/** A formatter that returns its output at once. */
export type SyncFormatter = (report: Report, options?: FormatOptions) => string;
