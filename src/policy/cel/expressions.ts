import type { Environment } from '@marcbachmann/cel-js';
import { didYouMean } from '../../source/did-you-mean';
import { DOMAIN_FUNCTIONS, SCHEMES, type DomainFunction } from '../functions';
import type { Law } from '../flow-state';
import { compileCel, UnsupportedCelError, type CelNode, type Compiled, type CompileOptions, type HostFunction, type PolicyVariable } from './compile';
import { CEL_VARIABLES, createCelEnvironment } from './environment';
import { estimateCost } from './cost';
import { DEFAULT_LIMITS } from '../../source/limits';
import type { SerializedNode } from '../../source/builtin-cache';

/** An expression problem with its character range inside the expression text. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly range: { start: number; end: number },
    readonly hint?: string,
  ) {
    super(message);
  }
}

export interface CompiledExpression {
  source: string;
  fn: Compiled;
  /** What the expression was compiled with: `explain` compiles parts of it the same way. */
  options: CompileOptions;
  /** The checked AST, kept for `dfft explain` (which evaluates its parts). */
  ast: CelNode;
  slots: number;
}

let environment: Environment | undefined;

/**
 * The one cel-js environment, for parsing and type-checking (types and function signatures are
 * the same for every policy). dfft evaluates with its own compiler, so the handlers registered
 * here are never called.
 */
export function celEnvironment(): Environment {
  environment ??= createCelEnvironment(DOMAIN_FUNCTIONS, (name) => () => {
    throw new Error(`${name}() is evaluated by dfft's compiler, not by cel-js`);
  });
  return environment;
}

const HOST_FUNCTIONS: ReadonlyMap<string, HostFunction> = new Map(DOMAIN_FUNCTIONS.map((f) => [f.name, f]));
const VARIABLES: ReadonlySet<string> = new Set(Object.keys(CEL_VARIABLES));
const FLOW_FUNCTIONS: ReadonlyMap<string, HostFunction> = new Map(DOMAIN_FUNCTIONS.filter((f) => f.scope !== 'counterparty').map((f) => [f.name, f]));
const COUNTERPARTY_FUNCTIONS: ReadonlyMap<string, HostFunction> = new Map(DOMAIN_FUNCTIONS.filter((f) => f.scope !== undefined).map((f) => [f.name, f]));
/** What a counterparty variable may read besides the counterparty functions: nothing of the flow. */
const COUNTERPARTY_VARIABLES: ReadonlySet<string> = new Set(['asOf', 'lists', 'params', 'horizonEnd']);
const COUNTERPARTY_SCOPE =
  'a variable with scope: counterparty has one value for all the flows between the same two parties, so it may use only asOf, lists, params, horizonEnd, ' +
  'counterpartyData(), counterpartyFlows(), the functions that do not read the flow and the counterparty variables before it';
const KNOWN_FUNCTIONS = [...DOMAIN_FUNCTIONS.map((f) => f.name), 'size', 'has', 'int', 'double', 'string', 'dyn', 'matches'];

/**
 * Parses, type-checks and compiles one CEL expression. `expect` is the type the result must
 * have ('bool' for conditions). Literal arguments of domain functions (group names, categories,
 * schemes, regimes) are checked against the law data, with a suggestion when misspelt.
 */
/** The policy variables an expression may use, and (made when first needed) the environment that declares their types. */
export interface ExpressionScope {
  variables: ReadonlyMap<string, PolicyVariable & { type: string }>;
  /** The expression is a variable with scope: counterparty. */
  counterparty?: boolean;
  /** The cel-js environment with `variables` typed; built only to check an expression not in the build's cache. */
  env(): Environment;
}

/**
 * A scope with one more policy variable. cel-js types `variables` as an object whose fields are
 * the variables declared so far, so checking needs the base environment cloned with that type.
 */
export function extendScope(scope: ExpressionScope | undefined, name: string, variable: PolicyVariable & { type: string }): ExpressionScope {
  const variables = new Map(scope?.variables ?? []).set(name, variable);
  let env: Environment | undefined;
  return {
    variables,
    env: () => {
      if (!env) {
        env = celEnvironment().clone();
        env.registerType('PolicyVariables', { fields: Object.fromEntries([...variables].map(([n, v]) => [n, v.type])) });
        env.registerVariable('variables', 'PolicyVariables');
      }
      return env;
    },
  };
}

/** The scope of a variable with scope: counterparty declared after `scope`'s variables. */
export function counterpartyScope(scope: ExpressionScope | undefined): ExpressionScope {
  return { variables: scope?.variables ?? new Map(), env: () => (scope ? scope.env() : celEnvironment()), counterparty: true };
}

/**
 * Checked ASTs kept between runs. Keyed by the file that declares the expression, then by its
 * text: the same text checks differently in another file, whose policy variables differ.
 */
export interface AstCache {
  get(source: string): SerializedNode | undefined;
  /** Present while the build collects ASTs. */
  put?(source: string, ast: SerializedNode): void;
}

let collector: Map<string, Map<string, SerializedNode>> | undefined;

/** For the build: records the checked AST of every expression compiled, by file then text. */
export function collectAsts(): Map<string, Map<string, SerializedNode>> {
  collector = new Map();
  return collector;
}

/** Where the build records the checked ASTs of a file's expressions, while it collects them. */
export function astCollector(file: string): AstCache['put'] {
  const all = collector;
  if (!all) return undefined;
  return (source, ast) => {
    let byText = all.get(file);
    if (!byText) all.set(file, (byText = new Map()));
    byText.set(source, ast);
  };
}

export function compileExpression(
  source: string,
  expect: 'bool' | 'any',
  law: Law,
  lists: Record<string, string[]>,
  scope?: ExpressionScope,
  maxCost = DEFAULT_LIMITS.maxConditionCost,
  cache?: AstCache,
  params: Record<string, unknown> = {},
): CompiledExpression & { type: string } {
  const cached = cache?.get(source);
  if (cached) return compileChecked(source, deserializeAst(cached), scope);
  const env = scope ? scope.env() : celEnvironment();
  let parsed: ReturnType<Environment['parse']>;
  try {
    parsed = env.parse(source);
  } catch (err) {
    throw fromCelError(err, source);
  }
  const ast = parsed.ast as unknown as CelNode;
  checkNames(ast, law, lists, params);
  const cost = estimateCost(ast);
  if (cost > maxCost) {
    throw new ExpressionError(
      `condition too costly: about ${cost.toLocaleString('en-US')} operations per flow, over the limit of ${maxCost.toLocaleString('en-US')}`,
      { start: 0, end: source.length },
      'nested macros (map, filter, exists, all) multiply; flatten them, or raise --max-condition-cost',
    );
  }
  const checked = parsed.check();
  if (!checked.valid) throw fromCelError(checked.error, source);
  if (expect === 'bool' && checked.type !== 'bool' && checked.type !== 'dyn') {
    throw new ExpressionError(`expected a condition (bool), but the expression gives ${checked.type}`, { start: 0, end: source.length });
  }
  const compiled = compileChecked(source, ast, scope);
  cache?.put?.(source, serializeAst(ast));
  return compiled;
}

/** Compiles an AST that cel-js has checked (now, or when the build cached it). */
function compileChecked(source: string, ast: CelNode, scope: ExpressionScope | undefined): CompiledExpression & { type: string } {
  try {
    const options = scope?.counterparty ? counterpartyOptions(scope) : flowOptions(scope);
    const { fn, slots } = compileCel(ast, options);
    return { source, fn, options, ast, slots, type: ast.checkedType?.name ?? 'dyn' };
  } catch (err) {
    if (err instanceof UnsupportedCelError) throw new ExpressionError(err.message, err.range);
    throw err;
  }
}

/** An expression judged per flow: every function but those of counterparty variables. */
function flowOptions(scope: ExpressionScope | undefined): CompileOptions {
  return {
    functions: FLOW_FUNCTIONS,
    variables: VARIABLES,
    policyVariables: scope?.variables,
    unavailable: (kind, name) =>
      kind === 'function' && COUNTERPARTY_FUNCTIONS.get(name) && !FLOW_FUNCTIONS.has(name)
        ? `${name}() may be called only in a variable with scope: counterparty, evaluated once for all the flows between the same two parties (which keeps the work linear in the number of flows)`
        : undefined,
  };
}

/** A variable with scope: counterparty: nothing that reads the flow being judged. */
function counterpartyOptions(scope: ExpressionScope): CompileOptions {
  return {
    functions: COUNTERPARTY_FUNCTIONS,
    variables: COUNTERPARTY_VARIABLES,
    policyVariables: new Map([...scope.variables].filter(([, v]) => v.counterparty)),
    unavailable: (kind, name) => {
      if (kind === 'variable' && VARIABLES.has(name)) return `"${name}" cannot be used here: ${COUNTERPARTY_SCOPE}`;
      if (kind === 'function' && HOST_FUNCTIONS.has(name)) return `${name}() reads the flow and cannot be used here: ${COUNTERPARTY_SCOPE}`;
      if (kind === 'policy variable' && scope.variables.has(name)) return `variables.${name} is evaluated per flow and cannot be used here: ${COUNTERPARTY_SCOPE}`;
      return undefined;
    },
  };
}

/** A checked AST as JSON: the parts the compiler and explain read. */
export function serializeAst(node: CelNode): SerializedNode {
  const value = (v: unknown): unknown => {
    if (typeof v === 'bigint') return { $bigint: v.toString() };
    if (Array.isArray(v)) return v.map(value);
    if (v && typeof v === 'object' && 'op' in v) return serializeAst(v as CelNode);
    return v;
  };
  return { op: node.op, args: value(node.args), range: [node.range.start, node.range.end], ...(node.checkedType ? { type: node.checkedType.name } : {}) };
}

export function deserializeAst(node: SerializedNode): CelNode {
  const value = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(value);
    if (v && typeof v === 'object') {
      if ('$bigint' in v) return BigInt((v as { $bigint: string }).$bigint);
      if ('op' in v) return deserializeAst(v as SerializedNode);
    }
    return v;
  };
  return { op: node.op, args: value(node.args), range: { start: node.range[0], end: node.range[1] }, ...(node.type ? { checkedType: { name: node.type } } : {}) };
}

function fromCelError(err: unknown, source: string): ExpressionError {
  const e = err as { message?: string; range?: { start: number; end: number } };
  const first = String(e.message ?? err).split('\n')[0];
  const unknownFn = /found no matching overload for '([A-Za-z_][\w]*)\(/.exec(first);
  if (unknownFn && !KNOWN_FUNCTIONS.includes(unknownFn[1])) {
    const guess = didYouMean(unknownFn[1], KNOWN_FUNCTIONS);
    return new ExpressionError(`unknown function "${unknownFn[1]}"`, e.range ?? { start: 0, end: source.length }, guess ? `did you mean "${guess}"?` : undefined);
  }
  const unknownKey = /^No such key: (\w+)/.exec(first);
  return new ExpressionError(
    unknownKey ? `unknown field "${unknownKey[1]}"` : lowerFirst(first.replace(/^(Type|Parse|Evaluation)Error: /, '')),
    e.range ?? { start: 0, end: source.length },
  );
}

/** Checks literal arguments (group, category, scheme, regime, purpose names), list and parameter names. */
function checkNames(node: CelNode, law: Law, lists: Record<string, string[]>, params: Record<string, unknown>): void {
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (!n || typeof n !== 'object' || !('op' in n)) return;
    const node = n as CelNode;
    if (node.op === 'call') {
      const [name, args] = node.args as [string, CelNode[]];
      const fn: DomainFunction | undefined = DOMAIN_FUNCTIONS.find((f) => f.name === name);
      for (const spec of fn?.literalArgs ?? []) {
        const arg = args[spec.index];
        if (arg?.op === 'value' && typeof arg.args === 'string') checkLiteral(spec.kind, arg.args, arg.range, law);
      }
    }
    if (node.op === '.' ) {
      const [target, field] = node.args as [CelNode, string];
      if (target.op === 'id' && target.args === 'lists' && !(field in lists)) {
        const guess = didYouMean(field, Object.keys(lists));
        throw new ExpressionError(`unknown list "${field}"`, node.range, guess ? `did you mean "${guess}"?` : Object.keys(lists).length ? `the policy's lists are: ${Object.keys(lists).join(', ')}` : 'the policy declares no lists');
      }
      if (target.op === 'id' && target.args === 'params' && !Object.hasOwn(params, field)) {
        const names = Object.keys(params);
        const guess = didYouMean(field, names);
        throw new ExpressionError(`unknown parameter "${field}"`, node.range, guess ? `did you mean "${guess}"?` : names.length ? `the policy's parameters are: ${names.join(', ')}` : 'the policy declares no parameters');
      }
    }
    visit(node.args);
  };
  visit(node);
}

function checkLiteral(kind: 'group' | 'category' | 'scheme' | 'regime' | 'purpose', value: string, range: { start: number; end: number }, law: Law): void {
  const known =
    kind === 'group' ? law.jurisdictions.groupNames()
      : kind === 'category' ? [...law.taxonomy.ids()]
        : kind === 'scheme' ? [...SCHEMES]
          : kind === 'purpose' ? law.jurisdictions.purposes.ids()
            : law.jurisdictions.regimes();
  if (known.includes(value)) return;
  const guess = didYouMean(value, known);
  throw new ExpressionError(`unknown ${kind} "${value}"`, range, guess ? `did you mean "${guess}"?` : `expected one of: ${known.join(', ')}`);
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
