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
  plural,
  regimesOf,
  VERDICT_LABELS,
  where,
  type DisplayVerdict,
  type GroupCounts,
} from './shared';
import { ReportNames, type PartyName } from './names';
import { countryName } from '../../law/country-names';
import { compareStrings } from '../../source/diagnostic';
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
  const { summary } = report;
  const byFlow = findingsByFlow(report);
  const notAssessed = summary.verdicts['not-assessed'] ?? 0;
  const overridden = lawOverrides(report);
  const noLaw = (report.warnings ?? []).some((w) => w.code === 'policy/no-law');
  const status: { cls: string; text: string } =
    summary.errors > 0
      ? { cls: 'bad', text: `The check is incomplete: ${plural(summary.errors, 'input error')}. Fix the inputs and run it again.` }
      : summary.verdicts.violation > 0
        ? { cls: 'bad', text: `${plural(summary.verdicts.violation, 'flow is', 'flows are')} in violation.` }
        : notAssessed > 0
          ? { cls: 'review', text: `${plural(notAssessed, 'flow was', 'flows were')} not assessed: no built-in rule pack of this run judges ${notAssessed === 1 ? 'it' : 'them'}.` }
          : summary.verdicts.review > 0
            ? { cls: 'review', text: `${plural(summary.verdicts.review, 'flow needs', 'flows need')} review.` }
            : overridden.length > 0 || noLaw
              ? { cls: 'review', text: 'Every flow has a basis under a policy that overrides the law: see below.' }
              : { cls: 'ok', text: 'Every flow has a basis.' };
  const alerts = [
    ...(noLaw ? ['The policy applies no built-in rule pack: no flow is judged against the law dfft encodes.'] : []),
    ...overridden.map((o) => `The policy overrides built-in rule ${o.rule}: ${overrideChange(o)}. Reason given: ${o.reason}`),
  ];
  const packsLine = report.policy.packs.map((p) => `${esc(p.title)} <span class="muted">${esc(p.version)}</span>`).join(' · ');

  const body = [
    '<header class="page-head">',
    `<p class="eyebrow">dfft ${esc(report.tool.version)} · cross-border personal data flows</p>`,
    `<h1>Data transfer compliance report</h1>`,
    `<p class="meta">Law applied as of <strong>${esc(report.asOf)}</strong>${packsLine ? ` · ${packsLine}` : ''}</p>`,
    `<p class="status status-${status.cls}">${esc(status.text)}</p>`,
    ...alerts.map((a) => `<p class="status status-review">${esc(a)}</p>`),
    `<nav><a href="#summary">Summary</a>${report.fixedSinceBaseline ? '<a href="#baseline">Since the baseline</a>' : ''}<a href="#graph">Flow graph</a><a href="#flows">Flows</a><a href="#findings">Findings</a><a href="#provenance">Inputs and versions</a></nav>`,
    '</header>',
    '<main>',
    summarySection(report),
    problemsSection(report),
    baselineSection(report),
    graphSection(report, graphSvg, scope),
    flowsSection(report, byFlow),
    findingsSection(report),
    provenanceSection(report),
    '</main>',
    `<footer>Made by ${esc(report.tool.name)} ${esc(report.tool.version)} from the inputs listed above; the same inputs, packs and date give the same report.</footer>`,
  ].join('\n');

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing may be fetched when the report is viewed: it must work offline and leak nothing.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<meta name="generator" content="${esc(report.tool.name)} ${esc(report.tool.version)}">`,
    `<title>dfft report, as of ${esc(report.asOf)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function summarySection(report: Report): string {
  const { summary } = report;
  const verdicts: Record<DisplayVerdict, number> = { allowed: 0, review: 0, violation: 0, 'not-assessed': 0, inactive: 0 };
  for (const f of report.flows) verdicts[displayVerdict(f)]++;
  const cards = [
    card('Flows', summary.flows, 'neutral', verdicts.inactive > 0 ? `${verdicts.inactive} not in force` : undefined),
    card('Allowed', verdicts.allowed, 'ok'),
    card('To review', verdicts.review, 'review'),
    card('In violation', verdicts.violation, 'bad'),
    ...(verdicts['not-assessed'] > 0 ? [card('Not assessed', verdicts['not-assessed'], 'review', 'no pack of this run judges them')] : []),
    card('Findings', summary.findings.error + summary.findings.warning + summary.findings.info, 'neutral', `${plural(summary.findings.error, 'error')} · ${plural(summary.findings.warning, 'warning')} · ${summary.findings.info} info`),
    ...(summary.waived !== undefined ? [card('Waived', summary.waived, 'neutral', 'accepted, still listed')] : []),
    ...(summary.baselined !== undefined ? [card('In baseline', summary.baselined, 'neutral', 'known before, still listed')] : []),
    ...(summary.disabled ? [card('Rules disabled', summary.disabled, 'review', 'findings of rules the policy disabled')] : []),
    ...(summary.errors > 0 ? [card('Input errors', summary.errors, 'bad')] : []),
  ];
  const inactive = verdicts.inactive > 0;
  const unassessed = verdicts['not-assessed'] > 0;
  const waived = summary.waived !== undefined;
  const baselined = summary.baselined !== undefined;
  const verdictCols = 3 + (inactive ? 1 : 0) + (unassessed ? 1 : 0);
  const findingCols = 3 + (waived ? 1 : 0) + (baselined ? 1 : 0);
  const head = (label: string): string =>
    [
      `<tr><th scope="col" rowspan="2">${label}</th><th scope="col" rowspan="2" class="num">Flows</th><th scope="colgroup" colspan="${verdictCols}" class="group">Flows by verdict</th><th scope="colgroup" colspan="${findingCols}" class="group">Findings</th></tr>`,
      '<tr><th scope="col" class="num">Allowed</th><th scope="col" class="num">Review</th><th scope="col" class="num">Violation</th>',
      unassessed ? '<th scope="col" class="num">Not assessed</th>' : '',
      inactive ? '<th scope="col" class="num">Not in force</th>' : '',
      '<th scope="col" class="num">Errors</th><th scope="col" class="num">Warnings</th><th scope="col" class="num">Info</th>',
      waived ? '<th scope="col" class="num">Waived</th>' : '',
      baselined ? '<th scope="col" class="num">In baseline</th>' : '',
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
    '<h2>Summary</h2>',
    `<div class="cards">${cards.join('')}</div>`,
    '<h3>By regulation</h3>',
    `<div class="table-wrap"><table class="counts"><thead>${head('Regulation')}</thead><tbody>`,
    ...countsByRegime(report).map(({ regime, counts }) => row(`${esc(regime.title)} <code class="muted">${esc(regime.id)}</code>`, counts)),
    '</tbody></table></div>',
    '<h3>By destination country</h3>',
    `<div class="table-wrap"><table class="counts"><thead>${head('Destination')}</thead><tbody>`,
    ...countsByDestination(report).map(({ country, counts }) => row(esc(countryLabel(country)), counts)),
    '</tbody></table></div>',
    '</section>',
  ].join('\n');
}

function problemsSection(report: Report): string {
  const warnings = report.warnings ?? [];
  if (report.errors.length === 0 && warnings.length === 0) return '';
  const item = (kind: 'error' | 'warning', e: { code: string; message: string; hint?: string; location?: { file: string; line: number; column: number } }): string =>
    `<li class="problem problem-${kind}"><span class="badge badge-${kind === 'error' ? 'bad' : 'review'}">${kind}</span> ${e.location ? `<code class="loc">${esc(where(e.location))}</code> ` : ''}${esc(e.message)}${e.hint ? ` <span class="muted">(${esc(e.hint)})</span>` : ''} <code class="muted">${esc(e.code)}</code></li>`;
  return [
    '<section id="problems">',
    '<h2>Input errors and warnings</h2>',
    report.errors.length > 0 ? '<p>Input errors stop the check from judging the files they are in: the verdicts below cover only the inputs that could be read.</p>' : '',
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
function baselineSection(report: Report): string {
  const fixed = report.fixedSinceBaseline;
  if (!fixed || !report.policy.baseline) return '';
  const current = report.findings.filter((f) => suppressionOf(f) !== 'disabled');
  const added = current.filter((f) => f.baselineState === 'new');
  const open = current.filter((f) => f.baselineState === 'unchanged');
  const item = (f: Finding): string => `<li><span class="badge badge-${severityClass(f.severity)}">${f.severity}</span> <a href="#finding-${esc(f.fingerprint)}"><code>${esc(f.ruleId)}</code></a> on <a href="#flow-${esc(f.flowId)}"><code>${esc(f.flowId)}</code></a></li>`;
  const gone = (f: NonNullable<Report['fixedSinceBaseline']>[number]): string =>
    `<li>${f.severity ? `<span class="badge badge-ok">${f.severity}</span> ` : ''}<code>${esc(f.ruleId ?? f.fingerprint)}</code>${f.flowId ? ` on <code>${esc(f.flowId)}</code>` : ''}${f.message ? ` <span class="muted">${esc(f.message)}</span>` : ''}</li>`;
  const list = (title: string, cls: string, items: string[], empty: string): string => {
    const shown = items.slice(0, DELTA_MAX_ITEMS);
    const more = items.length > shown.length ? `<li class="muted">… and ${items.length - shown.length} more</li>` : '';
    return `<div class="delta delta-${cls}"><h3>${title} <span class="count">${items.length}</span></h3>${items.length > 0 ? `<ul>${shown.join('')}${more}</ul>` : `<p class="muted">${empty}</p>`}</div>`;
  };
  return [
    '<section id="baseline">',
    '<h2>What changed since the baseline</h2>',
    `<p class="muted">Compared with the findings of <code>${esc(report.policy.baseline.file)}</code>.</p>`,
    '<div class="deltas">',
    list('New', 'bad', added.map(item), 'No new finding.'),
    list('Fixed', 'ok', fixed.map(gone), 'No finding of the baseline is gone.'),
    list('Still open', 'review', open.map(item), 'No finding of the baseline is still open.'),
    '</div>',
    '</section>',
  ].join('\n');
}

/** What the graph section says about a diagram drawn by country, or left out, on a large estate. */
function graphScopeNote(scope: GraphScope): string {
  if (scope.kind === 'countries') {
    return `<p class="muted">Drawn by country: ${scope.parties} parties and ${scope.arrows} pairs of parties with flows are more than a diagram can show legibly (the limits are ${GRAPH_MAX_PARTIES} parties and ${GRAPH_MAX_ARROWS} pairs). Every flow is listed below.</p>`;
  }
  if (scope.kind === 'none') {
    return `<p class="muted">Diagram left out: ${scope.countryArrows} pairs of countries with flows are more than a diagram can show (the limit is ${COUNTRY_GRAPH_MAX_ARROWS}): the summary by destination country is above, every flow below.</p>`;
  }
  return '';
}

function graphSection(report: Report, svg: string | undefined, scope: GraphScope): string {
  const legend = (['allowed', 'review', 'violation', 'not-assessed', 'inactive'] as const)
    .map((v) => `<span class="legend-item"><svg width="28" height="10" aria-hidden="true"><line x1="0" y1="5" x2="28" y2="5" stroke="${VERDICT_COLOURS[v]}" stroke-width="${v === 'violation' ? 3 : 2}"${v === 'review' || v === 'not-assessed' ? ' stroke-dasharray="5 3"' : v === 'inactive' ? ' stroke-dasharray="2 3"' : ''}/></svg>${VERDICT_LABELS[v]}</span>`)
    .join('');
  return [
    '<section id="graph">',
    '<h2>Flow graph</h2>',
    report.flows.length === 0
      ? '<p class="muted">No flows.</p>'
      : scope.kind === 'none'
        ? graphScopeNote(scope)
      : svg
        ? `${graphScopeNote(scope)}<figure class="graph"><div class="graph-box">${svg}</div><figcaption>${scope.kind === 'countries' ? 'Each box is a country, with its number of parties; each arrow is the flows between two countries' : 'Each box is a party, with its country; each arrow is a flow (or the flows between two parties)'}, coloured by the worst verdict. Select an arrow to go to the ${scope.kind === 'countries' ? 'worst flow' : 'flow'}. <span class="legend">${legend}</span></figcaption></figure>`
        : '<p class="muted">The diagram could not be drawn; the flows are listed below.</p>',
    '</section>',
  ].join('\n');
}

function flowsSection(report: Report, byFlow: Map<string, Finding[]>): string {
  const names = new ReportNames(report);
  const rows = report.flows.map((f) => {
    const v = displayVerdict(f);
    const findings = byFlow.get(f.id) ?? [];
    const basis = f.basis.map((b) => `<li class="basis"><span class="tick" aria-hidden="true">✓</span> ${esc(b.text)} <span class="muted">(${esc(b.ruleId)})</span></li>`);
    // Relied on, and failed: evidence too, never shown as what made the flow lawful.
    const failed = (f.failedBasis ?? []).map((b) => `<li class="basis basis-failed"><span class="cross" aria-hidden="true">✗</span> <s>${esc(b.text)}</s> <span class="muted">(${esc(b.ruleId)})</span>: failed, rejected by ${b.rejectedBy.map((r) => `<code>${esc(r)}</code>`).join(', ')}</li>`);
    const problems = findings.map((x) => `<li class="flow-finding"><span class="badge badge-${severityClass(x.severity)}">${x.severity}</span> <a href="#finding-${esc(x.fingerprint)}">${esc(x.ruleId)}</a>${suppressionBadge(x)}${x.policyOverride ? ` <span class="muted">${esc(overrideText(x)!)}</span>` : ''}</li>`);
    const would = f.wouldApply ? [`<li class="flow-finding">Not assessed: ${f.wouldApply.map((w) => `<code>${esc(w)}</code>`).join(', ')} would judge this flow.</li>`] : [];
    const evidence = [...basis, ...failed, ...would, ...problems];
    const none = !f.active
      ? 'Not in force on the asOf date: not judged.'
      : f.regimes.length === 0
        ? 'No transfer rules applied to this flow.'
        : 'No transfer needing a basis under the applied rules.';
    const regimes = f.regimes.length > 0 ? `<div class="regimes">${f.regimes.map((r) => `<code>${esc(r)}</code>`).join(' ')}</div>` : '';
    return [
      `<tr id="flow-${esc(f.id)}" class="verdict-row-${v}">`,
      `<th scope="row">${verdictBadge(v)} <code class="flow-id">${esc(f.id)}</code>${regimes}<div class="loc">${esc(where(f.location))}</div></th>`,
      `<td data-label="From → to">${partyHtml(names.exporter(f))}<div class="arrow" aria-label="to">↓</div>${partyHtml(names.importer(f))}</td>`,
      `<td data-label="Data">${dataHtml(f, names)}</td>`,
      `<td data-label="Basis and findings">${evidence.length > 0 ? `<ul class="evidence">${evidence.join('')}</ul>` : `<span class="muted">${none}</span>`}</td>`,
      '</tr>',
    ].join('');
  });
  return [
    '<section id="flows">',
    '<h2>Flows</h2>',
    '<p class="muted">Every flow with its verdict, who sends what to whom and why, the basis that makes it lawful under each rule that passed on one (evidence), and its findings.</p>',
    '<div class="table-wrap"><table class="flows">',
    '<colgroup><col class="c-flow"><col class="c-parties"><col class="c-data"><col class="c-basis"></colgroup>',
    '<thead><tr><th scope="col">Flow and verdict</th><th scope="col">From → to</th><th scope="col">Data, subjects, purposes</th><th scope="col">Basis and findings</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table></div>',
    '</section>',
  ].join('\n');
}

/** A party by name with its country's name; the id under it when the name is not the id. */
function partyHtml(p: PartyName): string {
  return `<div class="party"><strong>${esc(p.name)}</strong> <span class="cc" title="${esc(p.country)}">${esc(countryName(p.country))}</span>${p.named ? ` <code class="muted">${esc(p.id)}</code>` : ''}</div>`;
}

/** The flow's datasets by name with their categories (the taxonomy's titles), its data subjects and its purposes. */
function dataHtml(f: FlowResult, names: ReportNames): string {
  const datasets = f.datasets.map((id) => {
    const d = names.dataset(id);
    const cats = d.categories.map((c) => `<span class="cat" title="${esc(c.id)}">${esc(c.title)}</span>`).join(' ');
    return `<div class="dataset"><strong>${esc(d.name)}</strong>${d.named ? ` <code class="muted">${esc(d.id)}</code>` : ''}${cats ? `<div class="cats">${cats}</div>` : ''}</div>`;
  });
  const subjects = f.subjects ?? [...new Set(f.datasets.flatMap((id) => names.dataset(id).subjects))].sort(compareStrings);
  return [
    ...datasets,
    subjects.length > 0 ? `<div class="facet"><span class="facet-label">Subjects</span> ${subjects.map(esc).join(', ')}</div>` : '',
    f.purposes && f.purposes.length > 0 ? `<div class="facet"><span class="facet-label">Purposes</span> ${f.purposes.map(esc).join(', ')}</div>` : '',
  ].join('');
}

function findingsSection(report: Report): string {
  const groups = groupFindings(report);
  if (groups.length === 0) return '<section id="findings"><h2>Findings</h2><p class="muted">No findings.</p></section>';
  const out = ['<section id="findings">', '<h2>Findings</h2>'];
  const names = new ReportNames(report);
  const flows = new Map(report.flows.map((f) => [f.id, f]));
  for (const { regime, countries } of groups) {
    out.push(`<h3>${esc(regime.title)} <code class="muted">${esc(regime.id)}</code></h3>`);
    for (const { country, findings } of countries) {
      out.push(`<h4>→ ${esc(countryLabel(country))} <span class="muted">${plural(findings.length, 'finding')}</span></h4>`);
      out.push(...findings.map((f) => findingCard(f, names, flows.get(f.flowId))));
    }
  }
  out.push('</section>');
  return out.join('\n');
}

function findingCard(f: Finding, names: ReportNames, flow: FlowResult | undefined): string {
  const parties = flow ? ` <span class="muted">${esc(names.exporter(flow).name)} → ${esc(names.importer(flow).name)} (${esc(countryName(flow.importerCountry))})</span>` : '';
  const cite = `${esc(f.citation.law)} ${esc(f.citation.article)}`;
  const rows: Array<[string, string]> = [
    ['Law', f.citation.url && /^https?:\/\//i.test(f.citation.url) ? `<a href="${esc(f.citation.url)}" rel="noreferrer">${cite}</a>` : cite],
    ['How to fix', esc(f.remediation)],
  ];
  if (f.path.length > 1) rows.push(['Chain', f.path.map((p) => `<a href="#flow-${esc(p)}"><code>${esc(p)}</code></a>`).join(' → ')]);
  rows.push(['Source', `<code>${esc(where(f.location))}</code> <code class="muted">${esc(f.location.pointer)}</code>`]);
  rows.push(['Fingerprint', `<code>${esc(f.fingerprint)}</code>`]);
  if (f.policyOverride) rows.push(['Policy', esc(overrideText(f)!)]);
  if (f.baselineState) rows.push(['Baseline', f.baselineState === 'unchanged' ? 'in the baseline: known before, does not fail the run' : 'new since the baseline']);
  const waiver = f.waiver
    ? `<p class="waiver waiver-${f.waiver.status}"><strong>${f.waiver.status === 'active' ? 'Waived' : 'Waiver expired'}</strong> · approved by ${esc(f.waiver.approver)} · ${f.waiver.status === 'active' ? 'until' : 'expired on'} ${esc(f.waiver.expires)}<br>${esc(f.waiver.reason)} <span class="muted">(${esc(where(f.waiver.location))})</span></p>`
    : '';
  return [
    `<article class="finding finding-${severityClass(f.severity)}${suppressionOf(f) ? ' suppressed' : ''}" id="finding-${esc(f.fingerprint)}">`,
    `<header><span class="badge badge-${severityClass(f.severity)}">${f.severity}</span> <code class="rule">${esc(f.ruleId)}</code> on <a href="#flow-${esc(f.flowId)}"><code>${esc(f.flowId)}</code></a>${parties}${suppressionBadge(f)}</header>`,
    `<p class="message">${esc(f.message)}</p>`,
    waiver,
    `<dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`,
    '</article>',
  ].join('\n');
}

function provenanceSection(report: Report): string {
  const packs = regimesOf(report).filter((r) => r.version !== undefined);
  const files: Array<[string, string, string]> = [
    ...report.inputs.map((i): [string, string, string] => ['Manifest', i.file, i.sha256]),
    ...report.policy.files.map((i): [string, string, string] => ['Policy', i.file, i.sha256]),
    ...(report.policy.waivers ? [['Waivers', report.policy.waivers.file, report.policy.waivers.sha256] as [string, string, string]] : []),
    ...(report.policy.baseline ? [['Baseline', report.policy.baseline.file, report.policy.baseline.sha256] as [string, string, string]] : []),
  ];
  const out = [
    '<section id="provenance">',
    '<h2>Inputs and versions</h2>',
    `<p>Checked by ${esc(report.tool.name)} ${esc(report.tool.version)} for the law as of <strong>${esc(report.asOf)}</strong>. The sha256 of every input identifies exactly what was checked.</p>`,
    '<h3>Rule packs</h3>',
    '<div class="table-wrap"><table><thead><tr><th scope="col">Pack</th><th scope="col">Title</th><th scope="col">Version</th><th scope="col">Law as of</th></tr></thead><tbody>',
    ...packs.map((p) => `<tr><td><code>${esc(p.id)}</code></td><td>${esc(p.title)}</td><td>${esc(p.version ?? '')}</td><td>${esc(p.effective ?? '')}</td></tr>`),
    '</tbody></table></div>',
  ];
  if (report.policy.overrides.length > 0) {
    out.push(
      '<h3>Rules changed by the policy</h3>',
      '<div class="table-wrap"><table><thead><tr><th scope="col">Rule</th><th scope="col">Change</th><th scope="col">Reason</th></tr></thead><tbody>',
      ...report.policy.overrides.map((o) => `<tr><td><code>${esc(o.rule)}</code>${o.builtin ? ' <span class="muted">built-in</span>' : ''}</td><td>${esc(overrideChange(o))}</td><td>${esc(o.reason)}</td></tr>`),
      '</tbody></table></div>',
    );
  }
  out.push(
    '<h3>Inputs</h3>',
    '<div class="table-wrap"><table class="inputs"><thead><tr><th scope="col">Kind</th><th scope="col">File</th><th scope="col">sha256</th></tr></thead><tbody>',
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

function verdictBadge(v: DisplayVerdict): string {
  const cls = v === 'allowed' ? 'ok' : v === 'review' || v === 'not-assessed' ? 'review' : v === 'violation' ? 'bad' : 'inactive';
  return `<span class="badge badge-${cls}">${VERDICT_LABELS[v]}</span>`;
}

function severityClass(s: Finding['severity']): string {
  return s === 'error' ? 'bad' : s === 'warning' ? 'review' : 'info';
}

function suppressionBadge(f: Finding): string {
  const s = suppressionOf(f);
  if (s === 'disabled') return ' <span class="badge badge-waived">rule disabled by policy</span>';
  const changed = f.policyOverride ? ` <span class="badge badge-waived">severity ${esc(f.policyOverride.change)} by policy</span>` : '';
  if (s === 'waived') return `${changed} <span class="badge badge-waived">waived</span>`;
  if (s === 'baseline') return `${changed} <span class="badge badge-inactive">in baseline</span>`;
  if (f.waiver?.status === 'expired') return `${changed} <span class="badge badge-review">waiver expired</span>`;
  return changed;
}

/** Escapes text for HTML content and double- or single-quoted attributes. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
