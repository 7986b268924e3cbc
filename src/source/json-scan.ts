import { skipWhitespace } from './json-lexer';
import { escapeSegment } from './pointer';

/**
 * A small JSON scanner for the slow path: where JSON.parse fails (V8's messages do not always
 * give a position) and where duplicate keys must be found and located. It checks the grammar
 * of RFC 8259, stopping at the first error.
 */

export interface JsonScanResult {
  error?: { offset: number; message: string };
  duplicates: Array<{ offset: number; key: string; pointer: string }>;
}

export function scanJson(text: string, maxDepth = 1000): JsonScanResult {
  const scan = new GrammarScan(text, maxDepth);
  try {
    scan.document();
    return { duplicates: scan.duplicates };
  } catch (err) {
    if (err instanceof ScanError) return { error: { offset: err.offset, message: err.message }, duplicates: scan.duplicates };
    throw err;
  }
}

const LITERALS = ['true', 'false', 'null'];
/** A number's grammar, matched within a bounded window: anchored, without nested repetition. */
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** A recursive descent over the text; the first error is thrown as a ScanError. */
class GrammarScan {
  readonly duplicates: JsonScanResult['duplicates'] = [];
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  document(): void {
    this.value('', 0);
    this.ws();
    if (this.i < this.text.length) this.fail(`unexpected ${this.describe()} after the end of the value`);
  }

  private fail(message: string, at = this.i): never {
    throw new ScanError(at, message);
  }

  private ws(): void {
    this.i = skipWhitespace(this.text, this.i);
  }

  private describe(): string {
    return this.i >= this.text.length ? 'the end of the input' : `${JSON.stringify(this.text[this.i])}`;
  }

  /** Steps over `char` when it is next; tells whether it was. */
  private accept(char: string): boolean {
    if (this.text[this.i] !== char) return false;
    this.i++;
    return true;
  }

  /**
   * One value; containers are walked here rather than in methods of their own, so that each
   * level of nesting costs one frame of the call stack.
   */
  private value(pointer: string, depth: number): void {
    if (depth > this.maxDepth) this.fail(`nested deeper than ${this.maxDepth} levels`);
    this.ws();
    const c = this.text[this.i];
    if (c !== '{' && c !== '[') return this.scalar(c);
    const closing = c === '{' ? '}' : ']';
    const seen = c === '{' ? new Set<string>() : undefined;
    this.i++;
    this.ws();
    if (this.accept(closing)) return;
    for (let n = 0; ; n++) {
      this.value(seen ? this.memberName(pointer, seen) : `${pointer}/${n}`, depth + 1);
      this.ws();
      if (this.accept(',')) continue;
      if (this.accept(closing)) return;
      this.fail(`expected ',' or '${closing}', found ${this.describe()}`);
    }
  }

  /** A member's name and its colon; records a repeated name; returns the member's pointer. */
  private memberName(pointer: string, seen: Set<string>): string {
    this.ws();
    if (this.text[this.i] !== '"') this.fail(`expected a property name in double quotes, found ${this.describe()}`);
    const keyAt = this.i;
    const key = this.string();
    if (seen.has(key)) this.duplicates.push({ offset: keyAt, key, pointer: `${pointer}/${escapeSegment(key)}` });
    seen.add(key);
    this.ws();
    if (!this.accept(':')) this.fail(`expected ':' after the property name, found ${this.describe()}`);
    return `${pointer}/${escapeSegment(key)}`;
  }

  /** A string, literal or number starting with `c`. */
  private scalar(c: string | undefined): void {
    if (c === '"') {
      this.string();
      return;
    }
    for (const literal of LITERALS) {
      if (this.text.startsWith(literal, this.i)) {
        this.i += literal.length;
        return;
      }
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    this.fail(`expected a value, found ${this.describe()}`);
  }

  /** A string at the opening quote; returns its decoded text. */
  private string(): string {
    const text = this.text;
    const start = this.i;
    this.i++;
    let out = '';
    for (;;) {
      if (this.i >= text.length) this.fail('unterminated string', start);
      const c = text.charCodeAt(this.i);
      if (c === 0x22) {
        this.i++;
        return out;
      }
      if (c < 0x20) this.fail('control character in string (escape it)');
      if (c === 0x5c) out += this.escape();
      else {
        out += text[this.i];
        this.i++;
      }
    }
  }

  /** An escape sequence at the backslash; returns the character it stands for. */
  private escape(): string {
    const e = this.text[this.i + 1];
    if (e === 'u') {
      const hex = this.text.slice(this.i + 2, this.i + 6);
      if (!HEX4.test(hex)) this.fail('invalid \\u escape');
      this.i += 6;
      return String.fromCharCode(parseInt(hex, 16));
    }
    if (e !== undefined && '"\\/bfnrt'.includes(e)) {
      this.i += 2;
      return e;
    }
    return this.fail('invalid escape in string');
  }

  /** Numbers are matched within 400 characters: a longer one fails at the character after. */
  private number(): void {
    const m = NUMBER.exec(this.text.slice(this.i, this.i + 400));
    if (!m) this.fail(`expected a value, found ${this.describe()}`);
    this.i += m[0].length;
  }
}

class ScanError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}
