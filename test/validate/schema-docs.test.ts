import { loadSchema } from '../../src/source/schemas';

type Schema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every property without a description, and every object without a title, by JSON path. */
function undocumented(root: Schema): string[] {
  const missing: string[] = [];
  const visit = (s: Schema, at: string, isProperty: boolean): void => {
    if (!s || typeof s !== 'object') return;
    if (isProperty && !s.description && !s.$ref) missing.push(`${at}: no description`);
    if (isProperty && s.$ref && !s.description) missing.push(`${at}: no description beside $ref`);
    if ((s.type === 'object' || s.properties) && !s.title && at !== '#' && !isProperty && !at.endsWith('/items')) missing.push(`${at}: no title`);
    for (const [k, v] of Object.entries((s.properties ?? {}) as Schema)) if (k !== '$schema') visit(v, `${at}/properties/${k}`, true);
    for (const [k, v] of Object.entries((s.definitions ?? {}) as Schema)) visit(v, `${at}/definitions/${k}`, false);
    for (const key of ['items', 'additionalProperties']) if (s[key] && typeof s[key] === 'object') visit(s[key], `${at}/${key}`, false);
    for (const key of ['oneOf', 'anyOf']) (s[key] ?? []).forEach((b: Schema, i: number) => visit(b, `${at}/${key}/${i}`, false));
  };
  visit(root, '#', false);
  return missing;
}

describe('editor support', () => {
  it.each(['manifest', 'policy', 'waivers', 'policy-test'] as const)('the %s schema documents every field for hover and completion', (name) => {
    expect(undocumented(loadSchema(name))).toEqual([]);
  });
});
