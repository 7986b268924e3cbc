'use strict';
/** The project's own ESLint rules, registered in eslint.config.js as the `dfft` plugin. */
module.exports = {
  meta: { name: 'dfft-local' },
  rules: {
    'no-history-comments': require('./no-history-comments'),
  },
};
