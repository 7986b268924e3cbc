import { lazyTemplate, type Template } from '../../src/policy/template';

// Built-in packs' templates compile when first rendered (their expressions were checked at build).
describe('lazyTemplate', () => {
  it('compiles on the first read of its parts, once, and keeps its source readable before', () => {
    let compiled = 0;
    const parts: Template['parts'] = ['Flow ', 'x'];
    const template = lazyTemplate('Flow {{ flow.id }}', () => {
      compiled += 1;
      return { source: 'Flow {{ flow.id }}', parts };
    });
    expect(template.source).toBe('Flow {{ flow.id }}');
    expect(compiled).toBe(0);
    expect(template.parts).toBe(parts);
    expect(template.parts).toBe(parts);
    expect(compiled).toBe(1);
    expect(Object.keys(template)).toEqual(['source', 'parts']);
  });
});
