import { formatCsv } from './csv';
import { formatHtml } from './html';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatMarkdown } from './markdown';
import { formatSarif } from './sarif';
import { formatText } from './text';
import type { Formatter } from './types';
import { formatXlsx } from './xlsx';

export type { Formatter, FormatOptions, SyncFormatter } from './types';

/**
 * The output formats by their CLI names. html and xlsx are async (Graphviz in WebAssembly, exceljs,
 * loaded on first use); the others return their output at once. Await the result to treat them
 * alike. csv and xlsx are the transfer register (one row per flow that leaves a jurisdiction).
 */
export const formatters = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  junit: formatJunit,
  markdown: formatMarkdown,
  html: formatHtml,
  csv: formatCsv,
  xlsx: formatXlsx,
} satisfies Record<string, Formatter>;

/** Formats whose output is binary: written to a file, never to a terminal. */
export const BINARY_FORMATS: ReadonlySet<FormatName> = new Set(['xlsx']);

export type FormatName = keyof typeof formatters;
export const FORMAT_NAMES = Object.keys(formatters) as FormatName[];

/** Whether a string names a format. */
export function isFormatName(name: string): name is FormatName {
  return Object.prototype.hasOwnProperty.call(formatters, name);
}
