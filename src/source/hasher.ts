/**
 * Two seeded cyrb53 hashes computed in one pass over a sequence of texts and numbers. A text is
 * fed with its length first and a number as four 16-bit units, so no sequence of parts can be
 * read as another: the input is never joined into one string.
 */
export class Hasher {
  private a1 = 0xdeadbeef ^ 0x9e3779b9;
  private a2 = 0x41c6ce57 ^ 0x9e3779b9;
  private b1 = 0xdeadbeef ^ 0x85ebca6b;
  private b2 = 0x41c6ce57 ^ 0x85ebca6b;

  text(s: string): void {
    this.unit(s.length & 0xffff);
    this.unit(s.length >>> 16);
    for (let i = 0; i < s.length; i++) this.unit(s.charCodeAt(i));
  }

  /** A non-negative integer below 2^53 (a digest). */
  number(n: number): void {
    const high = Math.floor(n / 4294967296);
    const low = n >>> 0;
    this.unit(low & 0xffff);
    this.unit(low >>> 16);
    this.unit(high & 0xffff);
    this.unit(high >>> 16);
  }

  /** The first hash, a 53-bit integer: the digest of a party's, dataset's or flow's facts. */
  digest(): number {
    return finish(this.a1, this.a2);
  }

  /** Both hashes as 28 hex digits: a fingerprint, one flat string. */
  hex(): string {
    hexDigits(finish(this.a1, this.a2), 0);
    hexDigits(finish(this.b1, this.b2), 14);
    return String.fromCharCode.apply(null, HEX_OUT);
  }

  /** One 16-bit unit. */
  unit(ch: number): void {
    this.a1 = Math.imul(this.a1 ^ ch, 2654435761);
    this.a2 = Math.imul(this.a2 ^ ch, 1597334677);
    this.b1 = Math.imul(this.b1 ^ ch, 2654435761);
    this.b2 = Math.imul(this.b2 ^ ch, 1597334677);
  }
}

function finish(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const HEX = '0123456789abcdef';
/** The char codes of hex(), written in place: a fingerprint is made for every finding. */
const HEX_OUT: number[] = new Array<number>(28).fill(0);

/**
 * Writes a 53-bit integer as 14 hex digits at `at` of HEX_OUT, from its two 32-bit halves:
 * Number#toString(16) of a double takes about a microsecond, this a tenth of it.
 */
function hexDigits(n: number, at: number): void {
  let high = Math.floor(n / 4294967296);
  let low = n >>> 0;
  for (let i = at + 13; i >= at + 6; i--) {
    HEX_OUT[i] = HEX.charCodeAt(low & 15);
    low >>>= 4;
  }
  for (let i = at + 5; i >= at; i--) {
    HEX_OUT[i] = HEX.charCodeAt(high & 15);
    high >>>= 4;
  }
}

/** A digest of any text as 28 hex digits (for rule versions). */
export function digest(text: string): string {
  const h = new Hasher();
  h.text(text);
  return h.hex();
}
