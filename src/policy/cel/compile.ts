import type { RE2JS } from 're2js';
import { CelEvalError, celEquals, celTypeName, hasField, isMap, selectField } from './runtime';

/** The parts of a cel-js AST node the compiler reads. */
export interface CelNode {
  op: string;
  args: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  range: { start: number; end: number };
  checkedType?: { name: string };
}

/** What a compiled expression runs against: the CEL variables, macro slots and host state. */
export interface EvalContext<S = unknown> {
  vars: Record<string, unknown>;
  slots: unknown[];
  state: S;
  /** Values of policy variables (variables.<name>), valid while vgen[i] === gen. */
  vcache: unknown[];
  vgen: number[];
  /** Bumped for every flow, which invalidates the variable cache without clearing it. */
  gen: number;
}

/** A policy variable (variables.<name>): compiled once, evaluated at most once per flow. */
export interface PolicyVariable {
  index: number;
  fn: Compiled;
  /** Declared with scope: counterparty (one value for all the flows between the same two parties). */
  counterparty?: boolean;
}

export type Compiled = (ctx: EvalContext) => unknown;

/** A host function callable from CEL. `impl` receives the host state first. */
export interface HostFunction {
  name: string;
  impl: (state: any, ...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Raised at compile time for CEL that dfft's evaluator does not support. */
export class UnsupportedCelError extends Error {
  constructor(
    message: string,
    readonly range: { start: number; end: number },
  ) {
    super(message);
  }
}

export interface CompileOptions {
  functions: ReadonlyMap<string, HostFunction>;
  /** Top-level variable names. */
  variables: ReadonlySet<string>;
  /** Policy variables visible to this expression, by name. */
  policyVariables?: ReadonlyMap<string, PolicyVariable>;
  /** Why a name the expression uses is not available here, when it exists elsewhere (undefined: it is unknown). */
  unavailable?: (kind: 'variable' | 'function' | 'policy variable', name: string) => string | undefined;
}

/**
 * Compiles a type-checked cel-js AST into a tree of JavaScript closures: the policy is compiled
 * once, and each flow then costs a few direct calls per rule instead of an interpreter walk.
 * Semantics follow the CEL spec for the subset rules use (logic with error absorption, equality,
 * ordering, `in`, arithmetic, field selection, `has()`, the list macros, string methods).
 * Anything else is rejected at policy load rather than evaluated differently.
 */
export function compileCel(ast: CelNode, options: CompileOptions): { fn: Compiled; slots: number } {
  const compiler = new Compiler(options);
  const fn = compiler.compile(ast, new Map());
  return { fn, slots: compiler.slotCount };
}

class Compiler {
  slotCount = 0;

  constructor(private readonly options: CompileOptions) {}

  compile(node: CelNode, scope: Map<string, number>): Compiled {
    const range = node.range;
    switch (node.op) {
      case 'value':
        return this.literal(node);
      case 'id':
        return this.identifier(node.args as string, scope, range);
      case '.': {
        const [target, field] = node.args as [CelNode, string];
        if (target.op === 'id' && target.args === 'variables' && !scope.has('variables')) return this.policyVariable(field, range);
        const t = this.compile(target, scope);
        return (c) => selectField(t(c), field, range);
      }
      case '[]': {
        const [target, index] = node.args as [CelNode, CelNode];
        const t = this.compile(target, scope);
        const i = this.compile(index, scope);
        return (c) => indexValue(t(c), i(c), range);
      }
      case '&&':
        return this.logical(node.args as [CelNode, CelNode], scope, false);
      case '||':
        return this.logical(node.args as [CelNode, CelNode], scope, true);
      case '!_': {
        const operand = this.compile(node.args as CelNode, scope);
        return (c) => !bool(operand(c), range);
      }
      case '-_': {
        const operand = this.compile(node.args as CelNode, scope);
        return (c) => -num(operand(c), range);
      }
      case '?:': {
        const [cond, yes, no] = (node.args as CelNode[]).map((n) => this.compile(n, scope));
        return (c) => (bool(cond(c), range) ? yes(c) : no(c));
      }
      case 'list': {
        const items = (node.args as CelNode[]).map((n) => this.compile(n, scope));
        return (c) => items.map((item) => item(c));
      }
      case 'map': {
        const entries = (node.args as Array<[CelNode, CelNode]>).map(([k, v]) => [this.compile(k, scope), this.compile(v, scope)] as const);
        return (c) => {
          const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
          for (const [k, v] of entries) out[String(k(c))] = v(c);
          return out;
        };
      }
      case 'call':
        return this.call(node, scope);
      case 'rcall':
        return this.receiverCall(node, scope);
      case '==':
      case '!=':
        return this.equality(node, scope);
      case '<':
      case '<=':
      case '>':
      case '>=':
        return this.ordering(node, scope);
      case 'in': {
        const [l, r] = (node.args as CelNode[]).map((n) => this.compile(n, scope));
        return (c) => contains(r(c), l(c), range);
      }
      case '+':
      case '-':
      case '*':
      case '/':
      case '%':
        return this.arithmetic(node, scope);
      default:
        throw new UnsupportedCelError(`the CEL operator "${node.op}" is not supported by dfft`, range);
    }
  }

  private policyVariable(name: string, range: CelNode['range']): Compiled {
    const v = this.options.policyVariables?.get(name);
    if (!v) throw new UnsupportedCelError(this.options.unavailable?.('policy variable', name) ?? `unknown policy variable "${name}"`, range);
    const { index: i, fn } = v;
    return (c) => {
      if (c.vgen[i] === c.gen) return c.vcache[i];
      const value = fn(c);
      c.vcache[i] = value;
      c.vgen[i] = c.gen;
      return value;
    };
  }

  private literal(node: CelNode): Compiled {
    const v: unknown = node.args;
    if (typeof v === 'bigint') {
      const n = Number(v);
      return () => n;
    }
    if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number' || v === null) return () => v;
    throw new UnsupportedCelError(`this kind of literal is not supported by dfft (${celTypeName(v)})`, node.range);
  }

  private identifier(name: string, scope: Map<string, number>, range: CelNode['range']): Compiled {
    const slot = scope.get(name);
    if (slot !== undefined) return (c) => c.slots[slot];
    if (!this.options.variables.has(name)) throw new UnsupportedCelError(this.options.unavailable?.('variable', name) ?? `unknown variable "${name}"`, range);
    return (c) => {
      const v = c.vars[name];
      if (v === undefined) throw new CelEvalError(`variable "${name}" is not set`, range);
      return v;
    };
  }

  /**
   * `&&` (absorbing false) and `||` (absorbing true). CEL's logical operators are commutative over
   * errors: the absorbing value on either side wins over an error on the other.
   */
  private logical([left, right]: [CelNode, CelNode], scope: Map<string, number>, absorbing: boolean): Compiled {
    const l = this.compile(left, scope);
    const r = this.compile(right, scope);
    const range = left.range;
    return (c) => {
      let lv: boolean;
      try {
        lv = bool(l(c), range);
      } catch (err) {
        if (bool(r(c), range) === absorbing) return absorbing;
        throw err;
      }
      return lv === absorbing ? absorbing : bool(r(c), range);
    };
  }

  private equality(node: CelNode, scope: Map<string, number>): Compiled {
    const [left, right] = node.args as [CelNode, CelNode];
    const negate = node.op === '!=';
    const literal = right.op === 'value' && typeof right.args !== 'bigint' ? right : left.op === 'value' && typeof left.args !== 'bigint' ? left : undefined;
    if (literal) {
      // A primitive literal on one side: strict comparison is CEL equality.
      const other = this.compile(literal === right ? left : right, scope);
      const v: unknown = literal.args;
      return negate ? (c) => other(c) !== v : (c) => other(c) === v;
    }
    const l = this.compile(left, scope);
    const r = this.compile(right, scope);
    return negate ? (c) => !celEquals(l(c), r(c)) : (c) => celEquals(l(c), r(c));
  }

  private ordering(node: CelNode, scope: Map<string, number>): Compiled {
    const [l, r] = (node.args as CelNode[]).map((n) => this.compile(n, scope));
    const range = node.range;
    const check = (a: unknown, b: unknown): void => {
      const ta = typeof a;
      const ok = (ta === 'string' || ta === 'number' || ta === 'boolean') && (ta === typeof b);
      if (!ok) throw new CelEvalError(`no such overload: ${celTypeName(a)} ${node.op} ${celTypeName(b)}`, range);
    };
    switch (node.op) {
      case '<':
        return (c) => { const a = l(c) as number, b = r(c) as number; check(a, b); return a < b; };
      case '<=':
        return (c) => { const a = l(c) as number, b = r(c) as number; check(a, b); return a <= b; };
      case '>':
        return (c) => { const a = l(c) as number, b = r(c) as number; check(a, b); return a > b; };
      default:
        return (c) => { const a = l(c) as number, b = r(c) as number; check(a, b); return a >= b; };
    }
  }

  private arithmetic(node: CelNode, scope: Map<string, number>): Compiled {
    const [left, right] = node.args as [CelNode, CelNode];
    const l = this.compile(left, scope);
    const r = this.compile(right, scope);
    const range = node.range;
    const intOnly = node.checkedType?.name === 'int';
    switch (node.op) {
      case '+':
        return (c) => {
          const a = l(c), b = r(c);
          if (typeof a === 'number' && typeof b === 'number') return a + b;
          if (typeof a === 'string' && typeof b === 'string') return a + b;
          if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
          throw new CelEvalError(`no such overload: ${celTypeName(a)} + ${celTypeName(b)}`, range);
        };
      case '-':
        return (c) => num(l(c), range) - num(r(c), range);
      case '*':
        return (c) => num(l(c), range) * num(r(c), range);
      case '/':
        return (c) => {
          const a = num(l(c), range), b = num(r(c), range);
          if (b === 0 && intOnly) throw new CelEvalError('division by zero', range);
          return intOnly ? Math.trunc(a / b) : a / b;
        };
      default:
        return (c) => {
          const a = num(l(c), range), b = num(r(c), range);
          if (b === 0) throw new CelEvalError('modulus by zero', range);
          return a % b;
        };
    }
  }

  private call(node: CelNode, scope: Map<string, number>): Compiled {
    const [name, argNodes] = node.args as [string, CelNode[]];
    const range = node.range;
    if (name === 'has') {
      const target = argNodes[0];
      if (target?.op !== '.') throw new UnsupportedCelError('has() takes a field selection, e.g. has(flow.endsOn)', range);
      const [objNode, field] = target.args as [CelNode, string];
      const obj = this.compile(objNode, scope);
      return (c) => hasField(obj(c), field);
    }
    if (name === 'matches' && argNodes.length === 2) return this.matches(this.compile(argNodes[0], scope), argNodes[1], scope, range);
    const args = argNodes.map((n) => this.compile(n, scope));
    const builtin = BUILTIN_FUNCTIONS[name];
    if (builtin) {
      // Specialised by arity: no argument array is built per call.
      if (args.length === 1) {
        const [a] = args;
        return (c) => builtin([a(c)], range);
      }
      return (c) => builtin(args.map((a) => a(c)), range);
    }
    const host = this.options.functions.get(name);
    if (!host) throw new UnsupportedCelError(this.options.unavailable?.('function', name) ?? `unknown function "${name}"`, range);
    const impl = host.impl;
    switch (args.length) {
      case 0:
        return (c) => impl(c.state);
      case 1: {
        const [a] = args;
        return (c) => impl(c.state, a(c));
      }
      case 2: {
        const [a, b] = args;
        return (c) => impl(c.state, a(c), b(c));
      }
      default:
        return (c) => impl(c.state, ...args.map((a) => a(c)));
    }
  }

  private receiverCall(node: CelNode, scope: Map<string, number>): Compiled {
    const [name, receiverNode, argNodes] = node.args as [string, CelNode, CelNode[]];
    const range = node.range;
    const receiver = this.compile(receiverNode, scope);
    if (MACROS.has(name)) return this.macro(name, receiver, argNodes, scope, range);
    if (name === 'matches' && argNodes.length === 1) return this.matches(receiver, argNodes[0], scope, range);
    const method = BUILTIN_METHODS[name];
    if (!method) throw new UnsupportedCelError(`the method ".${name}()" is not supported by dfft`, range);
    const args = argNodes.map((n) => this.compile(n, scope));
    if (args.length === 0) return (c) => method(receiver(c), NO_ARGS, range);
    if (args.length === 1) {
      const [a] = args;
      return (c) => method(receiver(c), [a(c)], range);
    }
    return (c) => method(receiver(c), args.map((a) => a(c)), range);
  }

  /**
   * `matches()`: RE2 semantics, as CEL specifies, in linear time (re2js), as a partial match
   * (RE2 find). A literal pattern is compiled here, once: a pattern RE2 refuses (a syntax error,
   * or JavaScript-only syntax such as backreferences and lookaround) is a policy error at the
   * pattern. A computed pattern is compiled when it is met, through a small cache.
   */
  private matches(subject: Compiled, patternNode: CelNode, scope: Map<string, number>, range: CelNode['range']): Compiled {
    if (patternNode.op === 'value' && typeof patternNode.args === 'string') {
      const regex = compileRe2(patternNode.args, (message) => new UnsupportedCelError(message, patternNode.range));
      return (c) => regex.matcher(str(subject(c), range)).find();
    }
    const pattern = this.compile(patternNode, scope);
    return (c) => matches(subject(c), pattern(c), range);
  }

  private macro(name: string, receiver: Compiled, argNodes: CelNode[], scope: Map<string, number>, range: CelNode['range']): Compiled {
    const [variable, ...bodies] = argNodes;
    if (variable?.op !== 'id') throw new UnsupportedCelError(`${name}() needs a variable name first`, range);
    const slot = this.slotCount++;
    const inner = new Map(scope).set(variable.args as string, slot);
    const [first, second] = bodies.map((b) => this.compile(b, inner));
    const items = (c: EvalContext): unknown[] => {
      const v = receiver(c);
      if (Array.isArray(v)) return v;
      if (isMap(v)) return Object.keys(v);
      throw new CelEvalError(`${name}() needs a list or map, got ${celTypeName(v)}`, range);
    };
    switch (name) {
      case 'exists':
        return (c) => {
          let error: unknown;
          for (const item of items(c)) {
            c.slots[slot] = item;
            try {
              if (bool(first(c), range)) return true;
            } catch (err) {
              error ??= err;
            }
          }
          if (error) throw error;
          return false;
        };
      case 'all':
        return (c) => {
          let error: unknown;
          for (const item of items(c)) {
            c.slots[slot] = item;
            try {
              if (!bool(first(c), range)) return false;
            } catch (err) {
              error ??= err;
            }
          }
          if (error) throw error;
          return true;
        };
      case 'exists_one':
        return (c) => {
          let count = 0;
          for (const item of items(c)) {
            c.slots[slot] = item;
            if (bool(first(c), range)) count++;
          }
          return count === 1;
        };
      case 'filter':
        return (c) => items(c).filter((item) => {
          c.slots[slot] = item;
          return bool(first(c), range);
        });
      default: // map(x, transform) or map(x, filter, transform)
        return (c) => {
          const out: unknown[] = [];
          for (const item of items(c)) {
            c.slots[slot] = item;
            if (second) {
              if (bool(first(c), range)) {
                c.slots[slot] = item;
                out.push(second(c));
              }
            } else out.push(first(c));
          }
          return out;
        };
    }
  }
}

const MACROS = new Set(['exists', 'all', 'exists_one', 'filter', 'map']);
const NO_ARGS: unknown[] = [];

type Range = CelNode['range'];

const BUILTIN_FUNCTIONS: Record<string, (args: unknown[], range: Range) => unknown> = {
  size: ([v], range) => sizeOf(v, range),
  int: ([v], range) => {
    const n = typeof v === 'string' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isFinite(n)) throw new CelEvalError(`cannot convert ${celTypeName(v)} to int`, range);
    return Math.trunc(n);
  },
  double: ([v], range) => {
    const n = typeof v === 'string' ? Number(v) : v;
    if (typeof n !== 'number' || Number.isNaN(n)) throw new CelEvalError(`cannot convert ${celTypeName(v)} to double`, range);
    return n;
  },
  string: ([v]) => (typeof v === 'string' ? v : Array.isArray(v) || isMap(v) ? JSON.stringify(v) : String(v)),
  dyn: ([v]) => v,
  matches: ([s, re], range) => matches(s, re, range),
};

const BUILTIN_METHODS: Record<string, (receiver: unknown, args: unknown[], range: Range) => unknown> = {
  size: (r, _args, range) => sizeOf(r, range),
  startsWith: (r, [p], range) => str(r, range).startsWith(str(p, range)),
  endsWith: (r, [p], range) => str(r, range).endsWith(str(p, range)),
  contains: (r, [p], range) => str(r, range).includes(str(p, range)),
  matches: (r, [re], range) => matches(r, re, range),
  lowerAscii: (r, _args, range) => str(r, range).toLowerCase(),
  upperAscii: (r, _args, range) => str(r, range).toUpperCase(),
  join: (r, [sep], range) => {
    if (!Array.isArray(r)) throw new CelEvalError(`join() needs a list, got ${celTypeName(r)}`, range);
    return r.map((x) => str(x, range)).join(sep === undefined ? '' : str(sep, range));
  },
};

/** Patterns computed at run time, compiled once each; bounded, oldest out first. */
const regexCache = new Map<string, RE2JS>();
const REGEX_CACHE_SIZE = 256;

function matches(s: unknown, re: unknown, range: Range): boolean {
  const pattern = str(re, range);
  let compiled = regexCache.get(pattern);
  if (!compiled) {
    compiled = compileRe2(pattern, (message) => new CelEvalError(message, range));
    if (regexCache.size >= REGEX_CACHE_SIZE) regexCache.delete(regexCache.keys().next().value as string);
    regexCache.set(pattern, compiled);
  }
  return compiled.matcher(str(s, range)).find();
}

/** Compiles an RE2 pattern; a pattern RE2 refuses becomes the error `fail` makes, with RE2's reason. */
function compileRe2(pattern: string, fail: (message: string) => Error): RE2JS {
  const { RE2JS: Re2 } = re2js();
  try {
    return Re2.compile(pattern);
  } catch (err) {
    const reason = String((err as Error).message ?? err).replace(/^error parsing regexp: /, '');
    throw fail(`invalid regular expression ${JSON.stringify(pattern)}: ${reason} (matches() takes RE2 syntax: no backreferences or lookaround)`);
  }
}

/** re2js, loaded on first use: most policies never call matches(). */
function re2js(): typeof import('re2js') {
  return require('re2js') as typeof import('re2js'); // eslint-disable-line @typescript-eslint/no-require-imports
}

function sizeOf(v: unknown, range: Range): number {
  if (typeof v === 'string') return [...v].length;
  if (Array.isArray(v)) return v.length;
  if (isMap(v)) return Object.keys(v).length;
  throw new CelEvalError(`size() needs a string, list or map, got ${celTypeName(v)}`, range);
}

function indexValue(target: unknown, index: unknown, range: Range): unknown {
  if (Array.isArray(target)) {
    if (typeof index !== 'number' || !Number.isInteger(index)) throw new CelEvalError(`list index must be an int, got ${celTypeName(index)}`, range);
    if (index < 0 || index >= target.length) throw new CelEvalError(`index ${index} out of range (size ${target.length})`, range);
    return target[index];
  }
  if (isMap(target)) return selectField(target, String(index), range);
  throw new CelEvalError(`cannot index ${celTypeName(target)}`, range);
}

function contains(container: unknown, item: unknown, range: Range): boolean {
  if (Array.isArray(container)) {
    if (typeof item !== 'object' || item === null) return container.includes(item);
    return container.some((x) => celEquals(x, item));
  }
  if (isMap(container)) return Object.prototype.hasOwnProperty.call(container, String(item));
  throw new CelEvalError(`"in" needs a list or map, got ${celTypeName(container)}`, range);
}

function bool(v: unknown, range: Range): boolean {
  if (typeof v !== 'boolean') throw new CelEvalError(`expected bool, got ${celTypeName(v)}`, range);
  return v;
}

function num(v: unknown, range: Range): number {
  if (typeof v !== 'number') throw new CelEvalError(`expected a number, got ${celTypeName(v)}`, range);
  return v;
}

function str(v: unknown, range: Range): string {
  if (typeof v !== 'string') throw new CelEvalError(`expected string, got ${celTypeName(v)}`, range);
  return v;
}
