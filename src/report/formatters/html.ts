import type { Finding, FlowResult, Report } from '../../types';
import { suppressionOf } from '../suppression';
import { COUNTRY_GRAPH_MAX_ARROWS, GRAPH_MAX_ARROWS, GRAPH_MAX_PARTIES, graphScope, renderFlowGraphSvg, VERDICT_COLOURS, type GraphScope } from './flow-graph';
import { HTML_STYLE } from './html-style';
import {
  countryLabel,
  countsByDestination,
  countsByRegime,
  displayVerdict,
  findingsByFlow,
  groupFindings,
  lawOverrides,
  overrideChange,
  overrideText,
  regimesOf,
  where,
  type DisplayVerdict,
  type GroupCounts,
} from './shared';
import { ReportNames, type PartyName } from './names';
import { compareStrings } from '../../source/diagnostic';
import { textsOf, type ReportTexts } from './i18n';
import type { FormatOptions } from './types';

/**
 * One self-contained HTML page for compliance officers: no script, no external resource (a
 * Content-Security-Policy forbids any), so it opens offline and can be archived as evidence.
 * It has the verdicts per regulation and per destination country, the flow graph coloured by
 * verdict (laid out by Graphviz), every flow with its verdict and the basis that made it lawful,
 * every finding with its citation and remediation, and what the check ran on: the asOf date,
 * the rule packs and their versions, and each input with its sha256.
 */
export async function formatHtml(report: Report, _options?: FormatOptions): Promise<string> {
  const scope = graphScope(report);
  return renderHtml(report, await renderFlowGraphSvg(report, scope), scope);
}

/** The page around an already rendered flow graph (undefined: no diagram). Pure and synchronous. */
export function renderHtml(report: Report, graphSvg: string | undefined, scope: GraphScope = graphScope(report)): string {
  const t = textsOf(report);
  const h = t.html;
  const byFlow = findingsByFlow(report);
  const status = statusOf(report, t);
  const overridden = lawOverrides(report);
  const noLaw = (report.warnings ?? []).some((w) => w.code === 'policy/no-law');
  const alerts = [
    ...(noLaw ? [t.common.noLaw] : []),
    ...overridden.map((o) => h.alertOverride(o.rule, overrideChange(o, t), o.reason)),
  ];
  const packsLine = report.policy.packs.map((p) => `${esc(p.title)} <span class="muted">${esc(p.version)}</span>`).join(' · ');
  const nav = h.nav;

  const body = [
    '<header class="page-head">',
    `<p class="eyebrow">dfft ${esc(report.tool.version)} · ${esc(h.eyebrow)}</p>`,
    `<h1>${esc(h.heading)}</h1>`,
    `<p class="meta">${h.lawAsOf(esc(report.asOf))}${packsLine ? ` · ${packsLine}` : ''}</p>`,
    `<p class="status status-${status.cls}">${esc(status.text)}</p>`,
    ...alerts.map((a) => `<p class="status status-review">${esc(a)}</p>`),
    `<nav><a href="#summary">${nav.summary}</a>${report.fixedSinceBaseline ? `<a href="#baseline">${nav.sinceBaseline}</a>` : ''}<a href="#graph">${nav.graph}</a><a href="#flows">${nav.flows}</a><a href="#findings">${nav.findings}</a><a href="#provenance">${nav.provenance}</a></nav>`,
    '</header>',
    '<main>',
    summarySection(report, t),
    problemsSection(report, t),
    baselineSection(report, t),
    graphSection(report, graphSvg, scope, t),
    flowsSection(report, byFlow, t),
    findingsSection(report, t),
    provenanceSection(report, t),
    '</main>',
    `<footer>${h.footer(esc(report.tool.name), esc(report.tool.version))}</footer>`,
  ].join('\n');

  return [
    '<!DOCTYPE html>',
    `<html lang="${t.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing may be fetched when the report is viewed: it must work offline and leak nothing.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<meta name="generator" content="${esc(report.tool.name)} ${esc(report.tool.version)}">`,
    `<title>${h.pageTitle(esc(report.asOf))}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The page's status line: the worst of input errors, violations, flows not assessed, flows to review, a policy over the law. */
function statusOf(report: Report, t: ReportTexts): { cls: string; text: string } {
  const { summary } = report;
  const h = t.html;
  const notAssessed = summary.verdicts['not-assessed'] ?? 0;
  const overridden = lawOverrides(report).length > 0 || (report.warnings ?? []).some((w) => w.code === 'policy/no-law');
  if (summary.errors > 0) return { cls: 'bad', text: h.statusInputErrors(summary.errors) };
  if (summary.verdicts.violation > 0) return { cls: 'bad', text: h.statusViolations(summary.verdicts.violation) };
  if (notAssessed > 0) return { cls: 'review', text: h.statusNotAssessed(notAssessed) };
  if (summary.verdicts.review > 0) return { cls: 'review', text: h.statusReview(summary.verdicts.review) };
  return overridden ? { cls: 'review', text: h.statusOverridden } : { cls: 'ok', text: h.statusOk };
}

function summarySection(report: Report, t: ReportTexts): string {
  const { summary } = report;
  const { cards: k, counts: n } = t.html;
  const verdicts: Record<DisplayVerdict, number> = { allowed: 0, review: 0, violation: 0, 'not-assessed': 0, inactive: 0 };
  for (const f of report.flows) verdicts[displayVerdict(f)]++;
  const cards = [
    card(k.flows, summary.flows, 'neutral', verdicts.inactive > 0 ? k.notInForce(verdicts.inactive) : undefined),
    card(k.allowed, verdicts.allowed, 'ok'),
    card(k.review, verdicts.review, 'review'),
    card(k.violation, verdicts.violation, 'bad'),
    ...(verdicts['not-assessed'] > 0 ? [card(k.notAssessed, verdicts['not-assessed'], 'review', k.notAssessedNote)] : []),
    card(k.findings, summary.findings.error + summary.findings.warning + summary.findings.info, 'neutral', k.findingsNote(summary.findings.error, summary.findings.warning, summary.findings.info)),
    ...(summary.waived !== undefined ? [card(k.waived, summary.waived, 'neutral', k.waivedNote)] : []),
    ...(summary.baselined !== undefined ? [card(k.baselined, summary.baselined, 'neutral', k.baselinedNote)] : []),
    ...(summary.disabled ? [card(k.disabled, summary.disabled, 'review', k.disabledNote)] : []),
    ...(summary.errors > 0 ? [card(k.inputErrors, summary.errors, 'bad')] : []),
  ];
  const inactive = verdicts.inactive > 0;
  const unassessed = verdicts['not-assessed'] > 0;
  const waived = summary.waived !== undefined;
  const baselined = summary.baselined !== undefined;
  const verdictCols = 3 + (inactive ? 1 : 0) + (unassessed ? 1 : 0);
  const findingCols = 3 + (waived ? 1 : 0) + (baselined ? 1 : 0);
  const head = (label: string): string =>
    [
      `<tr><th scope="col" rowspan="2">${label}</th><th scope="col" rowspan="2" class="num">${n.flows}</th><th scope="colgroup" colspan="${verdictCols}" class="group">${n.byVerdict}</th><th scope="colgroup" colspan="${findingCols}" class="group">${n.findings}</th></tr>`,
      `<tr><th scope="col" class="num">${n.allowed}</th><th scope="col" class="num">${n.review}</th><th scope="col" class="num">${n.violation}</th>`,
      unassessed ? `<th scope="col" class="num">${n.notAssessed}</th>` : '',
      inactive ? `<th scope="col" class="num">${n.inactive}</th>` : '',
      `<th scope="col" class="num">${n.errors}</th><th scope="col" class="num">${n.warnings}</th><th scope="col" class="num">${n.info}</th>`,
      waived ? `<th scope="col" class="num">${n.waived}</th>` : '',
      baselined ? `<th scope="col" class="num">${n.baselined}</th>` : '',
      '</tr>',
    ].join('');
  const row = (label: string, c: GroupCounts): string =>
    [
      `<tr><th scope="row">${label}</th><td class="num">${c.flows}</td>${num(c.allowed, 'ok')}${num(c.review, 'review')}${num(c.violation, 'bad')}`,
      unassessed ? num(c['not-assessed'], 'review') : '',
      inactive ? num(c.inactive) : '',
      `${num(c.error, 'bad')}${num(c.warning, 'review')}${num(c.info)}`,
      waived ? num(c.waived) : '',
      baselined ? num(c.baselined) : '',
      '</tr>',
    ].join('');
  return [
    '<section id="summary">',
    `<h2>${t.html.summary}</h2>`,
    `<div class="cards">${cards.join('')}</div>`,
    `<h3>${t.html.byRegulation}</h3>`,
    `<div class="table-wrap"><table class="counts"><thead>${head(t.html.regulation)}</thead><tbody>`,
    ...countsByRegime(report).map(({ regime, counts }) => row(`${esc(regime.title)} <code class="muted">${esc(regime.id)}</code>`, counts)),
    '</tbody></table></div>',
    `<h3>${t.html.byDestination}</h3>`,
    `<div class="table-wrap"><table class="counts"><thead>${head(t.html.destination)}</thead><tbody>`,
    ...countsByDestination(report).map(({ country, counts }) => row(esc(countryLabel(country, t.lang)), counts)),
    '</tbody></table></div>',
    '</section>',
  ].join('\n');
}

function problemsSection(report: Report, t: ReportTexts): string {
  const warnings = report.warnings ?? [];
  if (report.errors.length === 0 && warnings.length === 0) return '';
  const item = (kind: 'error' | 'warning', e: { code: string; message: string; hint?: string; location?: { file: string; line: number; column: number } }): string =>
    `<li class="problem problem-${kind}"><span class="badge badge-${kind === 'error' ? 'bad' : 'review'}">${t.common.severity[kind]}</span> ${e.location ? `<code class="loc">${esc(where(e.location))}</code> ` : ''}${esc(e.message)}${e.hint ? ` <span class="muted">(${esc(e.hint)})</span>` : ''} <code class="muted">${esc(e.code)}</code></li>`;
  return [
    '<section id="problems">',
    `<h2>${t.html.problems}</h2>`,
    report.errors.length > 0 ? `<p>${t.html.problemsNote}</p>` : '',
    `<ul class="problems">${[...report.errors.map((e) => item('error', e)), ...warnings.map((w) => item('warning', w))].join('')}</ul>`,
    '</section>',
  ].join('\n');
}

/** Most findings named in each list of the baseline section; the rest are counted (the findings section has them all). */
const DELTA_MAX_ITEMS = 50;

/**
 * What changed since the baseline, when one was applied: the findings new in this run, those of
 * the baseline this run no longer has, and those still open. What a review meeting discusses.
 */
function baselineSection(report: Report, t: ReportTexts): string {
  const h = t.html;
  const b = t.common.baseline;
  const fixed = report.fixedSinceBaseline;
  if (!fixed || !report.policy.baseline) return '';
  const current = report.findings.filter((f) => suppressionOf(f) !== 'disabled');
  const added = current.filter((f) => f.baselineState === 'new');
  const open = current.filter((f) => f.baselineState === 'unchanged');
  const item = (f: Finding): string =>
    `<li><span class="badge badge-${severityClass(f.severity)}">${t.common.severity[f.severity]}</span> ${b.ruleOnFlow(`<a href="#finding-${esc(f.fingerprint)}"><code>${esc(f.ruleId)}</code></a>`, `<a href="#flow-${esc(f.flowId)}"><code>${esc(f.flowId)}</code></a>`)}</li>`;
  const gone = (f: NonNullable<Report['fixedSinceBaseline']>[number]): string => {
    const rule = `<code>${esc(f.ruleId ?? f.fingerprint)}</code>`;
    return `<li>${f.severity ? `<span class="badge badge-ok">${t.common.severity[f.severity]}</span> ` : ''}${f.flowId ? b.ruleOnFlow(rule, `<code>${esc(f.flowId)}</code>`) : rule}${f.message ? ` <span class="muted">${esc(f.message)}</span>` : ''}</li>`;
  };
  const list = (title: string, cls: string, items: string[], empty: string): string => {
    const shown = items.slice(0, DELTA_MAX_ITEMS);
    const more = items.length > shown.length ? `<li class="muted">${t.common.andMore(items.length - shown.length)}</li>` : '';
    return `<div class="delta delta-${cls}"><h3>${title} <span class="count">${items.length}</span></h3>${items.length > 0 ? `<ul>${shown.join('')}${more}</ul>` : `<p class="muted">${empty}</p>`}</div>`;
  };
  return [
    '<section id="baseline">',
    `<h2>${b.sinceBaseline}</h2>`,
    `<p class="muted">${b.comparedWith(`<code>${esc(report.policy.baseline.file)}</code>`)}</p>`,
    '<div class="deltas">',
    list(b.deltaNew, 'bad', added.map(item), h.noneNew),
    list(b.deltaFixed, 'ok', fixed.map(gone), h.noneFixed),
    list(b.deltaOpen, 'review', open.map(item), h.noneOpen),
    '</div>',
    '</section>',
  ].join('\n');
}

/** What the graph section says about a diagram drawn by country, or left out, on a large estate. */
function graphScopeNote(scope: GraphScope, t: ReportTexts): string {
  if (scope.kind === 'countries') return `<p class="muted">${t.html.graphByCountry(scope.parties, scope.arrows, GRAPH_MAX_PARTIES, GRAPH_MAX_ARROWS)}</p>`;
  if (scope.kind === 'none') return `<p class="muted">${t.html.graphLeftOut(scope.countryArrows, COUNTRY_GRAPH_MAX_ARROWS)}</p>`;
  return '';
}

function graphSection(report: Report, svg: string | undefined, scope: GraphScope, t: ReportTexts): string {
  const h = t.html;
  const legend = (['allowed', 'review', 'violation', 'not-assessed', 'inactive'] as const)
    .map((v) => `<span class="legend-item"><svg width="28" height="10" aria-hidden="true"><line x1="0" y1="5" x2="28" y2="5" stroke="${VERDICT_COLOURS[v]}" stroke-width="${v === 'violation' ? 3 : 2}"${v === 'review' || v === 'not-assessed' ? ' stroke-dasharray="5 3"' : v === 'inactive' ? ' stroke-dasharray="2 3"' : ''}/></svg>${t.common.verdict[v]}</span>`)
    .join('');
  return [
    '<section id="graph">',
    `<h2>${h.graph}</h2>`,
    report.flows.length === 0
      ? `<p class="muted">${h.noFlows}</p>`
      : scope.kind === 'none'
        ? graphScopeNote(scope, t)
      : svg
        ? `${graphScopeNote(scope, t)}<figure class="graph"><div class="graph-box">${svg}</div><figcaption>${h.graphCaption(scope.kind === 'countries')} <span class="legend">${legend}</span></figcaption></figure>`
        : `<p class="muted">${h.graphFailed}</p>`,
    '</section>',
  ].join('\n');
}

function flowsSection(report: Report, byFlow: Map<string, Finding[]>, t: ReportTexts): string {
  const names = new ReportNames(report);
  const h = t.html;
  const rows = report.flows.map((f) => {
    const v = displayVerdict(f);
    const findings = byFlow.get(f.id) ?? [];
    const basis = f.basis.map((b) => `<li class="basis"><span class="tick" aria-hidden="true">✓</span> ${esc(b.text)} <span class="muted">(${esc(b.ruleId)})</span></li>`);
    // Relied on, and failed: evidence too, never shown as what made the flow lawful.
    const failed = (f.failedBasis ?? []).map((b) => `<li class="basis basis-failed"><span class="cross" aria-hidden="true">✗</span> <s>${esc(b.text)}</s> <span class="muted">(${esc(b.ruleId)})</span>${h.failedBasis(b.rejectedBy.map((r) => `<code>${esc(r)}</code>`).join(t.common.listSeparator))}</li>`);
    const problems = findings.map((x) => `<li class="flow-finding"><span class="badge badge-${severityClass(x.severity)}">${t.common.severity[x.severity]}</span> <a href="#finding-${esc(x.fingerprint)}">${esc(x.ruleId)}</a>${suppressionBadge(x, t)}${x.policyOverride ? ` <span class="muted">${esc(overrideText(x, t)!)}</span>` : ''}</li>`);
    const would = f.wouldApply ? [`<li class="flow-finding">${h.wouldJudge(f.wouldApply.map((w) => `<code>${esc(w)}</code>`).join(t.common.listSeparator))}</li>`] : [];
    const evidence = [...basis, ...failed, ...would, ...problems];
    const none = !f.active ? h.noneInactive : f.regimes.length === 0 ? h.noneNoRules : h.noneNoTransfer;
    const regimes = f.regimes.length > 0 ? `<div class="regimes">${f.regimes.map((r) => `<code>${esc(r)}</code>`).join(' ')}</div>` : '';
    return [
      `<tr id="flow-${esc(f.id)}" class="verdict-row-${v}">`,
      `<th scope="row">${verdictBadge(v, t)} <code class="flow-id">${esc(f.id)}</code>${regimes}<div class="loc">${esc(where(f.location))}</div></th>`,
      `<td data-label="${h.flowHead.parties}">${partyHtml(names.exporter(f), names)}<div class="arrow" aria-label="${h.to}">↓</div>${partyHtml(names.importer(f), names)}</td>`,
      `<td data-label="${h.dataLabel}">${dataHtml(f, names, t)}</td>`,
      `<td data-label="${h.flowHead.basis}">${evidence.length > 0 ? `<ul class="evidence">${evidence.join('')}</ul>` : `<span class="muted">${none}</span>`}</td>`,
      '</tr>',
    ].join('');
  });
  return [
    '<section id="flows">',
    `<h2>${h.flows}</h2>`,
    `<p class="muted">${h.flowsIntro}</p>`,
    '<div class="table-wrap"><table class="flows">',
    '<colgroup><col class="c-flow"><col class="c-parties"><col class="c-data"><col class="c-basis"></colgroup>',
    `<thead><tr><th scope="col">${h.flowHead.flow}</th><th scope="col">${h.flowHead.parties}</th><th scope="col">${h.flowHead.data}</th><th scope="col">${h.flowHead.basis}</th></tr></thead>`,
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table></div>',
    '</section>',
  ].join('\n');
}

/** A party by name with its country's name; the id under it when the name is not the id. */
function partyHtml(p: PartyName, names: ReportNames): string {
  return `<div class="party"><strong>${esc(p.name)}</strong> <span class="cc" title="${esc(p.country)}">${esc(names.country(p.country))}</span>${p.named ? ` <code class="muted">${esc(p.id)}</code>` : ''}</div>`;
}

/** The flow's datasets by name with their categories (the taxonomy's titles), its data subjects and its purposes. */
function dataHtml(f: FlowResult, names: ReportNames, t: ReportTexts): string {
  const datasets = f.datasets.map((id) => {
    const d = names.dataset(id);
    const cats = d.categories.map((c) => `<span class="cat" title="${esc(c.id)}">${esc(c.title)}</span>`).join(' ');
    return `<div class="dataset"><strong>${esc(d.name)}</strong>${d.named ? ` <code class="muted">${esc(d.id)}</code>` : ''}${cats ? `<div class="cats">${cats}</div>` : ''}</div>`;
  });
  const subjects = f.subjects ?? [...new Set(f.datasets.flatMap((id) => names.dataset(id).subjects))].sort(compareStrings);
  return [
    ...datasets,
    subjects.length > 0 ? `<div class="facet"><span class="facet-label">${t.html.subjects}</span> ${subjects.map(esc).join(t.common.listSeparator)}</div>` : '',
    f.purposes && f.purposes.length > 0 ? `<div class="facet"><span class="facet-label">${t.html.purposes}</span> ${f.purposes.map(esc).join(t.common.listSeparator)}</div>` : '',
  ].join('');
}

function findingsSection(report: Report, t: ReportTexts): string {
  const groups = groupFindings(report);
  if (groups.length === 0) return `<section id="findings"><h2>${t.html.findings}</h2><p class="muted">${t.html.noFindings}</p></section>`;
  const out = ['<section id="findings">', `<h2>${t.html.findings}</h2>`];
  const names = new ReportNames(report);
  const flows = new Map(report.flows.map((f) => [f.id, f]));
  for (const { regime, countries } of groups) {
    out.push(`<h3>${esc(regime.title)} <code class="muted">${esc(regime.id)}</code></h3>`);
    for (const { country, findings } of countries) {
      out.push(`<h4>→ ${esc(names.countryLabel(country))} <span class="muted">${t.html.findingCount(findings.length)}</span></h4>`);
      out.push(...findings.map((f) => findingCard(f, names, flows.get(f.flowId), t)));
    }
  }
  out.push('</section>');
  return out.join('\n');
}

function findingCard(f: Finding, names: ReportNames, flow: FlowResult | undefined, t: ReportTexts): string {
  const k = t.html.findingRows;
  const parties = flow ? ` <span class="muted">${esc(names.exporter(flow).name)} → ${esc(names.importer(flow).name)} (${esc(names.country(flow.importerCountry))})</span>` : '';
  const cite = `${esc(f.citation.law)} ${esc(f.citation.article)}`;
  const rows: Array<[string, string]> = [
    [k.law, f.citation.url && /^https?:\/\//i.test(f.citation.url) ? `<a href="${esc(f.citation.url)}" rel="noreferrer">${cite}</a>` : cite],
    [k.fix, esc(f.remediation)],
  ];
  if (f.path.length > 1) rows.push([k.chain, f.path.map((p) => `<a href="#flow-${esc(p)}"><code>${esc(p)}</code></a>`).join(' → ')]);
  rows.push([k.source, `<code>${esc(where(f.location))}</code> <code class="muted">${esc(f.location.pointer)}</code>`]);
  rows.push([k.fingerprint, `<code>${esc(f.fingerprint)}</code>`]);
  if (f.policyOverride) rows.push([k.policy, esc(overrideText(f, t)!)]);
  if (f.baselineState) rows.push([k.baseline, f.baselineState === 'unchanged' ? t.html.inBaseline : t.html.newSinceBaseline]);
  const waiver = f.waiver
    ? `<p class="waiver waiver-${f.waiver.status}">${t.html.waiver(f.waiver.status === 'active', esc(f.waiver.approver), esc(f.waiver.expires))}<br>${esc(f.waiver.reason)} <span class="muted">(${esc(where(f.waiver.location))})</span></p>`
    : '';
  const rule = `<code class="rule">${esc(f.ruleId)}</code>`;
  return [
    `<article class="finding finding-${severityClass(f.severity)}${suppressionOf(f) ? ' suppressed' : ''}" id="finding-${esc(f.fingerprint)}">`,
    `<header><span class="badge badge-${severityClass(f.severity)}">${t.common.severity[f.severity]}</span> ${t.common.baseline.ruleOnFlow(rule, `<a href="#flow-${esc(f.flowId)}"><code>${esc(f.flowId)}</code></a>`)}${parties}${suppressionBadge(f, t)}</header>`,
    `<p class="message">${esc(f.message)}</p>`,
    waiver,
    `<dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`,
    '</article>',
  ].join('\n');
}

function provenanceSection(report: Report, t: ReportTexts): string {
  const h = t.html;
  const packs = regimesOf(report).filter((r) => r.version !== undefined);
  const kind = h.inputKind;
  const files: Array<[string, string, string]> = [
    ...report.inputs.map((i): [string, string, string] => [kind.manifest, i.file, i.sha256]),
    ...report.policy.files.map((i): [string, string, string] => [kind.policy, i.file, i.sha256]),
    ...(report.policy.waivers ? [[kind.waivers, report.policy.waivers.file, report.policy.waivers.sha256] as [string, string, string]] : []),
    ...(report.policy.baseline ? [[kind.baseline, report.policy.baseline.file, report.policy.baseline.sha256] as [string, string, string]] : []),
  ];
  const out = [
    '<section id="provenance">',
    `<h2>${h.provenance}</h2>`,
    `<p>${h.checkedBy(esc(report.tool.name), esc(report.tool.version), esc(report.asOf))}</p>`,
    `<h3>${h.rulePacks}</h3>`,
    `<div class="table-wrap"><table><thead><tr><th scope="col">${h.packHead.pack}</th><th scope="col">${h.packHead.title}</th><th scope="col">${h.packHead.version}</th><th scope="col">${h.packHead.effective}</th></tr></thead><tbody>`,
    ...packs.map((p) => `<tr><td><code>${esc(p.id)}</code></td><td>${esc(p.title)}</td><td>${esc(p.version ?? '')}</td><td>${esc(p.effective ?? '')}</td></tr>`),
    '</tbody></table></div>',
  ];
  if (report.policy.overrides.length > 0) {
    out.push(
      `<h3>${h.overridesHeading}</h3>`,
      `<div class="table-wrap"><table><thead><tr><th scope="col">${h.overrideHead.rule}</th><th scope="col">${h.overrideHead.change}</th><th scope="col">${h.overrideHead.reason}</th></tr></thead><tbody>`,
      ...report.policy.overrides.map((o) => `<tr><td><code>${esc(o.rule)}</code>${o.builtin ? ` <span class="muted">${h.builtIn}</span>` : ''}</td><td>${esc(overrideChange(o, t))}</td><td>${esc(o.reason)}</td></tr>`),
      '</tbody></table></div>',
    );
  }
  out.push(
    `<h3>${h.inputs}</h3>`,
    `<div class="table-wrap"><table class="inputs"><thead><tr><th scope="col">${h.inputHead.kind}</th><th scope="col">${h.inputHead.file}</th><th scope="col">${h.inputHead.sha256}</th></tr></thead><tbody>`,
    ...files.map(([kind, file, sha]) => `<tr><td>${kind}</td><td><code>${esc(file)}</code></td><td><code class="hash">${esc(sha)}</code></td></tr>`),
    '</tbody></table></div>',
    '</section>',
  );
  return out.join('\n');
}

function card(label: string, value: number, cls: string, note?: string): string {
  return `<div class="card card-${cls}"><div class="card-value">${value}</div><div class="card-label">${esc(label)}</div>${note ? `<div class="card-note">${esc(note)}</div>` : ''}</div>`;
}

function num(n: number, cls?: string): string {
  return `<td class="num${n > 0 && cls ? ` t-${cls}` : ''}${n === 0 ? ' zero' : ''}">${n}</td>`;
}

function verdictBadge(v: DisplayVerdict, t: ReportTexts): string {
  const cls = v === 'allowed' ? 'ok' : v === 'review' || v === 'not-assessed' ? 'review' : v === 'violation' ? 'bad' : 'inactive';
  return `<span class="badge badge-${cls}">${t.common.verdict[v]}</span>`;
}

function severityClass(s: Finding['severity']): string {
  return s === 'error' ? 'bad' : s === 'warning' ? 'review' : 'info';
}

function suppressionBadge(f: Finding, t: ReportTexts): string {
  const s = suppressionOf(f);
  const b = t.html.badge;
  if (s === 'disabled') return ` <span class="badge badge-waived">${b.disabled}</span>`;
  const changed = f.policyOverride ? ` <span class="badge badge-waived">${esc(b.changed(f.policyOverride.change))}</span>` : '';
  if (s === 'waived') return `${changed} <span class="badge badge-waived">${b.waived}</span>`;
  if (s === 'baseline') return `${changed} <span class="badge badge-inactive">${b.baselined}</span>`;
  if (f.waiver?.status === 'expired') return `${changed} <span class="badge badge-review">${b.expired}</span>`;
  return changed;
}

/** Escapes text for HTML content and double- or single-quoted attributes. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
