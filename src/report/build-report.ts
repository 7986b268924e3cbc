import { compareStrings, errorEntry, sortDiagnostics, type Diagnostic } from '../source/diagnostic';
import type { CompiledPolicy } from '../policy/compile-policy';
import type { FlowEvaluation } from '../engine/evaluate';
import type { EngineRules } from '../law/engine-rules';
import { locationOf } from '../engine/finding';
import type { DatasetNode } from '../resolve/model';
import { compareFindings } from './order';
import type { Basis, Finding, FlowResult, Report, ReportWarning, RuleInfo } from '../types';
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
  private readonly unions = new Map<string, string[]>();

  add(e: FlowEvaluation): void {
    const { flow } = e;
    const from = flow.from.view;
    const to = flow.to.view;
    this.flows.push({
      id: flow.view.id,
      from: from.id,
      to: to.id,
      exporterCountry: from.country,
      importerCountry: to.country,
      exporterName: from.name,
      importerName: to.name,
      crossBorder: from.country !== to.country || to.organisation !== undefined,
      datasets: flow.view.datasets, // the declared ids: every one resolved, or the flow is not in the model
      categories: union(flow.datasets, 'categories', this.unions),
      subjects: union(flow.datasets, 'subjects', this.unions),
      active: e.active,
      verdict: verdictOf(e.findings),
      regimes: e.regimes as string[],
      basis: e.basis as Basis[],
      location: locationOf(flow),
      ...(e.wouldApply ? { wouldApply: e.wouldApply as string[] } : {}),
    });
    for (const f of e.findings) this.findings.push(f);
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
    rules.sort((a, b) => compareStrings(a.id, b.id));
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
      reportVersion: 1,
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

/**
 * The sorted union of a field's lists over a flow's datasets, shared between flows that carry the
 * same datasets: a large estate has many flows and few combinations of datasets.
 */
function union(datasets: readonly DatasetNode[], field: 'categories' | 'subjects', cache: Map<string, string[]>): string[] {
  if (datasets.length === 1) {
    const only = datasets[0].view[field];
    return (sortedOnce.get(only) ?? sortedOnce.set(only, [...new Set(only)].sort()).get(only))!;
  }
  // Dataset indexes are integers and the field name has no comma or digit, so this text names one
  // list of datasets only; a tuple map here cost a third of a second at 100k flows (bench).
  let key: string = field;
  for (const d of datasets) key += `,${d.index}`;
  let out = cache.get(key);
  if (!out) {
    out = [...new Set(datasets.flatMap((d) => d.view[field]))].sort();
    cache.set(key, out);
  }
  return out;
}

const sortedOnce = new WeakMap<string[], string[]>();

export { verdictOf };

/** The parameters a policy set away from their defaults: a report says which thresholds of the law it was judged by. */
function setParameters(policy: CompiledPolicy): { parameters?: NonNullable<Report['policy']['parameters']> } {
  const set = policy.parameters.filter((p) => p.setIn && p.value !== p.default);
  return set.length > 0 ? { parameters: set.map((p) => ({ name: p.name, value: p.value, default: p.default, location: p.setIn })) } : {};
}
