/**
 * dfft installed the ways a team installs it, from the packed tarball in empty folders: as a dev
 * dependency (then `npx dfft`), globally, from a git URL (the prepare script builds it) and as a
 * library from CommonJS and ESM. npm fetches the dependencies from the registry (or its cache).
 * Needs `npm run build` (npm test builds first).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tmpDir } from '../support/tmp';

const ROOT = path.resolve(__dirname, '..', '..');
const NPM_FLAGS = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];

function sh(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, output: `${r.stdout}${r.stderr}`, error: r.error };
}

/** Sizes of a folder's files, in bytes (as npm's unpackedSize counts them: links not followed). */
function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** An empty project with examples/ copied in, as a team's repository would hold its manifests. */
function emptyProject(): string {
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "team-repo", "version": "1.0.0", "private": true }\n');
  fs.cpSync(path.join(ROOT, 'examples', 'manifests'), path.join(dir, 'examples', 'manifests'), { recursive: true });
  return dir;
}

let tarball: string;

beforeAll(() => {
  expect(fs.existsSync(path.join(ROOT, 'dist', 'cli', 'bin.js'))).toBe(true);
  const out = tmpDir();
  // dist is built already: --ignore-scripts skips the prepare script's second build.
  const r = sh('npm', ['pack', '--ignore-scripts', '--pack-destination', out, '--json'], ROOT);
  expect(r.status).toBe(0);
  const [{ filename }] = JSON.parse(r.stdout) as Array<{ filename: string }>;
  tarball = path.join(out, filename);
}, 120_000);

describe('the package', () => {
  it('carries LICENSE, README, the build, rules and schemas, and nothing else', () => {
    const list = sh('tar', ['tzf', tarball], ROOT).stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
    for (const f of ['LICENSE', 'README.md', 'package.json', 'dist/cli/bin.js', 'dist/index.js', 'dist/index.mjs', 'dist/index.d.ts', 'dist/cli/github-action.js', 'rules/eu-gdpr.yaml', 'rules/data/taxonomy.yaml', 'schemas/manifest.schema.json', 'schemas/config.schema.json']) {
      expect(list).toContain(f);
    }
    expect(list.filter((f) => /\.map$|^src\/|^test\/|^bench\/|^examples\/|^scripts\//.test(f))).toEqual([]);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ license: 'MIT', repository: { type: 'git' }, homepage: expect.stringMatching(/^https:\/\//) });
    // What a library caller need not install: a web server and a TypeScript compiler are optional peers.
    for (const peer of ['fastify', 'pino', 'piscina', 'ts-morph']) {
      expect(pkg.dependencies[peer]).toBeUndefined();
      expect(pkg.peerDependenciesMeta[peer]).toEqual({ optional: true });
    }
    expect(pkg.dependencies.exceljs).toBeUndefined();
  });
});

describe('installed as a dev dependency', () => {
  let project: string;
  beforeAll(() => {
    project = emptyProject();
    const r = sh('npm', ['install', '-D', ...NPM_FLAGS, tarball], project);
    expect(r.output).not.toMatch(/npm error/);
    expect(r.status).toBe(0);
  }, 300_000);

  it('npx dfft checks a copy of examples/ and exits 1 on its findings', () => {
    const r = sh('npx', ['--no-install', 'dfft', 'check', 'examples/manifests', '--as-of', '2026-11-28'], project);
    expect(r.stdout).toMatch(/✖ \d+ problems \(\d+ errors/);
    expect(r.stdout).toContain('eu-gdpr/transfer-without-basis');
    expect(r.status).toBe(1);
  });

  it('is small: no web server, TypeScript compiler or spreadsheet library comes with it', () => {
    const modules = path.join(project, 'node_modules');
    for (const absent of ['fastify', 'ts-morph', 'typescript', 'exceljs', 'pino', 'piscina']) expect(fs.existsSync(path.join(modules, absent))).toBe(false);
    const megabytes = folderBytes(modules) / 1e6;
    // Measured 2026-12-03: about 18 MB (README "Install"); 100 MB with the peers as dependencies.
    expect(megabytes).toBeLessThan(30);
  });

  it('says what to install for the commands that need an optional peer', () => {
    const serve = sh('npx', ['--no-install', 'dfft', 'serve', '--port', '0'], project);
    expect(serve.status).toBe(2);
    expect(serve.stderr).toContain('dfft serve needs fastify, pino, piscina');
    expect(serve.stderr).toMatch(/npm install -D fastify@\^5[^ ]* pino@\^10[^ ]* piscina@\^5/);
    const extract = sh('npx', ['--no-install', 'dfft', 'extract', '--project', 'tsconfig.json'], project);
    expect(extract.status).toBe(2);
    expect(extract.stderr).toContain('needs ts-morph');
  });

  it('is a library from CommonJS and from ESM, with the same answer', () => {
    const program = (load: string) => `${load}
const text = fs.readFileSync('examples/manifests/eu-saas-us-processor.yaml', 'utf8');
dfft.check([{ file: 'eu-saas.yaml', text }], { asOf: '2026-11-28' }).then((report) => {
  console.log(JSON.stringify({ flows: report.summary.flows, rules: [...new Set(report.findings.map((f) => f.ruleId))].sort(), exit: dfft.exitCodeOf(report, 'error') }));
});
`;
    fs.writeFileSync(path.join(project, 'use.cjs'), program("const fs = require('node:fs');\nconst dfft = require('dfft');"));
    fs.writeFileSync(path.join(project, 'use.mjs'), program("import fs from 'node:fs';\nimport * as dfft from 'dfft';"));
    const cjs = sh(process.execPath, ['use.cjs'], project);
    const esm = sh(process.execPath, ['use.mjs'], project);
    expect(cjs.stderr).toBe('');
    expect(esm.stderr).toBe('');
    const answer = JSON.parse(cjs.stdout);
    expect(answer).toMatchObject({ flows: 4, exit: 1, rules: expect.arrayContaining(['eu-gdpr/transfer-without-basis']) });
    expect(esm.stdout).toBe(cjs.stdout);
  });
});

describe('installed globally', () => {
  it('puts dfft on the PATH of the prefix and checks examples/', () => {
    const prefix = tmpDir();
    const r = sh('npm', ['install', '--global', '--prefix', prefix, ...NPM_FLAGS, tarball], prefix);
    expect(r.status).toBe(0);
    const bin = path.join(prefix, 'bin', 'dfft');
    expect(sh(bin, ['--version'], prefix).stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    const project = emptyProject();
    const check = sh(bin, ['check', 'examples/manifests/clean-eu-shop.yaml', '--as-of', '2026-11-28'], project);
    expect(check.stdout).toContain('✔ 0 problems');
    expect(check.status).toBe(0);
  }, 300_000);
});

describe('installed from a git URL', () => {
  it('builds itself (prepare) and runs', () => {
    // A repository of the files git tracks here, as a clone would hold them (no dist/, no node_modules).
    const repo = tmpDir();
    const tracked = sh('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], ROOT);
    expect(tracked.status).toBe(0);
    for (const file of tracked.stdout.split('\0').filter(Boolean)) {
      if (!fs.existsSync(path.join(ROOT, file))) continue;
      fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, file), path.join(repo, file));
    }
    expect(fs.existsSync(path.join(repo, 'dist'))).toBe(false);
    const git = (...args: string[]) => expect(sh('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], repo).status).toBe(0);
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'snapshot');
    const project = emptyProject();
    const r = sh('npm', ['install', '-D', ...NPM_FLAGS, `git+file://${repo}`], project);
    expect(r.output).not.toMatch(/npm error/);
    expect(r.status).toBe(0);
    expect(fs.existsSync(path.join(project, 'node_modules', 'dfft', 'dist', 'cli', 'bin.js'))).toBe(true);
    const check = sh('npx', ['--no-install', 'dfft', 'check', 'examples/manifests', '--as-of', '2026-11-28', '-f', 'json'], project);
    expect(check.status).toBe(1);
    expect(JSON.parse(check.stdout).summary.flows).toBeGreaterThan(10);
  }, 600_000);
});
