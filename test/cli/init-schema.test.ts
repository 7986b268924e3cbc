import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { tmpDir } from '../support/tmp';

describe('dfft init', () => {
  it('writes starter files that check cleanly and whose policy tests pass', async () => {
    const dir = tmpDir();
    const init = await runCli(['init', dir]);
    expect(init.code).toBe(0);
    for (const f of ['dataflows/example.yaml', 'dfft-policy.yaml', 'dfft-waivers.yaml', 'dfft-policy.test.yaml', '.github/workflows/dfft.yml']) {
      expect(fs.existsSync(path.join(dir, f))).toBe(true);
    }
    const check = await runCli(['check', '--as-of', '2026-11-28', '--policy', path.join(dir, 'dfft-policy.yaml'), path.join(dir, 'dataflows')]);
    expect(check.stdout).toContain('✔ 0 problems');
    expect(check.code).toBe(0);
    const tests = await runCli(['test', path.join(dir, 'dfft-policy.test.yaml')]);
    expect(tests.stdout).toContain('✔ 1 passed, 0 failed');
    expect(tests.code).toBe(0);
    const workflow = fs.readFileSync(path.join(dir, '.github/workflows/dfft.yml'), 'utf8');
    expect(workflow).toContain('github/codeql-action/upload-sarif');
    expect(workflow).toContain('-f sarif=dfft.sarif');
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

describe('dfft schema', () => {
  it.each(['manifest', 'policy', 'report', 'waivers', 'policy-test'])('prints the %s schema', async (name) => {
    const { code, stdout } = await runCli(['schema', name]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).$id).toBe(`https://dfft.dev/schemas/${name}.schema.json`);
  });

  it('suggests a name for an unknown schema', async () => {
    expect(await runCli(['schema', 'manifset'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown schema "manifset" (did you mean "manifest"?)') });
  });
});
