import { compareStrings, errorEntry, sortDiagnostics, type Diagnostic } from '../source/diagnostic';
import { reportedCitation } from '../policy/citation';
import { DEFAULT_LANG, type Lang } from '../i18n/lang';
import type { CompiledPolicy } from '../policy/compile-policy';
import type { FlowEvaluation } from '../engine/evaluate';
import type { EngineRules } from '../law/engine-rules';
import type { Taxonomy } from '../law/taxonomy';
import { locationOf } from '../engine/finding';
import type { DatasetNode, FlowNode } from '../resolve/model';
import { SharedLists, TupleMap } from '../source/tuple-map';
import { compareById, compareFindings } from './order';
import type { Basis, Finding, FlowResult, Report, ReportWarning, RuleInfo } from '../types';
import type { DatasetInfo, DeclaredEncryption, DeclaredMechanism, FailedBasis, PartyInfo, SpecialCategoryInfo } from '../types/generated/report';
import { ENGINE_RULES } from '../law/engine-rules';
import { isDisabled, verdictOf } from '../engine/verdict';
import { sortWarnings } from './waivers';
import { VERSION } from '../version';

/**
 * For each pack of the policy, the packs whose error-level findings reject the bases it gives: the
 * pack itself, and the packs that declare they amend it (`pack.amends`: the Supplementary Rules add
 * conditions to the APPI). An organisation's own rules reject no legal basis.
 */
export function rejectingPacks(policy: CompiledPolicy): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  const add = (basisPack: string, by: string) => {
    let set = map.get(basisPack);
    if (!set) map.set(basisPack, (set = new Set()));
    set.add(by);
  };
  for (const p of policy.packs) {
    if (p.kind !== 'pack') continue;
    add(p.id, p.id);
    for (const amended of p.amends) add(amended, p.id);
  }
  return map;
}

/**
 * A flow's bases split into what made it lawful and what an error rejected: a basis fails when an
 * error-level finding (not disabled by the policy) on the flow comes from its pack or from a pack
 * that amends it, or when the engine could not decide the flow (dfft/undecidable). A flow
 * without errors keeps its (shared) list as it is.
 */
function splitBasis(e: FlowEvaluation, rejecting: ReadonlyMap<string, ReadonlySet<string>>, shared: SharedFailures): { basis: readonly Basis[]; failed?: FailedBasis[] } {
  if (e.basis.length === 0) return { basis: e.basis };
  const errors = e.findings.filter((f) => f.severity === 'error' && !isDisabled(f));
  if (errors.length === 0) return { basis: e.basis };
  const basis: Basis[] = [];
  const failed: FailedBasis[] = [];
  for (const b of e.basis) {
    const by = rejecting.get(b.regime);
    const rejectedBy = [...new Set(errors.filter((f) => f.ruleId === ENGINE_RULES.undecidable || by?.has(f.regime) === true).map((f) => f.ruleId))].sort(compareStrings);
    if (rejectedBy.length === 0) basis.push(b);
    else failed.push(shared.failure(b, rejectedBy as [string, ...string[]]));
  }
  return failed.length === 0 ? { basis: e.basis } : { basis, failed: shared.list(failed) };
}

/**
 * One copy of each failed basis (a shared basis and the rules that rejected it) and of each list
 * of them: flows that fail the same way repeat them (23k failed bases at 100k flows, a few hundred
 * distinct). Made with Object.assign, not `{ ...basis, rejectedBy }`: in optimised code V8 gives
 * every object spread with a new key a hidden class of its own (about 180 bytes each).
 */
class SharedFailures {
  private readonly failures = new TupleMap<FailedBasis>();
  private readonly lists = new SharedLists<FailedBasis>();

  failure(basis: Basis, rejectedBy: [string, ...string[]]): FailedBasis {
    const key = [basis, ...rejectedBy];
    let failed = this.failures.get(key);
    if (failed === undefined) this.failures.set(key, (failed = Object.assign({}, basis, { rejectedBy })));
    return failed;
  }

  list(failed: FailedBasis[]): FailedBasis[] {
    return this.lists.one(failed);
  }
}

export interface ReportInput {
  asOf: string;
  /** The language of the report's texts (default English): titles and category names are given in it. */
  lang?: Lang;
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
  private readonly unions = new SharedUnions();
  private readonly failures = new SharedFailures();
  /** The parties and datasets the flows name, for the report's tables. */
  private readonly parties = new Map<string, PartyInfo>();
  private readonly datasets = new Map<string, DatasetNode>();

  /** @param rejecting for each pack, the packs whose errors reject its bases ({@link rejectingPacks}). */
  constructor(private readonly rejecting: ReadonlyMap<string, ReadonlySet<string>> = new Map()) {}

  add(e: FlowEvaluation): void {
    const { flow } = e;
    const { basis, failed } = splitBasis(e, this.rejecting, this.failures);
    const from = flow.from.view;
    const to = flow.to.view;
    const data = this.unions.of(flow);
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
      // A flow not in force on the date is not judged: never allowed.
      verdict: e.active ? verdictOf(e.findings) : 'not-assessed',
      regimes: e.regimes as string[],
      basis: basis as Basis[],
      failedBasis: failed,
      location: locationOf(flow),
      // In the literal even when undefined (JSON leaves it out): added afterwards it would cost a
      // separate property store per row, and a conditional spread would build every row slowly.
      wouldApply: e.wouldApply as string[] | undefined,
      // As declared, shared with the model: the register's dates, references and measures.
      startsOn: flow.raw.startsOn,
      endsOn: flow.raw.endsOn,
      mechanisms: flow.raw.mechanisms && flow.raw.mechanisms.length > 0 ? (flow.raw.mechanisms as DeclaredMechanism[]) : undefined,
      encryption: flow.raw.encryption as DeclaredEncryption | undefined,
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
    const lang = input.lang ?? DEFAULT_LANG;
    // The rules that produced a finding or gave a basis: what a reader of the report needs named.
    const fired = new Set<string>();
    for (const f of findings) fired.add(f.ruleId);
    for (const f of flows) for (const b of f.basis) fired.add(b.ruleId);
    const rules: RuleInfo[] = input.policy.packs
      .flatMap((p) => [...p.rules, ...p.disabled])
      .filter((r) => fired.has(r.id))
      .map((r) => ({ id: r.id, title: r.titles[lang], severity: r.severity, regime: r.regime, citation: reportedCitation(r.citation, lang), ...(r.description ? { description: r.description.replace(/\s+/g, ' ').trim() } : {}) }));
    for (const info of input.engineRules.all(lang)) if (fired.has(info.id)) rules.push(info);
    rules.sort(compareById);
    const severities = { error: 0, warning: 0, info: 0 };
    let disabled = 0;
    let lowered = 0;
    for (const f of findings) {
      if (isDisabled(f)) disabled++;
      else severities[f.severity]++;
      if (f.policyOverride?.change === 'lowered') lowered++;
    }
    // Flows not in force on the date are counted apart: their verdict (not-assessed) says nothing about the law.
    const verdicts = { allowed: 0, review: 0, violation: 0, 'not-assessed': 0 };
    let inactive = 0;
    for (const f of flows) {
      if (f.active) verdicts[f.verdict]++;
      else inactive++;
    }
    const warnings = [...input.policy.warnings, ...overrideWarnings(input.policy, findings)];
    return {
      reportVersion: 2,
      tool: { name: 'dfft', version: VERSION },
      asOf: input.asOf,
      ...(lang !== 'en' ? { lang } : {}),
      ...(input.horizonEnd ? { horizon: input.horizonEnd } : {}),
      policy: {
        packs: input.policy.packs.filter((p) => p.kind === 'pack').map((p) => ({ id: p.id, title: p.titles[lang], version: p.version, effective: p.effective })),
        files: input.policy.files,
        overrides: input.policy.overrides,
        ...setParameters(input.policy),
      },
      inputs: [...input.inputs].sort((a, b) => compareStrings(a.file, b.file)),
      summary: {
        flows: flows.length,
        verdicts,
        ...(inactive > 0 ? { inactive } : {}),
        findings: severities,
        errors: input.errors.length,
        ...(input.policy.overrides.length > 0 ? { disabled, lowered } : {}),
        ...(warnings.length > 0 ? { warnings: warnings.length } : {}),
      },
      parties: [...this.parties.values()].sort(compareById),
      datasets: [...this.datasets.values()].map((d) => datasetInfo(d, input.taxonomy, lang)).sort(compareById),
      ...specialCategoriesOf(this.datasets.values(), input.taxonomy),
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
 * order): a large estate has many flows and few combinations of datasets. Keyed by the list of
 * datasets the flow carries, which resolve gives once to every flow that carries the same ones (a
 * list given twice is only computed twice), so a lookup allocates nothing. Different combinations
 * mostly give the same unions (30k combinations at 100k flows): equal unions are one.
 */
class SharedUnions {
  private readonly byDatasets = new Map<readonly DatasetNode[], DataUnions>();
  private readonly lists = new SharedLists<string>();
  private readonly pairs = new TupleMap<DataUnions>();

  of(flow: FlowNode): DataUnions {
    let unions = this.byDatasets.get(flow.datasets);
    if (unions === undefined) this.byDatasets.set(flow.datasets, (unions = this.shared(computeUnions(flow.datasets))));
    return unions;
  }

  private shared(unions: DataUnions): DataUnions {
    const categories = this.lists.one(unions.categories);
    const subjects = this.lists.one(unions.subjects);
    let pair = this.pairs.get([categories, subjects]);
    if (pair === undefined) this.pairs.set([categories, subjects], (pair = { categories, subjects }));
    return pair;
  }
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
function datasetInfo(d: DatasetNode, taxonomy: Taxonomy | undefined, lang: Lang): DatasetInfo {
  const unions = computeUnions([d]);
  const titles = taxonomy ? categoryTitles(unions.categories, taxonomy, lang) : undefined;
  return {
    id: d.view.id,
    ...(d.view.name !== undefined ? { name: d.view.name } : {}),
    ...unions,
    ...(titles ? { categoryTitles: titles } : {}),
  };
}

/** The taxonomy's titles of the categories it has, by id; undefined when it has none of them. */
function categoryTitles(categories: readonly string[], taxonomy: Taxonomy, lang: Lang): Record<string, string> | undefined {
  const titles: Record<string, string> = {};
  let any = false;
  for (const c of categories) {
    const title = taxonomy.get(c)?.titles[lang];
    if (title !== undefined) {
      titles[c] = title;
      any = true;
    }
  }
  return any ? titles : undefined;
}

/**
 * The categories of the datasets that a law treats as special (GDPR Art. 9(1), Art. 10; APPI
 * Art. 2(3)), once each and sorted, with the taxonomy's flags; nothing without a taxonomy.
 */
function specialCategoriesOf(datasets: Iterable<DatasetNode>, taxonomy: Taxonomy | undefined): { specialCategories?: SpecialCategoryInfo[] } {
  if (!taxonomy) return {};
  const out = new Map<string, SpecialCategoryInfo>();
  for (const d of datasets) {
    for (const id of d.view.categories) {
      if (out.has(id)) continue;
      const c = taxonomy.get(id);
      if (!c || (c.gdpr === undefined && !c.appiSpecialCare)) continue;
      out.set(id, { id, ...(c.gdpr !== undefined ? { gdpr: c.gdpr } : {}), ...(c.appiSpecialCare ? { appiSpecialCare: true } : {}) });
    }
  }
  return { specialCategories: [...out.values()].sort(compareById) };
}

export { verdictOf };

/** The parameters a policy set away from their defaults: a report says which thresholds of the law it was judged by. */
function setParameters(policy: CompiledPolicy): { parameters?: NonNullable<Report['policy']['parameters']> } {
  const set = policy.parameters.filter((p) => p.setIn && p.value !== p.default);
  return set.length > 0 ? { parameters: set.map((p) => ({ name: p.name, value: p.value, default: p.default, location: p.setIn })) } : {};
}
