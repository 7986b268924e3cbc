/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // One worker per core: jest's default (cores - 1) leaves one of a 2-core CI machine idle while the
  // package tests wait on npm and pre-commit (measured here: 353 s instead of 541 s, all green).
  maxWorkers: '100%',
  // The package tests and the goldens start first (see the file).
  testSequencer: '<rootDir>/test/support/sequencer.js',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // swc strips types only; `npm run typecheck` (tsc) type-checks src and tests before jest runs.
    '^.+\\.[tj]s$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // cel-js ships ES modules only; let swc turn it into CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!@marcbachmann/cel-js)'],
  // prettier 3 (pulled in by json-schema-to-typescript) does a dynamic import() that jest's VM cannot run.
  moduleNameMapper: { '^prettier$': '<rootDir>/test/support/prettier-stub.js' },
  // The build's cache of the built-in packs, when it is current (see the file).
  setupFiles: ['<rootDir>/test/support/use-build-cache.ts'],
};
