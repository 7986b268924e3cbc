import type { Report } from '../../types';

export interface FormatOptions {
  /** ANSI colour (text only): on at a terminal, off when piped or under NO_COLOR. */
  color?: boolean;
  /** The text of an input file, for code frames; undefined when it is not at hand. */
  sourceText?: (file: string) => string | undefined;
}

/** A formatter is a total function of the report: it never throws and never does I/O. */
export type Formatter = (report: Report, options?: FormatOptions) => string;
