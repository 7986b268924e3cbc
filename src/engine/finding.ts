import type { FlowNode } from '../resolve/model';
import type { Finding, Severity, SourceLocation } from '../types/index';
import type { CompiledRule } from '../policy/compile-policy';
import type { FlowState } from '../policy/flow-state';
import { ENGINE_RULES, type EngineRuleId } from '../law/engine-rules';
import { fingerprint, ruleKey } from './fingerprint';
import { flat } from './intern';
import type { Lang } from '../i18n/lang';
import { reportedCitation } from '../policy/citation';
import { engineTexts, type EngineText } from './engine-texts';

/** What every finding says; `newFinding` lays it out in the contract's order. */
interface FindingParts {
  ruleId: string;
  regime: string;
  severity: Severity;
  flow: FlowNode;
  path: string[];
  message: string;
  citation: Finding['citation'];
  remediation: string;
  location: SourceLocation;
  fingerprint: string;
  policyOverride?: Finding['policyOverride'];
}

/** The one constructor of findings: every finding of a run, of a pack's rule or of the engine, is made here. */
function newFinding(p: FindingParts): Finding {
  const finding: Finding = {
    ruleId: p.ruleId,
    regime: p.regime,
    severity: p.severity,
    flowId: p.flow.view.id,
    path: p.path,
    message: p.message,
    citation: p.citation,
    remediation: p.remediation,
    location: p.location,
    fingerprint: p.fingerprint,
  };
  if (p.policyOverride) finding.policyOverride = p.policyOverride;
  return finding;
}

/**
 * A finding of a pack's rule on a flow, with its rendered texts. `severity` is the rule's own
 * unless given (a disabled rule reports at the severity it had before the policy's override).
 */
export function ruleFinding(rule: CompiledRule, flow: FlowNode, state: FlowState, message: string, remediation: string, severity = rule.severity): Finding {
  const chain = chainOf(rule, flow, state);
  return newFinding({
    ruleId: rule.id, regime: rule.regime, severity, flow, path: chain.map((f) => f.view.id), message, citation: citationOf(rule, state.lang), remediation,
    location: locationOf(flow), fingerprint: fingerprint(keysOf(rule).own, chain, state.origins), policyOverride: overrideMarkOf(rule),
  });
}

/** A rule whose condition could not be evaluated for a flow: an error, never a silent pass. */
export function undecidableFinding(rule: CompiledRule, flow: FlowNode, state: FlowState, error: Error, marked: boolean): Finding {
  const chain = chainOf(rule, flow, state);
  return newFinding({
    ruleId: ENGINE_RULES.undecidable, regime: rule.regime, severity: state.law.engineRules.info(ENGINE_RULES.undecidable).severity, flow, path: chain.map((f) => f.view.id),
    ...engineTexts(state.lang).ruleUndecidable(rule.id, flow.view.id, error.message, rule.titles[state.lang]),
    citation: citationOf(rule, state.lang),
    location: locationOf(flow), fingerprint: fingerprint(keysOf(rule).undecidable, [flow], state.origins),
    policyOverride: marked ? overrideMarkOf(rule) : undefined,
  });
}

/** The basis a rule passed on ends within the horizon. */
export function basisEndingFinding(rule: CompiledRule, flow: FlowNode, state: FlowState, { message, remediation }: EngineText): Finding {
  const chain = chainOf(rule, flow, state);
  return newFinding({
    ruleId: ENGINE_RULES.basisEnding, regime: rule.regime, severity: state.law.engineRules.info(ENGINE_RULES.basisEnding).severity, flow, path: chain.map((f) => f.view.id),
    message, citation: citationOf(rule, state.lang), remediation, location: locationOf(flow), fingerprint: fingerprint(keysOf(rule).basisEnding, [flow], state.origins),
  });
}

/**
 * A finding of one of the engine's own rules, at its catalogued severity. `at` points it at a
 * place in the flow's sources other than the flow, and tells apart several findings of one
 * engine rule on a flow (one per mechanism).
 */
export function engineFinding(
  flow: FlowNode, state: Pick<FlowState, 'origins' | 'law'>, ruleId: EngineRuleId, { message, remediation }: EngineText,
  at?: { location: SourceLocation; key: string },
): Finding {
  const rules = state.law.engineRules;
  return newFinding({
    ruleId, regime: 'dfft', severity: rules.info(ruleId).severity, flow, path: [flow.view.id], message: flat(message),
    // A finding cites the law its rule rests on; the engine's other rules all cite fail-closed evaluation.
    citation: rules.findingCitation(ruleId),
    remediation, location: at?.location ?? locationOf(flow),
    fingerprint: fingerprint(at ? ruleKey(`${ruleId}:${at.key}`) : engineKey(ruleId), [flow], state.origins),
  });
}

/** The rule part of the fingerprints of a rule's findings (its id and version), digested once per rule. */
const ruleKeys = new WeakMap<CompiledRule, { own: number; undecidable: number; basisEnding: number }>();
function keysOf(rule: CompiledRule): { own: number; undecidable: number; basisEnding: number } {
  let keys = ruleKeys.get(rule);
  if (!keys) {
    const id = `${rule.id}@${rule.version}`;
    keys = { own: ruleKey(id), undecidable: ruleKey(`${ENGINE_RULES.undecidable}:${id}`), basisEnding: ruleKey(`${ENGINE_RULES.basisEnding}:${id}`) };
    ruleKeys.set(rule, keys);
  }
  return keys;
}

const engineKeys = new Map<string, number>(Object.values(ENGINE_RULES).map((id) => [id, ruleKey(id)]));
function engineKey(ruleId: string): number {
  return engineKeys.get(ruleId) ?? ruleKey(ruleId);
}

/** The citation findings of a rule carry in a language: one object per rule and language, shared by its findings. */
const citations = new WeakMap<CompiledRule, Partial<Record<Lang, Finding['citation']>>>();
function citationOf(rule: CompiledRule, lang: Lang): Finding['citation'] {
  let byLang = citations.get(rule);
  if (!byLang) citations.set(rule, (byLang = {}));
  return (byLang[lang] ??= reportedCitation(rule.citation, lang));
}

/**
 * The mark a finding of a rule the policy overrode carries, so that no format can hide it: one
 * object per rule, shared by its findings; none for a rule the policy left as it was.
 */
const overrideMarks = new WeakMap<CompiledRule, NonNullable<Finding['policyOverride']>>();
function overrideMarkOf(rule: CompiledRule): Finding['policyOverride'] {
  const o = rule.override;
  if (!o?.change) return undefined;
  let mark = overrideMarks.get(rule);
  if (!mark) overrideMarks.set(rule, (mark = { change: o.change, ruleSeverity: o.ruleSeverity, reason: o.reason, file: o.file }));
  return mark;
}

/**
 * The chain of flow ids that brought the data to this flow. With the rule's chainFrom group,
 * it follows the data of that origin; otherwise the first personal dataset to where it entered.
 */
function chainOf(rule: CompiledRule, flow: FlowNode, state: FlowState): FlowNode[] {
  const personal = flow.datasets.filter((d) => d.view.identifiability === 'identified' || d.view.identifiability === 'pseudonymised');
  const candidates = personal.length > 0 ? personal : flow.datasets;
  let chain: FlowNode[] = [];
  if (rule.chainFrom) {
    const members = state.law.jurisdictions.membersOn(rule.chainFrom, state.asOf);
    const match = (c: string): boolean => members.has(c);
    const dataset = candidates.find((d) => state.origins.originAt(d, flow.from).some(match));
    if (dataset) chain = state.origins.chainTo(dataset, flow.from, match, rule.chainFrom);
  } else if (candidates.length > 0) {
    chain = state.origins.chainTo(candidates[0], flow.from);
  }
  // On a cycle the chain comes back to this flow: what matters is the part after it.
  const again = chain.lastIndexOf(flow);
  return [...chain.slice(again + 1), flow];
}

/** The flow's location, computed once: its result and all its findings point at the flow. */
export function locationOf(flow: FlowNode): SourceLocation {
  flow.location ??= flow.source.locate(flow.pointer);
  return flow.location;
}
