/**
 * The character-level pieces shared by the JSON walkers: whitespace, the end of a string, the end
 * of a number or literal. Each is a loop over character codes, linear in what it passes over.
 */

/** Space, line feed, carriage return, tab: the whitespace of RFC 8259. */
export function isJsonWhitespace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** The offset of the first character at or after `i` that is not JSON whitespace. */
export function skipWhitespace(text: string, i: number): number {
  while (i < text.length && isJsonWhitespace(text.charCodeAt(i))) i++;
  return i;
}

/**
 * The offset of the closing quote of the string opening at `start`, in a text known to be valid
 * (an unterminated string ends at the text's length). A quote preceded by an odd number of
 * backslashes is escaped.
 */
export function closingQuote(text: string, start: number): number {
  let j = start + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0) return text.length;
    let backslashes = 0;
    for (let b = q - 1; text.charCodeAt(b) === 92; b--) backslashes++;
    if (backslashes % 2 === 0) return q;
    j = q + 1;
  }
}

/** Whether the text between `from` and `to` has a backslash: a key with one must be decoded. */
export function hasEscape(text: string, from: number, to: number): boolean {
  for (let b = from; b < to; b++) if (text.charCodeAt(b) === 92) return true;
  return false;
}

/** The end (exclusive) of a number or literal starting at `i`: the next delimiter or whitespace. */
export function scalarEnd(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const d = text.charCodeAt(i);
    if (d === 44 || d === 125 || d === 93 || isJsonWhitespace(d)) break;
    i++;
  }
  return i;
}

/** The span of a string's characters decoded: its text as JSON.parse would give it. */
export function decodeString(text: string, start: number, quote: number): string {
  return hasEscape(text, start + 1, quote) ? (JSON.parse(text.slice(start, quote + 1)) as string) : text.slice(start + 1, quote);
}

/**
 * A copy of a string that shares no memory with the string it came from. V8 makes a slice of 13
 * or more characters a view into its parent, so a short key kept from a 400 kB text would keep
 * the whole text alive; joining and slicing once flattens it into a string of its own.
 */
export function detached(s: string): string {
  return (' ' + s).slice(1);
}
