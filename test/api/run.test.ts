/**
 * checkRun: a whole run through the library (policy, horizon, waivers, baseline, skipped files),
 * giving the report `dfft check` gives for the same input.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkRun, DiagnosticError, manifestText, readBaselineFile, readManifestPaths, readWaiverFile, type Report } from '../../src/index';
import { leanReport } from '../../src/report/formatters/lean';
import { runCli } from '../support/cli';
import { tmpDir } from '../support/tmp';
import { manifest, waivers } from '../support/horizon-case';

const asOf = '2026-12-01';

async function errorsOf(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof DiagnosticError) return err.diagnostics.map((e) => `${e.code}: ${e.message}`);
    throw err;
  }
  throw new Error('expected DiagnosticError');
}

describe('checkRun', () => {
  const dir = tmpDir({ 'm.yaml': manifest, 'waivers.yaml': waivers });
  const manifests = [{ file: path.join(dir, 'm.yaml'), text: manifest }];

  it('applies waivers and the horizon as dfft check does, whether the waivers are given parsed or as text', async () => {
    const parsed = readWaiverFile(path.join(dir, 'waivers.yaml'));
    if (!parsed.ok) throw new Error('waivers did not parse');
    const run = await checkRun(manifests, { asOf, horizon: '90d', waivers: parsed.value });
    expect(run.report.horizon).toBe('2027-03-01');
    expect(run.report.warnings?.map((w) => w.code)).toEqual(['waiver/expiring']);
    expect(run.report.findings.find((f) => f.ruleId === 'eu-gdpr/transfer-without-basis')?.waiver?.expires).toBe('2027-03-01');
    const fromText = await checkRun(manifests, { asOf, horizon: '90d', waivers: { file: path.join(dir, 'waivers.yaml'), text: waivers } });
    expect(fromText.report).toEqual(run.report);
    const out = path.join(dir, 'cli.json');
    await runCli(['check', '--as-of', asOf, path.join(dir, 'm.yaml'), '--waivers', path.join(dir, 'waivers.yaml'), '--horizon', '90d', '-f', `json=${out}`, '-q']);
    const cli = JSON.parse(fs.readFileSync(out, 'utf8')) as Report;
    // The CLI writes the lean report by default: the library's report, lean.
    expect(JSON.parse(JSON.stringify(leanReport(run.report)))).toEqual({ ...cli, tool: run.report.tool });
  }, 30_000);

  it('marks findings of the baseline unchanged, so that they do not fail', async () => {
    const first = await checkRun(manifests, { asOf });
    expect(first.report.findings.length).toBeGreaterThan(0);
    fs.writeFileSync(path.join(dir, 'baseline.json'), JSON.stringify(first.report));
    const baseline = readBaselineFile(path.join(dir, 'baseline.json'));
    if (!baseline.ok) throw new Error('baseline did not parse');
    const again = await checkRun(manifests, { asOf, baseline: baseline.value });
    expect(again.report.findings.every((f) => f.baselineState === 'unchanged')).toBe(true);
    const asText = await checkRun(manifests, { asOf, baseline: { file: 'baseline.json', text: JSON.stringify(first.report) } });
    expect(asText.report.findings.map((f) => f.baselineState)).toEqual(again.report.findings.map((f) => f.baselineState));
  });

  it('gives the texts of the manifests for code frames, an object as manifestText renders it', async () => {
    const object = { manifestVersion: 1, system: { id: 'obj' }, parties: [{ id: 'de', country: 'DE' }], datasets: [], flows: [] };
    const run = await checkRun([...manifests, { file: 'obj.json', manifest: object }], { asOf });
    expect(run.sourceText(manifests[0].file)).toBe(manifest);
    expect(run.sourceText('obj.json')).toBe(manifestText(object));
    expect(manifestText(object)).toBe(`${JSON.stringify(object, null, 2)}\n`);
    expect(run.sourceText('nowhere.yaml')).toBeUndefined();
  });

  it('adds the warnings and input errors of reading the files, as readManifestPaths gives them', async () => {
    const only = tmpDir({ 'm.yaml': manifest });
    const read = readManifestPaths([only, path.join(only, 'missing.yaml')]);
    const run = await checkRun(read.sources, { asOf, inputErrors: read.errors, warnings: read.skipped });
    expect(run.errors.map((e) => e.code)).toEqual(['source/unreadable']);
    expect(run.report.errors.map((e) => e.code)).toEqual(['source/unreadable']);
  });

  it('throws every problem of a waiver or baseline file before checking', async () => {
    const errors = await errorsOf(checkRun(manifests, { asOf, waivers: { file: 'w.yaml', text: 'waiversVersion: 1\nwaivers: [ { ruleId: 3 } ]\n' }, baseline: { file: 'b.json', text: '{' } }));
    expect(errors.some((e) => e.startsWith('waivers/schema'))).toBe(true);
    expect(errors.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses bad options with messages that say what was expected', async () => {
    const bad = await errorsOf(checkRun(manifests, { asOf, horizon: 90, waivers: 'w.yaml', baseline: [], warnings: 'x', finisher: {}, onProgress: 1, colour: true } as never));
    expect(bad).toEqual(expect.arrayContaining([
      'argument/invalid: options.horizon: expected a string, got a number',
      'argument/invalid: options.waivers: expected a waiver set (readWaiverFile) or { file, text }, got a string',
      'argument/invalid: options.baseline: expected a baseline (readBaselineFile) or { file, text }, got an array',
      'argument/invalid: options.warnings: expected an array of warnings, got a string',
      'argument/invalid: options.finisher: expected { finishReport, sourceText }, got an object',
      'argument/invalid: options.onProgress: expected a function, got a number',
      'argument/invalid: options.colour: unknown option',
    ]));
    expect(await errorsOf(checkRun(manifests, { asOf, horizon: 'soon' }))).toEqual(['argument/invalid: --horizon: "soon" is not a duration']);
    expect(await errorsOf(checkRun(manifests, null as never))).toEqual(['argument/invalid: options: expected an object, got null']);
  });
});
