import * as path from 'node:path';
import { runCli } from '../support/cli';
import { tmpDir } from '../support/tmp';

const failing = `tests:
  - name: a wrong expectation
    asOf: 2026-11-28
    manifests:
      m.yaml:
        manifestVersion: 1
        system: { id: s }
        parties: [{ id: de, country: DE }, { id: in, country: IN }]
        datasets: [{ id: d, categories: [contact], collectedIn: [DE] }]
        flows: [{ id: f, from: de, to: in, datasets: [d] }]
    expect:
      flows:
        f: { verdict: allowed, fires: [] }
      absent:
        - { rule: eu-gdpr/transfer-without-basis, flow: f }
`;

describe('dfft test', () => {
  it('runs the built-in scenario suite and passes', async () => {
    const { code, stdout } = await runCli(['test', path.join(__dirname, '..', 'scenarios')]);
    expect(stdout).toMatch(/✔ \d+ passed, 0 failed \(\d+ files\)/);
    expect(code).toBe(0);
  });

  it('reports a failing test with what differed, exit 1', async () => {
    const dir = tmpDir({ 'wrong.yaml': failing });
    const { code, stdout } = await runCli(['test', dir]);
    expect(code).toBe(1);
    expect(stdout).toContain('✖ a wrong expectation');
    expect(stdout).toContain('flow f: expected verdict allowed, got violation');
    expect(stdout).toContain('flow f: eu-gdpr/transfer-without-basis fired unexpectedly');
    expect(stdout).toContain('finding eu-gdpr/transfer-without-basis on f must not appear');
    expect(stdout).toContain('0 passed, 1 failed');
  });

  it('reports a malformed test file with its position, exit 2', async () => {
    const dir = tmpDir({ 'bad.yaml': 'tests:\n  - name: x\n    expct: {}\n' });
    const { code, stderr } = await runCli(['test', path.join(dir, 'bad.yaml')]);
    expect(code).toBe(2);
    expect(stderr).toContain('bad.yaml:3:5 tests[0]: unknown field "expct" (did you mean "expect"?)');
  });
});
