'use strict';
// ESLint flat configuration: typescript-eslint's recommended rules, the layer rules of the stages
// (README, Architecture), no cycles, no console outside the CLI, functions of at most 80 lines,
// no history in comments, no wall-clock assertions in tests.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const { importX, createNodeResolver } = require('eslint-plugin-import-x');
const globals = require('globals');
const dfft = require('./eslint-rules');

const ARCHITECTURE = 'arrows point from later stages to earlier ones, see README Architecture';

/**
 * The stages of src/, bottom to top: a module may import from its own folder and from the folders
 * of earlier stages. Folders in one stage do not import each other. `index` is src/index.ts.
 */
const STAGES = [
  ['i18n'],
  ['source'],
  ['law'],
  ['manifest'],
  ['resolve'],
  ['policy'],
  ['engine'],
  ['report'],
  ['library'],
  ['config'],
  ['extract', 'import', 'init', 'policy-test'],
  ['index'],
  ['cli', 'server'],
];
// src/types (the generated contract types), src/version.ts and src/declare.ts (type-only
// declaration helpers) are in no stage: every stage folder may import them.
const FRONT_ENDS = ['cli', 'server'];
/** How deep under src/<folder>/ modules lie (src/policy/cel/ is 2); deeper folders need a larger number. */
const MAX_DEPTH = 3;

const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const display = (name) => (name === 'index' ? 'src/index.ts' : `src/${name}`);

/** The relative import of `target` (a folder, or src/index.ts) from a module `depth` folders below src/. */
function reaching(target, depth) {
  const up = escapeRegex('../'.repeat(depth));
  if (target === 'index') return `^(?:${up}index(?:\\.[jt]s)?|${escapeRegex('../'.repeat(depth - 1))}\\.\\./?)$`;
  return `^${up}${escapeRegex(target)}(?:/|$)`;
}

/** One config per stage folder and depth: no-restricted-imports with a pattern for every folder it may not reach. */
function layerConfigs() {
  const configs = [];
  STAGES.forEach((stage, level) => {
    for (const folder of stage) {
      if (folder === 'index' || FRONT_ENDS.includes(folder)) continue;
      const forbidden = STAGES.slice(level).flat().filter((f) => f !== folder);
      for (let depth = 1; depth <= MAX_DEPTH; depth++) {
        configs.push({
          files: [`src/${folder}/${'*/'.repeat(depth - 1)}*.{ts,js}`],
          rules: {
            '@typescript-eslint/no-restricted-imports': ['error', {
              patterns: forbidden.map((target) => ({
                regex: reaching(target, depth),
                caseSensitive: true,
                message: `${display(folder)} may not import ${display(target)}: ${ARCHITECTURE}.`,
              })),
            }],
          },
        });
      }
    }
  });
  return configs;
}

const FRONT_END_MESSAGE = (folder) =>
  `src/${folder} may import only src/index.ts (the public API), src/version.ts and src/types (and src/cli the service's entry, src/server/index.ts): a front end is built on the library's public calls, see README Architecture.`;

/**
 * What a module `depth` folders below src/ may not import: anything in src/ outside its own front
 * end but the public API, the version, the types, and for the CLI (which starts the service) the
 * service's entry module.
 */
function outsidePublicApi(folder, depth) {
  const allowed = ['index', 'version', 'types', ...(folder === 'cli' ? ['server'] : [])];
  const up = escapeRegex('../'.repeat(depth));
  const entry = folder === 'cli' ? '(?:server(?:/index)?$|' : '(?:';
  return `^${up}(?!${entry}(?:${allowed.filter((a) => a !== 'server').join('|')})(?:/|\\.[jt]s$|$)))`;
}

/** src/cli and src/server reach the library through src/index.ts only: static imports, `import()` and `require()`. */
function frontEndConfigs() {
  const configs = [];
  for (const folder of FRONT_ENDS) {
    for (let depth = 1; depth <= MAX_DEPTH; depth++) {
      const pattern = outsidePublicApi(folder, depth);
      // A selector's regular expression may not contain a slash.
      const selector = pattern.replaceAll('/', '\\x2F');
      configs.push({
        files: [`src/${folder}/${'*/'.repeat(depth - 1)}*.{ts,js}`],
        rules: {
          '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: pattern, caseSensitive: true, message: FRONT_END_MESSAGE(folder) }] }],
          'no-restricted-syntax': ['error',
            { selector: `ImportExpression[source.value=/${selector}/]`, message: FRONT_END_MESSAGE(folder) },
            { selector: `CallExpression[callee.name='require'][arguments.0.value=/${selector}/]`, message: FRONT_END_MESSAGE(folder) },
          ],
        },
      });
    }
  }
  return configs;
}

/** src/index.ts and src/declare.ts: the public API imports every stage but no front end; the declaration helpers import only types. */
const topLevelConfigs = [
  {
    files: ['src/index.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: FRONT_ENDS.map((f) => ({ regex: `^\\./${f}(?:/|$)`, message: `src/index.ts may not import src/${f}: ${ARCHITECTURE}.` })),
      }],
    },
  },
  {
    files: ['src/declare.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ regex: '^\\./(?!types/)', message: 'src/declare.ts may import only src/types: it loads nothing at run time.' }],
      }],
    },
  },
];

/** Reading the clock in a test makes it pass or fail by the machine's speed: a timing belongs in bench/. */
const WALL_CLOCK = 'a test asserts behaviour, not time: a timing belongs in bench/';
const wallClock = [
  { object: 'performance', property: 'now', message: WALL_CLOCK },
  { object: 'Date', property: 'now', message: WALL_CLOCK },
  { object: 'process', property: 'hrtime', message: WALL_CLOCK },
  { object: 'console', property: 'time', message: WALL_CLOCK },
  { object: 'console', property: 'timeEnd', message: WALL_CLOCK },
  { object: 'console', property: 'timeLog', message: WALL_CLOCK },
];

module.exports = tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'docs/**', 'src/types/generated/**', 'test/fixtures/**', 'bench/fixtures/**', 'bench/results/**', 'examples/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'commonjs', globals: { ...globals.node } },
    plugins: { dfft },
    rules: {
      'dfft/no-history-comments': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**'],
    languageOptions: { globals: { ...globals.jest } },
    rules: {
      'no-restricted-properties': ['error', ...wallClock],
      // Tests match escapes and control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    // A benchmark drops its references on purpose so that the collector can free them between runs.
    files: ['bench/**'],
    rules: { 'no-useless-assignment': 'off' },
  },
  {
    // Named exceptions, neither an assertion: the stand-in worker stamps the start time the pool
    // protocol carries, and a fuzz run without a fixed seed seeds itself from the clock.
    files: ['test/server/spinning-worker.js', 'test/property/support/runs.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: {
      // Only the project's own modules can close a cycle; parsing node_modules would triple the time.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-console': 'error',
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['src/cli/**'],
    rules: { 'no-console': 'off' },
  },
  ...layerConfigs(),
  ...frontEndConfigs(),
  ...topLevelConfigs,
);
