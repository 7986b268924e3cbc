import { diffFlows, escapeControl, extractProject, formatExtractDiagnostics, readDeclaredFlows, readManifestPaths, type FlowDifference, type FlowSide, type Diagnostic } from '../index';
import type { CliIo } from './io';
import { printNotManifests, printSkipped } from './print-errors';

export interface DiffCliOptions {
  /** The project's tsconfig.json. */
  project: string;
  /** The extraction config; default dfft.config.json beside the tsconfig. */
  config?: string;
  format: 'text' | 'json';
}

/**
 * `dfft diff <manifests...> --project tsconfig.json`: flows declared in the code and not in the
 * manifests, the other way round, and flows with one id that differ. Exit 0 when they agree,
 * 1 when they differ, 2 when either side cannot be read completely (a declaration that cannot
 * be evaluated would otherwise show as a flow missing from the code).
 */
export async function diffCommand(paths: string[], opts: DiffCliOptions, io: CliIo): Promise<number> {
  const read = readManifestPaths(paths, { manifestsOnly: true });
  if (read.notManifests.length > 0) printNotManifests(read.notManifests, io);
  printSkipped(read.skipped, io);
  const declared = readDeclaredFlows(read.sources);
  const inputErrors: Diagnostic[] = [...read.errors, ...declared.errors];
  const inManifests: FlowSide[] = declared.flows;

  const extraction = await extractProject({ project: opts.project, config: opts.config });
  const extractErrors = extraction.diagnostics.filter((d) => d.severity === 'error');
  if (inputErrors.length > 0 || extractErrors.length > 0) {
    const texts = new Map(read.sources.map((s) => [s.file, s.text]));
    io.stderr(formatExtractDiagnostics([...inputErrors, ...extractErrors], (file) => texts.get(file) ?? extraction.sourceText(file)));
    io.stderr(`dfft: ${inputErrors.length + extractErrors.length} error(s): cannot compare\n`);
    return 2;
  }
  const inCode: FlowSide[] = (extraction.manifest.flows ?? []).map((flow, i) => ({
    flow: flow as Record<string, unknown>,
    location: extraction.locate(`/flows/${i}`) ?? { file: extraction.project, line: 1, column: 1, pointer: `/flows/${i}` },
  }));
  const differences = diffFlows(inCode, inManifests);

  if (opts.format === 'json') {
    io.stdout(`${JSON.stringify({ same: differences.length === 0, counts: { code: inCode.length, manifests: inManifests.length }, differences }, null, 2)}\n`);
  } else {
    io.stdout(formatDifferences(differences, inCode.length, inManifests.length));
  }
  return differences.length === 0 ? 0 : 1;
}

/** The text form: one block per difference, then a summary line. */
export function formatDifferences(differences: readonly FlowDifference[], codeFlows: number, manifestFlows: number): string {
  const at = (l: { file: string; line: number; column: number }): string => `${escapeControl(l.file)}:${l.line}:${l.column}`;
  const lines: string[] = [];
  for (const d of differences) {
    if (d.kind === 'only-in-code') lines.push(`+ ${d.id}  ${at(d.code)}`, '    declared in the code, not in the manifests');
    else if (d.kind === 'only-in-manifest') lines.push(`- ${d.id}  ${at(d.manifest)}`, '    in the manifests, not declared in the code');
    else {
      lines.push(`~ ${d.id}  ${at(d.code)}  ${at(d.manifest)}`);
      for (const f of d.fields) lines.push(`    ${f.field}: ${show(f.code)} in the code, ${show(f.manifest)} in the manifest`);
    }
  }
  lines.push(
    differences.length === 0
      ? `✔ the code and the manifests declare the same ${codeFlows} flow${codeFlows === 1 ? '' : 's'}`
      : `✖ ${differences.length} difference${differences.length === 1 ? '' : 's'} between the code (${codeFlows} flows) and the manifests (${manifestFlows} flows)`,
  );
  return `${lines.join('\n')}\n`;
}

function show(value: unknown): string {
  return value === undefined ? 'absent' : JSON.stringify(value);
}
