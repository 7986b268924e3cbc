import type { Report } from '../../types';
import { REGISTER_COLUMNS, registerRows } from './register';
import { overrideChange } from './shared';

/**
 * The transfer register as an Excel workbook (exceljs), for compliance officers. The file is
 * rebuilt with fixed entry dates (JSZip) so that the same report gives the same bytes.
 */
export async function formatXlsx(report: Report): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default;
  const JSZip = (await import('jszip')).default;
  const when = new Date(`${report.asOf}T00:00:00Z`);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dfft';
  wb.created = when;
  wb.modified = when;
  const sheet = wb.addWorksheet('Transfer register', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...REGISTER_COLUMNS]).font = { bold: true };
  for (const row of registerRows(report)) sheet.addRow(row);
  sheet.columns.forEach((column, i) => {
    column.width = Math.min(60, Math.max(REGISTER_COLUMNS[i].length + 2, ...registerRows(report).map((r) => r[i].length + 2)));
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: REGISTER_COLUMNS.length } };
  const about = wb.addWorksheet('About');
  about.addRows([
    ['Record of transfers (GDPR Art. 30(1)(e)), made by dfft', ''],
    ['As of', report.asOf],
    ['dfft', report.tool.version],
    ['Packs', report.policy.packs.map((p) => `${p.id} ${p.version}`).join(', ')],
    ...report.inputs.map((i) => [`Input ${i.file}`, `sha256 ${i.sha256}`]),
    ...report.policy.overrides.map((o) => [`Policy override of ${o.rule}${o.builtin ? ' (built-in rule)' : ''}`, `${overrideChange(o)}: ${o.reason}`]),
    ...(report.warnings ?? []).map((w) => [`Warning ${w.code}`, w.message]),
  ]);
  const raw = await wb.xlsx.writeBuffer();
  const zip = await JSZip.loadAsync(raw);
  const fixed = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    const file = zip.files[name];
    if (!file.dir) fixed.file(name, await file.async('nodebuffer'), { date: when, createFolders: false });
  }
  return fixed.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
}
