import { createColors } from 'picocolors';
import type { Finding, InputErrorEntry, Report } from '../../types';
import { suppressionOf } from '../suppression';
import { escapeControl } from '../../source/escape-control';
import { codeFrame } from './code-frame';
import { lawOverrides, overrideChange, overrideText, where } from './shared';
import type { FormatOptions, StreamFormatter } from './types';

/**
 * Human-readable output, grouped by file: input errors first, then findings, each with its
 * location, rule, citation, remediation and a code frame; a summary line at the end. One piece
 * per problem (a file's name with its first). Text from
 * input (file names, waiver reasons, warnings) is escaped so that it cannot add a line.
 */
export const formatText: StreamFormatter = function* (report, options = {}) {
  const c = createColors(options.color ?? false);
  const byFile = new Map<string, Item[]>();
  const push = (file: string, item: Item): void => {
    const list = byFile.get(file) ?? [];
    list.push(item);
    byFile.set(file, list);
  };
  const general: InputErrorEntry[] = [];
  for (const e of report.errors) {
    if (e.location) push(e.location.file, { kind: 'error', e });
    else general.push(e);
  }
  for (const f of report.findings) push(f.location.file, { kind: 'finding', f });

  for (const e of general) yield piece([`${c.red('error')}  ${e.message}${e.hint ? ` (${e.hint})` : ''}  ${c.dim(e.code)}`, '']);
  for (const [file, items] of [...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    // The file's name goes out with its first problem, one piece per problem.
    let head = piece([c.underline(escapeControl(file))]);
    for (const item of items) {
      yield head + piece([...itemLines(item, file, c, options), '']);
      head = '';
    }
  }
  const warnings = (report.warnings ?? []).map((w) => `${c.yellow('warning')}  ${w.location ? `${where(w.location)}  ` : ''}${escapeControl(w.message)}${w.hint ? ` (${escapeControl(w.hint)})` : ''}  ${c.dim(w.code)}`);
  if (warnings.length > 0) yield piece([...warnings, '']);
  yield piece([summaryLine(report, c)]);
};

type Item = { kind: 'error'; e: InputErrorEntry } | { kind: 'finding'; f: Finding };
type Colors = ReturnType<typeof createColors>;

/** Lines, each with its newline: a piece of the output. */
function piece(lines: readonly string[]): string {
  let out = '';
  for (const line of lines) out += `${line}\n`;
  return out;
}

/** An input error or a finding of a file: its line, what the policy, a waiver and the law say, and its code frame. */
function itemLines(item: Item, file: string, c: Colors, options: FormatOptions): string[] {
  const lines: string[] = [];
  if (item.kind === 'error') {
    const { e } = item;
    const loc = e.location!;
    lines.push(`  ${c.dim(`${loc.line}:${loc.column}`)}  ${c.red('error')}  ${e.message}${e.hint ? ` (${e.hint})` : ''}  ${c.dim(e.code)}`);
    const frame = codeFrame(loc, options.sourceText?.(file), options.color);
    if (frame) lines.push(indent(frame, 4));
    return lines;
  }
  const { f } = item;
  const sev = f.severity === 'error' ? c.red('error') : f.severity === 'warning' ? c.yellow('warning') : c.blue('info');
  const s = suppressionOf(f);
  const mark = s === 'disabled' ? `  ${c.magenta('rule disabled by policy')}` : s === 'waived' ? `  ${c.magenta('waived')}` : s === 'baseline' ? `  ${c.dim('in baseline')}` : f.waiver?.status === 'expired' ? `  ${c.yellow('waiver expired')}` : '';
  lines.push(`  ${c.dim(`${f.location.line}:${f.location.column}`)}  ${sev}  ${f.message}  ${c.dim(f.ruleId)}${mark}`);
  const override = overrideText(f);
  if (override) lines.push(`    ${c.magenta('policy:')} ${escapeControl(override)}`);
  if (f.waiver) lines.push(`    ${c.dim('waiver:')} ${escapeControl(f.waiver.reason)} (${escapeControl(f.waiver.approver)}, ${f.waiver.status === 'active' ? 'until' : 'expired on'} ${f.waiver.expires})`);
  if (f.path.length > 1) lines.push(`    ${c.dim('chain:')} ${f.path.join(' → ')}`);
  lines.push(`    ${c.dim('law:')} ${f.citation.law} ${f.citation.article}${f.citation.url ? ` ${c.dim(f.citation.url)}` : ''}`);
  lines.push(`    ${c.dim('fix:')} ${f.remediation}`);
  const frame = codeFrame(f.location, options.sourceText?.(file), options.color);
  if (frame) lines.push(indent(frame, 4));
  return lines;
}

/**
 * The last line. It never shows ✔ while the run judged less than the law asks: flows no pack
 * assessed, built-in rules the policy disabled or lowered, or a policy that applies no law.
 */
function summaryLine(report: Report, c: Colors): string {
  const { findings, verdicts, flows, errors } = report.summary;
  const notAssessed = verdicts['not-assessed'] ?? 0;
  const problems = findings.error + findings.warning;
  const overridden = lawOverrides(report);
  const noLaw = (report.warnings ?? []).some((w) => w.code === 'policy/no-law');
  const short = notAssessed > 0 || overridden.length > 0 || noLaw || (report.summary.disabled ?? 0) > 0;
  const mark = errors > 0 || findings.error > 0 ? c.red('✖') : findings.warning > 0 || short ? c.yellow('!') : c.green('✔');
  const parts = [
    `${problems} problem${problems === 1 ? '' : 's'} (${findings.error} error${findings.error === 1 ? '' : 's'}, ${findings.warning} warning${findings.warning === 1 ? '' : 's'}, ${findings.info} info)`,
    `${flows} flow${flows === 1 ? '' : 's'}: ${verdicts.allowed} allowed, ${verdicts.review} to review, ${verdicts.violation} in violation${notAssessed > 0 ? `, ${c.yellow(`${notAssessed} not assessed`)}` : ''}`,
  ];
  if (notAssessed > 0) {
    const would = [...new Set(report.flows.flatMap((f) => (f.verdict === 'not-assessed' ? f.wouldApply ?? [] : [])))].sort();
    parts.push(c.yellow(`not assessed: no built-in rule pack of this run judges ${notAssessed === 1 ? 'that flow' : 'those flows'}${would.length > 0 ? `; ${would.join(', ')} would (--add-packs ${would.join(',')})` : ''}`));
  }
  if (noLaw) parts.push(c.yellow('the policy applies no built-in rule pack (no law)'));
  if (overridden.length > 0) {
    const fired = new Map<string, number>();
    for (const f of report.findings) if (f.policyOverride && f.policyOverride.change !== 'raised') fired.set(f.ruleId, (fired.get(f.ruleId) ?? 0) + 1);
    const named = overridden.map((o) => `${o.rule} ${overrideChange(o)} (${fired.get(o.rule) ?? 0} finding${fired.get(o.rule) === 1 ? '' : 's'} on this run; reason: ${escapeControl(o.reason)})`);
    parts.push(c.magenta(`the policy overrides the law: ${named.join(', ')}`));
  }
  const set = report.policy.parameters ?? [];
  if (set.length > 0) parts.push(c.magenta(`the policy sets parameters: ${set.map((p) => `${p.name} = ${JSON.stringify(p.value)} (default ${JSON.stringify(p.default)})`).join(', ')}`));
  const kept = [report.summary.waived ? `${report.summary.waived} waived` : '', report.summary.baselined ? `${report.summary.baselined} in baseline` : ''].filter(Boolean);
  if (kept.length > 0) parts.push(`${kept.join(', ')} (not failing)`);
  if (errors > 0) parts.push(c.red(`${errors} input error${errors === 1 ? '' : 's'}`));
  return `${mark} ${parts.join('; ')} (as of ${report.asOf})`;
}

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text.split('\n').map((l) => (l ? pad + l : l)).join('\n');
}
