import { formatHtml } from './html';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatMarkdown } from './markdown';
import { formatSarif } from './sarif';
import { formatText } from './text';
import type { Formatter } from './types';

export type { Formatter, FormatOptions, SyncFormatter } from './types';

/**
 * The output formats by their CLI names. html is async (Graphviz in WebAssembly, loaded on first
 * use); the others return their output at once. Await the result to treat them alike.
 */
export const formatters = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  junit: formatJunit,
  markdown: formatMarkdown,
  html: formatHtml,
} satisfies Record<string, Formatter>;

export type FormatName = keyof typeof formatters;
export const FORMAT_NAMES = Object.keys(formatters) as FormatName[];

/** Whether a string names a format. */
export function isFormatName(name: string): name is FormatName {
  return Object.prototype.hasOwnProperty.call(formatters, name);
}
