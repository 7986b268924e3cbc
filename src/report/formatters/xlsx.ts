import { constants, crc32, deflateRawSync } from 'node:zlib';
import type { Report } from '../../types';
import { appiRecordColumns, appiRecordRowsOf } from './appi-record';
import { registerColumns, registerRows, spreadsheetCell } from './register';
import { overrideChange } from './shared';
import { textsOf } from './i18n';

/** Rows of register under the header on one worksheet (a worksheet holds 1,048,576 rows). */
export const ROWS_PER_SHEET = 1_048_575;

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** The workbook's table of distinct strings, and how many cells refer to them. */
interface SharedStrings {
  ids: Map<string, number>;
  count: number;
}

/** One worksheet: a bold header row (or none) and rows of text cells. */
interface Sheet {
  name: string;
  header?: readonly string[];
  rows: readonly (readonly string[])[];
  widths?: readonly number[];
  frozenHeader?: boolean;
}

/**
 * The transfer register as an Excel workbook (Office Open XML, SpreadsheetML), for compliance
 * officers: the register (continued on further sheets beyond 1,048,575 flows), Japan's record of
 * provision to third parties for the flows out of Japan, and an About sheet.
 * Written directly, in one pass over the rows with shared strings, and zipped with fixed entry
 * dates (the report's asOf), so that the same report gives the same bytes and a million flows
 * take seconds. Cells are neutralised as in the CSV (see spreadsheetCell).
 */
export async function formatXlsx(report: Report): Promise<Buffer> {
  const t = textsOf(report);
  const x = t.xlsx;
  const sheets: Sheet[] = [
    ...tableSheets(x.registerSheet, registerColumns(t.lang), registerRows(report), x.continued),
    // Japan's record of provision to third parties, for the flows out of Japan (APPI Art. 29(1)).
    ...tableSheets(x.appiSheet, appiRecordColumns(t.lang), [...appiRecordRowsOf(report)], x.continued),
  ];
  sheets.push({
    name: x.aboutSheet,
    rows: [
      [x.about, ''],
      [x.asOf, report.asOf],
      ['dfft', report.tool.version],
      [x.packs, report.policy.packs.map((p) => `${p.id} ${p.version}`).join(', ')],
      ...report.inputs.map((i) => [x.input(i.file), `sha256 ${i.sha256}`]),
      ...report.policy.overrides.map((o) => [x.override(o.rule, o.builtin === true), x.overrideValue(overrideChange(o, t), o.reason)]),
      ...(report.warnings ?? []).map((w) => [x.warning(w.code), w.message]),
    ].map((row) => row.map(spreadsheetCell)),
  });
  return writeWorkbook(sheets, report.asOf);
}

/** A table on as many sheets as its rows need, its cells neutralised and its columns sized to them. */
function tableSheets(name: string, header: readonly string[], rows: string[][], continued: (name: string, n: number) => string): Sheet[] {
  // Column widths in one loop (a spread of a million rows into Math.max overflows the stack).
  const widths = header.map((c) => displayWidth(c) + 2);
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      row[i] = spreadsheetCell(row[i]);
      const w = displayWidth(row[i]) + 2;
      if (w > widths[i]) widths[i] = w;
    }
  }
  const sheets: Sheet[] = [];
  for (let n = 0; n === 0 || n * ROWS_PER_SHEET < rows.length; n++) {
    sheets.push({
      name: n === 0 ? name : continued(name, n + 1),
      header,
      rows: rows.slice(n * ROWS_PER_SHEET, (n + 1) * ROWS_PER_SHEET),
      widths: widths.map((w) => Math.min(60, w)),
      frozenHeader: true,
    });
  }
  return sheets;
}

// East Asian wide and full-width characters (Hangul Jamo, CJK, kana, Hangul syllables, full-width
// forms): a spreadsheet shows each in about two columns' width.
const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/gu;

/** A cell's width in columns: its length, a wide character counted twice (Japanese headers and names). */
function displayWidth(text: string): number {
  let n = text.length;
  WIDE.lastIndex = 0;
  for (let m = WIDE.exec(text); m !== null; m = WIDE.exec(text)) n += m[0].length === 1 ? 1 : 0;
  return n;
}

function writeWorkbook(sheets: readonly Sheet[], asOf: string): Buffer {
  const zip = new ZipWriter(asOf);
  // The package's index first, as Office writes it (some readers sniff it there).
  zip.add('[Content_Types].xml', [contentTypes(sheets.length)]);
  zip.add('_rels/.rels', [ROOT_RELS]);
  zip.add('docProps/core.xml', [coreXml(asOf)]);
  zip.add('docProps/app.xml', [`${HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>dfft</Application></Properties>`]);
  zip.add('xl/workbook.xml', [workbookXml(sheets)]);
  zip.add('xl/_rels/workbook.xml.rels', [workbookRels(sheets.length)]);
  zip.add('xl/styles.xml', [HEAD + STYLES]);
  const strings: SharedStrings = { ids: new Map(), count: 0 };
  sheets.forEach((sheet, i) => zip.add(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(sheet, i, strings)));
  // The table of strings is known once every sheet is written.
  const shared: string[] = [HEAD, `<sst xmlns="${MAIN}" count="${strings.count}" uniqueCount="${strings.ids.size}">`];
  for (const s of strings.ids.keys()) shared.push(`<si><t xml:space="preserve">${xmlEscape(s)}</t></si>`);
  shared.push('</sst>');
  zip.add('xl/sharedStrings.xml', chunked(shared));
  return zip.finish();
}

/** The worksheet's XML in chunks of about a megabyte: a million rows would not fit in one string. */
function* sheetXml(sheet: Sheet, index: number, strings: SharedStrings): Generator<string> {
  const last = sheet.rows.length + (sheet.header ? 1 : 0);
  let width = Math.max(1, sheet.header?.length ?? 0);
  for (const row of sheet.rows) if (row.length > width) width = row.length;
  let head = `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1:${column(width - 1)}${Math.max(1, last)}"/>`;
  head += `<sheetViews><sheetView workbookViewId="0"${index === 0 ? ' tabSelected="1"' : ''}>${sheet.frozenHeader ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' : ''}</sheetView></sheetViews>`;
  head += '<sheetFormatPr defaultRowHeight="15"/>';
  if (sheet.widths) head += `<cols>${sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`;
  head += '<sheetData>';
  let out = head;
  let r = 0;
  const addRow = (row: readonly string[], style: string): void => {
    r++;
    out += `<row r="${r}">`;
    for (let c = 0; c < row.length; c++) {
      const value = row[c];
      if (value === '') continue;
      let id = strings.ids.get(value);
      if (id === undefined) {
        id = strings.ids.size;
        strings.ids.set(value, id);
      }
      strings.count++;
      out += `<c r="${column(c)}${r}" t="s"${style}><v>${id}</v></c>`;
    }
    out += '</row>';
  };
  if (sheet.header) addRow(sheet.header, ' s="1"');
  for (const row of sheet.rows) {
    addRow(row, '');
    if (out.length > 1 << 20) {
      yield out;
      out = '';
    }
  }
  out += '</sheetData>';
  if (sheet.header) out += `<autoFilter ref="A1:${column(sheet.header.length - 1)}1"/>`;
  out += '</worksheet>';
  yield out;
}

function* chunked(parts: readonly string[]): Generator<string> {
  let out = '';
  for (const p of parts) {
    out += p;
    if (out.length > 1 << 20) {
      yield out;
      out = '';
    }
  }
  yield out;
}

const COLUMNS: string[] = [];
/** "A", "B", … "Z", "AA"… for a 0-based column. */
function column(i: number): string {
  let name = COLUMNS[i];
  if (name === undefined) {
    name = '';
    for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
    COLUMNS[i] = name;
  }
  return name;
}

/** Text content and attribute values: the cells hold only characters XML allows (spreadsheetCell). */
function xmlEscape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

function workbookXml(sheets: readonly Sheet[]): string {
  const names = sheets.map((s, i) => `<sheet name="${xmlEscape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  // Excel keeps an auto-filter's range as this hidden name.
  const filters = sheets
    .map((s, i) => (s.header ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">'${xmlEscape(s.name)}'!$A$1:$${column(s.header.length - 1)}$1</definedName>` : ''))
    .join('');
  return `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets>${names}</sheets>${filters ? `<definedNames>${filters}</definedNames>` : ''}</workbook>`;
}

function workbookRels(n: number): string {
  const rels: string[] = [];
  for (let i = 1; i <= n; i++) rels.push(`<Relationship Id="rId${i}" Type="${REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`);
  rels.push(`<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/>`);
  rels.push(`<Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  return `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`;
}

function contentTypes(n: number): string {
  const sheets: string[] = [];
  for (let i = 1; i <= n; i++) sheets.push(`<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`);
  return (
    `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheets.join('') +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
    '</Types>'
  );
}

function coreXml(asOf: string): string {
  const when = `${asOf}T00:00:00Z`;
  return (
    `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:creator>dfft</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`
  );
}

const ROOT_RELS =
  `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>` +
  '</Relationships>';

// Two cell formats: 0 plain, 1 bold (the header).
const STYLES =
  `<styleSheet xmlns="${MAIN}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

const ZIP32_MAX = 0xffffffff;

/**
 * A ZIP archive (PKWARE APPNOTE 4.3) of deflated entries, every entry dated `asOf` at midnight, so
 * the bytes depend only on the content. Each entry is compressed as it is produced, chunk by
 * chunk (independent deflate blocks ended by a sync flush, which concatenate into one valid
 * stream), so that no entry needs to exist whole as a string.
 */
class ZipWriter {
  private readonly parts: Buffer[] = [];
  private readonly central: Buffer[] = [];
  private offset = 0;
  private readonly time = 0;
  private readonly date: number;

  constructor(asOf: string) {
    const [y, m, d] = asOf.split('-').map(Number);
    this.date = ((Math.max(1980, y) - 1980) << 9) | (m << 5) | d;
  }

  add(name: string, chunks: Iterable<string>): void {
    const compressed: Buffer[] = [];
    let crc = 0;
    let size = 0;
    let csize = 0;
    let pending: Buffer | undefined;
    const flush = (final: boolean): void => {
      const data = pending ?? Buffer.alloc(0);
      const out = deflateRawSync(data, { finishFlush: final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH });
      compressed.push(out);
      csize += out.length;
      pending = undefined;
    };
    for (const chunk of chunks) {
      if (pending) flush(false);
      pending = Buffer.from(chunk, 'utf8');
      crc = crc32(pending, crc);
      size += pending.length;
    }
    flush(true);
    if (size > ZIP32_MAX || csize > ZIP32_MAX || this.offset > ZIP32_MAX) throw new RangeError(`${name} is over 4 GiB, more than an XLSX register can hold; use -f csv`);
    const fileName = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(this.time, 10);
    local.writeUInt16LE(this.date, 12);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(csize, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(fileName.length, 26);
    local.writeUInt16LE(0, 28);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt16LE(this.time, 12);
    entry.writeUInt16LE(this.date, 14);
    entry.writeUInt32LE(crc >>> 0, 16);
    entry.writeUInt32LE(csize, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(this.offset, 42);
    this.central.push(entry, fileName);
    this.parts.push(local, fileName, ...compressed);
    this.offset += local.length + fileName.length + csize;
  }

  finish(): Buffer {
    const entries = this.central.length / 2;
    const size = this.central.reduce((n, b) => n + b.length, 0);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries, 8);
    end.writeUInt16LE(entries, 10);
    end.writeUInt32LE(size, 12);
    end.writeUInt32LE(this.offset, 16);
    return Buffer.concat([...this.parts, ...this.central, end]);
  }
}
