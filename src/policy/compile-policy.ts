import { diagnostic, fail, ok, type Diagnostic, type Result } from '../source/diagnostic';
import type { Law } from '../law/law';
import type { PolicyDocument } from './load-policy';
import { offsetInScalar } from '../source/scalar-offset';
import type { ReportWarning, Rule, Severity, SourceLocation } from '../types/index';
import { severityRank } from '../types/index';
import { astCollector, compileExpression, counterpartyScope, extendScope, ExpressionError, type AstCache, type CompiledExpression, type ExpressionScope } from './cel/expressions';
import { compileTemplate, lazyTemplate, templateTags, type Template } from './template';
import type { Compiled } from './cel/compile';
import type { FlowState } from './flow-state';
import { perCounterparty } from './counterparty';
import { didYouMean } from '../source/did-you-mean';
import { cachedAst, cachedTemplateSlots, hasCachedAst } from '../source/builtin-cache';
import { BUILTIN_PREFIX } from '../source/builtin-files';
import { digest } from '../source/hasher';
import { compileParameters, type PolicyParameter } from './parameters';
import type { ParameterValue } from '../types/index';
import type { Citation as RuleCitation } from '../types/generated/policy';
import { LANGS, localize, type Lang, type Localized } from '../i18n/lang';

/** A text in every language of dfft: the policy's own, or English where the policy gave none. */
export type ByLang<T> = Readonly<Record<Lang, T>>;

export interface CompiledAlternative {
  condition: CompiledExpression;
  basis: ByLang<Template>;
  /** When the basis ends (a date, or "" for none). */
  until?: CompiledExpression;
  dpv?: Template;
}

/** A rule ready to run: every expression parsed, type-checked and compiled. */
export interface CompiledRule {
  id: string;
  /** The English title (ids, errors and reserved names are compared in it); `titles` per language. */
  title: string;
  titles: ByLang<string>;
  severity: Severity;
  /** As the pack writes it: `urls` gives the text in a reader's language (see reportedCitation). */
  citation: RuleCitation;
  description?: string;
  notes?: string;
  /** The dates the rule's law applies (inclusive); outside them the rule does not apply. */
  inForce?: { from?: string; until?: string; source?: string };
  /** The pack (or organisation policy) the rule belongs to: its regime in reports. */
  regime: string;
  when?: CompiledExpression;
  require?: CompiledExpression;
  alternatives?: CompiledAlternative[];
  message: ByLang<Template>;
  remediation: ByLang<Template>;
  chainFrom?: string;
  /** Where the rule is written. */
  file: string;
  pointer: string;
  /** Set by an override: the change, the rule's own severity in its pack, and why. */
  override?: { reason: string; file: string; change?: 'disabled' | 'lowered' | 'raised'; ruleSeverity: Severity };
  /**
   * A digest of what the rule decides: its conditions, severity, chain group and the policy
   * variables they use (not its wording). Part of its findings' fingerprints.
   */
  version: string;
}

export interface CompiledPack {
  /** A rule pack (with pack metadata) or the rules of an organisation policy. */
  kind: 'pack' | 'policy';
  id: string;
  title: string;
  titles: ByLang<string>;
  version: string;
  effective: string;
  url?: string;
  description?: string;
  builtin: boolean;
  appliesWhen: CompiledExpression;
  /** Packs whose law this one adds conditions to: its errors also reject their bases (see failedBasis). */
  amends: readonly string[];
  rules: CompiledRule[];
  /**
   * Rules the policy disabled. The engine still evaluates them, so that the report shows what
   * they would have found; their findings carry policyOverride and count in no verdict.
   */
  disabled: CompiledRule[];
}

/** A built-in pack the run does not apply: only its scope, to say which law a flow would fall under. */
export interface OtherPack {
  id: string;
  title: string;
  titles: ByLang<string>;
  appliesWhen: CompiledExpression;
}

export interface AppliedOverride {
  rule: string;
  severity?: Severity;
  enabled?: boolean;
  reason: string;
  /** Whether the rule is of a built-in pack (the law), not of an organisation policy. */
  builtin: boolean;
  /** The rule's severity in its pack. */
  ruleSeverity?: Severity;
  location?: SourceLocation;
}

/** A policy valid by construction: loading it is where every policy error is found. */
export interface CompiledPolicy {
  packs: CompiledPack[];
  lists: Record<string, string[]>;
  /** The value of each parameter (params.<name>): its default, or what a policy set. */
  params: Record<string, ParameterValue>;
  /** The parameters with their declarations, for dfft rules and the report. */
  parameters: PolicyParameter[];
  overrides: AppliedOverride[];
  /** The built-in packs not in the run, with their scope (see OtherPack). */
  others: OtherPack[];
  /** What the report must say about the policy itself (no law extended, packs or overrides left out). */
  warnings: ReportWarning[];
  /** Organisation policy files (not the built-in packs), with their hashes. */
  files: Array<{ file: string; sha256: string }>;
  /** Macro variable slots the compiled expressions need. */
  slots: number;
  /** Number of policy variables (variables.<name>) across all files. */
  variableCount: number;
}

export interface CompilePolicyOptions {
  maxConditionCost?: number;
  /** Every built-in pack (loadBuiltinCatalogue): their ids and titles are reserved, and the scope of those not in the run is compiled. */
  catalogue?: readonly PolicyDocument[];
  /** Built-in packs the policy extends that the run leaves out (`packs` given). */
  excluded?: ReadonlyArray<{ id: string; location: SourceLocation }>;
}

/**
 * Compiles the documents of a policy: packs become regimes with their rules, organisation
 * policies add rules (under their `name`), lists and overrides. Every problem is collected and
 * located (file:line:column inside the expression), and the policy is only returned when there
 * are none.
 */
export function compilePolicy(documents: readonly PolicyDocument[], law: Law, options: CompilePolicyOptions = {}): Result<CompiledPolicy> {
  const errors: Diagnostic[] = [];
  const warnings: ReportWarning[] = [];
  const catalogue = options.catalogue ?? [];
  const lists: Record<string, string[]> = {};
  for (const doc of documents) Object.assign(lists, doc.data.lists ?? {});
  const { params, parameters, errors: parameterErrors } = compileParameters(documents);
  errors.push(...parameterErrors);

  // Packs outside the run still compile their variables (their scope says which law a flow would
  // fall under); they read their own parameters' defaults, which the run does not list.
  const active = new Set(documents.filter((d) => d.builtin && d.data.pack).map((d) => d.data.pack!.id));
  const others = catalogue.filter((d) => d.data.pack && !active.has(d.data.pack.id));
  const otherParams = { ...compileParameters(others).params, ...params };
  const paramsOf = (doc: PolicyDocument): Record<string, ParameterValue> => (others.includes(doc) ? otherParams : params);

  const compiler = expressionCompiler(law, lists, options.maxConditionCost, paramsOf, errors);
  compileVariables(compiler, documents);
  // Of a pack outside the run only its appliesWhen is evaluated: compile the variables it reads.
  compileVariables(compiler, others, (doc) => variablesRead(doc, [doc.data.pack!.appliesWhen]));
  const { packs, ruleById } = compilePacks(compiler, documents, catalogue, errors);
  const ruleOfExcluded = warnExcludedPacks(options.excluded ?? [], catalogue, warnings);
  const overrides = applyOverrides(documents, packs, ruleById, ruleOfExcluded, warnings, errors);
  if (!packs.some((p) => p.builtin)) warnings.push(noLawWarning(documents));

  const otherPacks: OtherPack[] = [];
  for (const doc of others) {
    const info = doc.data.pack!;
    const appliesWhen = compiler.expression(doc, '/pack/appliesWhen', info.appliesWhen, 'bool');
    if (appliesWhen) otherPacks.push({ id: info.id, title: localize(info.title, 'en'), titles: byLang(info.title), appliesWhen });
  }

  if (errors.length > 0) return fail(errors);
  for (const { rule, doc } of ruleById.values()) rule.version = ruleVersion(rule, doc, params);
  const files = documents.filter((d) => !d.builtin).map((d) => ({ file: d.source.file, sha256: d.source.sha256 }));
  return ok({ packs, lists, params, parameters, overrides, others: otherPacks, warnings, files, slots: compiler.slots, variableCount: compiler.variableCount });
}

type CompileExpression = (doc: PolicyDocument, pointer: string, source: string, expect: 'bool' | 'any') => CompiledExpression | undefined;
type CompileTemplate = (doc: PolicyDocument, pointer: string, source: string) => Template | undefined;

/** A title in every language: the policy's own, or its English one. */
/** The country groups the policy's rules trace chains from (`chainFrom`), each once, in the order of the packs. */
export function chainGroupsOf(policy: CompiledPolicy): string[] {
  const groups = new Set<string>();
  for (const pack of policy.packs) for (const rule of [...pack.rules, ...pack.disabled]) if (rule.chainFrom) groups.add(rule.chainFrom);
  return [...groups];
}

export function byLang(text: Localized): ByLang<string> {
  return Object.fromEntries(LANGS.map((lang) => [lang, localize(text, lang)])) as Record<Lang, string>;
}

/** A template in every language: each given one compiled (and located at its own key), the rest falling back to English. */
function localizedTemplate(template: CompileTemplate, doc: PolicyDocument, pointer: string, text: Localized): ByLang<Template> | undefined {
  if (typeof text === 'string') {
    const one = template(doc, pointer, text);
    return one && (Object.fromEntries(LANGS.map((lang) => [lang, one])) as Record<Lang, Template>);
  }
  const byLanguage = {} as Record<Lang, Template>;
  let ok = true;
  const en = template(doc, `${pointer}/en`, text.en);
  for (const lang of LANGS) {
    const own = text[lang];
    const compiled = own === undefined || lang === 'en' ? en : template(doc, `${pointer}/${lang}`, own);
    if (compiled) byLanguage[lang] = compiled;
    else ok = false;
  }
  return ok ? byLanguage : undefined;
}

/** Compiles a policy's expressions and templates, collecting located errors and the slots they need. */
interface ExpressionCompiler {
  expression: CompileExpression;
  template: CompileTemplate;
  /** Policy variables are visible in the file that declares them. */
  scopes: Map<PolicyDocument, ExpressionScope | undefined>;
  /** Macro variable slots the compiled expressions need. */
  slots: number;
  variableCount: number;
}

function expressionCompiler(
  law: Law,
  lists: Record<string, string[]>,
  maxConditionCost: number | undefined,
  paramsOf: (doc: PolicyDocument) => Record<string, ParameterValue>,
  errors: Diagnostic[],
): ExpressionCompiler {
  const scopes = new Map<PolicyDocument, ExpressionScope | undefined>();
  const compiler: ExpressionCompiler = {
    scopes,
    slots: 0,
    variableCount: 0,
    expression: (doc, pointer, source, expect) => {
      try {
        const compiled = compileExpression(source, expect, law, lists, scopes.get(doc), maxConditionCost, astCache(doc), paramsOf(doc));
        compiler.slots = Math.max(compiler.slots, compiled.slots);
        return compiled;
      } catch (err) {
        if (err instanceof ExpressionError) errors.push(locatedError('policy/expression', doc, pointer, source, err));
        else throw err;
        return undefined;
      }
    },
    template: (doc, pointer, source) => {
      const cached = cachedTemplate(doc, source);
      if (cached) {
        const scope = scopes.get(doc);
        compiler.slots = Math.max(compiler.slots, cached.slots);
        return lazyTemplate(source, () => compileTemplate(source, law, lists, scope, maxConditionCost, astCache(doc), paramsOf(doc)));
      }
      try {
        const compiled = compileTemplate(source, law, lists, scopes.get(doc), maxConditionCost, astCache(doc), paramsOf(doc));
        compiler.slots = Math.max(compiler.slots, templateSlots(compiled.parts));
        return compiled;
      } catch (err) {
        if (err instanceof ExpressionError) errors.push(locatedError('policy/template', doc, pointer, source, err));
        else throw err;
        return undefined;
      }
    },
  };
  return compiler;
}

function templateSlots(parts: Template['parts']): number {
  let slots = 0;
  for (const part of parts) {
    if (typeof part === 'string') continue;
    if ('condition' in part) slots = Math.max(slots, part.condition.slots, templateSlots(part.then), templateSlots(part.otherwise));
    else slots = Math.max(slots, part.slots);
  }
  return slots;
}

/**
 * Each file's variables, in order: a variable sees those declared before it in its file. With
 * `only`, a file's variables outside the set it gives are left out.
 */
function compileVariables(compiler: ExpressionCompiler, documents: readonly PolicyDocument[], only?: (doc: PolicyDocument) => ReadonlySet<string>): void {
  for (const doc of documents) {
    let scope: ExpressionScope | undefined;
    const wanted = only?.(doc);
    (doc.data.variables ?? []).forEach((v, i) => {
      if (wanted && !wanted.has(v.name)) return;
      const counterparty = v.scope === 'counterparty';
      compiler.scopes.set(doc, counterparty ? counterpartyScope(scope) : scope);
      const compiled = compiler.expression(doc, `/variables/${i}/expression`, v.expression, 'any') as (CompiledExpression & { type: string }) | undefined;
      if (!compiled) return;
      const index = compiler.variableCount++;
      const fn: Compiled = counterparty ? (c) => perCounterparty(c.state as FlowState, index, () => compiled.fn(c)) : compiled.fn;
      scope = extendScope(scope, v.name, { index, fn, type: compiled.type, ...(counterparty ? { counterparty } : {}) });
    });
    compiler.scopes.set(doc, scope);
  }
}

/** The variables of a file that the sources read, directly or through other variables. */
function variablesRead(doc: PolicyDocument, sources: readonly string[]): ReadonlySet<string> {
  const definitions = new Map((doc.data.variables ?? []).map((v) => [v.name, v.expression]));
  const read = new Set<string>();
  const pending = [...sources];
  for (let source = pending.pop(); source !== undefined; source = pending.pop()) {
    for (const [, name] of source.matchAll(/\bvariables\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)/g)) {
      const expression = definitions.get(name);
      if (expression === undefined || read.has(name)) continue;
      read.add(name);
      pending.push(expression);
    }
  }
  return read;
}

type RuleIndex = Map<string, { rule: CompiledRule; doc: PolicyDocument; pointer: string }>;

/** The packs of the documents (a pack file, or an organisation policy's rules) and their rules by id. */
function compilePacks(compiler: ExpressionCompiler, documents: readonly PolicyDocument[], catalogue: readonly PolicyDocument[], errors: Diagnostic[]): { packs: CompiledPack[]; ruleById: RuleIndex } {
  const packs: CompiledPack[] = [];
  const ruleById: RuleIndex = new Map();
  // The packs a pack may amend: every pack of the run and every built-in one.
  const known = [...documents, ...catalogue].map((d) => d.data.pack?.id);
  for (const doc of documents) {
    const pack = packOfDocument(compiler, doc, packs, catalogue, errors);
    unknownAmended(doc, known, errors);
    (doc.data.rules ?? []).forEach((raw, i) => {
      const pointer = `/rules/${i}`;
      const owner = pack?.id ?? 'policy';
      if (!raw.id.startsWith(`${owner}/`)) {
        errors.push(diagnostic('policy/schema', `rule id "${raw.id}" must start with "${owner}/"`, doc.source.locate(`${pointer}/id`), `rules of ${doc.data.pack ? `pack ${owner}` : `policy ${owner}`} are named ${owner}/<name>`));
      }
      const first = ruleById.get(raw.id);
      if (first) {
        const at = first.doc.source.locate(first.pointer);
        errors.push(diagnostic('policy/duplicate-rule', `rule "${raw.id}" is defined twice (first at ${at.file}:${at.line}:${at.column})`, doc.source.locate(`${pointer}/id`)));
        return;
      }
      const reversed = reversedInForce(raw, doc, pointer);
      if (reversed) errors.push(reversed);
      const rule = compileRule(raw, doc, pointer, owner, compiler.expression, compiler.template);
      if (rule && pack && !reversed) {
        pack.rules.push(rule);
        ruleById.set(rule.id, { rule, doc, pointer });
      }
    });
  }
  return { packs, ruleById };
}

/**
 * The pack a document's rules go to: its own pack, or the organisation policy of its `name`
 * (shared by the files of one policy). Undefined when its scope does not compile.
 */
function packOfDocument(compiler: ExpressionCompiler, doc: PolicyDocument, packs: CompiledPack[], catalogue: readonly PolicyDocument[], errors: Diagnostic[]): CompiledPack | undefined {
  const info = doc.data.pack;
  let pack: CompiledPack | undefined;
  if (info) {
    if (!doc.builtin) reserved(doc, catalogue, errors);
    const appliesWhen = compiler.expression(doc, '/pack/appliesWhen', info.appliesWhen, 'bool');
    if (appliesWhen) {
      pack = { kind: 'pack', id: info.id, title: localize(info.title, 'en'), titles: byLang(info.title), version: info.version, effective: info.effective, url: info.url, description: info.description, builtin: doc.builtin, appliesWhen, amends: info.amends ?? [], rules: [], disabled: [] };
      packs.push(pack);
    }
  } else if (doc.data.rules?.length) {
    const name = doc.data.name ?? 'policy';
    if (!doc.builtin) reserved(doc, catalogue, errors);
    pack = packs.find((p) => p.id === name && p.kind === 'policy');
    if (!pack) {
      const always = compiler.expression(doc, '', 'true', 'bool')!;
      pack = { kind: 'policy', id: name, title: `Organisation policy "${name}"`, titles: { en: `Organisation policy "${name}"`, ja: `組織のポリシー「${name}」` }, version: '', effective: '', builtin: false, appliesWhen: always, amends: [], rules: [], disabled: [] };
      packs.push(pack);
    }
  }
  return pack;
}

/** Warns of each built-in pack the policy extends that the run leaves out; returns their rules' packs by rule id. */
function warnExcludedPacks(excludedPacks: ReadonlyArray<{ id: string; location: SourceLocation }>, catalogue: readonly PolicyDocument[], warnings: ReportWarning[]): Map<string, string> {
  const excluded = new Map(excludedPacks.map((e) => [e.id, e.location]));
  for (const [id, location] of excluded) {
    warnings.push({ code: 'policy/pack-excluded', message: `the policy extends built-in pack ${BUILTIN_PREFIX}${id}, which this run does not apply: --packs names the built-in packs of the run`, hint: `to apply it too, name it in --packs or use --add-packs ${id}`, location });
  }
  const ruleOfExcluded = new Map<string, string>();
  for (const d of catalogue) if (d.data.pack && excluded.has(d.data.pack.id)) for (const r of d.data.rules ?? []) ruleOfExcluded.set(r.id, d.data.pack.id);
  return ruleOfExcluded;
}

/** Applies the overrides of every document, in order: severity changes, rules disabled or enabled again. */
function applyOverrides(documents: readonly PolicyDocument[], packs: readonly CompiledPack[], ruleById: RuleIndex, ruleOfExcluded: ReadonlyMap<string, string>, warnings: ReportWarning[], errors: Diagnostic[]): AppliedOverride[] {
  const packOf = new Map<CompiledRule, CompiledPack>();
  for (const pack of packs) for (const rule of pack.rules) packOf.set(rule, pack);
  const overrides: AppliedOverride[] = [];
  for (const doc of documents) {
    (doc.data.overrides ?? []).forEach((o, i) => {
      const target = ruleById.get(o.rule);
      const at = doc.source.locate(`/overrides/${i}/rule`);
      if (!target) {
        const leftOut = ruleOfExcluded.get(o.rule);
        if (leftOut !== undefined) {
          warnings.push({ code: 'policy/override-not-applied', message: `override of ${o.rule} not applied: its pack ${leftOut} is not in this run (--packs)`, location: at });
          return;
        }
        const guess = didYouMean(o.rule, ruleById.keys());
        errors.push(diagnostic('policy/unknown-rule', `override of unknown rule "${o.rule}"`, at, guess ? `did you mean "${guess}"?` : 'no extended pack or policy defines it'));
        return;
      }
      const { rule } = target;
      const pack = packOf.get(rule)!;
      const ruleSeverity = rule.override?.ruleSeverity ?? rule.severity;
      if (o.severity) rule.severity = o.severity;
      if (o.enabled === false && !pack.disabled.includes(rule)) {
        pack.rules = pack.rules.filter((r) => r !== rule);
        pack.disabled.push(rule);
      } else if (o.enabled === true && pack.disabled.includes(rule)) {
        pack.disabled = pack.disabled.filter((r) => r !== rule);
        pack.rules.push(rule);
      }
      const change = pack.disabled.includes(rule) ? 'disabled' : severityRank(rule.severity) > severityRank(ruleSeverity) ? 'lowered' : severityRank(rule.severity) < severityRank(ruleSeverity) ? 'raised' : undefined;
      rule.override = { reason: o.reason, file: doc.source.file, ruleSeverity, ...(change ? { change } : {}) };
      overrides.push({
        rule: o.rule,
        ...(o.severity ? { severity: o.severity } : {}),
        ...(o.enabled !== undefined ? { enabled: o.enabled } : {}),
        reason: o.reason,
        builtin: pack.builtin,
        ruleSeverity,
        location: at,
      });
    });
  }
  return overrides;
}

/** A run with no built-in pack judges no flow against the law: said, at the policy's extends if any. */
function noLawWarning(documents: readonly PolicyDocument[]): ReportWarning {
  const root = [...documents].reverse().find((d) => !d.builtin);
  return {
    code: 'policy/no-law',
    message: root
      ? 'the policy applies no built-in rule pack: no flow is judged against the law dfft encodes, only against the organisation\'s own rules'
      : 'the run applies no built-in rule pack: no flow is judged against the law dfft encodes',
    hint: `extend the law (extends: [${BUILTIN_PREFIX}eu-gdpr]) or add packs with --add-packs`,
    ...(root ? { location: root.source.locate(root.data.extends ? '/extends' : '') } : {}),
  };
}

/**
 * A policy may not pass itself off as the law: a pack, or a policy `name`, with the id or title
 * of a built-in pack (compared without case and spacing) is an error.
 */
/** Each pack `pack.amends` names must be a pack dfft knows (built in, or of the run): a misspelt id would reject nothing. */
function unknownAmended(doc: PolicyDocument, known: ReadonlyArray<string | undefined>, errors: Diagnostic[]): void {
  const ids = known.filter((id): id is string => id !== undefined);
  (doc.data.pack?.amends ?? []).forEach((id, i) => {
    if (ids.includes(id)) return;
    const guess = didYouMean(id, ids);
    errors.push(diagnostic('policy/schema', `pack.amends: unknown pack "${id}"`, doc.source.locate(`/pack/amends/${i}`), guess ? `did you mean "${guess}"?` : `expected a built-in pack or a pack of the run: ${[...new Set(ids)].sort().join(', ')}`));
  });
}

function reserved(doc: PolicyDocument, catalogue: readonly PolicyDocument[], errors: Diagnostic[]): void {
  const norm = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  const builtins = catalogue.filter((d) => d.data.pack).map((d) => d.data.pack!);
  const info = doc.data.pack;
  const titles = (title: Localized): string[] => [...new Set(LANGS.map((lang) => localize(title, lang)))];
  const checks: Array<[string, string, 'id' | 'title']> = info
    ? [[info.id, '/pack/id', 'id'], ...titles(info.title).map((t): [string, string, 'title'] => [t, '/pack/title', 'title'])]
    : doc.data.name !== undefined ? [[doc.data.name, '/name', 'id']] : [];
  for (const [value, pointer, what] of checks) {
    const clash = builtins.find((b) => (what === 'id' && norm(b.id) === norm(value)) || titles(b.title).some((t) => norm(t) === norm(value)));
    if (clash) {
      errors.push(diagnostic('policy/reserved-pack', `${pointer.slice(1).replace('/', ' ')} "${value}" is taken by the built-in pack ${clash.id} (${localize(clash.title, 'en')}); a policy may not pass for the law`, doc.source.locate(pointer), `extend the law with extends: [${BUILTIN_PREFIX}${clash.id}] and give your own pack or policy another id and title`));
    }
  }
}

/**
 * Whether a template of a built-in pack can be compiled when first rendered: the build checked
 * every one of its expressions (they compile from the cache, which cannot fail). With the macro
 * slots the build's templates need at most, which the run allocates now.
 */
function cachedTemplate(doc: PolicyDocument, source: string): { slots: number } | undefined {
  if (!doc.builtin || !doc.fromCache) return undefined;
  const slots = cachedTemplateSlots();
  if (slots === undefined) return undefined;
  try {
    return templateTags(source).every((tag) => tag.expression === '' || hasCachedAst(doc.source.file, tag.expression)) ? { slots } : undefined;
  } catch {
    return undefined; // a malformed template: compiled now, so that its error is reported
  }
}

/**
 * The build's checked AST of an expression of a built-in pack, if any. Only built-in packs use the
 * cache; their files were matched by sha256 when loaded. The cost limit was applied at build.
 */
function astCache(doc: PolicyDocument): AstCache {
  const file = doc.source.file;
  const cached = doc.builtin && doc.fromCache;
  return {
    get: (source) => (cached ? cachedAst(file, source) : undefined),
    put: astCollector(file),
  };
}

function compileRule(
  raw: Rule,
  doc: PolicyDocument,
  pointer: string,
  regime: string,
  expression: CompileExpression,
  template: CompileTemplate,
): CompiledRule | undefined {
  let ok = true;
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) ok = false;
    return value as T;
  };
  const rule: CompiledRule = {
    id: raw.id,
    title: localize(raw.title, 'en'),
    titles: byLang(raw.title),
    severity: raw.severity,
    citation: raw.citation,
    description: raw.description,
    notes: raw.notes,
    ...(raw.inForce ? { inForce: raw.inForce } : {}),
    regime,
    message: need(localizedTemplate(template, doc, `${pointer}/message`, raw.message)),
    remediation: need(localizedTemplate(template, doc, `${pointer}/remediation`, raw.remediation)),
    chainFrom: raw.chainFrom,
    file: doc.source.file,
    pointer,
    version: '',
  };
  if (raw.when !== undefined) rule.when = need(expression(doc, `${pointer}/when`, raw.when, 'bool'));
  if (typeof raw.require === 'string') rule.require = need(expression(doc, `${pointer}/require`, raw.require, 'bool'));
  else if (raw.require) {
    rule.alternatives = raw.require.anyOf.map((alt, i) => ({
      condition: need(expression(doc, `${pointer}/require/anyOf/${i}/if`, alt.if, 'bool')),
      basis: need(localizedTemplate(template, doc, `${pointer}/require/anyOf/${i}/basis`, alt.basis)),
      ...(alt.until !== undefined ? { until: need(expression(doc, `${pointer}/require/anyOf/${i}/until`, alt.until, 'any')) } : {}),
      ...(alt.dpv !== undefined ? { dpv: need(template(doc, `${pointer}/require/anyOf/${i}/dpv`, alt.dpv)) } : {}),
    }));
  }
  return ok ? rule : undefined;
}

/** A rule in force until a day before it comes into force could never apply: a typo, not a choice. */
function reversedInForce(raw: Rule, doc: PolicyDocument, pointer: string): Diagnostic | undefined {
  const { from, until } = raw.inForce ?? {};
  if (from === undefined || until === undefined || from <= until) return undefined;
  return diagnostic('policy/reversed-range', `inForce.until ${until} is before inForce.from ${from}`, doc.source.locate(`${pointer}/inForce/until`), 'swap the dates, or remove the one that is wrong');
}

/** An expression error located inside the YAML scalar that holds the expression. */
function locatedError(code: 'policy/expression' | 'policy/template', doc: PolicyDocument, pointer: string, source: string, err: ExpressionError): Diagnostic {
  const range = doc.source.rangeAt(pointer);
  const location = range
    ? doc.source.locateOffset(offsetInScalar(doc.source.text, range[0], range[1], source, err.range.start), pointer)
    : doc.source.locate(pointer);
  return diagnostic(code, `${err.message} in ${JSON.stringify(abbreviate(source))}`, location, err.hint);
}

function abbreviate(source: string): string {
  const oneLine = source.replace(/\s+/g, ' ').trim();
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine;
}

/**
 * The version of a rule: a digest of its severity, chain group, conditions and the policy
 * variables and parameter values they use, transitively. Editing a message, a citation or
 * another rule leaves it; setting a threshold the rule reads changes it.
 */
function ruleVersion(rule: CompiledRule, doc: PolicyDocument, params: Record<string, ParameterValue>): string {
  const conditions = [rule.when?.source, rule.require?.source, ...(rule.alternatives ?? []).flatMap((a) => [a.condition.source, a.until?.source])];
  const definitions = new Map((doc.data.variables ?? []).map((v) => [v.name, v.expression]));
  const sources = conditions.filter((c): c is string => c !== undefined);
  const variables = [...variablesRead(doc, sources)].map((name) => [name, definitions.get(name)!] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const usedParams = new Map<string, ParameterValue>();
  for (const source of [...sources, ...variables.map(([, expression]) => expression)]) {
    for (const [, name] of source.matchAll(/\bparams\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)/g)) if (Object.hasOwn(params, name)) usedParams.set(name, params[name]);
  }
  const dates = rule.inForce ? [rule.inForce.from ?? null, rule.inForce.until ?? null] : null;
  const values = [...usedParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return digest(JSON.stringify([rule.id, rule.severity, rule.chainFrom ?? null, conditions.map((c) => c ?? null), variables, dates, ...(values.length ? [values] : [])]));
}
