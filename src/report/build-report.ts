import type { InputError } from '../diagnostics/input-error';
import { compareStrings, sortErrors } from '../diagnostics/input-error';
import type { CompiledPolicy } from '../evaluate/compile-policy';
import { ENGINE_RULES, locationOf, type FlowEvaluation } from '../evaluate/evaluate';
import type { Finding, FlowResult, Report, RuleInfo, Verdict } from '../types';
import { VERSION } from '../version';

export interface ReportInput {
  asOf: string;
  policy: CompiledPolicy;
  inputs: Array<{ file: string; sha256: string }>;
  evaluations: readonly FlowEvaluation[];
  errors: readonly InputError[];
  horizonEnd?: string;
}

/** Assembles the contract's report from the engine's results. Output order is deterministic. */
export function buildReport(input: ReportInput): Report {
  const unions = new Map<string, string[]>();
  const flows: FlowResult[] = input.evaluations.map((e) => ({
    id: e.flow.view.id,
    from: e.flow.from.view.id,
    to: e.flow.to.view.id,
    exporterCountry: e.flow.from.view.country,
    importerCountry: e.flow.to.view.country,
    exporterName: e.flow.from.view.name,
    importerName: e.flow.to.view.name,
    crossBorder: e.flow.from.view.country !== e.flow.to.view.country || e.flow.to.view.organisation !== undefined,
    datasets: e.flow.datasets.map((d) => d.view.id),
    categories: union(e.flow.datasets.map((d) => d.view.categories), unions),
    subjects: union(e.flow.datasets.map((d) => d.view.subjects), unions),
    active: e.active,
    verdict: verdictOf(e.findings),
    regimes: e.regimes,
    basis: e.basis,
    location: locationOf(e.flow),
  }));
  const findings = input.evaluations.flatMap((e) => e.findings).sort(compareFindings);
  // The rules that produced a finding or gave a basis: what a reader of the report needs named.
  const fired = new Set([...findings.map((f) => f.ruleId), ...flows.flatMap((f) => f.basis.map((b) => b.ruleId))]);
  const rules: RuleInfo[] = input.policy.packs
    .flatMap((p) => p.rules)
    .filter((r) => fired.has(r.id))
    .map((r) => ({ id: r.id, title: r.title, severity: r.severity, regime: r.regime, citation: r.citation, ...(r.description ? { description: r.description.replace(/\s+/g, ' ').trim() } : {}) }));
  for (const [id, info] of Object.entries(ENGINE_RULE_INFO)) if (fired.has(id)) rules.push(info);
  rules.sort((a, b) => compareStrings(a.id, b.id));
  const count = (severity: Finding['severity']): number => findings.filter((f) => f.severity === severity).length;
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
      findings: { error: count('error'), warning: count('warning'), info: count('info') },
      errors: input.errors.length,
    },
    flows,
    findings,
    rules,
    errors: sortErrors([...input.errors]).map((e) => e.toJSON()),
  };
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
    description: 'An adequacy decision with an end date, a transition period or another basis ends within the horizon asked for.',
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
};

/**
 * The sorted union of string lists, shared between flows that carry the same lists: a large
 * estate has many flows and few combinations of datasets. A single list is sorted once.
 */
function union(lists: string[][], cache: Map<string, string[]>): string[] {
  if (lists.length === 1) {
    const [only] = lists;
    return (sortedOnce.get(only) ?? sortedOnce.set(only, [...new Set(only)].sort()).get(only))!;
  }
  const key = lists.map((l) => l.join('\u0000')).join('\u0001');
  let out = cache.get(key);
  if (!out) {
    out = [...new Set(lists.flat())].sort();
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

function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.location.file, b.location.file) ||
    a.location.line - b.location.line ||
    a.location.column - b.location.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.fingerprint, b.fingerprint)
  );
}
