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
  where,
  type DisplayVerdict,
  type GroupCounts,
} from './shared';
import { ReportNames, type PartyName } from './names';
import type { SyncFormatter } from './types';
import { textsOf, type ReportTexts } from './i18n';

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
  const t = textsOf(report);
  const m = t.markdown;
  const out: string[] = [];
  const notAssessed = report.summary.verdicts['not-assessed'] ?? 0;
  summarySection(report, notAssessed, out, t);
  countsSections(report, notAssessed, out, t);
  if (report.flows.length > 0) {
    out.push(`### ${m.flowGraph}`, '');
    if (report.flows.length <= MERMAID_MAX_FLOWS) out.push('```mermaid', mermaid(report), '```', '', m.legend(VERDICT_ICONS.allowed, VERDICT_ICONS.review, VERDICT_ICONS.violation, VERDICT_ICONS['not-assessed'], VERDICT_ICONS.inactive), '');
    else out.push(m.diagramLeftOut(report.flows.length), '');
  }
  baselineSection(report, out, t);
  findingsSection(report, out, t);
  flowsSection(report, out, t);
  diagnosticsSection(report, out, t);
  checkedSection(report, out, t);
  return out.join('\n');
};

/** The status line, the counts, and the alerts a reader must not miss (flows not assessed, law overridden). */
function summarySection(report: Report, notAssessed: number, out: string[], t: ReportTexts): void {
  const { summary } = report;
  const m = t.markdown;
  const overridden = lawOverrides(report);
  const noLaw = (report.warnings ?? []).some((w) => w.code === 'policy/no-law');
  const status = summary.errors > 0 ? m.status.inputErrors : summary.verdicts.violation > 0 ? m.status.violations : notAssessed > 0 ? m.status.notAssessed
    : summary.verdicts.review > 0 ? m.status.review : overridden.length > 0 || noLaw ? m.status.overridden : m.status.ok;
  out.push(m.heading(report.asOf), '');
  out.push(
    m.statusLine(
      status,
      m.counts(summary.flows, summary.verdicts.allowed, summary.verdicts.review, summary.verdicts.violation, notAssessed, summary.inactive ?? 0),
      m.findingCounts(summary.findings.error, summary.findings.warning, summary.findings.info, summary.waived ?? 0, summary.baselined ?? 0, summary.disabled ?? 0, summary.errors),
    ),
    '',
  );
  if (notAssessed > 0) {
    const would = [...new Set(report.flows.flatMap((f) => (f.verdict === 'not-assessed' ? f.wouldApply ?? [] : [])))].sort();
    out.push(`> [!WARNING]\n> ${m.notAssessedAlert(notAssessed, would.map((w) => `\`${code(w)}\``).join(t.common.listSeparator), would.length)}`, '');
  }
  if (noLaw) out.push(`> [!WARNING]\n> ${t.common.noLaw}`, '');
  if (overridden.length > 0) {
    out.push(`> [!CAUTION]\n> ${m.overridesLaw}`, ...overridden.map((o) => `> - ${m.overrideItem(`\`${code(o.rule)}\``, md(overrideChange(o, t)), md(o.reason))}`), '');
  }
}

function countsSections(report: Report, notAssessed: number, out: string[], t: ReportTexts): void {
  const m = t.markdown;
  out.push(`### ${m.byRegulation}`, '');
  out.push(...table(
    countHead(m.regulation, notAssessed > 0, t),
    countsByRegime(report).map(({ regime, counts }) => [`${md(regime.title)} (\`${code(regime.id)}\`)`, ...countCells(counts, notAssessed > 0)]),
  ), '');
  out.push(`### ${m.byDestination}`, '');
  out.push(...table(
    countHead(m.destination, notAssessed > 0, t),
    countsByDestination(report).map(({ country, counts }) => [md(countryLabel(country, t.lang)), ...countCells(counts, notAssessed > 0)]),
  ), '');
}

function findingsSection(report: Report, out: string[], t: ReportTexts): void {
  const groups = groupFindings(report);
  if (groups.length === 0) return;
  out.push(`### ${t.markdown.findings}`, '');
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
      out.push(`**→ ${md(names.countryLabel(country))}**`, '');
      for (const f of findings) out.push(...finding(f, parties(f), t));
      out.push('');
    }
  }
}

function flowsSection(report: Report, out: string[], t: ReportTexts): void {
  const names = new ReportNames(report);
  const sep = t.common.listSeparator;
  const party = (p: PartyName): string => `${p.named ? `${md(p.name)} (\`${code(p.id)}\`)` : `\`${code(p.id)}\``}${sep}${md(names.country(p.country))}`;
  const head = t.markdown.flowHead;
  out.push(`<details><summary>${t.markdown.flowsSummary}</summary>`, '');
  out.push(...table(
    [head.flow, head.from, head.to, head.data, head.subjects, head.purposes, head.verdict, head.basis],
    report.flows.map((f) => {
      const v = displayVerdict(f);
      const data = f.datasets.map((id) => {
        const d = names.dataset(id);
        const cats = d.categories.map((c) => md(c.title)).join(sep);
        return `${d.named ? md(d.name) : `\`${code(d.id)}\``}${cats ? ` (${cats})` : ''}`;
      });
      const subjects = f.subjects ?? [...new Set(f.datasets.flatMap((id) => names.dataset(id).subjects))].sort();
      return [
        `\`${code(f.id)}\``,
        party(names.exporter(f)),
        party(names.importer(f)),
        data.join('<br>'),
        subjects.map(md).join(sep) || '—',
        (f.purposes ?? []).map(md).join(sep) || '—',
        `${VERDICT_ICONS[v]} ${t.common.verdict[v]}`,
        basisCell(f, t),
      ];
    }),
  ), '', '</details>', '');
}

/** Most findings named in each list of the baseline section; the rest are counted. */
const DELTA_MAX_ITEMS = 50;

/** What changed since the baseline (new, fixed, still open), when one was applied. */
function baselineSection(report: Report, out: string[], t: ReportTexts): void {
  const fixed = report.fixedSinceBaseline;
  if (!fixed || !report.policy.baseline) return;
  const current = report.findings.filter((f) => suppressionOf(f) !== 'disabled');
  const added = current.filter((f) => f.baselineState === 'new');
  const open = current.filter((f) => f.baselineState === 'unchanged');
  const line = (f: { severity?: Finding['severity']; ruleId?: string; flowId?: string; fingerprint: string }): string =>
    `- ${f.severity ? `${SEVERITY_ICONS[f.severity]} ` : ''}${f.flowId ? t.common.baseline.ruleOnFlow(`\`${code(f.ruleId ?? f.fingerprint)}\``, `\`${code(f.flowId)}\``) : `\`${code(f.ruleId ?? f.fingerprint)}\``}`;
  const list = (title: string, items: ReadonlyArray<Parameters<typeof line>[0]>): void => {
    out.push(`**${title}: ${items.length}**`, '');
    if (items.length === 0) return;
    out.push(...items.slice(0, DELTA_MAX_ITEMS).map(line));
    if (items.length > DELTA_MAX_ITEMS) out.push(`- ${t.common.andMore(items.length - DELTA_MAX_ITEMS)}`);
    out.push('');
  };
  out.push(`### ${t.common.baseline.sinceBaseline}`, '', t.common.baseline.comparedWith(`\`${code(report.policy.baseline.file)}\``), '');
  list(t.common.baseline.deltaNew, added);
  list(t.common.baseline.deltaFixed, fixed);
  list(t.common.baseline.deltaOpen, open);
}

/** Input errors and warnings. */
function diagnosticsSection(report: Report, out: string[], t: ReportTexts): void {
  if (report.errors.length > 0) {
    out.push(`### ${t.markdown.inputErrors}`, '');
    for (const e of report.errors) out.push(`- ❌ ${e.location ? `\`${code(where(e.location))}\` ` : ''}${md(e.message)}${e.hint ? ` _(${md(e.hint)})_` : ''} \`${code(e.code)}\``);
    out.push('');
  }
  if ((report.warnings ?? []).length > 0) {
    out.push(`### ${t.markdown.warnings}`, '');
    for (const w of report.warnings ?? []) out.push(`- ⚠️ ${w.location ? `\`${code(where(w.location))}\` ` : ''}${md(w.message)}${w.hint ? ` _(${md(w.hint)})_` : ''} \`${code(w.code)}\``);
    out.push('');
  }
}

/** What the check ran on: version, date, packs, input files with their digests, rules the policy changed. */
function checkedSection(report: Report, out: string[], t: ReportTexts): void {
  const m = t.markdown;
  out.push(`<details><summary>${m.checkedSummary}</summary>`, '');
  out.push(m.checked(md(report.tool.version), report.asOf), '');
  out.push(...table([m.packHead.pack, m.packHead.version, m.packHead.effective], report.policy.packs.map((p) => [`${md(p.title)} (\`${code(p.id)}\`)`, md(p.version), p.effective])), '');
  const kind = m.inputKind;
  const files = [
    ...report.inputs.map((i) => [kind.manifest, i.file, i.sha256]),
    ...report.policy.files.map((i) => [kind.policy, i.file, i.sha256]),
    ...(report.policy.waivers ? [[kind.waivers, report.policy.waivers.file, report.policy.waivers.sha256]] : []),
    ...(report.policy.baseline ? [[kind.baseline, report.policy.baseline.file, report.policy.baseline.sha256]] : []),
  ];
  out.push(...table([m.inputHead.input, m.inputHead.file, m.inputHead.sha256], files.map(([k, file, sha]) => [k, `\`${code(file)}\``, `\`${sha}\``])), '');
  if (report.policy.overrides.length > 0) {
    out.push(...table([m.overrideHead.rule, m.overrideHead.change, m.overrideHead.reason], report.policy.overrides.map((o) => [
      `\`${code(o.rule)}\`${o.builtin ? m.builtIn : ''}`,
      md(overrideChange(o, t)),
      md(o.reason),
    ])), '');
  }
  out.push('</details>', '');
}

function finding(f: Finding, parties: string, t: ReportTexts): string[] {
  const m = t.markdown;
  const s = suppressionOf(f);
  const mark = s === 'disabled' ? m.mark.disabled : s === 'waived' ? m.mark.waived : s === 'baseline' ? m.mark.baselined : '';
  const cite = `${md(f.citation.law)} ${md(f.citation.article)}`;
  const lines = [
    `- ${SEVERITY_ICONS[f.severity]} **${t.common.severity[f.severity]}** ${t.common.baseline.ruleOnFlow(`\`${code(f.ruleId)}\``, `\`${code(f.flowId)}\``)}${parties}${mark} (\`${code(where(f.location))}\`)  `,
    `  ${md(f.message)}  `,
  ];
  if (f.path.length > 1) lines.push(`  ${m.chain} ${f.path.map((p) => `\`${code(p)}\``).join(' → ')}  `);
  lines.push(`  **${m.fix}** ${md(f.remediation)}  `);
  lines.push(`  **${m.law}** ${f.citation.url ? `[${cite}](${url(f.citation.url)})` : cite}`);
  if (f.waiver?.status === 'active') lines[lines.length - 1] += `  \n  ${m.waived(md(f.waiver.approver), f.waiver.expires, md(f.waiver.reason))}`;
  if (f.waiver?.status === 'expired') lines[lines.length - 1] += `  \n  ${m.waiverExpired(f.waiver.expires, md(f.waiver.reason), md(f.waiver.approver))}`;
  const override = overrideText(f, t);
  if (override) lines[lines.length - 1] += `  \n  **${m.policy}** ${md(override)}`;
  return lines;
}

/** The head of a count table; the not-assessed column is there when a flow is not assessed. */
function countHead(first: string, notAssessed: boolean, t: ReportTexts): string[] {
  const h = t.markdown.countHead;
  return [first, h.flows, h.allowed, h.review, h.violation, ...(notAssessed ? [h.notAssessed] : []), h.errors, h.warnings, h.info];
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
    lines.push(`  subgraph c${ci}["${mermaidText(names.countryLabel(country))}"]`);
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
function basisCell(f: FlowResult, t: ReportTexts): string {
  const sep = t.common.listSeparator;
  const lines = [
    ...f.basis.map((b) => md(b.text)),
    ...(f.failedBasis ?? []).map((b) => t.markdown.failedBasis(md(b.text), b.rejectedBy.map((r) => `\`${code(r)}\``).join(sep))),
  ];
  if (lines.length > 0) return lines.join('<br>');
  return f.wouldApply ? t.markdown.wouldJudge(f.wouldApply.map((w) => `\`${code(w)}\``).join(sep)) : '—';
}
