/**
 * CPU profile of one `checker.check()` of an estate with all built-in packs: where the engine
 * spends its time. Only the check is profiled (not generation, file reading or policy loading),
 * after a warm-up check of the 1k estate. Writes a .cpuprofile (open it in Chrome DevTools or
 * speedscope) and prints the top functions by self time, files by self time, and the
 * inclusive time of the main stages.
 *
 *   npx tsx bench/profile.ts [100k] [--src] [--top 25]
 */
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import * as path from 'node:path';
import { ensureEstate, estateDir, SIZES, type SizeName } from './generate';
import { AS_OF, ROOT, loadDfft, readEstateSources, timeSync } from './lib';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

export interface ProfileSummary {
  totalMs: number;
  self: Array<{ fn: string; where: string; ms: number; pct: number }>;
  files: Array<{ file: string; ms: number; pct: number }>;
  inclusive: Array<{ fn: string; where: string; ms: number; pct: number }>;
}

const STAGES = [
  'check', 'runCheck', 'validateManifests', 'parseSource', 'validateAgainst', 'resolveModel', 'OriginTable', 'evaluate', 'evaluatePack', 'evaluateRule',
  'renderTemplate', 'ruleFinding', 'chainOf', 'chainTo', 'engineFinding', 'fingerprint', 'buildReport', 'locate', 'parsed', 'parseDocument', 'compareFindings', 'sortDiagnostics',
];

function shortUrl(url: string): string {
  const rel = url.replace(/^file:\/\//, '');
  const i = rel.indexOf('/node_modules/');
  if (i >= 0) return rel.slice(i + 1);
  return path.relative(ROOT, rel) || rel || '(no file)';
}

/** Self and inclusive time per function, from the samples of a V8 CPU profile. */
export function summariseProfile(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of profile.nodes) byId.set(n.id, n);
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Lines of .ts files run through tsx are those of its transpiled output, so only the file is named.
  const key = (n: ProfileNode): string =>
    `${n.callFrame.functionName || '(anonymous)'}\u0000${shortUrl(n.callFrame.url)}${n.callFrame.url.endsWith('.ts') || !n.callFrame.url ? '' : `:${n.callFrame.lineNumber + 1}`}`;
  const self = new Map<string, number>();
  const files = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  const idle = new Set(['(idle)', '(program)']);
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000; // the delta after a sample is its duration
    const node = byId.get(profile.samples[i])!;
    if (idle.has(node.callFrame.functionName)) continue;
    total += dt;
    const k = key(node);
    self.set(k, (self.get(k) ?? 0) + dt);
    // Functions without a file are V8 builtins, GC, or code made by new Function (ajv at run time).
    const f = node.callFrame.url ? shortUrl(node.callFrame.url) : `(${node.callFrame.functionName || 'no file'})`;
    files.set(f, (files.get(f) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const kk = key(byId.get(id)!);
      if (seen.has(kk)) continue;
      seen.add(kk);
      inclusive.set(kk, (inclusive.get(kk) ?? 0) + dt);
    }
  }
  const split = (k: string): { fn: string; where: string } => {
    const [fn, where] = k.split('\u0000');
    return { fn, where };
  };
  const pct = (ms: number): number => Number(((100 * ms) / total).toFixed(1));
  const sorted = (m: Map<string, number>): Array<[string, number]> => [...m].sort((a, b) => b[1] - a[1]);
  return {
    totalMs: Math.round(total),
    self: sorted(self).slice(0, top).map(([k, ms]) => ({ ...split(k), ms: Math.round(ms), pct: pct(ms) })),
    files: sorted(files).slice(0, 15).map(([file, ms]) => ({ file, ms: Math.round(ms), pct: pct(ms) })),
    inclusive: sorted(inclusive)
      .filter(([k]) => STAGES.includes(split(k).fn) && !split(k).where.startsWith('node_modules/'))
      .slice(0, 20)
      .map(([k, ms]) => ({ ...split(k), ms: Math.round(ms), pct: pct(ms) })),
  };
}

function post<T>(session: inspector.Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res as T))));
}

/** Markdown tables of a summary. */
export function formatProfile(s: ProfileSummary): string {
  const lines = [`Profiled check: ${s.totalMs} ms of samples (idle excluded).`, '', '| self ms | % | function | where |', '| ---: | ---: | --- | --- |'];
  for (const r of s.self) lines.push(`| ${r.ms} | ${r.pct} | \`${r.fn}\` | ${r.where} |`);
  lines.push('', '| self ms by file | % | file |', '| ---: | ---: | --- |');
  for (const r of s.files) lines.push(`| ${r.ms} | ${r.pct} | ${r.file} |`);
  lines.push('', '| inclusive ms | % | stage | where |', '| ---: | ---: | --- | --- |');
  for (const r of s.inclusive) lines.push(`| ${r.ms} | ${r.pct} | \`${r.fn}\` | ${r.where} |`);
  return `${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<void> {
  const size = (argv.find((a) => a in SIZES) ?? '100k') as SizeName;
  const fromSrc = argv.includes('--src');
  const topAt = argv.indexOf('--top');
  const top = topAt >= 0 ? Number(argv[topAt + 1]) : 25;
  const dfft = loadDfft(fromSrc);
  ensureEstate('1k');
  ensureEstate(size);
  const checker = await dfft.createChecker({ asOf: AS_OF, packs: dfft.builtinPackIds() });
  checker.check(readEstateSources(estateDir('1k'))); // warm-up
  const sources = readEstateSources(estateDir(size));
  const session = new inspector.Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 250 });
  await post(session, 'Profiler.start');
  const run = timeSync(() => checker.check(sources));
  const { profile } = await post<{ profile: CpuProfile }>(session, 'Profiler.stop');
  session.disconnect();
  const outDir = path.join(ROOT, 'bench', 'results', 'profiles');
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `check-${size}.cpuprofile`);
  fs.writeFileSync(file, JSON.stringify(profile));
  const summary = summariseProfile(profile, top);
  fs.writeFileSync(path.join(outDir, `check-${size}.md`), formatProfile(summary));
  process.stdout.write(`check of ${size} (${run.value.summary.flows} flows): ${run.ms.toFixed(0)} ms wall; profile in ${path.relative(process.cwd(), file)}\n\n${formatProfile(summary)}`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  });
}
