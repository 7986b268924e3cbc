/**
 * The pre-commit hooks (.pre-commit-hooks.yaml) run by Debian's pre-commit (`pre-commit try-repo`,
 * which installs dfft from this repository as pre-commit installs any node hook: npm install,
 * npm pack, npm install -g). .ci/run installs pre-commit; without it this test fails in CI and is
 * skipped, with a warning, elsewhere.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tmpDir } from '../support/tmp';

const ROOT = path.resolve(__dirname, '..', '..');
const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;
if (!hasPreCommit) {
  if (process.env.CI) throw new Error('pre-commit is not installed: .ci/run installs it (apt-get install pre-commit)');
  console.warn('SKIPPED test/package/pre-commit.test.ts: pre-commit is not installed (apt-get install pre-commit)');
}

function sh(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', ...env } });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

(hasPreCommit ? describe : describe.skip)('pre-commit hooks', () => {
  it('dfft passes a repository made by dfft init and fails it once a manifest breaks the law', () => {
    const repo = tmpDir();
    const home = tmpDir();
    const git = (...args: string[]) => expect(sh('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], repo).status).toBe(0);
    git('init', '-q');
    expect(sh(process.execPath, [path.join(ROOT, 'dist', 'cli', 'bin.js'), 'init', '.', '--ci', 'none'], repo).status).toBe(0);
    git('add', '-A');
    git('commit', '-q', '-m', 'init');
    // try-repo commits uncommitted changes of ROOT to a shadow repository: it needs an identity.
    const identity = { GIT_AUTHOR_NAME: 'ci', GIT_AUTHOR_EMAIL: 'ci@example.com', GIT_COMMITTER_NAME: 'ci', GIT_COMMITTER_EMAIL: 'ci@example.com' };
    const tryRepo = () => sh('pre-commit', ['try-repo', ROOT, 'dfft', '--all-files'], repo, { PRE_COMMIT_HOME: home, ...identity });

    const clean = tryRepo();
    expect(clean.output).toMatch(/dfft check\.+Passed/);
    expect(clean.status).toBe(0);

    fs.copyFileSync(path.join(ROOT, 'examples', 'manifests', 'eu-saas-us-processor.yaml'), path.join(repo, 'dataflows', 'saas.yaml'));
    git('add', '-A');
    const broken = tryRepo();
    expect(broken.output).toMatch(/dfft check\.+Failed/);
    expect(broken.output).toContain('eu-gdpr/transfer-without-basis');
    expect(broken.status).toBe(1);
  }, 900_000);
});
