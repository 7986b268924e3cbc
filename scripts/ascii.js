'use strict';
// The build writes its generated text in ASCII, which loads as Latin-1 several times faster than
// UTF-8 decodes (src/cli/load-cli.ts, src/source/builtin-cache.ts).

/**
 * Every non-ASCII UTF-16 unit as a \uXXXX escape: the same text inside a JSON string, and inside
 * a JavaScript string or regular expression literal (what esbuild leaves unescaped).
 */
function escapeNonAscii(text) {
  return text.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

module.exports = { escapeNonAscii };
