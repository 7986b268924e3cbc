/**
 * Sharded checks: `--shard i/n` judges only a contiguous range of the flows, and
 * mergeReports unions the n shard reports into the unsharded report, byte for byte.
 */
import * as path from 'node:path';
import { checkRun, formatReport, mergeReports, readManifestPaths, shardRange, type Report, type RunOptions } from '../../src/index';
import { tmpDir } from '../support/tmp';
import { runCli } from '../support/cli';

jest.setTimeout(60_000);

const asOf = '2026-11-28';
// Several files, chains (multi-hop), input errors (invalid/), a shared registry, and a policy
// that disables a built-in rule (a warning naming flows), so every part of a report is exercised.
const read = readManifestPaths(['examples/manifests', 'examples/invalid', 'examples/registry']);
const options: RunOptions = { asOf, policy: 'examples/policies/acme-policy.yaml', inputErrors: read.errors };

async function shardReports(count: number, seen?: Map<number, number>): Promise<Report[]> {
  const out: Report[] = [];
  for (let index = 1; index <= count; index++) {
    const onProgress = (stage: string, _done: number, total: number): void => {
      if (stage === 'checking flows') seen?.set(index, total);
    };
    out.push((await checkRun(read.sources, { ...options, shard: { index, count }, onProgress })).report);
  }
  return out;
}

function errorsOf(result: ReturnType<typeof mergeReports>): string[] {
  if (result.ok) throw new Error('expected the merge to be rejected');
  return result.diagnostics.map((d) => d.message);
}

describe('sharded checks and mergeReports', () => {
  let whole: Report;
  beforeAll(async () => {
    whole = (await checkRun(read.sources, options)).report;
  });

  it('uses an estate with errors, warnings and chains', () => {
    expect(whole.flows.length).toBeGreaterThan(7);
    expect(whole.errors.length).toBeGreaterThan(0);
    expect(whole.warnings?.some((w) => w.code === 'policy/law-disabled')).toBe(true);
    expect(whole.findings.some((f) => f.path.length > 2)).toBe(true);
    expect(whole.shard).toBeUndefined();
  });

  it.each([1, 2, 3, 7])('merges %i shards, given in any order, into the unsharded report byte for byte', async (count) => {
    const evaluated = new Map<number, number>();
    const shards = await shardReports(count, evaluated);
    const merged = mergeReports([...shards].reverse());
    if (!merged.ok) throw new Error(merged.diagnostics.map((d) => d.message).join('\n'));
    expect(JSON.stringify(merged.value)).toBe(JSON.stringify(whole));
    expect(await formatReport('json', merged.value, {})).toEqual(await formatReport('json', whole, {}));
    // Each shard judged only its own range of the model's flows, and reports only those.
    shards.forEach((shard, i) => {
      const range = shardRange({ index: i + 1, count }, whole.flows.length);
      expect(shard.shard).toEqual(range);
      expect(evaluated.get(i + 1)).toBe(range.end - range.start);
      expect(shard.flows.map((f) => f.id)).toEqual(whole.flows.slice(range.start, range.end).map((f) => f.id));
      const ids = new Set(shard.flows.map((f) => f.id));
      expect(shard.findings.every((f) => ids.has(f.flowId))).toBe(true);
      // Input errors are the whole run's in every shard: each shard read every file.
      expect(shard.errors).toEqual(whole.errors);
    });
  });

  it('keeps the summary in the order of a run when only a later shard has flows out of force', async () => {
    // Found by test/property/incremental-runs.test.ts: the merged summary spread the first
    // shard's, which had no "inactive", so the sum came after "errors" instead of after "verdicts".
    const dir = tmpDir({ 'flows.yaml': [
      'manifestVersion: 1', 'system: { id: s }',
      'parties: [{ id: a, country: DE }, { id: b, country: FR }]',
      'datasets: [{ id: d, categories: [contact] }]',
      'flows:',
      '  - { id: f1, from: a, to: b, datasets: [d] }',
      '  - { id: f2, from: a, to: b, datasets: [d], endsOn: 2001-01-01 }', ''].join('\n') });
    const sources = readManifestPaths([dir]).sources;
    const unsharded = (await checkRun(sources, { asOf })).report;
    expect(Object.keys(unsharded.summary)).toEqual(['flows', 'verdicts', 'inactive', 'findings', 'errors']);
    const shards = [1, 2].map(async (index) => (await checkRun(sources, { asOf, shard: { index, count: 2 } })).report);
    const [first, second] = await Promise.all(shards);
    expect(first.summary.inactive).toBeUndefined();
    expect(second.summary.inactive).toBe(1);
    const merged = mergeReports([first, second]);
    if (!merged.ok) throw new Error(merged.diagnostics.map((d) => d.message).join('\n'));
    expect(JSON.stringify(merged.value)).toBe(JSON.stringify(unsharded));
  });

  it('gives each shard a contiguous, stable range; the ranges tile the flows', () => {
    for (const [count, flows] of [[7, 22], [3, 2], [5, 0], [4, 1000003]]) {
      let next = 0;
      for (let index = 1; index <= count; index++) {
        const r = shardRange({ index, count }, flows);
        expect(r.start).toBe(next);
        expect(r.end - r.start).toBeGreaterThanOrEqual(Math.floor(flows / count));
        expect(r.end - r.start).toBeLessThanOrEqual(Math.ceil(flows / count));
        next = r.end;
      }
      expect(next).toBe(flows);
    }
  });

  it('writes the warnings of disabled and lowered rules again, naming the flows of every shard', async () => {
    // Built-in rules that fire on flows of different shards, disabled or lowered.
    const dir = tmpDir({ 'policy.yaml': [
      'policyVersion: 1', 'name: overrides', 'extends: ["dfft:eu-gdpr", "dfft:jp-appi", "dfft:eu-jp-supplementary"]', 'overrides:',
      '  - { rule: eu-gdpr/transfer-without-basis, enabled: false, reason: test }',
      '  - { rule: eu-gdpr/missing-tia, enabled: false, reason: test }',
      '  - { rule: jp-appi/foreign-provision-without-basis, severity: warning, reason: test }',
      '  - { rule: eu-gdpr/adequacy-scope-unconfirmed, severity: info, reason: test }', ''].join('\n') });
    const run = { ...options, policy: path.join(dir, 'policy.yaml') };
    const unsharded = (await checkRun(read.sources, run)).report;
    const shards: Report[] = [];
    for (let index = 1; index <= 7; index++) shards.push((await checkRun(read.sources, { ...run, shard: { index, count: 7 } })).report);
    const overrideWarnings = (r: Report): string[] => (r.warnings ?? []).filter((w) => w.code.startsWith('policy/law-')).map((w) => w.message);
    expect(overrideWarnings(unsharded)).toHaveLength(4);
    expect(overrideWarnings(unsharded).filter((m) => / fired on 1 flow: /.test(m))).toHaveLength(4);
    for (const shard of shards) expect(overrideWarnings(shard)).not.toEqual(overrideWarnings(unsharded));
    const merged = mergeReports(shards);
    if (!merged.ok) throw new Error(merged.diagnostics.map((d) => d.message).join('\n'));
    expect(JSON.stringify(merged.value)).toBe(JSON.stringify(unsharded));
    expect(merged.value.summary.disabled).toBeGreaterThan(0);
    expect(merged.value.summary.lowered).toBeGreaterThan(0);
  });

  it('rejects reports that are not the shards of one run, with every reason', async () => {
    const three = await shardReports(3);
    const two = await shardReports(2);
    expect(errorsOf(mergeReports([three[0], three[2]]))).toEqual(['merge: shard 2 of 3 missing']);
    expect(errorsOf(mergeReports([three[0], three[1], three[1], three[2]]))).toEqual(['merge: shard 2 given more than once']);
    expect(errorsOf(mergeReports([three[0], two[1]]))).toEqual(['merge: report 2 has other shard count or flow total than report 1: they are not shards of one run']);
    expect(errorsOf(mergeReports([whole]))).toEqual(['merge: report 1 is not a shard report (it has no "shard")']);
    expect(errorsOf(mergeReports([]))).toEqual(['merge: no reports given']);
    const otherDay = { ...three[1], asOf: '2026-11-29' };
    const otherInputs = { ...three[2], inputs: three[2].inputs.map((x, i) => (i === 0 ? { ...x, sha256: '0'.repeat(64) } : x)) };
    const otherPolicy = { ...three[2], policy: { ...three[2].policy, files: [] } };
    expect(errorsOf(mergeReports([three[0], otherDay, otherInputs]))).toEqual([
      'merge: report 2 has other asOf or horizon than report 1: they are not shards of one run',
      'merge: report 3 has other inputs (files or their sha256) than report 1: they are not shards of one run',
    ]);
    expect(errorsOf(mergeReports([three[0], three[1], otherPolicy]))).toEqual(['merge: report 3 has other policy than report 1: they are not shards of one run']);
    const shifted = { ...three[1], shard: { ...three[1].shard!, start: three[1].shard!.start + 1 } };
    expect(errorsOf(mergeReports([three[0], shifted, three[2]]))[0]).toMatch(/^merge: shard 2 covers flows/);
  });

  it('refuses a shard with waivers or a baseline, which apply to the merged report', async () => {
    await expect(checkRun(read.sources, { ...options, shard: { index: 1, count: 2 }, baseline: { file: 'b.json', text: '{}' } })).rejects.toThrow(/options.shard: cannot be combined with baseline/);
    await expect(checkRun(read.sources, { ...options, shard: { index: 3, count: 2 } })).rejects.toThrow(/options.shard: expected \{ index, count \}/);
  });

  it('dfft check --shard i/n and dfft merge give what dfft check gives, in json, ndjson, full json and text, with the same exit code', async () => {
    const out = tmpDir();
    const args = ['examples/manifests', 'examples/invalid', 'examples/registry', '--as-of', asOf, '-p', 'examples/policies/acme-policy.yaml', '-q'];
    const whole = { json: await runCli(['check', ...args, '-f', 'json']), text: await runCli(['check', ...args]) };
    const files = [3, 1, 2].map((i) => path.join(out, `shard-${i}.json`));
    for (const [k, file] of files.entries()) {
      const shard = await runCli(['check', ...args, '--shard', `${[3, 1, 2][k]}/3`, '-f', `json=${file}`]);
      expect(shard.code).toBe(2); // the estate has input errors: every shard reports them
    }
    const json = await runCli(['merge', ...files, '-f', 'json']);
    expect(json.stdout).toBe(whole.json.stdout);
    expect(json.code).toBe(whole.json.code);
    const text = await runCli(['merge', ...files]);
    expect(text.stdout).toBe(whole.text.stdout);
    const ndjson = await runCli(['merge', ...files, '-f', 'ndjson', '--quiet']);
    expect(ndjson.stdout).toBe((await runCli(['check', ...args, '-f', 'ndjson'])).stdout);
    // Full shards merge into the full report (a lean shard has no location ends to give back).
    const fullFiles = files.map((f) => f.replace('.json', '-full.json'));
    for (const [k, file] of fullFiles.entries()) await runCli(['check', ...args, '--full', '--shard', `${[3, 1, 2][k]}/3`, '-f', `json=${file}`]);
    const full = await runCli(['merge', ...fullFiles, '-f', 'json', '--full', '--pretty']);
    expect(full.stdout).toBe((await runCli(['check', ...args, '-f', 'json', '--full', '--pretty'])).stdout);
    expect(full.stdout).toContain('"exporterName"');
    const missing = await runCli(['merge', files[0], files[1]]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('merge: shard 2 of 3 missing');
    const bad = await runCli(['check', ...args, '--shard', '4/3']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--shard: "4/3" is not a shard i/n');
  });
});
