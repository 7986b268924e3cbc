import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractProject, type ExtractResult } from '../../src/extract';
import { tmpDir } from '../support/tmp';

export const TSCONFIG = JSON.stringify({
  compilerOptions: { target: 'ES2022', module: 'preserve', moduleResolution: 'bundler', strict: true, noEmit: true },
  include: ['src'],
});

/**
 * Extracts a throw-away project made of `files` (paths relative to the project; a tsconfig that
 * includes src/ is added unless given). Paths in the result are relative to the project folder.
 */
export async function extractFiles(files: Record<string, string>, options: { config?: unknown } = {}): Promise<ExtractResult & { dir: string }> {
  const all: Record<string, string> = { 'tsconfig.json': TSCONFIG, ...files };
  if (options.config !== undefined) all['dfft.config.json'] = JSON.stringify(options.config, null, 2);
  const dir = tmpDir(all);
  const result = await extractProject({ project: 'tsconfig.json', cwd: dir });
  return Object.assign(result, { dir });
}

/** The 1-based line and column of the first occurrence of `needle` in a file (after `after`, if given). */
export function positionOf(file: string, needle: string, after?: string): { line: number; column: number } {
  const text = fs.readFileSync(file, 'utf8');
  const from = after === undefined ? 0 : text.indexOf(after);
  if (from < 0) throw new Error(`"${after}" is not in ${file}`);
  const offset = text.indexOf(needle, from);
  if (offset < 0) throw new Error(`"${needle}" is not in ${file}`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** code, location "file:line:col" and message of each diagnostic: what tests compare. */
export function summarise(result: Pick<ExtractResult, 'diagnostics'>): Array<{ code: string; at: string; message: string }> {
  return result.diagnostics.map((d) => ({ code: d.code, at: d.location ? `${d.location.file}:${d.location.line}:${d.location.column}` : '', message: d.message }));
}

export const EXAMPLE_DIR = path.resolve(__dirname, '..', '..', 'examples', 'ts-service');
