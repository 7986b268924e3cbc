import { escapeControl } from '../source/escape-control';
import type { Law } from '../law/law';
import type { EvalContext } from './cel/compile';
import { compileExpression, ExpressionError, type AstCache, type CompiledExpression, type ExpressionScope } from './cel/expressions';

/** A message template: literal text and {{ CEL }} placeholders, compiled once. */
export interface Template {
  source: string;
  parts: Array<string | CompiledExpression>;
}

/** Compiles "Flow {{ flow.id }} sends ..." — each placeholder is a type-checked CEL expression. */
export function compileTemplate(source: string, law: Law, lists: Record<string, string[]>, scope?: ExpressionScope, maxCost?: number, cache?: AstCache, params: Record<string, unknown> = {}): Template {
  const parts: Template['parts'] = [];
  let at = 0;
  while (at < source.length) {
    const open = source.indexOf('{{', at);
    if (open < 0) {
      parts.push(source.slice(at));
      break;
    }
    if (open > at) parts.push(source.slice(at, open));
    const close = source.indexOf('}}', open + 2);
    if (close < 0) throw new ExpressionError('unclosed "{{" in template', { start: open, end: source.length });
    const expr = source.slice(open + 2, close);
    const lead = expr.length - expr.trimStart().length;
    try {
      parts.push(compileExpression(expr.trim(), 'any', law, lists, scope, maxCost, cache, params));
    } catch (err) {
      if (err instanceof ExpressionError) {
        const shift = open + 2 + lead;
        throw new ExpressionError(err.message, { start: err.range.start + shift, end: err.range.end + shift }, err.hint);
      }
      throw err;
    }
    at = close + 2;
  }
  return { source, parts };
}

/**
 * Renders a template for one flow. A placeholder that fails (say, an optional field the flow
 * lacks) renders as a visible marker rather than dropping the finding it belongs to.
 */
export function renderTemplate(template: Template, ctx: EvalContext): string {
  let out = '';
  for (const part of template.parts) {
    if (typeof part === 'string') out += part;
    else {
      try {
        out += escapeControl(display(part.fn(ctx)));
      } catch (err) {
        out += `[${part.source}: ${(err as Error).message}]`;
      }
    }
  }
  return out;
}

function display(value: unknown): string {
  if (Array.isArray(value)) return value.map(display).join(', ');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
