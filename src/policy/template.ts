import { escapeControl } from '../source/escape-control';
import type { Law } from '../law/law';
import type { EvalContext } from './cel/compile';
import { compileExpression, ExpressionError, type AstCache, type CompiledExpression, type ExpressionScope } from './cel/expressions';

/** A conditional section of a template: `{{#if cond}}then{{else}}otherwise{{/if}}`. */
export interface TemplateSection {
  condition: CompiledExpression;
  then: TemplatePart[];
  otherwise: TemplatePart[];
}

export type TemplatePart = string | CompiledExpression | TemplateSection;

/** A message template: literal text, {{ CEL }} placeholders and {{#if}} sections, compiled once. */
export interface Template {
  source: string;
  parts: TemplatePart[];
}

/** One `{{ ... }}` of a template source: a placeholder, or a section's opening, else or end. */
export interface TemplateTag {
  kind: 'value' | 'if' | 'else' | 'end';
  /** The CEL expression of a value or an `#if` (trimmed); "" for else and end. */
  expression: string;
  /** Offsets of the expression (or of the tag's body) in the source. */
  start: number;
  end: number;
  /** Offsets of the whole tag, braces included. */
  tagStart: number;
  tagEnd: number;
}

const IF = /^#if(?=\s)/;

/**
 * The tags of a template in order. The translations of a text use the same tags (the same
 * expressions, in any order): a lawyer reads the texts side by side and no language shows a
 * fact another hides.
 */
export function templateTags(source: string): TemplateTag[] {
  const tags: TemplateTag[] = [];
  let at = 0;
  while (at < source.length) {
    const open = source.indexOf('{{', at);
    if (open < 0) break;
    const close = source.indexOf('}}', open + 2);
    if (close < 0) throw new ExpressionError('unclosed "{{" in template', { start: open, end: source.length });
    const body = source.slice(open + 2, close);
    const lead = body.length - body.trimStart().length;
    const trimmed = body.trim();
    const tag = { tagStart: open, tagEnd: close + 2 };
    if (trimmed === 'else') tags.push({ kind: 'else', expression: '', start: open + 2, end: close, ...tag });
    else if (trimmed === '/if') tags.push({ kind: 'end', expression: '', start: open + 2, end: close, ...tag });
    else if (IF.test(trimmed)) {
      const expression = trimmed.slice(3).trimStart();
      tags.push({ kind: 'if', expression, start: open + 2 + lead + (trimmed.length - expression.length), end: close, ...tag });
    } else tags.push({ kind: 'value', expression: trimmed, start: open + 2 + lead, end: close, ...tag });
    at = close + 2;
  }
  return tags;
}

/**
 * Compiles "Flow {{ flow.id }} sends ...{{#if cond}} (why){{/if}}": each placeholder is a
 * type-checked CEL expression, each section's condition a bool one. Words live in the template,
 * not in expressions, so that each language words them its own way.
 */
export function compileTemplate(source: string, law: Law, lists: Record<string, string[]>, scope?: ExpressionScope, maxCost?: number, cache?: AstCache, params: Record<string, unknown> = {}): Template {
  const root: TemplatePart[] = [];
  const open: Array<{ section: TemplateSection; tag: TemplateTag; inElse: boolean }> = [];
  const current = (): TemplatePart[] => {
    const top = open[open.length - 1];
    return top ? (top.inElse ? top.section.otherwise : top.section.then) : root;
  };
  const compile = (tag: TemplateTag, type: 'any' | 'bool'): CompiledExpression => {
    try {
      return compileExpression(tag.expression, type, law, lists, scope, maxCost, cache, params);
    } catch (err) {
      if (err instanceof ExpressionError) throw new ExpressionError(err.message, { start: err.range.start + tag.start, end: err.range.end + tag.start }, err.hint);
      throw err;
    }
  };
  let at = 0;
  for (const tag of templateTags(source)) {
    if (tag.tagStart > at) current().push(source.slice(at, tag.tagStart));
    at = tag.tagEnd;
    if (tag.kind === 'value') current().push(compile(tag, 'any'));
    else if (tag.kind === 'if') {
      const section: TemplateSection = { condition: compile(tag, 'bool'), then: [], otherwise: [] };
      current().push(section);
      open.push({ section, tag, inElse: false });
    } else {
      const top = open[open.length - 1];
      if (!top) throw new ExpressionError(`{{${tag.kind === 'else' ? 'else' : '/if'}}} without {{#if ...}}`, { start: tag.tagStart, end: tag.tagEnd });
      if (tag.kind === 'end') open.pop();
      else if (top.inElse) throw new ExpressionError('a second {{else}} in one {{#if}} section', { start: tag.tagStart, end: tag.tagEnd });
      else top.inElse = true;
    }
  }
  const unclosed = open[open.length - 1];
  if (unclosed) throw new ExpressionError('{{#if ...}} without {{/if}}', { start: unclosed.tag.tagStart, end: unclosed.tag.tagEnd });
  if (at < source.length) root.push(source.slice(at));
  return { source, parts: root };
}

/**
 * A template compiled when it is first rendered. For the templates of a built-in pack whose every
 * expression the build checked and cached: compiling them cannot fail, and most rules of a run
 * never render (a one-file check spent 5% of its time compiling their texts in two languages).
 */
export function lazyTemplate(source: string, compile: () => Template): Template {
  const template = { source } as Template;
  Object.defineProperty(template, 'parts', {
    configurable: true,
    enumerable: true,
    get() {
      const { parts } = compile();
      Object.defineProperty(template, 'parts', { value: parts, enumerable: true });
      return parts;
    },
  });
  return template;
}

/**
 * Renders a template for one flow. A placeholder that fails (say, an optional field the flow
 * lacks) renders as a visible marker rather than dropping the finding it belongs to; a section
 * whose condition fails renders the same marker.
 */
export function renderTemplate(template: Template, ctx: EvalContext): string {
  return renderParts(template.parts, ctx);
}

function renderParts(parts: readonly TemplatePart[], ctx: EvalContext): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') out += part;
    else if ('condition' in part) {
      let holds: unknown;
      try {
        holds = part.condition.fn(ctx);
      } catch (err) {
        out += `[${part.condition.source}: ${(err as Error).message}]`;
        continue;
      }
      out += renderParts(holds === true ? part.then : part.otherwise, ctx);
    } else {
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
