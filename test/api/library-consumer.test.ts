/**
 * dfft is importable from ES modules and CommonJS, with declarations. The consumer in
 * examples/library-consumer (ESM, module nodenext) is compiled with TypeScript 7 against the built
 * package and run. Needs `npm run build` (npm test builds first); DFFT_PACKAGE_DIR points at
 * another built copy of the package.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tmpDir } from '../support/tmp';

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_DIR = path.resolve(process.env.DFFT_PACKAGE_DIR ?? ROOT);
const EXAMPLE = path.join(ROOT, 'examples', 'library-consumer');
const TSC = path.join(ROOT, 'node_modules', '.bin', 'tsc');

/** A copy of the example with node_modules/dfft linked to the package, as npm would install it. */
function consumerProject(): string {
  const dir = tmpDir();
  fs.cpSync(path.join(EXAMPLE, 'src'), path.join(dir, 'src'), { recursive: true });
  for (const f of ['package.json', 'tsconfig.json']) fs.copyFileSync(path.join(EXAMPLE, f), path.join(dir, f));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(PACKAGE_DIR, path.join(dir, 'node_modules', 'dfft'), 'dir');
  fs.symlinkSync(path.join(ROOT, 'node_modules', '@types'), path.join(dir, 'node_modules', '@types'), 'dir');
  return dir;
}

// --traceResolution prints about 1 MB, the default limit of spawnSync's output (above it the child is killed).
function run(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, output: `${r.stdout}${r.stderr}` };
}

beforeAll(() => {
  for (const f of ['dist/index.js', 'dist/index.d.ts', 'dist/index.mjs', 'dist/index.d.mts']) {
    if (!fs.existsSync(path.join(PACKAGE_DIR, f))) throw new Error(`${path.join(PACKAGE_DIR, f)} is missing: run npm run build first`);
  }
  const exports = (JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as { exports: Record<string, unknown> }).exports['.'];
  expect(exports).toMatchObject({ import: { types: './dist/index.d.mts', default: './dist/index.mjs' }, require: { types: './dist/index.d.ts', default: './dist/index.js' } });
});

describe('examples/library-consumer (ESM, module nodenext)', () => {
  let project: string;
  beforeAll(() => {
    project = consumerProject();
  });

  it('compiles with tsc against the published declarations, resolving dfft to dist/index.d.mts', () => {
    const r = run(TSC, ['-p', '.', '--traceResolution'], project);
    expect(r.output).not.toMatch(/error TS/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Module name 'dfft' was successfully resolved to '[^']*dist\/index\.d\.mts'/);
  });

  it('runs: validates, checks, formats, explains and reports policy errors through the ESM entry', () => {
    const r = run(process.execPath, ['dist/main.js'], project);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual([
      'valid: true (2 flows)',
      'newsletter: allowed',
      'hotline: violation',
      'eu-gdpr/transfer-without-basis on hotline (GDPR Art. 44-46, 49)',
      'markdown: ## dfft: cross-border data flows, as of 2026-11-28',
      'sarif: 2.1.0',
      'explain hotline: violation, decided by eu-gdpr/transfer-without-basis',
      expect.stringMatching(/^eu-gdpr rules: \d+$/),
      'policy error: unknown rule pack "eu-gdp" (did you mean "eu-gdpr"?)',
    ]);
    expect(r.status).toBe(1); // exitCodeOf: the hotline flow is a violation
  });
});

describe('the published types are real types, not any', () => {
  it('rejects a wrong severity and a misspelt option at compile time', () => {
    const project = consumerProject();
    fs.writeFileSync(
      path.join(project, 'src', 'wrong.ts'),
      [
        "import { createChecker, type Report } from 'dfft';",
        "const checker = await createChecker({ asOf: '2026-11-28' });",
        "const report: Report = checker.check([{ file: 'a.json', text: '{}' }]);",
        "if (report.findings[0]?.severity === 'fatal') console.log('never');",
        "await createChecker({ polcy: 'policy.yaml' });",
        '',
      ].join('\n'),
    );
    const r = run(TSC, ['-p', '.', '--noEmit'], project);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/wrong\.ts\(4,\d+\): error TS2367/);
    expect(r.output).toMatch(/wrong\.ts\(5,\d+\): error TS2561: .*'polcy'.*Did you mean to write 'policy'\?/);
  });
});

describe('one dfft for both module systems', () => {
  it('import and require give the same named exports, and the same class objects', () => {
    const project = consumerProject();
    const script = [
      "import * as esm from 'dfft';",
      "import { createRequire } from 'node:module';",
      "const cjs = createRequire(import.meta.url)('dfft');",
      'console.log(JSON.stringify({ esm: Object.keys(esm).sort(), cjs: Object.keys(cjs).sort(), same: esm.DiagnosticError === cjs.DiagnosticError && esm.createChecker === cjs.createChecker }));',
    ].join('\n');
    const r = run(process.execPath, ['--input-type=module', '-e', script], project);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { esm: string[]; cjs: string[]; same: boolean };
    expect(out.esm).toEqual(out.cjs);
    expect(out.esm).toEqual(expect.arrayContaining(['createChecker', 'check', 'validateManifest', 'loadPolicy', 'explain', 'formatters', 'exitCodeOf', 'DiagnosticError']));
    expect(out.same).toBe(true);
  });
});
