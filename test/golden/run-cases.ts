// Runs the golden CLI cases and renders each as the text stored in test/golden/out/<name>.txt.
// Shared by scripts/golden.ts (writes) and golden.test.ts (compares).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliCase } from './cases';

export const ROOT = path.resolve(__dirname, '..', '..');
export const GOLDEN_DIR = __dirname;
export const OUT_DIR = path.join(GOLDEN_DIR, 'out');
export const SCENARIOS_DIR = path.join(GOLDEN_DIR, 'scenarios');
export const SERVER_DIR = path.join(GOLDEN_DIR, 'server');
const BIN = path.join(ROOT, 'dist', 'cli', 'bin.js');

const BINARY_EXT = new Set(['.xlsx', '.zip', '.png']);

/** Replaces every occurrence of the temporary directory and of the repo root by placeholders. */
export function scrub(text: string, tmp?: string): string {
  let out = text;
  if (tmp) {
    // As the CLI may print it relative to the working directory (the repo root).
    const rel = path.relative(ROOT, tmp);
    out = out.split(rel).join('<tmp>').split(tmp).join('<tmp>');
    const real = fs.existsSync(tmp) ? fs.realpathSync(tmp) : tmp;
    if (real !== tmp) out = out.split(real).join('<tmp>');
  }
  return out.split(ROOT).join('<root>');
}

function listFiles(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(path.join(dir, e.name), rel));
    else out.push(rel);
  }
  return out;
}

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {};
  // Only what node needs: no FORCE_COLOR, DFFT_* or other settings of the machine.
  for (const k of ['PATH', 'HOME', 'SystemRoot', 'TMPDIR', 'TEMP', 'TMP']) if (process.env[k] !== undefined) e[k] = process.env[k];
  return { ...e, CI: 'true', NO_COLOR: '1', TZ: 'UTC', LANG: 'C', LC_ALL: 'C' };
}

/** Runs one case and returns its rendering: `exit: N`, then stdout, stderr and the files written. */
export async function runCase(c: CliCase): Promise<string> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dfft-golden-'));
  try {
    const args = c.args.map((a) => a.split('<tmp>').join(tmp));
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: env(), stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
      child.stdin.on('error', () => undefined);
      child.stdin.end(c.stdin ?? '');
    });
    let text = `exit: ${code}\n--- stdout\n${scrub(stdout, tmp)}\n--- stderr\n${scrub(stderr, tmp)}\n`;
    for (const rel of listFiles(tmp)) {
      const data = fs.readFileSync(path.join(tmp, rel));
      const binary = BINARY_EXT.has(path.extname(rel)) || data.includes(0);
      const body = binary ? `sha256 ${createHash('sha256').update(data).digest('hex')} (${data.length} bytes)` : scrub(data.toString('utf8'), tmp);
      text += `--- file ${rel}\n${body}\n`;
    }
    return text;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Runs the cases with at most `concurrency` at once; results in the order of the cases. */
export async function runCases(cases: CliCase[], concurrency = 2): Promise<Map<string, string>> {
  const results = new Map<string, string>();
  let next = 0;
  async function worker(): Promise<void> {
    while (next < cases.length) {
      const c = cases[next++];
      results.set(c.name, await runCase(c));
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, cases.length) }, worker));
  return results;
}

export function caseFile(name: string): string {
  return path.join(OUT_DIR, `${name}.txt`);
}
