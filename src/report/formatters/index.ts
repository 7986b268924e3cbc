import { formatJson } from './json';
import { formatText } from './text';
import type { Formatter } from './types';

export type { Formatter, FormatOptions } from './types';

/** The output formats by their CLI names. */
export const formatters = {
  text: formatText,
  json: formatJson,
} satisfies Record<string, Formatter>;

export type FormatName = keyof typeof formatters;
export const FORMAT_NAMES = Object.keys(formatters) as FormatName[];
