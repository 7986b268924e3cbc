/**
 * Origin tables across runs: a run's origins as data (`exportOrigins`, the JSON of
 * `dfft check --export-origins`), and such a file read back (`parseOriginsFile`) for another run
 * to add to its own (`CheckOptions.importOrigins`, `dfft check --import-origins`).
 */
import { compareStrings, diagnostic, fail, ok, type Diagnostic, type Result } from '../source/diagnostic';
import { parseSource } from '../source/parse-source';
import { readTextFile, type ReadLimits } from '../source/read-file';
import { validateAgainst } from '../source/validate-schema';
import { pointerToPath, toPointer } from '../source/pointer';
import { flowFacts } from '../engine/fingerprint';
import type { FlowNode, Model } from '../resolve/model';
import type { ImportedBinding, ImportedFlow, ImportedOrigin, OriginTable } from '../resolve/origin';
import { PurposeBindings } from '../resolve/purpose-binding';
import type { Law } from '../law/law';
import { VERSION } from '../version';

/** An origin table as `--export-origins` writes it (schemas/origins.schema.json). */
export interface OriginTableFile {
  originsVersion: 1;
  tool: { name: 'dfft'; version: string };
  /** The asOf of the run that computed it. */
  asOf: string;
  /** The files it was computed from, sorted by file, with their sha256. */
  inputs: Array<{ file: string; sha256: string }>;
  /** The flows on the chains, each once, sorted by id. */
  flows: ImportedFlow[];
  /** Every dataset at every party that flows bring it to, sorted by dataset, then party. */
  origins: OriginTableEntry[];
}

/** An entry of the table: an imported origin whose chains name flows by their index in `flows`. */
export type OriginTableEntry = Omit<ImportedOrigin, 'chain' | 'groupChains'> & { chain: number[]; groupChains?: Record<string, number[]> };

/** An origin table read from a file, with the file's name and digest (listed in a report's inputs). */
export interface OriginImport {
  file: string;
  sha256: string;
  table: OriginTableFile;
}

/**
 * The origin table of a run, as data: for every (dataset, party) that the run's flows, or the
 * tables it imported, bring data to, its origin countries and the chain of flows that brought it
 * (with each flow's facts digest, so that fingerprints on chains through it stay the same in
 * another run). Nodes where the data only starts (no flow brings it) are left out: there the
 * origin is the dataset's own (collectedIn, or the party's country), which any run computes.
 */
export function exportOrigins(model: Model, origins: OriginTable, law: Law, meta: { asOf: string; inputs: ReadonlyArray<{ file: string; sha256: string }>; chainGroups?: readonly string[] }): OriginTableFile {
  const groups = law.jurisdictions.groupNames().sort(compareStrings).map((group) => ({
    group,
    table: new PurposeBindings(model, origins, law.jurisdictions.membersOn(group, meta.asOf), (p) => law.jurisdictions.purposes.key(p), group),
  }));
  // The groups the policy's rules trace chains from (chainFrom), with their members on asOf.
  const chainGroups = [...new Set(meta.chainGroups ?? [])].sort(compareStrings).map((group) => {
    const members = law.jurisdictions.membersOn(group, meta.asOf);
    return { group, match: (country: string) => members.has(country) };
  });
  const flows = new Map<string, ImportedFlow>();
  const ids = (chain: readonly FlowNode[]): string[] => chain.map((f) => {
    if (!flows.has(f.view.id)) flows.set(f.view.id, { flow: f.view.id, from: f.from.view.id, fromCountry: f.from.view.country, to: f.to.view.id, toCountry: f.to.view.country, facts: flowFacts(f, origins) });
    return f.view.id;
  });
  const entries = origins.broughtKeys().map(([d, p]) => {
    const dataset = model.datasets[d];
    const party = model.parties[p];
    const bindings: Record<string, ImportedBinding> = {};
    for (const { group, table } of groups) {
      const b = table.at(d, p);
      if (b.set >= 0) bindings[group] = { purposes: table.purposes(b.set), unknown: b.unknown };
      else if (b.unknown) bindings[group] = { unknown: true };
    }
    const origin = origins.originAt(dataset, party);
    const chain = ids(origins.chainTo(dataset, party));
    // A rule tracing a group's data follows that data's chain, which may be another flow's.
    const groupChains: Record<string, string[]> = {};
    for (const { group, match } of chainGroups) {
      if (!origin.some(match)) continue;
      const theirs = origins.chainTo(dataset, party, match, group);
      if (theirs.length > 0 && (theirs.length !== chain.length || theirs.some((f, i) => f.view.id !== chain[i]))) groupChains[group] = ids(theirs);
    }
    return {
      dataset: dataset.view.id,
      party: party.view.id,
      origin: [...origin],
      chain,
      ...(Object.keys(groupChains).length > 0 ? { groupChains } : {}),
      ...(Object.keys(bindings).length > 0 ? { bindings } : {}),
    };
  });
  entries.sort((a, b) => compareStrings(a.dataset, b.dataset) || compareStrings(a.party, b.party));
  const flowIds = [...flows.keys()].sort(compareStrings);
  const indexOf = new Map(flowIds.map((id, i) => [id, i]));
  const indexes = (chain: readonly string[]): number[] => chain.map((id) => indexOf.get(id)!);
  return {
    originsVersion: 1,
    tool: { name: 'dfft', version: VERSION },
    asOf: meta.asOf,
    inputs: [...meta.inputs].sort((a, b) => compareStrings(a.file, b.file)),
    flows: flowIds.map((id) => flows.get(id)!),
    origins: entries.map(({ chain, groupChains, ...e }) => ({
      ...e,
      chain: indexes(chain),
      ...(groupChains ? { groupChains: Object.fromEntries(Object.entries(groupChains).map(([group, c]) => [group, indexes(c)])) } : {}),
    })),
  };
}

/** The entries of a table with their chains as flows, as OriginTable takes them. */
export function importedOrigins(table: OriginTableFile): ImportedOrigin[] {
  return table.origins.map(({ groupChains, ...e }) => ({
    ...e,
    chain: e.chain.map((i) => table.flows[i]),
    ...(groupChains ? { groupChains: Object.fromEntries(Object.entries(groupChains).map(([group, c]) => [group, c.map((i) => table.flows[i])])) } : {}),
  }));
}

/** The JSON text of an origin table: compact (a table of an estate is large), one newline at the end. */
export function formatOrigins(table: OriginTableFile): string {
  return `${JSON.stringify(table)}\n`;
}

/**
 * Parses an origin table file and validates it against schemas/origins.schema.json. Every problem
 * is returned located (file:line:column): a table that cannot be read ends the run (exit 2), since
 * a run that silently did without it would miss the origins it was given for.
 */
export function parseOriginsFile(file: string, text: string, sha256?: string): Result<OriginImport> {
  const parsed = parseSource(file, text, sha256);
  if (!parsed.ok) return fail(parsed.diagnostics);
  const schemaErrors = validateAgainst('origins', parsed.value);
  if (schemaErrors.length > 0) return fail(schemaErrors);
  const table = parsed.value.data as OriginTableFile;
  // A chain's index must name a flow of the table: what the schema cannot say.
  const errors: Diagnostic[] = [];
  const check = (chain: readonly number[], at: ReadonlyArray<string | number>): void => chain.forEach((n, j) => {
    const pointer = toPointer([...at, j]);
    if (n >= table.flows.length) errors.push(diagnostic('data/schema', `${pointerToPath(pointer)}: ${n} is not the index of a flow of the table (it has ${table.flows.length})`, parsed.value.source.locate(pointer)));
  });
  table.origins.forEach((e, i) => {
    check(e.chain, ['origins', i, 'chain']);
    for (const [group, chain] of Object.entries(e.groupChains ?? {})) check(chain, ['origins', i, 'groupChains', group]);
  });
  if (errors.length > 0) return fail(errors);
  return ok({ file, sha256: parsed.value.source.sha256, table });
}

/** An origin table file read and parsed (see parseOriginsFile); an unreadable file is an input error. */
export function readOriginsFile(file: string, limits?: ReadLimits): Result<OriginImport> {
  const read = readTextFile(file, 'source/unreadable', limits);
  if (!read.ok) return fail(read.diagnostics);
  return parseOriginsFile(file, read.value.text, read.value.sha256);
}
