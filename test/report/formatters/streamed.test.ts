import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { formatters, joinChunks, type FormatOptions } from '../../../src/report/formatters';
import { csvRecord } from '../../../src/report/formatters/csv';
import { REGISTER_COLUMNS, registerRows, spreadsheetCell } from '../../../src/report/formatters/register';
import { toSarif } from '../../../src/report/formatters/sarif';
import type { Report } from '../../../src/types';
import { fixtureReport, waivedFixtureReport } from '../support/fixtures';
import { manyFlowsReport } from '../support/many-flows';

const STREAMED = ['json', 'ndjson', 'sarif', 'github', 'gitlab', 'junit', 'csv', 'text'] as const;
type Streamed = (typeof STREAMED)[number];

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The pieces a streamed format gives, read one at a time as a writer reads them. */
function piecesOf(format: Streamed, report: Report, options?: FormatOptions): string[] {
  const out: string[] = [];
  for (const piece of formatters[format](report, options)) out.push(piece);
  return out;
}

const largest = (pieces: string[]): number => pieces.reduce((max, p) => Math.max(max, p.length), 0);

// sha256 of what text, junit, csv and (indented) sarif wrote before they were streamed, when
// each built its output as one string: the pieces must join to the same bytes (sarif's but for
// the driver's informationUri, which came after; csv's with the register's Art. 30(1)(e) columns,
// checked against csv-stringify below).
const BEFORE: Record<string, Record<'text' | 'textColor' | 'junit' | 'csv' | 'sarif', string>> = {
  'many flows': {
    text: '622b70543b9b1571c755b1b74de3b0e3481bb66da975ae9a5ac96c9964fe2771',
    textColor: '6aa104e7cc6d319edb086d54cd9fdec66cc46fd234fdb89a748cd2a9e465348b',
    junit: '83e8080db9bfcea7f6653f6f1cd6a43036eff1a934698cefb9c1126dd0e8b290',
    csv: '769b71189113b43d47f3d871a157f7729fcc8a8345fa6a1143f781af04e83b1e',
    sarif: '8024acbf462c7c8aa6703da1578caffbe7ecc5fe6003d5b0f1509d88736c87c5',
  },
  fixture: {
    text: 'd572b4c0d9fb8afbe5f4fd90cc5eb80f35cc9e913c5651f93acbc2e230476c28',
    textColor: '45d4c3cddf424027539f7ca4deb0ca328a6436a4b8f5b44ce798cddfef781304',
    junit: 'b626821efe2dde3726e1a96214fcc0d00f4efc308c05e119b7e357606773fa87',
    csv: '9061bbd79accb576604a35b55da1393f0b7212e1d7e886999640e3bea87a6556',
    sarif: 'cfddda8b69878ad2a6ac2e1bf0b4ffc539a5ef6b8f5e615690545514ea65f524',
  },
  'waived fixture': {
    text: '1931be1bea5b08bf90ba972c7c36d2b82e2e8fc322baa67288c51e9476d597a5',
    textColor: 'ceba857239e7d2e962186f62976db08d822863a107de2388f3a63e5baa469245',
    junit: '126b4af77e6675a00741519bb5aadd716134c5a37ca5841afea6eb554314c65c',
    csv: '9061bbd79accb576604a35b55da1393f0b7212e1d7e886999640e3bea87a6556',
    sarif: '0c8243aec6ccccd184f97fd38b3405ab2e495ca01f03be4d437fd71d6c5fc1a4',
  },
};

const REPORTS: Record<string, () => Report> = { 'many flows': () => manyFlowsReport(2000), fixture: fixtureReport, 'waived fixture': waivedFixtureReport };

describe('streamed formats', () => {
  describe.each(Object.keys(REPORTS))('on the %s report', (name) => {
    const report = REPORTS[name]!();
    const before = BEFORE[name]!;

    it('text, junit and csv join to the bytes they gave as one string; sarif with pretty too', () => {
      expect(sha256(joinChunks(formatters.text(report)))).toBe(before.text);
      expect(sha256(joinChunks(formatters.text(report, { color: true })))).toBe(before.textColor);
      expect(sha256(joinChunks(formatters.junit(report)))).toBe(before.junit);
      expect(sha256(joinChunks(formatters.csv(report)))).toBe(before.csv);
      const sarif = joinChunks(formatters.sarif(report, { pretty: true }));
      expect(sha256(sarif.replace(/\n {10}"informationUri": "[^"]*",(?=\n)/, ''))).toBe(before.sarif);
    });

    it('sarif is the log toSarif makes: compact by default, indented by two spaces with pretty', () => {
      const log = toSarif(report);
      expect(joinChunks(formatters.sarif(report))).toBe(`${JSON.stringify(log)}\n`);
      expect(joinChunks(formatters.sarif(report, { pretty: true }))).toBe(`${JSON.stringify(log, null, 2)}\n`);
    });

    it('csv is what csv-stringify writes of the register', () => {
      const expected = stringify([[...REGISTER_COLUMNS], ...registerRows(report).map((row) => row.map(spreadsheetCell))], { record_delimiter: 'unix' });
      expect(joinChunks(formatters.csv(report))).toBe(expected);
    });
  });

  it('json with full and pretty is JSON.stringify of the report with its tables, indented', () => {
    const report = manyFlowsReport(300);
    const doc = JSON.parse(joinChunks(formatters.json(report, { full: true }))) as Record<string, unknown>;
    const { parties, datasets, ...rest } = doc;
    expect(rest).toEqual(JSON.parse(JSON.stringify(report)));
    const { flows, findings, errors, ...head } = report;
    const expected = { ...head, parties, datasets, flows, findings, errors };
    expect(joinChunks(formatters.json(report, { full: true, pretty: true }))).toBe(`${JSON.stringify(expected, null, 2)}\n`);
  });

  it.each(STREAMED)('%s: gives many pieces, none larger for 2,000 flows than for 20 (but for the digits of the counts)', (format) => {
    for (const options of [{}, { pretty: true }, { full: true }]) {
      const small = piecesOf(format, manyFlowsReport(20), options);
      const large = piecesOf(format, manyFlowsReport(2000), options);
      expect(small.length).toBeGreaterThan(20);
      expect(large.length).toBeGreaterThan(2000);
      // A piece holding every flow would be hundreds of kilobytes; the counts in a header gain a digit or two.
      expect(largest(large)).toBeLessThanOrEqual(largest(small) + 64);
      expect(largest(large)).toBeLessThan(16 * 1024);
    }
  });

  it.each(['json', 'ndjson', 'csv'] as const)('%s: makes a flow\'s piece when it is read (a generator, not a finished list)', (format) => {
    const report = manyFlowsReport(50);
    const pieces = formatters[format](report)[Symbol.iterator]();
    expect(pieces.next().done).toBe(false);
    // Flows added after the first piece was read are written: nothing was made ahead of the reader.
    report.flows.push(...manyFlowsReport(60).flows.slice(50));
    let rest = '';
    for (let r = pieces.next(); !r.done; r = pieces.next()) rest += r.value;
    expect(rest).toContain('"flow-59"'.slice(format === 'csv' ? 1 : 0, format === 'csv' ? -1 : undefined));
  });

  it('csvRecord quotes as csv-stringify does, for any cells', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('', '"', ',', '\n', '\r\n', 'a"b', ' x ')), { minLength: 1, maxLength: 6 }), (cells) => {
        expect(csvRecord(cells)).toBe(stringify([cells], { record_delimiter: 'unix' }));
      }),
      { numRuns: 500 },
    );
  });
});
