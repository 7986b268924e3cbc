/**
 * Where the memory of one `dfft check` goes: the stages of a run done one by one, as the library
 * does them (read the files, parse and resolve, origins, judge, build the report, format it),
 * with a full GC and `process.memoryUsage()` after each, so each line says what the run still
 * holds at that point. Runs the build in dist/.
 *
 *   node --expose-gc --import tsx bench/memory-stages.ts /path/to/estate [--format csv] [--snapshot-after STAGE] [--stop-after STAGE] [--pack-after CHARACTERS]
 *
 * `--snapshot-after resolve` (or read, origins, evaluate, report, format) writes a heap snapshot
 * to the temporary folder (dfft-memory-<stage>.heapsnapshot) after that stage (open it in Chrome DevTools).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { AS_OF, gc, ROOT } from './lib';

/* eslint-disable @typescript-eslint/no-require-imports */
const dist = (module: string): any => require(path.join(ROOT, 'dist', module)); // eslint-disable-line @typescript-eslint/no-explicit-any

const mb = (bytes: number): string => `${Math.round(bytes / 2 ** 20)}`.padStart(6);

function option(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

async function main(argv: string[]): Promise<void> {
  const estate = argv.find((a) => !a.startsWith('--') && argv[argv.indexOf(a) - 1]?.startsWith('--') !== true);
  if (!estate) throw new Error('usage: memory-stages.ts <estate dir> [--format csv] [--snapshot-after STAGE]');
  const format = option(argv, '--format') ?? 'csv';
  const snapshotAfter = option(argv, '--snapshot-after');
  const stopAfter = option(argv, '--stop-after');
  // The CLI packs texts past 64 Mi characters; --pack-after 0 shows a small estate as a large one is held.
  const packTextsAfter = Number(option(argv, '--pack-after') ?? 64 * 1024 * 1024);
  const { readManifestPaths } = dist('library/read-files');
  const { createChecker, validateManifests } = dist('library/checker');
  const { loadLaw } = dist('law/load-law');
  const { OriginTable } = dist('resolve/origin');
  const { evaluate } = dist('engine/evaluate');
  const { ReportBuilder } = dist('report/build-report');
  const { formatReport } = dist('report/format-report');

  let t0 = process.hrtime.bigint();
  console.log('stage        seconds   rss  heapUsed  external  (MB, after a full GC)');
  const stage = (name: string): void => {
    const seconds = (Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1).padStart(7);
    gc();
    const m = process.memoryUsage();
    console.log(`${name.padEnd(12)} ${seconds} ${mb(m.rss)} ${mb(m.heapUsed)} ${mb(m.external)}`);
    if (snapshotAfter === name) console.log(`  snapshot: ${v8.writeHeapSnapshot(path.join(os.tmpdir(), `dfft-memory-${name}.heapsnapshot`))}`);
    if (stopAfter === name) process.exit(0);
    t0 = process.hrtime.bigint();
  };

  const checker = await createChecker({ asOf: AS_OF });
  const law = loadLaw().value.law;
  stage('policy');
  const read = readManifestPaths([estate], { packTextsAfter });
  stage('read');
  const validated = validateManifests(read.sources, law);
  stage('resolve');
  const origins = new OriginTable(validated.model);
  stage('origins');
  const builder = new ReportBuilder();
  evaluate(validated.model, origins, checker.policy, law, { asOf: AS_OF }, (e: unknown) => builder.add(e));
  stage('evaluate');
  const report = builder.finish({ asOf: AS_OF, policy: checker.policy, engineRules: law.engineRules, inputs: validated.inputs, errors: [...read.errors, ...validated.errors] });
  stage('report');
  const output = await formatReport(format, report, { color: false, sourceText: () => undefined });
  stage('format');
  console.log(`flows ${report.flows.length}, findings ${report.findings.length}, ${format} ${mb(output.length).trim()} MB; peak rss ${mb(process.resourceUsage().maxRSS * 1024).trim()} MB`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
