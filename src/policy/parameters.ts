import { diagnostic, type Diagnostic } from '../source/diagnostic';
import { didYouMean } from '../source/did-you-mean';
import type { PolicyDocument } from './load-policy';
import type { ParameterValue, SourceLocation } from '../types/index';

/** A parameter as the run uses it: where it is declared, its default, and who set it. */
export interface PolicyParameter {
  name: string;
  description: string;
  type: ParameterType;
  default: ParameterValue;
  value: ParameterValue;
  source?: string;
  /** The file that declares it. */
  declaredIn: string;
  /** The policy file that set the value, when one did. */
  setIn?: SourceLocation;
}

export type ParameterType = 'integer' | 'number' | 'boolean' | 'string';

/**
 * The parameters of a policy (params.<name> in conditions). Packs and policies declare them, each
 * with a default; a file that sets them (parameters as an object) changes the value, the later
 * file winning, so an organisation tunes a threshold of the law without editing its rules. Values
 * of the wrong type and names no file declares are errors, located, with a suggestion.
 */
export function compileParameters(documents: readonly PolicyDocument[]): { params: Record<string, ParameterValue>; parameters: PolicyParameter[]; errors: Diagnostic[] } {
  const errors: Diagnostic[] = [];
  const declared = new Map<string, PolicyParameter>();
  // Located only for an error: locating reads positions, which a built-in pack from the build's cache has not parsed.
  const where = new Map<string, () => SourceLocation>();
  for (const doc of documents) {
    const raw = doc.data.parameters;
    if (!Array.isArray(raw)) continue;
    raw.forEach((p, i) => {
      const at = (): SourceLocation => doc.source.locate(`/parameters/${i}/name`);
      if (declared.has(p.name)) {
        const first = where.get(p.name)!();
        errors.push(diagnostic('policy/parameter', `parameter "${p.name}" is declared twice (first at ${first.file}:${first.line}:${first.column})`, at(), 'set its value with parameters: { name: value } instead'));
        return;
      }
      declared.set(p.name, { name: p.name, description: p.description, type: typeOf(p.default), default: p.default, value: p.default, ...(p.source ? { source: p.source } : {}), declaredIn: doc.source.file });
      where.set(p.name, at);
    });
  }
  for (const doc of documents) {
    const raw = doc.data.parameters;
    if (!raw || Array.isArray(raw)) continue;
    for (const [name, value] of Object.entries(raw)) {
      if (value === undefined) continue;
      const at = doc.source.locate(`/parameters/${name}`, { key: true });
      const parameter = declared.get(name);
      if (!parameter) {
        const guess = didYouMean(name, declared.keys());
        errors.push(diagnostic('policy/parameter', `unknown parameter "${name}"`, at, guess ? `did you mean "${guess}"?` : declared.size ? `the declared parameters are: ${[...declared.keys()].join(', ')}` : 'no extended pack or policy declares parameters'));
        continue;
      }
      if (!fits(parameter.type, value)) {
        errors.push(diagnostic('policy/parameter', `parameter "${name}" must be ${article(parameter.type)}, not ${JSON.stringify(value)}`, at, `its default is ${JSON.stringify(parameter.default)}`));
        continue;
      }
      parameter.value = value;
      parameter.setIn = at;
    }
  }
  const parameters = [...declared.values()];
  return { params: Object.fromEntries(parameters.map((p) => [p.name, p.value])), parameters, errors };
}

/** A parameter's type is that of its default; an integer default makes an integer parameter. */
function typeOf(value: ParameterValue): ParameterType {
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value === 'boolean' ? 'boolean' : 'string';
}

function fits(type: ParameterType, value: ParameterValue): boolean {
  if (type === 'integer') return typeof value === 'number' && Number.isInteger(value);
  return type === 'number' ? typeof value === 'number' : typeof value === type;
}

function article(type: ParameterType): string {
  return type === 'integer' ? 'an integer' : `a ${type}`;
}
