/**
 * The project's lint rules fire on a file that breaks them and stay silent on one that keeps them:
 * the stage layers (a stage imports only earlier stages; front ends import only the public API),
 * no history in comments, no clock in tests. The configuration is eslint.config.js itself.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Linter } from 'eslint';

const root = path.resolve(__dirname, '../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(path.join(root, 'eslint.config.js')) as Linter.Config[];
const linter = new Linter({ cwd: root, configType: 'flat' });

/** Lints a fixture as if it were the project's file at `at` (relative to the root); the rule ids and messages. */
function lint(fixture: string, at: string): { ruleId: string | null; message: string; line: number; column: number }[] {
  const text = readFileSync(path.join(root, 'test/fixtures/lint', fixture), 'utf8');
  return linter.verify(text, config, { filename: path.join(root, at) }).map(({ ruleId, message, line, column }) => ({ ruleId, message, line, column }));
}

const only = (rule: string, messages: ReturnType<typeof lint>) => messages.filter((m) => m.ruleId === rule);

describe('stage layers', () => {
  test('a policy module that imports the engine is told which arrow it breaks', () => {
    const messages = only('@typescript-eslint/no-restricted-imports', lint('policy-imports-engine.ts.txt', 'src/policy/fixture.ts'));
    expect(messages).toHaveLength(1);
    expect(messages[0].message).toContain('src/policy may not import src/engine: arrows point from later stages to earlier ones, see README Architecture');
  });

  test('the rule counts the folders up to src/ in a nested module', () => {
    const text = readFileSync(path.join(root, 'test/fixtures/lint/policy-imports-engine.ts.txt'), 'utf8').replace("'../engine/", "'../../engine/");
    const messages = linter.verify(text, config, { filename: path.join(root, 'src/policy/cel/fixture.ts') }).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports');
    expect(messages.map((m) => m.message)).toEqual([expect.stringContaining('src/policy may not import src/engine')]);
  });

  test('a policy module that imports the source stage and the types is clean', () => {
    expect(lint('policy-imports-source.ts.txt', 'src/policy/fixture.ts')).toEqual([]);
  });

  test('the same import is allowed to a later stage', () => {
    expect(lint('policy-imports-engine.ts.txt', 'src/report/fixture.ts')).toEqual([]);
  });

  test('a front end may import only the public API, also through import()', () => {
    const messages = lint('cli-imports-internal.ts.txt', 'src/cli/fixture.ts');
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([
      ['@typescript-eslint/no-restricted-imports', 2],
      ['no-restricted-syntax', 5],
    ]);
    expect(messages[0].message).toContain('src/cli may import only src/index.ts (the public API)');
  });
});

describe('no history in comments', () => {
  test('a comment that tells history is reported where it says it', () => {
    const messages = only('dfft/no-history-comments', lint('history-comment.ts.txt', 'src/source/fixture.ts'));
    expect(messages).toHaveLength(1);
    const column = readFileSync(path.join(root, 'test/fixtures/lint/history-comment.ts.txt'), 'utf8').indexOf('previously') + 1;
    expect(messages[0]).toMatchObject({ line: 1, column, message: expect.stringContaining('"previously"') });
  });

  test('a comment that says why is clean', () => {
    expect(lint('why-comment.ts.txt', 'src/source/fixture.ts')).toEqual([]);
  });
});

describe('no clock in tests', () => {
  test('a test that reads the clock is told that a timing belongs in bench/', () => {
    const messages = only('no-restricted-properties', lint('test-reads-clock.ts.txt', 'test/fixture.test.ts'));
    expect(messages.map((m) => m.line)).toEqual([2, 3]);
    expect(messages[0].message).toContain('a timing belongs in bench/');
  });

  test('the benchmark may read the clock', () => {
    expect(lint('test-reads-clock.ts.txt', 'bench/fixture.ts')).toEqual([]);
  });
});
