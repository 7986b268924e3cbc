import { createChecker, formatExplanation, readManifestPaths } from '../index';
import type { CliIo } from './io';
import type { Lang } from '../index';
import { printNotManifests, printSkipped } from './print-errors';

export interface ExplainCliOptions {
  flow: string;
  policy?: string;
  packs?: string[];
  addPacks?: string[];
  asOf?: string;
  lang?: Lang;
  format: 'text' | 'json';
}

/**
 * `dfft explain <paths...> --flow ID`: why one flow got its verdict. Never from partial input: a
 * file with errors could hold the flow that brings the data, and so change the explanation; the
 * errors are reported (exit 2) as `dfft validate` reports them, as the service does (422).
 */
export async function explainCommand(paths: string[], opts: ExplainCliOptions, io: CliIo): Promise<number> {
  const checker = await createChecker({ policy: opts.policy, packs: opts.packs, addPacks: opts.addPacks, asOf: opts.asOf, lang: opts.lang });
  const read = readManifestPaths(paths, { manifestsOnly: true });
  if (read.notManifests.length > 0) printNotManifests(read.notManifests, io);
  printSkipped(read.skipped, io);
  const explanation = checker.explain(read.sources, opts.flow, { inputErrors: read.errors });
  io.stdout(opts.format === 'json' ? `${JSON.stringify(explanation, null, 2)}\n` : formatExplanation(explanation));
  return 0;
}
