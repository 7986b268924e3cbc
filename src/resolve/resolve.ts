import { InputError } from '../diagnostics/input-error';
import { didYouMean } from '../diagnostics/did-you-mean';
import { pointerToPath } from '../load/pointer';
import type { Taxonomy } from '../law/taxonomy';
import type { Dataset, Flow, Party } from '../types';
import type {
  DatasetNode, DatasetView, Declared, FlowNode, FlowView, LoadedManifest, Model, PartyNode, PartyView,
} from './model';
import { CERTIFICATION_DATES, FLOW_DATES, mechanismDates, reversedRanges, type DateFields } from './validity';

export interface ResolveOptions {
  taxonomy: Taxonomy;
  /** Files that failed to load: a reference to an id they may declare says so. */
  failedFiles?: readonly string[];
}

export interface ResolveResult {
  model: Model;
  errors: InputError[];
}

/** Greece is GR in ISO 3166 and EL in EU usage; dfft accepts both and works with GR. */
export function normaliseCountry(code: string): string {
  return code === 'EL' ? 'GR' : code;
}

/**
 * Resolves the manifests of a run into one graph: parties and datasets are global by id, a
 * duplicate id with a different definition is an error (an identical repeat is fine), and every
 * reference must resolve. Flows with a dangling reference are left out of the model (they
 * cannot be judged) and reported as errors; everything else is still checked.
 */
export function resolveModel(manifests: readonly LoadedManifest[], options: ResolveOptions): ResolveResult {
  const errors: InputError[] = [];
  const parties: PartyNode[] = [];
  const datasets: DatasetNode[] = [];
  const partyById = new Map<string, PartyNode>();
  const datasetById = new Map<string, DatasetNode>();
  const flowDeclared = new Map<string, Declared>();
  const pendingFlows: Array<{ raw: Flow; declared: Declared }> = [];
  const canonical = new Map<object, string>();
  const canon = (o: object): string => {
    let s = canonical.get(o);
    if (s === undefined) canonical.set(o, (s = canonicalJson(o)));
    return s;
  };

  // A range that ends before it starts is bad input; what declares one is not judged.
  const badParties = new Set<string>();
  const reversed = (declared: Declared, pointer: string, obj: object, fields: DateFields): boolean => {
    const found = reversedRanges(obj, fields);
    for (const r of found) {
      const at = `${declared.pointer}${pointer}/${r.end}`;
      errors.push(new InputError(
        'manifest/reversed-range',
        `${pointerToPath(at)}: expected a date on or after ${r.start} (${r.startDate}), got ${r.endDate}`,
        declared.source.locate(at),
        `${r.end} is the last day and ${r.start} the first: swap them, or correct the one that is wrong`,
      ));
    }
    return found.length > 0;
  };

  const duplicate = (kind: string, id: string, first: Declared, again: Declared): void => {
    const where = first.source.locate(first.pointer);
    errors.push(new InputError(
      'manifest/duplicate-id',
      `${kind} "${id}" is declared again with a different definition (first at ${where.file}:${where.line}:${where.column})`,
      again.source.locate(`${again.pointer}/id`),
      'make the definitions identical, or give one a new id',
    ));
  };

  for (const { source, manifest } of manifests) {
    (manifest.parties ?? []).forEach((raw, i) => {
      const declared = { source, pointer: `/parties/${i}` };
      let bad = false;
      // Listed twice is checked here, not by the schema's uniqueItems: ajv compares objects with
      // fast-deep-equal, which calls a "valueOf" key of the input as a function.
      const listed = new Map<string, number>();
      (raw.certifications ?? []).forEach((c, j) => {
        const key = canon(typeof c === 'object' ? c : { scheme: c });
        const first = listed.get(key);
        if (first !== undefined) {
          errors.push(new InputError('manifest/schema', `parties[${i}].certifications: ${JSON.stringify(c)} is listed twice (items ${first} and ${j})`, source.locate(`${declared.pointer}/certifications/${j}`)));
          bad = true;
        } else listed.set(key, j);
        if (typeof c === 'object' && reversed(declared, `/certifications/${j}`, c, CERTIFICATION_DATES)) bad = true;
      });
      if (bad) badParties.add(raw.id);
      const view = partyView(raw);
      const existing = partyById.get(raw.id);
      if (existing) {
        if (canon(existing.raw) !== canon(raw)) duplicate('party', raw.id, existing, declared);
        return;
      }
      const node: PartyNode = { index: parties.length, view, source, pointer: declared.pointer, raw };
      parties.push(node);
      partyById.set(raw.id, node);
    });
    (manifest.datasets ?? []).forEach((raw, i) => {
      const declared = { source, pointer: `/datasets/${i}` };
      const view = datasetView(raw);
      const existing = datasetById.get(raw.id);
      if (existing) {
        if (canon(existing.raw) !== canon(raw)) duplicate('dataset', raw.id, existing, declared);
        return;
      }
      const node: DatasetNode = { index: datasets.length, view, source, pointer: declared.pointer, raw, derivedFrom: [] };
      datasets.push(node);
      datasetById.set(raw.id, node);
      raw.categories.forEach((category, c) => {
        if (!options.taxonomy.has(category)) {
          const guess = didYouMean(category, options.taxonomy.ids());
          errors.push(new InputError(
            'manifest/unknown-category',
            `datasets[${i}].categories[${c}]: unknown category "${category}"`,
            source.locate(`${declared.pointer}/categories/${c}`),
            guess ? `did you mean "${guess}"?` : 'see rules/data/taxonomy.yaml for the categories',
          ));
        }
      });
    });
    (manifest.flows ?? []).forEach((raw, i) => {
      const declared = { source, pointer: `/flows/${i}` };
      const first = flowDeclared.get(raw.id);
      if (first) {
        const where = first.source.locate(first.pointer);
        errors.push(new InputError(
          'manifest/duplicate-id',
          `flow "${raw.id}" is declared twice (first at ${where.file}:${where.line}:${where.column})`,
          source.locate(`${declared.pointer}/id`),
          'flow ids must be unique across the run',
        ));
        return;
      }
      flowDeclared.set(raw.id, declared);
      let bad = reversed(declared, '', raw, FLOW_DATES);
      (raw.mechanisms ?? []).forEach((m, j) => {
        if (reversed(declared, `/mechanisms/${j}`, m, mechanismDates(m))) bad = true;
      });
      if (!bad) pendingFlows.push({ raw, declared });
    });
  }

  const failedNote = options.failedFiles?.length
    ? `, or it is declared in a file that failed to load (${options.failedFiles.join(', ')})`
    : '';
  const unknown = (kind: string, id: string, candidates: Iterable<string>, declared: Declared, pointer: string): void => {
    const guess = didYouMean(id, candidates);
    errors.push(new InputError(
      'manifest/unknown-reference',
      `${pointerToPath(declared.pointer + pointer)}: unknown ${kind} "${id}"`,
      declared.source.locate(declared.pointer + pointer),
      guess ? `did you mean "${guess}"?` : `no manifest of this run declares it${failedNote}`,
    ));
  };

  for (const node of datasets) {
    (node.raw.derivedFrom ?? []).forEach((id, i) => {
      const source = datasetById.get(id);
      if (source) node.derivedFrom.push(source);
      else unknown('dataset', id, datasetById.keys(), node, `/derivedFrom/${i}`);
    });
  }

  const flows: FlowNode[] = [];
  for (const { raw, declared } of pendingFlows) {
    const before = errors.length;
    const from = partyById.get(raw.from);
    const to = partyById.get(raw.to);
    if (!from) unknown('party', raw.from, partyById.keys(), declared, '/from');
    if (!to) unknown('party', raw.to, partyById.keys(), declared, '/to');
    const carried: DatasetNode[] = [];
    raw.datasets.forEach((id, i) => {
      const d = datasetById.get(id);
      if (d) carried.push(d);
      else unknown('dataset', id, datasetById.keys(), declared, `/datasets/${i}`);
    });
    if (errors.length > before || !from || !to) continue;
    if (badParties.has(from.view.id) || badParties.has(to.view.id)) continue; // reported at the party
    flows.push({ index: flows.length, view: flowView(raw), source: declared.source, pointer: declared.pointer, raw, from, to, datasets: carried });
  }

  return { model: { manifests: [...manifests], parties, datasets, flows, partyById, datasetById }, errors };
}

// Views are the parsed objects themselves with the contract's defaults filled in: the run owns
// the parsed data, and copying every flow would double the memory of a large estate.

function partyView(raw: Party): PartyView {
  const v = raw as PartyView;
  v.name ??= raw.id;
  v.country = normaliseCountry(raw.country);
  v.role ??= 'controller';
  v.sector ??= 'private';
  v.certifications ??= [];
  return v;
}

function datasetView(raw: Dataset): DatasetView {
  const v = raw as DatasetView;
  v.name ??= raw.id;
  v.subjects ??= [];
  v.identifiability ??= 'identified';
  v.collectedIn = (raw.collectedIn ?? []).map(normaliseCountry);
  v.purposes ??= [];
  v.derivedFrom ??= [];
  return v;
}

function flowView(raw: Flow): FlowView {
  const v = raw as FlowView;
  v.purposes ??= [];
  v.frequency ??= 'continuous';
  v.access ??= 'transfer';
  v.mechanisms ??= [];
  for (const m of v.mechanisms) if (m.type === 'scc') m.decision ??= '2021/914';
  return v;
}

/** JSON with sorted keys, so that two definitions that differ only in key order compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
