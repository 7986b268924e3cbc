import {
  checkerOptionsFor,
  createChecker,
  escapeControl,
  findTestFiles,
  DiagnosticError,
  loadTestFile,
  runTestFile,
  sortDiagnostics,
  type Checker,
  type Diagnostic,
  type LoadedTestFile,
  type TestResult,
  errorEntry,
} from '../index';
import type { CliIo } from './io';
import { printDiagnostics, printSkipped } from './print-errors';

/** `dfft test [paths]`: runs policy tests; exit 1 when one fails, 2 when a file cannot be loaded. */
export async function testCommand(paths: string[], opts: { format: 'text' | 'json' }, io: CliIo): Promise<number> {
  const found = findTestFiles(paths.length > 0 ? paths : ['.']);
  const { files } = found;
  printSkipped(found.skipped, io);
  const errors: Diagnostic[] = [...found.errors];
  const results: TestResult[] = [];
  const checkers = new Map<string, Checker>();
  for (const file of files) {
    const loaded = loadTestFile(file);
    if (!loaded.ok) {
      errors.push(...loaded.diagnostics);
      continue;
    }
    const checker = await checkerFor(loaded.value, checkers, errors);
    if (checker) results.push(...runTestFile(loaded.value, checker));
  }
  const failed = results.filter((r) => !r.passed);
  if (opts.format === 'json') {
    io.stdout(`${JSON.stringify({
      passed: results.length - failed.length,
      failed: failed.length,
      results: results.map((r) => ({ file: r.file, line: r.line, name: r.name, passed: r.passed, failures: r.failures })),
      errors: sortDiagnostics(errors).map((e) => errorEntry(e)),
    }, null, 2)}\n`);
  } else {
    let current = '';
    for (const r of results) {
      if (r.file !== current) {
        current = r.file;
        io.stdout(`${escapeControl(r.file)}\n`);
      }
      io.stdout(`  ${r.passed ? '✔' : '✖'} ${escapeControl(r.name)}${r.passed ? '' : `  (${escapeControl(r.file)}:${r.line})`}\n`);
      for (const f of r.failures) io.stdout(`      ${escapeControl(f)}\n`);
    }
    io.stdout(`\n${failed.length === 0 ? '✔' : '✖'} ${results.length - failed.length} passed, ${failed.length} failed (${files.length} file${files.length === 1 ? '' : 's'})\n`);
    if (errors.length > 0) printDiagnostics(sortDiagnostics(errors), io);
  }
  if (errors.length > 0) return 2;
  if (files.length === 0) {
    io.stderr('dfft test: no test files found (a test file is a YAML file with a top-level "tests:" key)\n');
    return 2;
  }
  return failed.length > 0 ? 1 : 0;
}

async function checkerFor(test: LoadedTestFile, cache: Map<string, Checker>, errors: Diagnostic[]): Promise<Checker | undefined> {
  const options = checkerOptionsFor(test);
  const key = JSON.stringify(options);
  if (!cache.has(key)) {
    try {
      // asOf here is a placeholder: every test runs with its own date.
      cache.set(key, await createChecker({ ...options, asOf: '2000-01-01' }));
    } catch (err) {
      if (err instanceof DiagnosticError) {
        errors.push(...err.diagnostics);
        return undefined;
      }
      throw err;
    }
  }
  return cache.get(key);
}
