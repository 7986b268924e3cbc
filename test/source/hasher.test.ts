import { Hasher } from '../../src/source/hasher';

/** The fingerprint form as it was first defined: each 53-bit hash as 14 hex digits, zero-padded. */
function reference(a: number, b: number): string {
  return a.toString(16).padStart(14, '0') + b.toString(16).padStart(14, '0');
}

/** A Hasher whose two hashes are known, by reading them back through digest() and a twin. */
function hashesOf(parts: string[]): { hex: string; a: number; b: number } {
  const h = new Hasher();
  for (const p of parts) h.text(p);
  const hex = h.hex();
  return { hex, a: h.digest(), b: Number.parseInt(hex.slice(14), 16) };
}

describe('Hasher.hex', () => {
  it('writes both 53-bit hashes as 28 lower-case hex digits, zero-padded, as toString(16) would', () => {
    for (let i = 0; i < 2000; i++) {
      const { hex, a, b } = hashesOf([`rule-${i}`, String(i * 7919), i % 3 === 0 ? '' : 'flow']);
      expect(hex).toMatch(/^[0-9a-f]{28}$/);
      expect(hex).toBe(reference(a, b));
    }
  });

  it('writes the first hash digit for digit as digest() gives it, leading zeros included, and tells 5000 inputs apart', () => {
    // The first hash's digits must match digest() exactly, whatever its size.
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const { hex, a } = hashesOf([String(i)]);
      expect(hex.slice(0, 14)).toBe(a.toString(16).padStart(14, '0'));
      seen.add(hex);
    }
    expect(seen.size).toBe(5000);
  });

  it('gives a string of its own each time, not one buffer overwritten by the next call', () => {
    const first = hashesOf(['a']).hex;
    const second = hashesOf(['b']).hex;
    expect(first).not.toBe(second);
    expect(hashesOf(['a']).hex).toBe(first);
  });
});
