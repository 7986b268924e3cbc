// Loads the worker from its TypeScript source when dfft itself runs from source (the tests do);
// the build runs dist/server/check-worker.js directly and never uses this file.
require('tsx/cjs/api').register();
module.exports = require('./check-worker.ts');
