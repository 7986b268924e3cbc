import type { Finding, FlowResult, Report } from '../../types';
import { escapeControl } from '../../source/escape-control';
import { suppressionOf } from '../suppression';
import {
  countryLabel,
  countsByDestination,
  countsByRegime,
  displayVerdict,
  groupFindings,
  lawOverrides,
  overrideChange,
  overrideText,
  partyGraph,
  plural,
  VERDICT_LABELS,
  where,
  type DisplayVerdict,
  type GroupCounts,
} from './shared';
import { ReportNames, type PartyName } from './names';
import { countryName } from '../../law/country-names';
import type { SyncFormatter } from './types';

/** Beyond this many flows the Mermaid diagram is left out: GitHub stops rendering far sooner than the layout stops helping. */
export const MERMAID_MAX_FLOWS = 200;

const VERDICT_ICONS: Record<DisplayVerdict, string> = { allowed: '🟢', review: '🟡', violation: '🔴', 'not-assessed': '🟣', inactive: '⚪' };
const SEVERITY_ICONS: Record<Finding['severity'], string> = { error: '🔴', warning: '🟡', info: '🔵' };
const EDGE_COLOURS: Record<DisplayVerdict, string> = { allowed: '#1a7f37', review: '#9a6700', violation: '#cf222e', 'not-assessed': '#8250df', inactive: '#8c959f' };

/**
 * Markdown for a pull-request comment or a wiki page (GitHub-flavoured): a summary, tables per
 * regulation and per destination country, a Mermaid diagram of the flow graph coloured by
 * verdict (GitHub renders it), the findings grouped by regulation and destination country, the
 * flows with their basis, and what the check ran on. All user text is escaped.
 */
export const formatMarkdown: SyncFormatter = (report) => {
  const out: string[] = [];
  const notAssessed = report.summary.verdicts['not-assessed'] ?? 0;
  summarySection(report, notAssessed, out);
  countsSections(report, notAssessed, out);
  if (report.flows.length > 0) {
    out.push('### Flow graph', '');
    if (report.flows.length <= MERMAID_MAX_FLOWS) out.push('```mermaid', mermaid(report), '```', '', `${VERDICT_ICONS.allowed} allowed · ${VERDICT_ICONS.review} review · ${VERDICT_ICONS.violation} violation · ${VERDICT_ICONS['not-assessed']} not assessed · ${VERDICT_ICONS.inactive} not in force`, '');
    else out.push(`_Diagram left out: ${report.flows.length} flows are more than a comment can show; see the HTML report (\`-f html=report.html\`)._`, '');
  }
  baselineSection(report, out);
  findingsSection(report, out);
  flowsSection(report, out);
  diagnosticsSection(report, out);
  checkedSection(report, out);
  return out.join('\n');
};

/** The status line, the counts, and the alerts a reader must not miss (flows not assessed, law overridden). */
function summarySection(report: Report, notAssessed: number, out: string[]): void {
  const { summary } = report;
  const overridden = lawOverrides(report);
  const noLaw = (report.warnings ?? []).some((w) => w.code === 'policy/no-law');
  const status = summary.errors > 0 ? '❌ Input errors' : summary.verdicts.violation > 0 ? '🔴 Violations found' : notAssessed > 0 ? '🟣 Flows not assessed'
    : summary.verdicts.review > 0 ? '🟡 Flows to review' : overridden.length > 0 || noLaw ? '🟣 Allowed under a policy that overrides the law' : '🟢 All flows allowed';
  out.push(`## dfft: cross-border data flows, as of ${report.asOf}`, '');
  out.push(
    `**${status}.** ${plural(summary.flows, 'flow')}: ${summary.verdicts.allowed} allowed, ${summary.verdicts.review} to review, ${summary.verdicts.violation} in violation${notAssessed > 0 ? `, **${notAssessed} not assessed**` : ''}. ` +
      `${plural(summary.findings.error, 'error')}, ${plural(summary.findings.warning, 'warning')}, ${summary.findings.info} info` +
      `${summary.waived ? `, ${summary.waived} waived` : ''}${summary.baselined ? `, ${summary.baselined} in baseline` : ''}${summary.disabled ? `, ${summary.disabled} of rules the policy disabled` : ''}` +
      `${summary.errors > 0 ? `; ${plural(summary.errors, 'input error')}` : ''}.`,
    '',
  );
  if (notAssessed > 0) {
    const would = [...new Set(report.flows.flatMap((f) => (f.verdict === 'not-assessed' ? f.wouldApply ?? [] : [])))].sort();
    out.push(`> [!WARNING]\n> ${plural(notAssessed, 'flow leaves', 'flows leave')} a country and no built-in rule pack of this run judges ${notAssessed === 1 ? 'it' : 'them'}: not assessed, not allowed.${would.length > 0 ? ` The built-in pack${would.length === 1 ? '' : 's'} ${would.map((w) => `\`${code(w)}\``).join(', ')} would.` : ''}`, '');
  }
  if (noLaw) out.push('> [!WARNING]\n> The policy applies no built-in rule pack: no flow is judged against the law dfft encodes.', '');
  if (overridden.length > 0) {
    out.push('> [!CAUTION]\n> The policy overrides the law:', ...overridden.map((o) => `> - \`${code(o.rule)}\` ${md(overrideChange(o))}: ${md(o.reason)}`), '');
  }
}

function countsSections(report: Report, notAssessed: number, out: string[]): void {
  out.push('### By regulation', '');
  out.push(...table(
    countHead('Regulation', notAssessed > 0),
    countsByRegime(report).map(({ regime, counts }) => [`${md(regime.title)} (\`${code(regime.id)}\`)`, ...countCells(counts, notAssessed > 0)]),
  ), '');
  out.push('### By destination country', '');
  out.push(...table(
    countHead('Destination', notAssessed > 0),
    countsByDestination(report).map(({ country, counts }) => [md(countryLabel(country)), ...countCells(counts, notAssessed > 0)]),
  ), '');
}

function findingsSection(report: Report, out: string[]): void {
  const groups = groupFindings(report);
  if (groups.length === 0) return;
  out.push('### Findings', '');
  const names = new ReportNames(report);
  const flows = new Map(report.flows.map((f) => [f.id, f]));
  // Who sends to whom, by name: what a reader of a finding needs before its ids.
  const parties = (f: Finding): string => {
    const flow = flows.get(f.flowId);
    return flow ? ` (${md(names.exporter(flow).name)} → ${md(names.importer(flow).name)})` : '';
  };
  for (const { regime, countries } of groups) {
    out.push(`#### ${md(regime.title)} (\`${code(regime.id)}\`)`, '');
    for (const { country, findings } of countries) {
      out.push(`**→ ${md(countryLabel(country))}**`, '');
      for (const f of findings) out.push(...finding(f, parties(f)));
      out.push('');
    }
  }
}

function flowsSection(report: Report, out: string[]): void {
  const names = new ReportNames(report);
  const party = (p: PartyName): string => `${p.named ? `${md(p.name)} (\`${code(p.id)}\`)` : `\`${code(p.id)}\``}, ${md(countryName(p.country))}`;
  out.push('<details><summary>Flows and their basis</summary>', '');
  out.push(...table(
    ['Flow', 'From', 'To', 'Data', 'Subjects', 'Purposes', 'Verdict', 'Basis'],
    report.flows.map((f) => {
      const v = displayVerdict(f);
      const data = f.datasets.map((id) => {
        const d = names.dataset(id);
        const cats = d.categories.map((c) => md(c.title)).join(', ');
        return `${d.named ? md(d.name) : `\`${code(d.id)}\``}${cats ? ` (${cats})` : ''}`;
      });
      const subjects = f.subjects ?? [...new Set(f.datasets.flatMap((id) => names.dataset(id).subjects))].sort();
      return [
        `\`${code(f.id)}\``,
        party(names.exporter(f)),
        party(names.importer(f)),
        data.join('<br>'),
        subjects.map(md).join(', ') || '—',
        (f.purposes ?? []).map(md).join(', ') || '—',
        `${VERDICT_ICONS[v]} ${VERDICT_LABELS[v]}`,
        basisCell(f),
      ];
    }),
  ), '', '</details>', '');
}

/** Most findings named in each list of the baseline section; the rest are counted. */
const DELTA_MAX_ITEMS = 50;

/** What changed since the baseline (new, fixed, still open), when one was applied. */
function baselineSection(report: Report, out: string[]): void {
  const fixed = report.fixedSinceBaseline;
  if (!fixed || !report.policy.baseline) return;
  const current = report.findings.filter((f) => suppressionOf(f) !== 'disabled');
  const added = current.filter((f) => f.baselineState === 'new');
  const open = current.filter((f) => f.baselineState === 'unchanged');
  const line = (f: { severity?: Finding['severity']; ruleId?: string; flowId?: string; fingerprint: string }): string =>
    `- ${f.severity ? `${SEVERITY_ICONS[f.severity]} ` : ''}\`${code(f.ruleId ?? f.fingerprint)}\`${f.flowId ? ` on \`${code(f.flowId)}\`` : ''}`;
  const list = (title: string, items: ReadonlyArray<Parameters<typeof line>[0]>): void => {
    out.push(`**${title}: ${items.length}**`, '');
    if (items.length === 0) return;
    out.push(...items.slice(0, DELTA_MAX_ITEMS).map(line));
    if (items.length > DELTA_MAX_ITEMS) out.push(`- … and ${items.length - DELTA_MAX_ITEMS} more`);
    out.push('');
  };
  out.push('### What changed since the baseline', '', `Compared with the findings of \`${code(report.policy.baseline.file)}\`.`, '');
  list('New', added);
  list('Fixed', fixed);
  list('Still open', open);
}

/** Input errors and warnings. */
function diagnosticsSection(report: Report, out: string[]): void {
  if (report.errors.length > 0) {
    out.push('### Input errors', '');
    for (const e of report.errors) out.push(`- ❌ ${e.location ? `\`${code(where(e.location))}\` ` : ''}${md(e.message)}${e.hint ? ` _(${md(e.hint)})_` : ''} \`${code(e.code)}\``);
    out.push('');
  }
  if ((report.warnings ?? []).length > 0) {
    out.push('### Warnings', '');
    for (const w of report.warnings ?? []) out.push(`- ⚠️ ${w.location ? `\`${code(where(w.location))}\` ` : ''}${md(w.message)}${w.hint ? ` _(${md(w.hint)})_` : ''} \`${code(w.code)}\``);
    out.push('');
  }
}

/** What the check ran on: version, date, packs, input files with their digests, rules the policy changed. */
function checkedSection(report: Report, out: string[]): void {
  out.push('<details><summary>What was checked</summary>', '');
  out.push(`dfft ${md(report.tool.version)}, law applied as of **${report.asOf}**.`, '');
  out.push(...table(['Rule pack', 'Version', 'Law as of'], report.policy.packs.map((p) => [`${md(p.title)} (\`${code(p.id)}\`)`, md(p.version), p.effective])), '');
  const files = [
    ...report.inputs.map((i) => ['manifest', i.file, i.sha256]),
    ...report.policy.files.map((i) => ['policy', i.file, i.sha256]),
    ...(report.policy.waivers ? [['waivers', report.policy.waivers.file, report.policy.waivers.sha256]] : []),
    ...(report.policy.baseline ? [['baseline', report.policy.baseline.file, report.policy.baseline.sha256]] : []),
  ];
  out.push(...table(['Input', 'File', 'sha256'], files.map(([kind, file, sha]) => [kind, `\`${code(file)}\``, `\`${sha}\``])), '');
  if (report.policy.overrides.length > 0) {
    out.push(...table(['Rule changed by policy', 'Change', 'Reason'], report.policy.overrides.map((o) => [
      `\`${code(o.rule)}\`${o.builtin ? ' (built-in)' : ''}`,
      md(overrideChange(o)),
      md(o.reason),
    ])), '');
  }
  out.push('</details>', '');
}

function finding(f: Finding, parties: string): string[] {
  const s = suppressionOf(f);
  const mark = s === 'disabled' ? ' · _rule disabled by the policy_' : s === 'waived' ? ' · _waived_' : s === 'baseline' ? ' · _in baseline_' : '';
  const cite = `${md(f.citation.law)} ${md(f.citation.article)}`;
  const lines = [
    `- ${SEVERITY_ICONS[f.severity]} **${f.severity}** \`${code(f.ruleId)}\` on \`${code(f.flowId)}\`${parties}${mark} (\`${code(where(f.location))}\`)  `,
    `  ${md(f.message)}  `,
  ];
  if (f.path.length > 1) lines.push(`  Chain: ${f.path.map((p) => `\`${code(p)}\``).join(' → ')}  `);
  lines.push(`  **Fix:** ${md(f.remediation)}  `);
  lines.push(`  **Law:** ${f.citation.url ? `[${cite}](${url(f.citation.url)})` : cite}`);
  if (f.waiver?.status === 'active') lines[lines.length - 1] += `  \n  **Waived** by ${md(f.waiver.approver)} until ${f.waiver.expires}: ${md(f.waiver.reason)}`;
  if (f.waiver?.status === 'expired') lines[lines.length - 1] += `  \n  **Waiver expired** on ${f.waiver.expires} (was: ${md(f.waiver.reason)}, ${md(f.waiver.approver)})`;
  const override = overrideText(f);
  if (override) lines[lines.length - 1] += `  \n  **Policy:** ${md(override)}`;
  return lines;
}

/** The head of a count table; the not-assessed column is there when a flow is not assessed. */
function countHead(first: string, notAssessed: boolean): string[] {
  return [first, 'Flows', 'Allowed', 'Review', 'Violation', ...(notAssessed ? ['Not assessed'] : []), 'Errors', 'Warnings', 'Info'];
}

function countCells(c: GroupCounts, notAssessed: boolean): string[] {
  return [String(c.flows), String(c.allowed), String(c.review), String(c.violation), ...(notAssessed ? [String(c['not-assessed'])] : []), String(c.error), String(c.warning), String(c.info)];
}

/** A GFM table; columns whose cells are all numbers are right-aligned. */
function table(head: string[], rows: string[][]): string[] {
  const numeric = head.map((_, i) => rows.length > 0 && rows.every((r) => /^\d+$/.test(r[i])));
  return [`| ${head.join(' | ')} |`, `| ${numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/** Mermaid flowchart: parties grouped by country, one arrow per flow, coloured by verdict. */
export function mermaid(report: Report): string {
  const graph = partyGraph(report);
  const names = new ReportNames(report);
  const ids = new Map<string, string>();
  const lines = ['flowchart LR'];
  graph.countries.forEach(({ code: country, parties }, ci) => {
    lines.push(`  subgraph c${ci}["${mermaidText(countryLabel(country))}"]`);
    for (const p of parties) {
      const id = `p${ids.size}`;
      ids.set(p, id);
      lines.push(`    ${id}["${mermaidText(names.party(p, country).name)}"]`);
    }
    lines.push('  end');
  });
  const styles = new Map<DisplayVerdict, number[]>();
  graph.edges.forEach((f, i) => {
    const v = displayVerdict(f);
    lines.push(`  ${ids.get(f.from)} ${v === 'inactive' ? '-.->' : v === 'violation' ? '==>' : '-->'}|"${mermaidText(f.id)}"| ${ids.get(f.to)}`);
    const list = styles.get(v);
    if (list) list.push(i);
    else styles.set(v, [i]);
  });
  for (const v of ['allowed', 'review', 'violation', 'not-assessed', 'inactive'] as const) {
    const idx = styles.get(v);
    if (idx) lines.push(`  linkStyle ${idx.join(',')} stroke:${EDGE_COLOURS[v]},stroke-width:${v === 'violation' ? 3 : 2}px`);
  }
  return lines.join('\n');
}

/**
 * Text inside a quoted Mermaid label: quotes, markup, backticks (which would start a Markdown
 * string) and the characters of entity codes as Mermaid entity codes; line breaks and other
 * control characters as spaces. Names are input.
 */
export function mermaidText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/[#"<>&`]/g, (c) => `#${c.charCodeAt(0)};`);
}

/** Escapes Markdown (and HTML) in user text, and keeps it on one line (table cells, list items). */
function md(text: string): string {
  return escapeControl(text)
    .replace(/\r?\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~#]/g, '\\$&');
}

/** Text inside a code span: backticks cannot be escaped there, so they are replaced. */
function code(text: string): string {
  return escapeControl(text).replace(/`/g, 'ˋ').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function url(u: string): string {
  return u.replace(/[()\s]/g, (c) => encodeURIComponent(c));
}

/**
 * What made a flow lawful, and what it relied on that failed (struck through, with the rules
 * that rejected it): a failed basis is evidence, never shown as the basis.
 */
function basisCell(f: FlowResult): string {
  const lines = [
    ...f.basis.map((b) => md(b.text)),
    ...(f.failedBasis ?? []).map((b) => `~~${md(b.text)}~~ failed: rejected by ${b.rejectedBy.map((r) => `\`${code(r)}\``).join(', ')}`),
  ];
  if (lines.length > 0) return lines.join('<br>');
  return f.wouldApply ? `not assessed; ${f.wouldApply.map((w) => `\`${code(w)}\``).join(', ')} would judge it` : '—';
}
