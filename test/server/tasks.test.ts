/**
 * A worker compiles the policy from the files on its own (a compiled policy cannot cross threads),
 * so it must never judge by files that changed since the server compiled them: a worker started
 * after such a change (a replacement for one stopped over budget) answers 503 until a reload.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createChecker } from '../../src/library/checker';
import { loadLaw } from '../../src/law/load-law';
import { loadTaskState, PolicyChangedError, policyFingerprint, runTask, unavailable } from '../../src/server/tasks';
import { tmpDir } from '../support/tmp';

jest.setTimeout(60_000);

const policy = (severity: string) => `policyVersion: 1\nname: acme\nextends: ["dfft:eu-gdpr"]\nrules:\n  - id: acme/us\n    title: US\n    severity: ${severity}\n    citation: { law: ACME, article: "1" }\n    when: importer.country == "US"\n    message: "Flow {{ flow.id }} goes to the US."\n    remediation: Ask.\n`;

it('a worker loads the policy the server compiled, and refuses one that changed on disk since', async () => {
  const dir = tmpDir({ 'policy.yaml': policy('warning') });
  const selection = { policy: path.join(dir, 'policy.yaml') };
  const checker = await createChecker(selection);
  const law = loadLaw();
  if (!law.ok) throw new Error('law');
  const fingerprint = policyFingerprint(checker, law.value.files);

  const state = await loadTaskState({ selection, fingerprint });
  const manifest = { manifestVersion: 1, system: { id: 's' }, parties: [], datasets: [], flows: [] };
  expect(await runTask(state, { kind: 'validate', inputs: [{ file: 'm.json', manifest }] })).toMatchObject({ ok: true });

  // Only a severity changes: still another policy.
  fs.writeFileSync(selection.policy, policy('error'));
  const refused = await loadTaskState({ selection, fingerprint }).catch((err: unknown) => err);
  expect(refused).toBeInstanceOf(PolicyChangedError);
  expect(unavailable(refused)).toEqual({
    ok: false,
    status: 503,
    errors: [
      {
        code: 'request/unavailable',
        message: 'the policy files changed on disk since the service loaded them; nothing was checked',
        hint: 'reload the service (SIGHUP) to serve the policy now on disk',
        text: 'the policy files changed on disk since the service loaded them; nothing was checked (reload the service (SIGHUP) to serve the policy now on disk)',
      },
    ],
    log: { reason: 'policy-changed' },
  });
});

it('a task stamps the time it starts (the CPU budget counts from there), and bad input is a 422 answer, not a throw', async () => {
  const checker = await createChecker({});
  const law = loadLaw();
  if (!law.ok) throw new Error('law');
  const state = { checker, law: law.value.law };
  const started = new Float64Array(new SharedArrayBuffer(8));
  const answer = await runTask(state, { kind: 'check', inputs: [{ file: 'bad.yaml', text: 'manifestVersion: [' }], asOf: '2026-11-28', format: 'json', failOn: 'error', maxReportBytes: 1 << 20, started });
  expect(started[0]).toBeGreaterThan(0);
  expect(answer).toMatchObject({ ok: false, status: 422, errors: [{ code: 'source/syntax' }] });
  expect(await runTask(state, { kind: 'check', inputs: [], asOf: '2026-02-30', format: 'json', failOn: 'error', maxReportBytes: 1 << 20 })).toMatchObject({
    ok: false,
    status: 422,
    errors: [{ code: 'argument/invalid', message: 'asOf: "2026-02-30" is not a date' }],
  });
});

it('an answer over the report limit is a 422 report/too-large in every format, never a crash or an unbounded body (a streamed format stops as it passes the limit, so says no size)', async () => {
  const checker = await createChecker({});
  const law = loadLaw();
  if (!law.ok) throw new Error('law');
  const state = { checker, law: law.value.law };
  const text = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'manifests', 'eu-saas-us-processor.yaml'), 'utf8');
  const inputs = [{ file: 'm.yaml', text }];
  for (const format of ['json', 'html', 'sarif', 'csv'] as const) {
    const small = await runTask(state, { kind: 'check', inputs, asOf: '2026-11-28', format, failOn: 'error', maxReportBytes: 500 });
    expect(small).toMatchObject({ ok: false, status: 422, errors: [{ code: 'report/too-large' }] });
    expect((small as { errors: Array<{ message: string }> }).errors[0].message).toMatch(new RegExp(`^the answer: the ${format} report is ${format === 'html' ? '[\\d,]+ bytes, ' : ''}over the limit of 500 bytes`));
    expect(await runTask(state, { kind: 'check', inputs, asOf: '2026-11-28', format, failOn: 'error', maxReportBytes: 32 << 20 })).toMatchObject({ ok: true });
  }
});

it('explain reads and resolves the manifests in one pass, as check does', async () => {
  const checker = await createChecker({});
  const law = loadLaw();
  if (!law.ok) throw new Error('law');
  const text = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'manifests', fs.readdirSync(path.join(__dirname, '..', '..', 'examples', 'manifests')).filter((f) => /\.ya?ml$/.test(f))[0]), 'utf8');
  // Each read of a manifest's text is counted: a second parse would read it again.
  const counted = () => {
    const count = { reads: 0 };
    const input = Object.defineProperty({ file: 'm.yaml' }, 'text', { enumerable: true, get: () => (count.reads++, text) }) as { file: string; text: string };
    return { input, count };
  };
  const checked = counted();
  checker.check([checked.input], { asOf: '2026-11-28' });
  const explained = counted();
  const answer = await runTask({ checker, law: law.value.law }, { kind: 'explain', inputs: [explained.input], flow: 'no-such-flow', asOf: '2026-11-28' });
  expect(answer).toMatchObject({ ok: false, status: 404 });
  expect(checked.count.reads).toBeGreaterThan(0);
  expect(explained.count.reads).toBe(checked.count.reads);
});
