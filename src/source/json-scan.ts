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
  let i = 0;
  const duplicates: JsonScanResult['duplicates'] = [];
  const fail = (message: string, at = i): never => {
    throw new ScanError(at, message);
  };
  const ws = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const describe = (): string => (i >= text.length ? 'the end of the input' : `${JSON.stringify(text[i])}`);
  const string = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= text.length) fail('unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return out;
      }
      if (c < 0x20) fail('control character in string (escape it)');
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('invalid \\u escape');
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          out += e;
          i += 2;
        } else fail('invalid escape in string');
      } else {
        out += text[i];
        i++;
      }
    }
  };
  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail(`expected a value, found ${describe()}`);
    i += m![0].length;
  };
  const value = (pointer: string, depth: number): void => {
    if (depth > maxDepth) fail(`nested deeper than ${maxDepth} levels`);
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const seen = new Set<string>();
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe()}`);
        const keyAt = i;
        const key = string();
        if (seen.has(key)) duplicates.push({ offset: keyAt, key, pointer: `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}` });
        seen.add(key);
        ws();
        if (text[i] !== ':') fail(`expected ':' after the property name, found ${describe()}`);
        i++;
        value(`${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(`expected ',' or '}', found ${describe()}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        value(`${pointer}/${n}`, depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(`expected ',' or ']', found ${describe()}`);
      }
    }
    if (c === '"') {
      string();
      return;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    fail(`expected a value, found ${describe()}`);
  };
  try {
    value('', 0);
    ws();
    if (i < text.length) fail(`unexpected ${describe()} after the end of the value`);
    return { duplicates };
  } catch (err) {
    if (err instanceof ScanError) return { error: { offset: err.offset, message: err.message }, duplicates };
    throw err;
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
