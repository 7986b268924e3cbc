import type { Report } from '../../types';
import type { FormatOptions, Formatter } from './types';

export type { Chunks, Formatter, FormatOptions, StreamFormatter, SyncFormatter } from './types';
export { joinChunks } from './json-chunks';

/* eslint-disable @typescript-eslint/no-require-imports */
// Each formatter's module (and its libraries: Graphviz, the code frame) loads on first use.
const lazy = <F extends Formatter>(load: () => F): F => ((report: Report, options?: FormatOptions) => load()(report, options)) as F;

/**
 * The output formats by their CLI names. json, ndjson, sarif, github, gitlab, junit, csv and text
 * give their output in pieces ({@link Chunks}, see joinChunks); html and xlsx are async (html lays
 * out with Graphviz in WebAssembly, loaded on first use); markdown returns a string. csv and xlsx
 * are the transfer register (one row per flow that leaves a jurisdiction; xlsx with a second sheet,
 * appi-csv alone, for Japan's record of provision to third parties); github (workflow
 * commands) and gitlab (Code Quality) are what those CI systems read natively.
 */
export const formatters = {
  text: lazy(() => (require('./text') as typeof import('./text')).formatText),
  json: lazy(() => (require('./json') as typeof import('./json')).formatJson),
  ndjson: lazy(() => (require('./ndjson') as typeof import('./ndjson')).formatNdjson),
  sarif: lazy(() => (require('./sarif') as typeof import('./sarif')).formatSarif),
  github: lazy(() => (require('./github') as typeof import('./github')).formatGithub),
  gitlab: lazy(() => (require('./gitlab') as typeof import('./gitlab')).formatGitlab),
  junit: lazy(() => (require('./junit') as typeof import('./junit')).formatJunit),
  markdown: lazy(() => (require('./markdown') as typeof import('./markdown')).formatMarkdown),
  html: lazy(() => (require('./html') as typeof import('./html')).formatHtml),
  csv: lazy(() => (require('./csv') as typeof import('./csv')).formatCsv),
  'appi-csv': lazy(() => (require('./csv') as typeof import('./csv')).formatAppiCsv),
  xlsx: lazy(() => (require('./xlsx') as typeof import('./xlsx')).formatXlsx),
} satisfies Record<string, Formatter>;
/* eslint-enable @typescript-eslint/no-require-imports */

export type FormatName = keyof typeof formatters;
export const FORMAT_NAMES = Object.keys(formatters) as FormatName[];

/** Formats whose output is binary: written to a file, never to a terminal. */
export const BINARY_FORMATS: ReadonlySet<FormatName> = new Set(['xlsx']);

/** Whether a string names a format. */
export function isFormatName(name: string): name is FormatName {
  return Object.prototype.hasOwnProperty.call(formatters, name);
}
