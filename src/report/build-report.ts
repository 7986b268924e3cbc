import { compareStrings, errorEntry, sortDiagnostics, type Diagnostic } from '../source/diagnostic';
import type { CompiledPolicy } from '../policy/compile-policy';
import type { FlowEvaluation } from '../engine/evaluate';
import type { EngineRules } from '../law/engine-rules';
import type { Taxonomy } from '../law/taxonomy';
import { locationOf } from '../engine/finding';
import type { DatasetNode, FlowNode } from '../resolve/model';
import { TupleMap } from '../source/tuple-map';
import { compareById, compareFindings } from './order';
import type { Basis, Finding, FlowResult, Report, ReportWarning, RuleInfo } from '../types';
import type { DatasetInfo, PartyInfo } from '../types/generated/report';
import { isDisabled, verdictOf } from '../engine/verdict';
import { sortWarnings } from './waivers';
import { VERSION } from '../version';

export interface ReportInput {
  asOf: string;
  policy: CompiledPolicy;
  /** The rules the engine itself reports (the dfft pack), listed when they fired. */
  engineRules: EngineRules;
  inputs: Array<{ file: string; sha256: string }>;
  errors: readonly Diagnostic[];
  horizonEnd?: string;
  /** With --shard: which part of the run's flows this report covers (see mergeReports). */
  shard?: NonNullable<Report['shard']>;
  /** The taxonomy, for the titles of the datasets' categories (readers see "E-mail address", not contact.email). */
  taxonomy?: Taxonomy;
}

/**
 * Assembles the contract's report from the engine's evaluations, one flow at a time as the engine
 * hands them over (`add`), then the rest (`finish`). Output order is deterministic. Equal lists
 * and objects are shared between flows and findings (a report of a million flows must fit in
 * memory): treat a report as read-only.
 */
export class ReportBuilder {
  private readonly flows: FlowResult[] = [];
  private readonly findings: Finding[] = [];
  private readonly unions = new TupleMap<DataUnions>();
  /** The parties and datasets the flows name, for the report's tables. */
  private readonly parties = new Map<string, PartyInfo>();
  private readonly datasets = new Map<string, DatasetNode>();

  add(e: FlowEvaluation): void {
    const { flow } = e;
    const from = flow.from.view;
    const to = flow.to.view;
    const data = unionsOf(flow, this.unions);
    const result: FlowResult = {
      id: flow.view.id,
      from: from.id,
      to: to.id,
      exporterCountry: from.country,
      importerCountry: to.country,
      exporterName: from.name,
      importerName: to.name,
      crossBorder: from.country !== to.country || to.organisation !== undefined,
      datasets: flow.view.datasets, // the declared ids: every one resolved, or the flow is not in the model
      categories: data.categories,
      subjects: data.subjects,
      purposes: flow.view.purposes.length > 0 ? flow.view.purposes : undefined,
      active: e.active,
      verdict: verdictOf(e.findings),
      regimes: e.regimes as string[],
      basis: e.basis as Basis[],
      location: locationOf(flow),
      // In the literal even when undefined (JSON leaves it out): added afterwards it would cost a
      // separate property store per row, and a conditional spread would build every row slowly.
      wouldApply: e.wouldApply as string[] | undefined,
    };
    this.flows.push(result);
    for (const f of e.findings) this.findings.push(f);
    if (!this.parties.has(from.id)) this.parties.set(from.id, partyInfo(from));
    if (!this.parties.has(to.id)) this.parties.set(to.id, partyInfo(to));
    for (const d of flow.datasets) if (!this.datasets.has(d.view.id)) this.datasets.set(d.view.id, d);
  }

  finish(input: ReportInput): Report {
    const { flows } = this;
    const findings = this.findings.sort(compareFindings);
    // The rules that produced a finding or gave a basis: what a reader of the report needs named.
    const fired = new Set<string>();
    for (const f of findings) fired.add(f.ruleId);
    for (const f of flows) for (const b of f.basis) fired.add(b.ruleId);
    const rules: RuleInfo[] = input.policy.packs
      .flatMap((p) => [...p.rules, ...p.disabled])
      .filter((r) => fired.has(r.id))
      .map((r) => ({ id: r.id, title: r.title, severity: r.severity, regime: r.regime, citation: r.citation, ...(r.description ? { description: r.description.replace(/\s+/g, ' ').trim() } : {}) }));
    for (const info of input.engineRules.all()) if (fired.has(info.id)) rules.push(info);
    rules.sort(compareById);
    const severities = { error: 0, warning: 0, info: 0 };
    let disabled = 0;
    let lowered = 0;
    for (const f of findings) {
      if (isDisabled(f)) disabled++;
      else severities[f.severity]++;
      if (f.policyOverride?.change === 'lowered') lowered++;
    }
    const verdicts = { allowed: 0, review: 0, violation: 0, 'not-assessed': 0 };
    for (const f of flows) verdicts[f.verdict]++;
    const warnings = [...input.policy.warnings, ...overrideWarnings(input.policy, findings)];
    return {
      reportVersion: 2,
      tool: { name: 'dfft', version: VERSION },
      asOf: input.asOf,
      ...(input.horizonEnd ? { horizon: input.horizonEnd } : {}),
      policy: {
        packs: input.policy.packs.filter((p) => p.kind === 'pack').map((p) => ({ id: p.id, title: p.title, version: p.version, effective: p.effective })),
        files: input.policy.files,
        overrides: input.policy.overrides,
        ...setParameters(input.policy),
      },
      inputs: [...input.inputs].sort((a, b) => compareStrings(a.file, b.file)),
      summary: {
        flows: flows.length,
        verdicts,
        findings: severities,
        errors: input.errors.length,
        ...(input.policy.overrides.length > 0 ? { disabled, lowered } : {}),
        ...(warnings.length > 0 ? { warnings: warnings.length } : {}),
      },
      parties: [...this.parties.values()].sort(compareById),
      datasets: [...this.datasets.values()].map((d) => datasetInfo(d, input.taxonomy)).sort(compareById),
      flows,
      findings,
      rules,
      errors: sortDiagnostics([...input.errors]).map((e) => errorEntry(e)),
      ...(warnings.length > 0 ? { warnings: sortWarnings(warnings) } : {}),
      ...(input.shard ? { shard: input.shard } : {}),
    };
  }
}

/** At most this many flows are named in a warning; the findings name them all. */
const NAMED_FLOWS = 10;

/**
 * One warning for each override that disables or lowers a rule of a built-in pack, with its
 * reason and the flows where the rule fired (it is still evaluated), so that switching the law
 * off shows in every format.
 */
function overrideWarnings(policy: CompiledPolicy, findings: readonly Finding[]): ReportWarning[] {
  const flowsOf = overriddenFlows(findings);
  const out: ReportWarning[] = [];
  const seen = new Set<string>();
  for (const o of [...policy.overrides].reverse()) {
    if (!o.builtin || seen.has(o.rule)) continue; // the last override of a rule is the one that holds
    seen.add(o.rule);
    const rule = policy.packs.flatMap((p) => [...p.rules, ...p.disabled]).find((r) => r.id === o.rule);
    const change = rule?.override?.change;
    if (change !== 'disabled' && change !== 'lowered') continue;
    const what = change === 'disabled' ? 'disables' : `lowers the severity of`;
    const to = change === 'lowered' ? ` from ${rule!.override!.ruleSeverity} to ${rule!.severity}` : '';
    out.push({
      code: change === 'disabled' ? 'policy/law-disabled' : 'policy/law-lowered',
      message: `the policy ${what} built-in rule ${o.rule}${to} ("${o.reason}"); ${overrideEffect(change, flowsOf.get(o.rule) ?? [])}`,
      ...(o.location ? { location: o.location } : {}),
    });
  }
  return out;
}

/** The flows (ids, in the findings' order) where each rule the policy disabled or lowered fired. */
export function overriddenFlows(findings: readonly Finding[]): Map<string, string[]> {
  const flowsOf = new Map<string, Set<string>>();
  for (const f of findings) {
    if (!f.policyOverride || f.policyOverride.change === 'raised') continue;
    let set = flowsOf.get(f.ruleId);
    if (!set) flowsOf.set(f.ruleId, (set = new Set()));
    set.add(f.flowId);
  }
  return new Map([...flowsOf].map(([rule, set]) => [rule, [...set]]));
}

/** The end of an override warning: on which flows the disabled or lowered rule fired. */
export function overrideEffect(change: 'disabled' | 'lowered', flows: readonly string[]): string {
  const named = flows.slice(0, NAMED_FLOWS).join(', ') + (flows.length > NAMED_FLOWS ? ` and ${flows.length - NAMED_FLOWS} more` : '');
  return flows.length === 0
    ? `it ${change === 'disabled' ? 'would have fired' : 'fired'} on no flow of this run`
    : `it ${change === 'disabled' ? 'would have fired' : 'fired'} on ${flows.length} flow${flows.length === 1 ? '' : 's'}: ${named}`;
}

/** The sorted unions of the categories and of the subjects of a flow's datasets. */
interface DataUnions {
  categories: string[];
  subjects: string[];
}

/**
 * The unions of a flow's datasets, shared between flows that carry the same datasets (in the same
 * order): a large estate has many flows and few combinations of datasets. Keyed by the flow's own
 * list of dataset ids (ids are unique in a run), so a lookup allocates nothing.
 */
function unionsOf(flow: FlowNode, cache: TupleMap<DataUnions>): DataUnions {
  let unions = cache.get(flow.view.datasets);
  if (unions === undefined) cache.set(flow.view.datasets, (unions = computeUnions(flow.datasets)));
  return unions;
}

function computeUnions(datasets: readonly DatasetNode[]): DataUnions {
  if (datasets.length === 1) return { categories: sortedUnique(datasets[0].view.categories), subjects: sortedUnique(datasets[0].view.subjects) };
  const categories = new Set<string>();
  const subjects = new Set<string>();
  for (const d of datasets) {
    for (const c of d.view.categories) categories.add(c);
    for (const s of d.view.subjects) subjects.add(s);
  }
  return { categories: [...categories].sort(), subjects: [...subjects].sort() };
}

/** A dataset's own list, without repeats and sorted: computed once per list. */
function sortedUnique(list: string[]): string[] {
  let sorted = sortedOnce.get(list);
  if (!sorted) sortedOnce.set(list, (sorted = [...new Set(list)].sort()));
  return sorted;
}

const sortedOnce = new WeakMap<string[], string[]>();

function partyInfo(party: { id: string; name?: string; country: string }): PartyInfo {
  return party.name === undefined ? { id: party.id, country: party.country } : { id: party.id, name: party.name, country: party.country };
}

/** A dataset's categories and subjects as a flow carrying only it has them (the same shared arrays), with the categories' titles. */
function datasetInfo(d: DatasetNode, taxonomy: Taxonomy | undefined): DatasetInfo {
  const unions = computeUnions([d]);
  const titles = taxonomy ? categoryTitles(unions.categories, taxonomy) : undefined;
  return {
    id: d.view.id,
    ...(d.view.name !== undefined ? { name: d.view.name } : {}),
    ...unions,
    ...(titles ? { categoryTitles: titles } : {}),
  };
}

/** The taxonomy's titles of the categories it has, by id; undefined when it has none of them. */
function categoryTitles(categories: readonly string[], taxonomy: Taxonomy): Record<string, string> | undefined {
  const titles: Record<string, string> = {};
  let any = false;
  for (const c of categories) {
    const title = taxonomy.get(c)?.title;
    if (title !== undefined) {
      titles[c] = title;
      any = true;
    }
  }
  return any ? titles : undefined;
}


export { verdictOf };

/** The parameters a policy set away from their defaults: a report says which thresholds of the law it was judged by. */
function setParameters(policy: CompiledPolicy): { parameters?: NonNullable<Report['policy']['parameters']> } {
  const set = policy.parameters.filter((p) => p.setIn && p.value !== p.default);
  return set.length > 0 ? { parameters: set.map((p) => ({ name: p.name, value: p.value, default: p.default, location: p.setIn })) } : {};
}
