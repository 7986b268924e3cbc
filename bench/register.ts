/**
 * The transfer register at scale: builds a report of N cross-border flows directly (no check)
 * and times the register rows, the CSV and the XLSX, with CPU time and peak RSS. Not part of
 * `npm test` (test/report/register-scale.test.ts checks 300,000 flows without timing).
 *
 *   npx tsx bench/register.ts [flows, default 1000000]
 */
import { formatCsv } from '../src/report/formatters/csv';
import { registerRows } from '../src/report/formatters/register';
import { formatXlsx } from '../src/report/formatters/xlsx';
import { manyFlowsReport } from '../test/report/support/many-flows';

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 1_000_000);
  const time = async (label: string, run: () => unknown): Promise<void> => {
    const wall = Date.now();
    const cpu = process.cpuUsage();
    const out = await run();
    const used = process.cpuUsage(cpu);
    const size = typeof out === 'string' || Buffer.isBuffer(out) ? `, ${(out.length / 1e6).toFixed(1)} MB` : Array.isArray(out) ? `, ${out.length} rows` : '';
    console.log(`${label}: ${((Date.now() - wall) / 1000).toFixed(1)} s wall, ${((used.user + used.system) / 1e6).toFixed(1)} s CPU${size}`);
  };
  const report = manyFlowsReport(n);
  console.log(`${n.toLocaleString('en')} flows`);
  await time('register rows', () => registerRows(report));
  await time('csv', () => formatCsv(report));
  await time('xlsx', () => formatXlsx(report));
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

void main();
