import type { InputError } from '../diagnostics/input-error';
import { compareStrings, sortErrors } from '../diagnostics/input-error';
import type { CompiledPolicy } from '../evaluate/compile-policy';
import { ENGINE_RULES, locationOf, type FlowEvaluation } from '../evaluate/evaluate';
import type { DatasetNode } from '../resolve/model';
import { compareFindings } from './order';
import { TupleMap } from '../tuple-map';
import type { Basis, Finding, FlowResult, Report, RuleInfo, Verdict } from '../types';
import { VERSION } from '../version';

export interface ReportInput {
  asOf: string;
  policy: CompiledPolicy;
  inputs: Array<{ file: string; sha256: string }>;
  errors: readonly InputError[];
  horizonEnd?: string;
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
  private readonly unions = new TupleMap<string[]>();

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
      .flatMap((p) => p.rules)
      .filter((r) => fired.has(r.id))
      .map((r) => ({ id: r.id, title: r.title, severity: r.severity, regime: r.regime, citation: r.citation, ...(r.description ? { description: r.description.replace(/\s+/g, ' ').trim() } : {}) }));
    for (const [id, info] of Object.entries(ENGINE_RULE_INFO)) if (fired.has(id)) rules.push(info);
    rules.sort((a, b) => compareStrings(a.id, b.id));
    const severities = { error: 0, warning: 0, info: 0 };
    for (const f of findings) severities[f.severity]++;
    const verdicts = { allowed: 0, review: 0, violation: 0 };
    for (const f of flows) verdicts[f.verdict]++;
    return {
      reportVersion: 1,
      tool: { name: 'dfft', version: VERSION },
      asOf: input.asOf,
      ...(input.horizonEnd ? { horizon: input.horizonEnd } : {}),
      policy: {
        packs: input.policy.packs.filter((p) => p.kind === 'pack').map((p) => ({ id: p.id, title: p.title, version: p.version, effective: p.effective })),
        files: input.policy.files,
        overrides: input.policy.overrides,
      },
      inputs: [...input.inputs].sort((a, b) => compareStrings(a.file, b.file)),
      summary: {
        flows: flows.length,
        verdicts,
        findings: severities,
        errors: input.errors.length,
      },
      flows,
      findings,
      rules,
      errors: sortErrors([...input.errors]).map((e) => e.toJSON()),
    };
  }
}

/** The rules the engine itself reports (fail-closed findings). */
const ENGINE_RULE_INFO: Record<string, RuleInfo> = {
  [ENGINE_RULES.undecidable]: {
    id: ENGINE_RULES.undecidable, title: 'A rule could not be decided for a flow', severity: 'error', regime: 'dfft',
    citation: { law: 'dfft', article: 'fail-closed evaluation (README, "Bail or report")' },
    description: 'A condition could not be evaluated (a missing field, a type mismatch): the flow is reported, never passed.',
  },
  [ENGINE_RULES.basisEnding]: {
    id: ENGINE_RULES.basisEnding, title: 'The basis of a flow ends within the horizon', severity: 'warning', regime: 'dfft',
    citation: { law: 'dfft', article: '--horizon' },
    description: 'An adequacy decision with an end date, a transition period or another basis ends within the horizon asked for: also a mechanism valid until a day within it (a CAC security assessment, a certification) and a dated certification of the importer.',
  },
  [ENGINE_RULES.flowEnding]: {
    id: ENGINE_RULES.flowEnding, title: 'A flow ends within the horizon', severity: 'warning', regime: 'dfft',
    citation: { law: 'dfft', article: '--horizon' },
    description: 'The flow\'s endsOn falls within the horizon asked for.',
  },
  [ENGINE_RULES.noRegime]: {
    id: ENGINE_RULES.noRegime, title: 'No rule pack covers the flow', severity: 'info', regime: 'dfft',
    citation: { law: 'dfft', article: 'fail-closed evaluation (README, "Bail or report")' },
    description: 'None of the packs of the policy applies to the flow, so it was not judged against any law.',
  },
  [ENGINE_RULES.notYetInForce]: {
    id: ENGINE_RULES.notYetInForce, title: 'A mechanism the flow relies on is dated after the date the law is applied for', severity: 'error', regime: 'dfft',
    citation: { law: 'dfft', article: 'dates of mechanisms (README, "Bail or report")' },
    description: 'A mechanism signed, approved, completed, obtained, filed or notified after asOf is not in force on asOf: no rule sees it (flow.mechanisms, mechanisms() and hasMechanism() leave it out), so it cannot be a basis.',
  },
  [ENGINE_RULES.noLongerInForce]: {
    id: ENGINE_RULES.noLongerInForce, title: 'A mechanism the flow relies on ended before the date the law is applied for', severity: 'error', regime: 'dfft',
    citation: { law: 'dfft', article: 'dates of mechanisms (README, "Bail or report")' },
    description: 'A mechanism valid until a day before asOf (a CAC security assessment, a certification) is no longer in force: no rule sees it, so it cannot be a basis.',
  },
  [ENGINE_RULES.certificationNotInForce]: {
    id: ENGINE_RULES.certificationNotInForce, title: 'A party\'s certification is outside its dates', severity: 'info', regime: 'dfft',
    citation: { law: 'dfft', article: 'dates of certifications (README, "Bail or report")' },
    description: 'A party declares a certification from a day after asOf or until a day before it: rules and adequacy() do not see it for this date.',
  },
  [ENGINE_RULES.anonymisedWithIdentifiers]: {
    id: ENGINE_RULES.anonymisedWithIdentifiers, title: 'Data declared anonymised with direct identifiers or special categories', severity: 'warning', regime: 'dfft',
    citation: { law: 'GDPR', article: 'Art. 4(1), Recital 26', url: 'http://data.europa.eu/eli/reg/2016/679/oj' },
    description: 'A dataset declared anonymised or non-personal whose categories identify people directly (taxonomy flag directIdentifier) or are special categories (GDPR Art. 9-10): every pack skips data that is not personal, so this is a review, whatever the law.',
  },
};

/**
 * The sorted union of a field's lists over a flow's datasets, shared between flows that carry the
 * same datasets: a large estate has many flows and few combinations of datasets.
 */
function union(datasets: readonly DatasetNode[], field: 'categories' | 'subjects', cache: TupleMap<string[]>): string[] {
  if (datasets.length === 1) {
    const only = datasets[0].view[field];
    return (sortedOnce.get(only) ?? sortedOnce.set(only, [...new Set(only)].sort()).get(only))!;
  }
  const key: Array<string | number> = [field];
  for (const d of datasets) key.push(d.index);
  let out = cache.get(key);
  if (!out) {
    out = [...new Set(datasets.flatMap((d) => d.view[field]))].sort();
    cache.set(key, out);
  }
  return out;
}

const sortedOnce = new WeakMap<string[], string[]>();

/** violation when an error-level finding concerns the flow, review when the worst is a warning. */
export function verdictOf(findings: readonly Pick<Finding, 'severity'>[]): Verdict {
  if (findings.some((f) => f.severity === 'error')) return 'violation';
  if (findings.some((f) => f.severity === 'warning')) return 'review';
  return 'allowed';
}
