'use strict';
/**
 * Comments say why the code is as it is, not how it came to be: the history belongs in git and in
 * the issue tracker. This rule reports the phrases that tell history in a comment.
 */

/**
 * Each pattern with what the message names; matched case-insensitively on one comment. "No longer"
 * is not among them: in this code it says when a waiver or a connection stops applying.
 */
const HISTORY = [
  { pattern: /\bissue\s*#?\d+/i, what: 'an issue number' },
  { pattern: /\bpreviously\b/i, what: '"previously"' },
  { pattern: /\b(?:we|it|this|that|they|which|code|dfft)\s+used to\b/i, what: '"used to"' },
  { pattern: /\bused to (?:be|have|do|call|return|take|run|read|live|load|throw|accept)\b/i, what: '"used to"' },
  { pattern: /\b(?:is|are|was|were|has|have|does|do)\s+now\b/i, what: '"now" (as history)' },
  { pattern: /\bnow (?:uses?|returns?|takes?|runs?|lives?|comes?|accepts?|throws?|reads?|loads?|calls?)\b/i, what: '"now" (as history)' },
  { pattern: /\b(?:formerly|since the move|after the move|was renamed|were renamed|was moved|were moved)\b/i, what: 'a change of the code' },
];

/** @type {import('eslint').Rule.RuleModule} */
module.exports = {
  meta: {
    type: 'suggestion',
    docs: { description: 'Code comments say why, not how the code came to be (no issue numbers, "previously", "used to", "is now")' },
    schema: [],
    messages: {
      history: 'Comment tells history ({{what}}: "{{text}}"): say why the code is as it is; the history belongs in git and the issue tracker.',
    },
  },
  create(context) {
    const source = context.sourceCode;
    return {
      Program() {
        for (const comment of source.getAllComments()) {
          if (comment.type === 'Shebang') continue;
          // The first phrase in the comment, so that the message points at where it starts.
          let first;
          for (const { pattern, what } of HISTORY) {
            const match = pattern.exec(comment.value);
            if (match && (!first || match.index < first.match.index)) first = { match, what };
          }
          if (!first) continue;
          const start = comment.range[0] + 2 + first.match.index;
          context.report({
            loc: { start: source.getLocFromIndex(start), end: source.getLocFromIndex(start + first.match[0].length) },
            messageId: 'history',
            data: { what: first.what, text: first.match[0] },
          });
        }
      },
    };
  },
};
