/**
 * Origin tables across runs: a run's origins as data (`exportOrigins`, the JSON of
 * `dfft check --export-origins`), and such a file read back (`parseOriginsFile`) for another run
 * to add to its own (`CheckOptions.importOrigins`, `dfft check --import-origins`).
 */
import { compareStrings, diagnostic, fail, ok, type Diagnostic, type Result } from '../source/diagnostic';
import { parseSource } from '../source/parse-source';
import { readTextFile, type ReadLimits } from '../source/read-file';
import { validateAgainst } from '../source/validate-schema';
import { flowFacts } from '../engine/fingerprint';
import type { Model } from '../resolve/model';
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

/** An entry of the table: an imported origin whose chain names flows by their index in `flows`. */
export type OriginTableEntry = Omit<ImportedOrigin, 'chain'> & { chain: number[] };

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
export function exportOrigins(model: Model, origins: OriginTable, law: Law, meta: { asOf: string; inputs: ReadonlyArray<{ file: string; sha256: string }> }): OriginTableFile {
  const groups = law.jurisdictions.groupNames().sort(compareStrings).map((group) => ({
    group,
    table: new PurposeBindings(model, origins, law.jurisdictions.membersOn(group, meta.asOf), (p) => law.jurisdictions.purposes.key(p), group),
  }));
  const flows = new Map<string, ImportedFlow>();
  const entries = origins.broughtKeys().map(([d, p]) => {
    const dataset = model.datasets[d];
    const party = model.parties[p];
    const bindings: Record<string, ImportedBinding> = {};
    for (const { group, table } of groups) {
      const b = table.at(d, p);
      if (b.set >= 0) bindings[group] = { purposes: table.purposes(b.set), unknown: b.unknown };
      else if (b.unknown) bindings[group] = { unknown: true };
    }
    return {
      dataset: dataset.view.id,
      party: party.view.id,
      origin: [...origins.originAt(dataset, party)],
      chain: origins.chainTo(dataset, party).map((f) => {
        if (!flows.has(f.view.id)) flows.set(f.view.id, { flow: f.view.id, from: f.from.view.id, fromCountry: f.from.view.country, to: f.to.view.id, toCountry: f.to.view.country, facts: flowFacts(f, origins) });
        return f.view.id;
      }),
      ...(Object.keys(bindings).length > 0 ? { bindings } : {}),
    };
  });
  entries.sort((a, b) => compareStrings(a.dataset, b.dataset) || compareStrings(a.party, b.party));
  const ids = [...flows.keys()].sort(compareStrings);
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  return {
    originsVersion: 1,
    tool: { name: 'dfft', version: VERSION },
    asOf: meta.asOf,
    inputs: [...meta.inputs].sort((a, b) => compareStrings(a.file, b.file)),
    flows: ids.map((id) => flows.get(id)!),
    origins: entries.map((e) => ({ ...e, chain: e.chain.map((id) => indexOf.get(id)!) })),
  };
}

/** The entries of a table with their chains as flows, as OriginTable takes them. */
export function importedOrigins(table: OriginTableFile): ImportedOrigin[] {
  return table.origins.map((e) => ({ ...e, chain: e.chain.map((i) => table.flows[i]) }));
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
  table.origins.forEach((e, i) => e.chain.forEach((n, j) => {
    if (n >= table.flows.length) errors.push(diagnostic('data/schema', `origins[${i}].chain[${j}]: ${n} is not the index of a flow of the table (it has ${table.flows.length})`, parsed.value.source.locate(`/origins/${i}/chain/${j}`)));
  }));
  if (errors.length > 0) return fail(errors);
  return ok({ file, sha256: parsed.value.source.sha256, table });
}

/** An origin table file read and parsed (see parseOriginsFile); an unreadable file is an input error. */
export function readOriginsFile(file: string, limits?: ReadLimits): Result<OriginImport> {
  const read = readTextFile(file, 'source/unreadable', limits);
  if (!read.ok) return fail(read.diagnostics);
  return parseOriginsFile(file, read.value.text, read.value.sha256);
}
