import type { Law } from '../law/law';
import { DEFAULT_LANG, type Lang } from '../i18n/lang';
import type { FlowNode, Model } from '../resolve/model';
import type { OriginTable } from '../resolve/origin';
import type { Basis, Finding, Verdict } from '../types/index';
import { compileCel, type CelNode, type EvalContext } from '../policy/cel/compile';
import type { CompiledExpression } from '../policy/cel/expressions';
import type { CompiledPolicy, CompiledRule } from '../policy/compile-policy';
import { createContext, enterFlow, isActive, judgeRule, ruleInForce } from './evaluate';
import type { FlowState } from '../policy/flow-state';
import { renderTemplate } from '../policy/template';
import { isDisabled, NOT_ASSESSED_RULE } from './verdict';

// The shapes of an explanation are the API's (schemas/api.schema.json): `dfft explain --format json`,
// `POST /v1/explain` and the library's `explain` give the same document.
export type { ConditionExplanation, DataExplanation, Explanation, PackExplanation, Read, RuleExplanation } from '../types/generated/api';
import type { ConditionExplanation, DataExplanation, Explanation, PackExplanation, RuleExplanation } from '../types/generated/api';

/**
 * Explains the judgement of one flow: every pack and rule considered, whether it applied, and why
 * it passed or failed, with the values its conditions read. It re-runs the same judgement as the
 * engine (judgeRule); the findings and basis are the engine's own, passed in.
 */
export function explainFlow(
  model: Model,
  origins: OriginTable,
  policy: CompiledPolicy,
  law: Law,
  asOf: string,
  flow: FlowNode,
  result: { verdict: Verdict; basis: Basis[]; findings: Finding[]; wouldApply?: string[] },
  lang: Lang = DEFAULT_LANG,
): Explanation {
  const ctx = createContext(model, origins, policy, law, asOf, '', lang);
  const active = isActive(flow, asOf);
  const packs: PackExplanation[] = [];
  if (active) {
    enterFlow(ctx, flow);
    for (const pack of policy.packs) {
      const condition = explainCondition(pack.appliesWhen, ctx);
      const applies = condition.error !== undefined ? 'undecidable' : condition.value === true;
      const rules = applies === true ? [...pack.rules.map((r) => explainRule(r, ctx)), ...pack.disabled.map((r) => ({ ...explainRule(r, ctx), disabled: true }))] : [];
      packs.push({ id: pack.id, title: pack.title, applies, condition, rules });
    }
  }
  const party = (p: FlowNode['from']) => ({ id: p.view.id, name: p.view.name, country: p.view.country, role: p.view.role, sector: p.view.sector });
  const data: DataExplanation[] = flow.datasets.map((d) => ({
    id: d.view.id,
    identifiability: d.view.identifiability,
    categories: d.view.categories,
    origin: [...origins.originAt(d, flow.from)],
    chain: origins.chainTo(d, flow.from).map((f) => ({ flow: f.view.id, from: f.from.view.id, fromCountry: f.from.view.country, to: f.to.view.id, toCountry: f.to.view.country })),
  }));
  const failing = result.findings.filter((f) => !isDisabled(f) && f.severity === (result.verdict === 'violation' ? 'error' : 'warning'));
  const decisive = result.verdict === 'allowed' ? result.basis.map((b) => b.ruleId)
    : result.verdict === 'not-assessed' ? [NOT_ASSESSED_RULE] : failing.map((f) => f.ruleId);
  return {
    asOf,
    flow: {
      id: flow.view.id, active, from: party(flow.from), to: party(flow.to),
      mechanisms: flow.view.mechanisms.map((m) => m.type), purposes: flow.view.purposes, frequency: flow.view.frequency, access: flow.view.access,
    },
    verdict: result.verdict,
    decisive: [...new Set(decisive)],
    data,
    packs,
    basis: result.basis,
    findings: result.findings,
    ...(result.wouldApply ? { wouldApply: result.wouldApply } : {}),
  };
}

function explainRule(rule: CompiledRule, ctx: EvalContext<FlowState>): RuleExplanation {
  const outcome = judgeRule(rule, ctx);
  const lang = ctx.state.lang;
  const out: RuleExplanation = { id: rule.id, title: rule.titles[lang], severity: rule.severity, outcome: outcome.kind };
  if (outcome.kind === 'undecidable') out.error = outcome.error.message;
  if (!ruleInForce(rule, ctx.vars.asOf as string)) {
    out.notInForce = { ...(rule.inForce?.from ? { from: rule.inForce.from } : {}), ...(rule.inForce?.until ? { until: rule.inForce.until } : {}) };
    return out;
  }
  if (rule.when) out.when = explainCondition(rule.when, ctx);
  if (outcome.kind === 'not-applicable') return out;
  if (rule.require) out.require = explainCondition(rule.require, ctx);
  if (rule.alternatives) {
    out.alternatives = rule.alternatives.map((alt, i) => ({
      ...explainCondition(alt.condition, ctx),
      ...(outcome.kind === 'passed' && outcome.alternative === i ? { basis: renderTemplate(alt.basis[lang], ctx) } : {}),
    }));
  }
  if (outcome.kind === 'failed') out.message = renderTemplate(rule.message[lang], ctx);
  return out;
}

function explainCondition(expr: CompiledExpression, ctx: EvalContext): ConditionExplanation {
  const out: ConditionExplanation = { source: expr.source, reads: [] };
  try {
    out.value = expr.fn(ctx);
  } catch (err) {
    out.error = (err as Error).message;
  }
  const seen = new Set<string>([expr.source.trim()]); // a condition that is one term needs no second line
  for (const term of termsOf(expr.ast)) {
    const source = expr.source.slice(term.range.start, term.range.end);
    if (seen.has(source)) continue;
    seen.add(source);
    let fn: ReturnType<typeof compileCel>['fn'];
    try {
      fn = compileCel(term, expr.options).fn;
    } catch {
      continue; // uses a macro's variable: meaningful only inside the macro
    }
    try {
      out.reads.push({ expression: source, value: fn(ctx) });
    } catch (err) {
      out.reads.push({ expression: source, error: (err as Error).message });
    }
  }
  return out;
}

const MACROS = new Set(['exists', 'all', 'exists_one', 'filter', 'map']);
const OPERATORS = new Set(['&&', '||', '!_', '-_', '?:', '==', '!=', '<', '<=', '>', '>=', 'in', '+', '-', '*', '/', '%']);

/** The terms a condition reads: field selections, calls and variables, below its operators. */
function termsOf(ast: CelNode): CelNode[] {
  const out: CelNode[] = [];
  const visit = (node: CelNode): void => {
    if (OPERATORS.has(node.op)) {
      const args = Array.isArray(node.args) ? node.args : [node.args];
      for (const a of args) if (a && typeof a === 'object' && 'op' in a) visit(a as CelNode);
      return;
    }
    if (node.op === 'value' || node.op === 'list' || node.op === 'map') return;
    out.push(node);
    // The arguments of a function, and the receiver of a method, are read too (not a macro's body).
    if (node.op === 'call') for (const a of (node.args as [string, CelNode[]])[1]) visit(a);
    if (node.op === 'rcall' && !MACROS.has((node.args as [string, CelNode])[0])) visit((node.args as [string, CelNode])[1]);
  };
  visit(ast);
  return out;
}
