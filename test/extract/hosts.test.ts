import fc from 'fast-check';
import { hostMatches } from '../../src/extract/hosts';

/** The definition: `*` stands for one or more characters (a backtracking reference, small inputs only). */
function reference(pattern: string, host: string): boolean {
  const source = pattern
    .toLowerCase()
    .replace(/\.$/, '')
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.+');
  return new RegExp(`^${source}$`).test(host);
}

describe('hostMatches', () => {
  it('agrees with the regular-expression definition on generated patterns and hosts', () => {
    const piece = fc.constantFrom('a', 'b', '.', '-', '*', 'ab', 'x.com');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.array(fc.constantFrom('a', 'b', '.', '-', 'x.com'), { maxLength: 10 }), (p, h) => {
        const pattern = p.join('');
        const host = h.join('');
        expect(hostMatches(pattern, host)).toBe(reference(pattern, host));
      }),
      { numRuns: 2000 },
    );
  });

  it('matches a pattern of many stars against a long host that almost matches, in linear time', () => {
    // A backtracking engine takes time exponential in the stars here; a wrong matcher gives true.
    const pattern = `${'*a'.repeat(30)}*b`;
    const host = 'a'.repeat(100_000);
    expect(hostMatches(pattern, host)).toBe(false);
    expect(hostMatches(pattern, `${host}cb`)).toBe(true);
  });
});
