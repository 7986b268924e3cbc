import { InputError } from '../diagnostics/input-error';
import type { Law } from '../law/law';
import type { PolicyDocument } from '../load/load-policy';
import { offsetInScalar } from '../load/scalar-offset';
import type { Citation, Rule, Severity } from '../types';
import { astCollector, compileExpression, extendScope, ExpressionError, type AstCache, type CompiledExpression, type ExpressionScope } from './cel/expressions';
import { compileTemplate, type Template } from './template';
import { didYouMean } from '../diagnostics/did-you-mean';
import { builtinCache } from '../load/builtin-cache';
import { digest } from './fingerprint';

export interface CompiledAlternative {
  condition: CompiledExpression;
  basis: Template;
  /** When the basis ends (a date, or "" for none). */
  until?: CompiledExpression;
  dpv?: Template;
}

/** A rule ready to run: every expression parsed, type-checked and compiled. */
export interface CompiledRule {
  id: string;
  title: string;
  severity: Severity;
  citation: Citation;
  description?: string;
  notes?: string;
  /** The pack (or organisation policy) the rule belongs to: its regime in reports. */
  regime: string;
  when?: CompiledExpression;
  require?: CompiledExpression;
  alternatives?: CompiledAlternative[];
  message: Template;
  remediation: Template;
  chainFrom?: string;
  /** Where the rule is written. */
  file: string;
  pointer: string;
  /** Set by an override. */
  override?: { reason: string; file: string };
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
  version: string;
  effective: string;
  url?: string;
  description?: string;
  builtin: boolean;
  appliesWhen: CompiledExpression;
  rules: CompiledRule[];
}

export interface AppliedOverride {
  rule: string;
  severity?: Severity;
  enabled?: boolean;
  reason: string;
}

/** A policy valid by construction: loading it is where every policy error is found. */
export interface CompiledPolicy {
  packs: CompiledPack[];
  lists: Record<string, string[]>;
  overrides: AppliedOverride[];
  /** Organisation policy files (not the built-in packs), with their hashes. */
  files: Array<{ file: string; sha256: string }>;
  /** Macro variable slots the compiled expressions need. */
  slots: number;
  /** Number of policy variables (variables.<name>) across all files. */
  variableCount: number;
}

/**
 * Compiles the documents of a policy: packs become regimes with their rules, organisation
 * policies add rules (under their `name`), lists and overrides. Every problem is collected and
 * located (file:line:column inside the expression), and the policy is only returned when there
 * are none.
 */
export function compilePolicy(documents: readonly PolicyDocument[], law: Law, options: { maxConditionCost?: number } = {}): { policy?: CompiledPolicy; errors: InputError[] } {
  const errors: InputError[] = [];
  const lists: Record<string, string[]> = {};
  for (const doc of documents) Object.assign(lists, doc.data.lists ?? {});

  let slots = 0;
  let variableCount = 0;
  // Policy variables are visible in the file that declares them.
  const scopes = new Map<PolicyDocument, ExpressionScope | undefined>();
  const expression = (doc: PolicyDocument, pointer: string, source: string, expect: 'bool' | 'any'): CompiledExpression | undefined => {
    try {
      const compiled = compileExpression(source, expect, law, lists, scopes.get(doc), options.maxConditionCost, astCache(doc));
      slots = Math.max(slots, compiled.slots);
      return compiled;
    } catch (err) {
      if (err instanceof ExpressionError) errors.push(locatedError('policy/expression', doc, pointer, source, err));
      else throw err;
      return undefined;
    }
  };
  const template = (doc: PolicyDocument, pointer: string, source: string): Template | undefined => {
    try {
      const compiled = compileTemplate(source, law, lists, scopes.get(doc), options.maxConditionCost, astCache(doc));
      for (const part of compiled.parts) if (typeof part !== 'string') slots = Math.max(slots, part.slots);
      return compiled;
    } catch (err) {
      if (err instanceof ExpressionError) errors.push(locatedError('policy/template', doc, pointer, source, err));
      else throw err;
      return undefined;
    }
  };

  for (const doc of documents) {
    let scope: ExpressionScope | undefined;
    (doc.data.variables ?? []).forEach((v, i) => {
      scopes.set(doc, scope);
      const compiled = expression(doc, `/variables/${i}/expression`, v.expression, 'any') as (CompiledExpression & { type: string }) | undefined;
      if (compiled) scope = extendScope(scope, v.name, { index: variableCount++, fn: compiled.fn, type: compiled.type });
    });
    scopes.set(doc, scope);
  }

  const packs: CompiledPack[] = [];
  const ruleById = new Map<string, { rule: CompiledRule; doc: PolicyDocument; pointer: string }>();
  for (const doc of documents) {
    const info = doc.data.pack;
    let pack: CompiledPack | undefined;
    if (info) {
      const appliesWhen = expression(doc, '/pack/appliesWhen', info.appliesWhen, 'bool');
      if (appliesWhen) {
        pack = { kind: 'pack', id: info.id, title: info.title, version: info.version, effective: info.effective, url: info.url, description: info.description, builtin: doc.builtin, appliesWhen, rules: [] };
        packs.push(pack);
      }
    } else if (doc.data.rules?.length) {
      const name = doc.data.name ?? 'policy';
      pack = packs.find((p) => p.id === name && p.kind === 'policy');
      if (!pack) {
        const always = expression(doc, '', 'true', 'bool')!;
        pack = { kind: 'policy', id: name, title: `Organisation policy "${name}"`, version: '', effective: '', builtin: false, appliesWhen: always, rules: [] };
        packs.push(pack);
      }
    }
    (doc.data.rules ?? []).forEach((raw, i) => {
      const pointer = `/rules/${i}`;
      const owner = pack?.id ?? 'policy';
      if (!raw.id.startsWith(`${owner}/`)) {
        errors.push(new InputError('policy/schema', `rule id "${raw.id}" must start with "${owner}/"`, doc.source.locate(`${pointer}/id`), `rules of ${doc.data.pack ? `pack ${owner}` : `policy ${owner}`} are named ${owner}/<name>`));
      }
      const first = ruleById.get(raw.id);
      if (first) {
        const at = first.doc.source.locate(first.pointer);
        errors.push(new InputError('policy/duplicate-rule', `rule "${raw.id}" is defined twice (first at ${at.file}:${at.line}:${at.column})`, doc.source.locate(`${pointer}/id`)));
        return;
      }
      const rule = compileRule(raw, doc, pointer, owner, expression, template);
      if (rule && pack) {
        pack.rules.push(rule);
        ruleById.set(rule.id, { rule, doc, pointer });
      }
    });
  }

  const overrides: AppliedOverride[] = [];
  for (const doc of documents) {
    (doc.data.overrides ?? []).forEach((o, i) => {
      const target = ruleById.get(o.rule);
      if (!target) {
        const guess = didYouMean(o.rule, ruleById.keys());
        errors.push(new InputError('policy/unknown-rule', `override of unknown rule "${o.rule}"`, doc.source.locate(`/overrides/${i}/rule`), guess ? `did you mean "${guess}"?` : 'no extended pack or policy defines it'));
        return;
      }
      if (o.severity) target.rule.severity = o.severity;
      target.rule.override = { reason: o.reason, file: doc.source.file };
      overrides.push({ rule: o.rule, ...(o.severity ? { severity: o.severity } : {}), ...(o.enabled !== undefined ? { enabled: o.enabled } : {}), reason: o.reason });
      if (o.enabled === false) {
        for (const pack of packs) pack.rules = pack.rules.filter((r) => r.id !== o.rule);
      }
    });
  }

  if (errors.length > 0) return { errors };
  for (const { rule, doc } of ruleById.values()) rule.version = ruleVersion(rule, doc);
  const files = documents.filter((d) => !d.builtin).map((d) => ({ file: d.source.file, sha256: d.source.sha256 }));
  return { policy: { packs, lists, overrides, files, slots, variableCount }, errors };
}

/**
 * The build's checked AST of an expression of a built-in pack, if any. Only built-in packs use the
 * cache; their files were matched by sha256 when loaded. The cost limit was applied at build.
 */
function astCache(doc: PolicyDocument): AstCache {
  const file = doc.source.file;
  const byText = doc.builtin && doc.fromCache ? builtinCache()?.expressions[file] : undefined;
  return {
    get: (source) => (byText && Object.hasOwn(byText, source) ? byText[source] : undefined),
    put: astCollector(file),
  };
}

function compileRule(
  raw: Rule,
  doc: PolicyDocument,
  pointer: string,
  regime: string,
  expression: (doc: PolicyDocument, pointer: string, source: string, expect: 'bool' | 'any') => CompiledExpression | undefined,
  template: (doc: PolicyDocument, pointer: string, source: string) => Template | undefined,
): CompiledRule | undefined {
  let ok = true;
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) ok = false;
    return value as T;
  };
  const rule: CompiledRule = {
    id: raw.id,
    title: raw.title,
    severity: raw.severity,
    citation: raw.citation,
    description: raw.description,
    notes: raw.notes,
    regime,
    message: need(template(doc, `${pointer}/message`, raw.message)),
    remediation: need(template(doc, `${pointer}/remediation`, raw.remediation)),
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
      basis: need(template(doc, `${pointer}/require/anyOf/${i}/basis`, alt.basis)),
      ...(alt.until !== undefined ? { until: need(expression(doc, `${pointer}/require/anyOf/${i}/until`, alt.until, 'any')) } : {}),
      ...(alt.dpv !== undefined ? { dpv: need(template(doc, `${pointer}/require/anyOf/${i}/dpv`, alt.dpv)) } : {}),
    }));
  }
  return ok ? rule : undefined;
}

/** An expression error located inside the YAML scalar that holds the expression. */
function locatedError(code: 'policy/expression' | 'policy/template', doc: PolicyDocument, pointer: string, source: string, err: ExpressionError): InputError {
  const range = doc.source.rangeAt(pointer);
  const location = range
    ? doc.source.locateOffset(offsetInScalar(doc.source.text, range[0], range[1], source, err.range.start), pointer)
    : doc.source.locate(pointer);
  return new InputError(code, `${err.message} in ${JSON.stringify(abbreviate(source))}`, location, err.hint);
}

function abbreviate(source: string): string {
  const oneLine = source.replace(/\s+/g, ' ').trim();
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine;
}

/**
 * The version of a rule: a digest of its severity, chain group, conditions and the policy
 * variables they use, transitively. Editing a message, a citation or another rule leaves it.
 */
function ruleVersion(rule: CompiledRule, doc: PolicyDocument): string {
  const conditions = [rule.when?.source, rule.require?.source, ...(rule.alternatives ?? []).flatMap((a) => [a.condition.source, a.until?.source])];
  const definitions = new Map((doc.data.variables ?? []).map((v) => [v.name, v.expression]));
  const used = new Map<string, string>();
  const scan = (source: string | undefined): void => {
    if (source === undefined) return;
    for (const [, name] of source.matchAll(/\bvariables\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)/g)) {
      const expression = definitions.get(name);
      if (expression === undefined || used.has(name)) continue;
      used.set(name, expression);
      scan(expression);
    }
  };
  conditions.forEach(scan);
  const variables = [...used].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return digest(JSON.stringify([rule.id, rule.severity, rule.chainFrom ?? null, conditions.map((c) => c ?? null), variables]));
}
