import { DiagnosticError } from '../../src/source/diagnostic';
import { formatReport, REPORT_BATCH_BYTES, reportChunks } from '../../src/report/format-report';
import { formatters, type FormatOptions } from '../../src/report/formatters';
import type { Chunks } from '../../src/report/formatters/types';
import type { Report } from '../../src/types';

// The streamed form of a report: a formatter's pieces are gathered into writes of about 64 KiB,
// their UTF-8 size counted as they come, and the limit enforced before anything is joined. The
// formatters here are the tests' own (put in the registry for the test), so that what is streamed
// is known exactly.

const report = {} as Report;
const registry = formatters as unknown as Record<string, (r: Report, o?: FormatOptions) => unknown>;

/** Puts `formatter` in the registry as `text` for the test. */
function withText(formatter: (r: Report, o?: FormatOptions) => unknown): void {
  const original = registry.text;
  registry.text = formatter;
  afterEachRestore.push(() => void (registry.text = original));
}
const afterEachRestore: Array<() => void> = [];
afterEach(() => {
  for (const restore of afterEachRestore.splice(0)) restore();
});

async function collect(source: AsyncIterable<string | Buffer>): Promise<Array<string | Buffer>> {
  const out: Array<string | Buffer> = [];
  for await (const piece of source) out.push(piece);
  return out;
}

function tooLargeMessage(err: unknown): string {
  expect(err).toBeInstanceOf(DiagnosticError);
  const [d] = (err as DiagnosticError).diagnostics;
  expect(d!.code).toBe('report/too-large');
  return d!.message;
}

/** Pieces forever: only a limit counted on the running total can stop it. */
function* endless(piece: string): Chunks {
  for (;;) yield piece;
}

describe('reportChunks', () => {
  it('gathers small pieces into batches of at least 64 KiB, in order, losing nothing', async () => {
    function* lines(): Chunks {
      for (let i = 0; i < 20_000; i++) yield `line ${i}\n`;
    }
    withText(lines);
    const pieces = await collect(reportChunks('text', report, {}));
    expect(pieces.join('')).toBe([...lines()].join(''));
    for (const p of pieces.slice(0, -1)) expect(Buffer.byteLength(p)).toBeGreaterThanOrEqual(REPORT_BATCH_BYTES);
    expect(pieces.length).toBe(Math.ceil(Buffer.byteLength([...lines()].join('')) / REPORT_BATCH_BYTES));
  });

  it('passes a large piece on as it is, after what was gathered before it', async () => {
    const big = 'x'.repeat(REPORT_BATCH_BYTES * 3);
    withText(function* (): Chunks {
      yield 'head\n';
      yield big;
      yield 'tail\n';
    });
    const pieces = await collect(reportChunks('text', report, {}));
    expect(pieces).toEqual(['head\n', big, 'tail\n']);
    expect(pieces[1]).toBe(big);
  });

  it('fails as soon as the running total passes the limit, without joining (the source never ends)', async () => {
    withText(() => endless('y'.repeat(1000)));
    const seen: number[] = [];
    const err = await (async () => {
      for await (const piece of reportChunks('text', report, {}, 1024 * 1024, 'out.txt')) seen.push(piece.length);
    })().catch((e: unknown) => e);
    expect(tooLargeMessage(err)).toBe('out.txt: the text report is over the limit of 1 MiB (--max-report-size)');
    // What was yielded before the error is under the limit.
    expect(seen.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1024 * 1024);
  });

  it('counts UTF-8 bytes, not UTF-16 units', async () => {
    // 600 "é" are 600 units and 1,200 bytes.
    withText(function* (): Chunks {
      for (let i = 0; i < 600; i++) yield 'é';
    });
    expect(tooLargeMessage(await collect(reportChunks('text', report, {}, 1199)).catch((e: unknown) => e))).toContain('over the limit of 1,199 bytes');
    expect((await collect(reportChunks('text', report, {}, 1200))).join('')).toBe('é'.repeat(600));
  });

  it('the same limit holds a format made at once, with its size', async () => {
    withText(() => 'z'.repeat(5000));
    const err = await collect(reportChunks('text', report, {}, 1000, 'stdout')).catch((e: unknown) => e);
    expect(tooLargeMessage(err)).toBe('stdout: the text report is 5,000 bytes, over the limit of 1,000 bytes (--max-report-size)');
  });

  it('a RangeError from the runtime while streaming is report/too-large, not a crash', async () => {
    withText(function* (): Chunks {
      yield 'a';
      throw new RangeError('Invalid string length');
    });
    const text = await collect(reportChunks('text', report, {}, 100, 'r.txt')).catch((e: unknown) => e);
    expect(tooLargeMessage(text)).toBe('r.txt: the text report is too large to build, over the limit of 100 bytes (--max-report-size)');
  });

  it('passes the options on to the formatter', async () => {
    let given: FormatOptions | undefined;
    withText((_r, o) => {
      given = o;
      return 'ok';
    });
    await collect(reportChunks('text', report, { pretty: true, full: true }));
    expect(given).toEqual({ pretty: true, full: true });
  });
});

describe('formatReport with a streamed format', () => {
  it('joins the pieces into the string the formatter would give at once', async () => {
    withText(function* (): Chunks {
      for (let i = 0; i < 50_000; i++) yield `${i},`;
    });
    const joined = await formatReport('text', report, {});
    expect(joined).toBe(Array.from({ length: 50_000 }, (_, i) => `${i},`).join(''));
  });

  it('fails on the running total, before joining: an endless source ends in report/too-large', async () => {
    withText(() => endless('w'.repeat(4096)));
    const err = await formatReport('text', report, {}, 8 * 1024 * 1024, 'report.txt').catch((e: unknown) => e);
    expect(tooLargeMessage(err)).toBe('report.txt: the text report is over the limit of 8 MiB (--max-report-size)');
  });
});
