import { closingQuote, scalarEnd, skipWhitespace } from './json-lexer';
import { scanJsonStructure } from './json-structure';
import type { SpanIndex } from './span-index';

/** Where a value sits in a JSON text: its key (for object members) and the value itself. */
export interface JsonSpan {
  key?: [number, number];
  value: [number, number];
}

/**
 * Indexes every value of a JSON text by its JSON Pointer, without building the values: the
 * structure walk with no depth limits. It is how findings in JSON files get their line and
 * column (several times faster than a second parse with a YAML parser), and runs only for files
 * that need a location deeper than the index made while parsing. The text is known to be valid
 * JSON (JSON.parse accepted it).
 */
export function indexJson(text: string): SpanIndex {
  const index = scanJsonStructure(text, Infinity, Infinity).index;
  // The walk indexes the values of containers; a text that is one scalar is indexed here.
  const start = skipWhitespace(text, 0);
  const c = text.charCodeAt(start);
  if (start < text.length && c !== 123 && c !== 91) {
    index.set('', start, c === 34 ? closingQuote(text, start) + 1 : scalarEnd(text, start));
  }
  return index;
}
