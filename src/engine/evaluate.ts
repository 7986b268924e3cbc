import type { Law } from '../law/law';
import type { DatasetNode, DatasetView, FlowNode, Model } from '../resolve/model';
import type { OriginTable } from '../resolve/origin';
import type { Basis, Finding, Severity } from '../types/index';
import type { EvalContext } from '../policy/cel/compile';
import type { CompiledAlternative, CompiledPack, CompiledPolicy, CompiledRule } from '../policy/compile-policy';
import type { FlowState } from '../policy/flow-state';
import { mechanismDates } from '../resolve/validity';
import { InForce } from '../policy/in-force';
import { ENGINE_RULES } from '../law/engine-rules';
import { basisEndingFinding, engineFinding, ruleFinding, undecidableFinding } from './finding';
import { flat, Interner } from './intern';
import { TupleMap } from '../source/tuple-map';
import { FlowMemo } from '../policy/flow-memo';
import { renderTemplate } from '../policy/template';
import { DEFAULT_LANG, type Lang } from '../i18n/lang';
import { engineTexts } from './engine-texts';

/**
 * What the engine concluded about one flow. Lists equal across flows (regimes, bases) are shared
 * between them: read them, never modify them.
 */
export interface FlowEvaluation {
  flow: FlowNode;
  /** false when asOf is outside the flow's startsOn..endsOn: it is not judged. */
  active: boolean;
  regimes: readonly string[];
  basis: readonly Basis[];
  findings: readonly Finding[];
  /** For a flow no active rule pack judged: the built-in packs not in the run that would. */
  wouldApply?: readonly string[];
}

/** The engine's working copy of a flow's results, reused from flow to flow. */
interface Scratch {
  flow: FlowNode;
  regimes: string[];
  basis: Basis[];
  findings: Finding[];
}

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

export interface EvaluateOptions {
  asOf: string;
  /** The language of the findings' and bases' texts (default English). */
  lang?: Lang;
  /** The last day of the --horizon: bases and flows ending by then are reported as warnings. */
  horizonEnd?: string;
  /** Called every thousand flows, for a progress display. */
  onProgress?: (done: number, total: number) => void;
  /**
   * The flows to judge, in input order (default: all of the model's): a shard's range, or the
   * flows a result cache could not give. The rest of the model is still read (origins, chains, an
   * exporter's other flows, volumes), so each verdict is the whole run's.
   */
  flows?: readonly FlowNode[];
  /** Whole-run tables of the rules' functions built already (a result cache's keys read them), used instead of building them again. */
  tables?: Pick<FlowState, 'received' | 'bindings' | 'counterparties'>;
}

/**
 * Judges every flow of a model against a compiled policy, handing each flow's evaluation to
 * `onFlow` in input order (nothing is kept here: a report of a million flows is built as they
 * come). Pure and deterministic: the same model, policy and asOf give the same evaluations;
 * nothing here reads files or the clock. A condition that cannot be evaluated for a flow (a
 * missing field, a type mismatch) is an error-level finding, never a silent pass.
 */
export function evaluate(model: Model, origins: OriginTable, policy: CompiledPolicy, law: Law, options: EvaluateOptions, onFlow: (evaluation: FlowEvaluation) => void): void {
  const ctx = createContext(model, origins, policy, law, options.asOf, options.horizonEnd, options.lang);
  const state = ctx.state;
  if (options.tables) Object.assign(state, options.tables);
  const intern = new Interner();
  const flows = options.flows ?? model.flows;
  const total = flows.length;
  const result: Scratch = { flow: model.flows[0], regimes: [], basis: [], findings: [] };
  let done = 0;
  for (const flow of flows) {
    if (options.onProgress && done % 1000 === 0) options.onProgress(done, total);
    done++;
    const active = isActive(flow, options.asOf);
    result.flow = flow;
    result.regimes.length = 0;
    result.basis.length = 0;
    result.findings.length = 0;
    const wouldApply = active ? judgeFlow(flow, result, ctx, state, policy, options) : undefined;
    const evaluation: FlowEvaluation = {
      flow,
      active,
      regimes: intern.list(result.regimes),
      basis: intern.basisList(result.basis),
      findings: result.findings.length > 0 ? intern.findings(result.findings.slice()) : NO_FINDINGS,
    };
    if (wouldApply) evaluation.wouldApply = intern.list(wouldApply);
    onFlow(evaluation);
  }
  options.onProgress?.(total, total);
}

/** Judges one flow into `result`; returns the built-in packs that would judge it when no active pack of law did. */
function judgeFlow(flow: FlowNode, result: Scratch, ctx: EvalContext<FlowState>, state: FlowState, policy: CompiledPolicy, options: EvaluateOptions): string[] | undefined {
  enterFlow(ctx, flow);
  const view = flow.view;
  reportOutOfForce(flow, result, state);
  if (options.horizonEnd) reportEndingWithin(flow, options.horizonEnd, result, state);
  reportContradictions(flow, result, state);
  let judged = false;
  // Only a built-in pack judges a flow against the law dfft encodes: an organisation's own pack or
  // rules that apply to everything must not make an unjudged flow look assessed.
  for (const pack of policy.packs) if (evaluatePack(pack, result, ctx, state) && pack.builtin) judged = true;
  const endsOn = view.endsOn as string | undefined;
  if (options.horizonEnd && endsOn !== undefined && endsOn <= options.horizonEnd) {
    result.findings.push(engineFinding(flow, ctx.state, ENGINE_RULES.flowEnding, engineTexts(state.lang).flowEnding(view.id, endsOn, options.horizonEnd)));
  }
  if (judged || result.findings.some((f) => f.ruleId === ENGINE_RULES.undecidable)) return undefined;
  const wouldApply = packsThatWouldApply(policy, ctx);
  const from = flow.from.view.country;
  const to = flow.to.view.country;
  const leaves = from !== to || flow.to.view.organisation !== undefined;
  if (leaves && wouldApply.length > 0) {
    // Not allowed: the run's choice of packs, not the law, left the flow unjudged.
    result.findings.push(engineFinding(flow, state, ENGINE_RULES.notAssessed, engineTexts(state.lang).notAssessed(view.id, from, to, wouldApply)));
  } else if (result.regimes.length === 0) {
    result.findings.push(engineFinding(flow, state, ENGINE_RULES.noRegime, engineTexts(state.lang).noRegime(view.id, from, to, wouldApply)));
  }
  return wouldApply.length > 0 ? wouldApply : undefined;
}

/** The built-in packs outside the run whose scope covers the current flow; one that cannot tell counts as covering it. */
function packsThatWouldApply(policy: CompiledPolicy, ctx: EvalContext): string[] {
  const out: string[] = [];
  for (const other of policy.others) {
    let applies: unknown;
    try {
      applies = other.appliesWhen.fn(ctx);
    } catch {
      applies = true;
    }
    if (applies === true) out.push(other.id);
  }
  return out;
}

/** The evaluation context of a run: one per run, pointed at each flow in turn by enterFlow. */
export function createContext(model: Model, origins: OriginTable, policy: CompiledPolicy, law: Law, asOf: string, horizonEnd = '', lang: Lang = DEFAULT_LANG): EvalContext<FlowState> {
  const first = model.flows[0];
  const state: FlowState = {
    model, origins, law, asOf, lang, lists: policy.lists, flow: first, memo: new FlowMemo(), groupMemo: new FlowMemo(), adequacyCache: new TupleMap(),
    inForce: new InForce(asOf, model.parties.length),
    view: first?.view, exporter: first?.from.view, importer: first?.to.view, mechanismsOutOfForce: [],
  };
  return {
    vars: { asOf, lists: policy.lists, params: policy.params, horizonEnd },
    slots: new Array(policy.slots).fill(undefined),
    state,
    vcache: new Array(policy.variableCount).fill(undefined),
    vgen: new Array(policy.variableCount).fill(-1),
    gen: 0,
  };
}

/** Points the context at a flow: its variables, a fresh memo, and a new generation for variables. */
export function enterFlow(ctx: EvalContext<FlowState>, flow: FlowNode): void {
  const state = ctx.state;
  state.flow = flow;
  state.memo.nextFlow();
  state.groupMemo.nextFlow();
  ctx.gen++;
  // Rules see only what is in force on asOf, however they read it (fields or functions).
  state.mechanismsOutOfForce = state.inForce.mechanismsOutOfForce(flow);
  state.view = state.inForce.flow(flow, state.mechanismsOutOfForce);
  state.exporter = state.inForce.party(flow.from);
  state.importer = state.inForce.party(flow.to);
  ctx.vars.flow = state.view;
  ctx.vars.exporter = state.exporter;
  ctx.vars.importer = state.importer;
  ctx.vars.data = viewsOf(flow.datasets);
}

// The flows of a model share their lists of datasets (resolve), so rules read one list of views
// per list rather than a new array per flow, which lived long enough to be promoted (10 MB at 100k).
const dataViews = new WeakMap<readonly DatasetNode[], DatasetView[]>();

function viewsOf(datasets: readonly DatasetNode[]): DatasetView[] {
  let views = dataViews.get(datasets);
  if (views === undefined) dataViews.set(datasets, (views = datasets.map((d) => d.view)));
  return views;
}

/** Whether asOf falls within the flow's startsOn..endsOn. */
export function isActive(flow: FlowNode, asOf: string): boolean {
  const { startsOn, endsOn } = flow.view as { startsOn?: string; endsOn?: string };
  return !((startsOn !== undefined && asOf < startsOn) || (endsOn !== undefined && asOf > endsOn));
}

/** Evaluates a pack's rules when it applies to the flow; returns whether it applied. */
function evaluatePack(pack: CompiledPack, result: Scratch, ctx: EvalContext, state: FlowState): boolean {
  const flow = result.flow;
  let applies: unknown;
  try {
    applies = pack.appliesWhen.fn(ctx);
  } catch (err) {
    result.findings.push(engineFinding(flow, state, ENGINE_RULES.undecidable, engineTexts(state.lang).scopeUndecidable(pack.titles[state.lang], flow.view.id, (err as Error).message)));
    return false;
  }
  if (applies !== true) return false;
  result.regimes.push(pack.id);
  for (const rule of pack.rules) evaluateRule(rule, result, ctx, state);
  for (const rule of pack.disabled) evaluateDisabledRule(rule, result, ctx, state);
  return true;
}

/**
 * A rule the policy disabled is judged all the same, so that the report shows what it would
 * have found: its findings keep the rule's own severity, marked as disabled, and give no basis.
 */
function evaluateDisabledRule(rule: CompiledRule, result: Scratch, ctx: EvalContext, state: FlowState): void {
  const outcome = judgeRule(rule, ctx);
  if (outcome.kind !== 'failed' && outcome.kind !== 'undecidable') return;
  result.findings.push(outcome.kind === 'failed'
    ? failedFinding(rule, result.flow, state, ctx, rule.override?.ruleSeverity)
    : undecidableFinding(rule, result.flow, state, outcome.error, true));
}

/** How a rule came out for a flow: the one judgement both the engine and `explain` use. */
export type RuleOutcome =
  | { kind: 'not-applicable' }
  | { kind: 'passed'; alternative?: number }
  | { kind: 'failed' }
  | { kind: 'undecidable'; error: Error };

// Outcomes without a payload are shared: a rule is judged millions of times in a large run.
const NOT_APPLICABLE: RuleOutcome = Object.freeze({ kind: 'not-applicable' });
const PASSED: RuleOutcome = Object.freeze({ kind: 'passed' });
const FAILED: RuleOutcome = Object.freeze({ kind: 'failed' });
const PASSED_ON: RuleOutcome[] = [];

export function judgeRule(rule: CompiledRule, ctx: EvalContext): RuleOutcome {
  if (!ruleInForce(rule, ctx.vars.asOf as string)) return NOT_APPLICABLE;
  try {
    if (rule.when && rule.when.fn(ctx) !== true) return NOT_APPLICABLE;
    const alternatives = rule.alternatives;
    if (alternatives) {
      for (let i = 0; i < alternatives.length; i++) if (alternatives[i].condition.fn(ctx) === true) return passedOn(i);
      return FAILED;
    }
    if (rule.require) return rule.require.fn(ctx) === true ? PASSED : FAILED;
    return FAILED; // no require: the rule reports whenever it applies
  } catch (err) {
    return { kind: 'undecidable', error: err as Error };
  }
}

function passedOn(alternative: number): RuleOutcome {
  return (PASSED_ON[alternative] ??= Object.freeze({ kind: 'passed', alternative }));
}

/** Whether the law a rule encodes applies on asOf (its inForce dates, both inclusive). */
export function ruleInForce(rule: CompiledRule, asOf: string): boolean {
  const dates = rule.inForce;
  return dates === undefined || ((dates.from === undefined || asOf >= dates.from) && (dates.until === undefined || asOf <= dates.until));
}

function evaluateRule(rule: CompiledRule, result: Scratch, ctx: EvalContext, state: FlowState): void {
  const flow = result.flow;
  const outcome = judgeRule(rule, ctx);
  switch (outcome.kind) {
    case 'not-applicable':
      return;
    case 'passed':
      if (outcome.alternative !== undefined) recordBasis(rule, rule.alternatives![outcome.alternative], result, ctx, state);
      return;
    case 'undecidable':
      result.findings.push(undecidableFinding(rule, flow, state, outcome.error, false));
      return;
    case 'failed':
      result.findings.push(failedFinding(rule, flow, state, ctx));
  }
}

/** A rule failed for a flow: its finding, with its message and remediation rendered for the flow. */
function failedFinding(rule: CompiledRule, flow: FlowNode, state: FlowState, ctx: EvalContext, severity?: Severity): Finding {
  return ruleFinding(rule, flow, state, flat(renderTemplate(rule.message[state.lang], ctx)), flat(renderTemplate(rule.remediation[state.lang], ctx)), severity);
}

/** Runs `render` with the flow state switched to English (functions such as countryName() answer in it). */
function inEnglish<T>(state: FlowState, render: () => T): T {
  const lang = state.lang;
  state.lang = 'en';
  try {
    return render();
  } finally {
    state.lang = lang;
  }
}

/** Records the basis a rule passed on; with a horizon, warns when that basis ends within it. */
function recordBasis(rule: CompiledRule, alt: CompiledAlternative, result: Scratch, ctx: EvalContext, state: FlowState): void {
  const basis: Basis = { regime: rule.regime, ruleId: rule.id, text: flat(renderTemplate(alt.basis[state.lang], ctx)) };
  // The register reads legal references from the English text: a report in another language keeps it,
  // rendered wholly in English (country names and adequacy reasons too).
  if (state.lang !== 'en') basis.en = inEnglish(state, () => flat(renderTemplate(alt.basis.en, ctx)));
  if (alt.dpv) basis.dpv = renderTemplate(alt.dpv, ctx);
  let until: unknown;
  try {
    until = alt.until?.fn(ctx);
  } catch {
    until = undefined; // an end date that cannot be computed is not reported as one
  }
  if (typeof until === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(until)) basis.until = until;
  result.basis.push(basis);
  const horizonEnd = ctx.vars.horizonEnd as string;
  if (basis.until && horizonEnd && basis.until >= state.asOf && basis.until <= horizonEnd) {
    result.findings.push(basisEndingFinding(rule, result.flow, state, engineTexts(state.lang).basisEnding(result.flow.view.id, rule.regime, basis.text, basis.until, horizonEnd)));
  }
}

/**
 * Mechanisms and certifications not in force on asOf were left out of what rules see (enterFlow);
 * these findings say why they did not count. A mechanism the flow relies on that has not started,
 * or has ended, is an error; a party's certification outside its dates is a note, since a party's
 * history (an earlier certification) is a fact, not a claim about the flow.
 */
function reportOutOfForce(flow: FlowNode, result: Scratch, state: FlowState): void {
  const asOf = state.asOf;
  for (const gap of state.mechanismsOutOfForce) {
    const pointer = `${flow.pointer}/mechanisms/${gap.index}/${gap.field}`;
    const notYet = gap.kind === 'not-yet';
    const texts = engineTexts(state.lang);
    result.findings.push(engineFinding(flow, state, notYet ? ENGINE_RULES.notYetInForce : ENGINE_RULES.noLongerInForce,
      (notYet ? texts.mechanismNotYet : texts.mechanismEnded)(flow.view.id, gap.type, gap.index, gap.field, gap.date, asOf),
      { location: flow.source.locate(pointer), key: `${gap.type}:${gap.field}:${gap.date}` }));
  }
  reportCertificationsOutOfForce(flow, 'exporter', flow.from, result, state);
  reportCertificationsOutOfForce(flow, 'importer', flow.to, result, state);
}

function reportCertificationsOutOfForce(flow: FlowNode, role: 'exporter' | 'importer', party: FlowNode['from'], result: Scratch, state: FlowState): void {
  const asOf = state.asOf;
  for (const gap of state.inForce.certificationsOutOfForce(party)) {
    result.findings.push(engineFinding(flow, state, ENGINE_RULES.certificationNotInForce,
      engineTexts(state.lang).certificationOutOfForce(role, flow.view.id, party.view.name, gap.scheme, gap.kind === 'not-yet' ? 'not-yet' : 'ended', gap.date, asOf),
      { location: party.source.locate(`${party.pointer}/certifications/${gap.index}/${gap.field}`), key: `${role}:${gap.scheme}:${gap.field}:${gap.date}` }));
  }
}

/**
 * With --horizon: a mechanism in force whose validity ends within the horizon (a CAC security
 * assessment, a certification), or a certification of the importer that ends within it.
 */
function reportEndingWithin(flow: FlowNode, horizonEnd: string, result: Scratch, state: FlowState): void {
  const asOf = state.asOf;
  state.view.mechanisms.forEach((m) => {
    for (const field of mechanismDates(m).ends) {
      const date = (m as Record<string, unknown>)[field];
      if (typeof date !== 'string' || date > horizonEnd) continue;
      const index = flow.view.mechanisms.indexOf(m);
      result.findings.push(engineFinding(flow, state, ENGINE_RULES.basisEnding,
        engineTexts(state.lang).mechanismEnding(flow.view.id, m.type, index, date, horizonEnd),
        { location: flow.source.locate(`${flow.pointer}/mechanisms/${index}/${field}`), key: `${m.type}:${field}:${date}` }));
    }
  });
  const importer = flow.to;
  importer.view.certifications.forEach((c, index) => {
    if (typeof c !== 'object' || c.until === undefined || c.until > horizonEnd || c.until < asOf) return;
    if (c.from !== undefined && c.from > asOf) return; // not held yet: reported as not in force
    result.findings.push(engineFinding(flow, state, ENGINE_RULES.basisEnding,
      engineTexts(state.lang).certificationEnding(flow.view.id, importer.view.name, c.scheme, c.until, horizonEnd),
      { location: importer.source.locate(`${importer.pointer}/certifications/${index}/until`), key: `importer:${c.scheme}:until:${c.until}` }));
  });
}

const NOT_PERSONAL = new Set(['anonymised', 'non-personal']);

/**
 * A dataset declared anonymised (or non-personal) whose categories identify people directly or
 * are special categories contradicts itself: every pack skips data that is not personal, so the
 * contradiction would otherwise pass unseen, whatever the law.
 */
function reportContradictions(flow: FlowNode, result: Scratch, state: FlowState): void {
  const taxonomy = state.law.taxonomy;
  for (const d of flow.datasets) {
    const view = d.view;
    if (!NOT_PERSONAL.has(view.identifiability)) continue;
    const direct = view.categories.filter((c) => taxonomy.isDirectIdentifier(c));
    const special = view.categories.filter((c) => taxonomy.isSpecial(c, 'gdpr'));
    if (direct.length === 0 && special.length === 0) continue;
    result.findings.push(engineFinding(flow, state, ENGINE_RULES.anonymisedWithIdentifiers,
      engineTexts(state.lang).anonymisedWithIdentifiers(flow.view.id, view.id, view.identifiability, direct, special),
      { location: d.source.locate(`${d.pointer}/identifiability`), key: view.id }));
  }
}

