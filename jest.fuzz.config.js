// `npm run fuzz`: the property tests of test/property with many more runs and a fresh seed.
// Runs = each property's `npm test` runs × DFFT_FUZZ_RUNS (default 20); DFFT_FUZZ_SEED and
// DFFT_FUZZ_PATH replay a failure. See docs/fuzzing.md.
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/property'],
  // Read by test/property/support/runs.ts.
  globals: { DFFT_FUZZ: true },
  // Long runs: the per-test timeouts come from runs.ts; this is the default for the rest.
  testTimeout: 24 * 60 * 60 * 1000,
};
