import * as fs from 'node:fs';
import * as path from 'node:path';
import { createChecker, type Checker } from '../checker';
import { InputErrors, sortErrors, type InputError } from '../diagnostics/input-error';
import { checkerOptionsFor, loadTestFile, runTestFile, type LoadedTestFile, type TestResult } from '../policy-test/run-tests';
import type { CliIo } from './io';
import { printInputErrors } from './print-errors';

/**
 * Policy test files in the given paths: files as given; in directories, every .yaml/.yml file
 * below them with a top-level `tests:` key (manifests kept beside tests are skipped).
 */
export function findTestFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(e.name) && /^tests:/m.test(fs.readFileSync(full, 'utf8'))) out.push(full);
    }
  };
  for (const p of paths) {
    if (fs.existsSync(p) && fs.statSync(p).isDirectory()) walk(p);
    else out.push(p);
  }
  return out;
}

/** `dfft test [paths]`: runs policy tests; exit 1 when one fails, 2 when a file cannot be loaded. */
export async function testCommand(paths: string[], opts: { format: 'text' | 'json' }, io: CliIo): Promise<number> {
  const files = findTestFiles(paths.length > 0 ? paths : ['.']);
  const errors: InputError[] = [];
  const results: TestResult[] = [];
  const checkers = new Map<string, Checker>();
  for (const file of files) {
    const loaded = loadTestFile(file);
    if (Array.isArray(loaded)) {
      errors.push(...loaded);
      continue;
    }
    const checker = await checkerFor(loaded, checkers, errors);
    if (checker) results.push(...runTestFile(loaded, checker));
  }
  const failed = results.filter((r) => !r.passed);
  if (opts.format === 'json') {
    io.stdout(`${JSON.stringify({
      passed: results.length - failed.length,
      failed: failed.length,
      results: results.map((r) => ({ file: r.file, line: r.line, name: r.name, passed: r.passed, failures: r.failures })),
      errors: sortErrors(errors).map((e) => e.toJSON()),
    }, null, 2)}\n`);
  } else {
    let current = '';
    for (const r of results) {
      if (r.file !== current) {
        current = r.file;
        io.stdout(`${r.file}\n`);
      }
      io.stdout(`  ${r.passed ? '✔' : '✖'} ${r.name}${r.passed ? '' : `  (${r.file}:${r.line})`}\n`);
      for (const f of r.failures) io.stdout(`      ${f}\n`);
    }
    io.stdout(`\n${failed.length === 0 ? '✔' : '✖'} ${results.length - failed.length} passed, ${failed.length} failed (${files.length} file${files.length === 1 ? '' : 's'})\n`);
    if (errors.length > 0) printInputErrors(sortErrors(errors), io);
  }
  if (errors.length > 0) return 2;
  if (files.length === 0) {
    io.stderr('dfft test: no test files found (a test file is a YAML file with a top-level "tests:" key)\n');
    return 2;
  }
  return failed.length > 0 ? 1 : 0;
}

async function checkerFor(test: LoadedTestFile, cache: Map<string, Checker>, errors: InputError[]): Promise<Checker | undefined> {
  const options = checkerOptionsFor(test);
  const key = JSON.stringify(options);
  if (!cache.has(key)) {
    try {
      // asOf here is a placeholder: every test runs with its own date.
      cache.set(key, await createChecker({ ...options, asOf: '2000-01-01' }));
    } catch (err) {
      if (err instanceof InputErrors) {
        errors.push(...err.errors);
        return undefined;
      }
      throw err;
    }
  }
  return cache.get(key);
}
