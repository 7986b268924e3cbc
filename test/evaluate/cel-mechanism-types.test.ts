import { manifestCelTypes, mergeBranches } from '../../src/policy/cel/environment';

// Mechanism types are branches of one oneOf; CEL sees one Mechanism type with every branch's fields.
// A field declared by several branches must get one type, whatever the branches' order.

describe('the CEL type of mechanisms', () => {
  it('merges a field that two branches declare as objects of different shapes into one with every field', () => {
    const types = manifestCelTypes();
    const informed = types.Mechanism.informed;
    // appi-consent's informed has countryUndetermined; appi-consent-confirmed's has not.
    expect(Object.keys(types[informed]).sort()).toEqual(['country', 'countryUndetermined', 'protectionSystem', 'recipientMeasures', 'recipientMeasuresUnavailable']);
  });

  it('gives every field of every mechanism branch a type', () => {
    const types = manifestCelTypes();
    expect(types.Mechanism.type).toBe('string');
    for (const field of ['signedOn', 'module', 'section', 'implementedOn', 'auditedOn', 'basis']) expect(types.Mechanism[field]).toBeDefined();
  });

  it('refuses a field with different scalar types in two branches, naming it', () => {
    const branches = [
      { properties: { type: { const: 'a' }, count: { type: 'integer' } } },
      { properties: { type: { const: 'b' }, count: { type: 'string' } } },
    ];
    expect(() => mergeBranches('Mechanism', branches, (s) => s)).toThrow('field "count" of Mechanism has different types in different branches (int, string): CEL needs one');
  });

  it('merges objects field by field, in either order', () => {
    const a = { type: 'object', properties: { x: { type: 'boolean' } } };
    const b = { type: 'object', properties: { y: { type: 'string' } } };
    for (const branches of [[{ properties: { o: a } }, { properties: { o: b } }], [{ properties: { o: b } }, { properties: { o: a } }]]) {
      const merged = mergeBranches('M', branches, (s) => s);
      expect(Object.keys(merged.o.properties).sort()).toEqual(['x', 'y']);
      expect(merged.o.title).toBe('MO');
      expect(merged.type).toEqual({ type: 'string' });
    }
  });
});
