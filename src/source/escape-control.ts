/**
 * Makes text taken from input safe to print on one line: control characters (a newline in a key,
 * an escape sequence in a name) become visible escapes such as \n or \u001b. Messages are printed
 * as "file:line:col message" lines; a raw newline in one would split it and let input forge
 * lines of output, and a terminal escape could rewrite what a reader sees.
 */
export function escapeControl(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(text) ? text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, escapeOne) : text;
}

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(c: string): string {
  return NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
