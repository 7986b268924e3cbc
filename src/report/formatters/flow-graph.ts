import type { Viz } from '@viz-js/viz';
import type { FlowResult, Report } from '../../types';
import { ReportNames } from './names';
import { appendTo, displayVerdict, partyGraph, type DisplayVerdict } from './shared';
import { textsOf, type ReportTexts } from './i18n';

/** Colours of the flow graph by verdict (also used by the HTML legend). */
export const VERDICT_COLOURS: Record<DisplayVerdict, string> = {
  allowed: '#079455',
  review: '#dc6803',
  violation: '#d92d20',
  'not-assessed': '#7a5af8',
  inactive: '#98a2b3',
};

const EDGE_STYLES: Record<DisplayVerdict, string> = { allowed: 'solid', review: 'dashed', violation: 'bold', 'not-assessed': 'dashed', inactive: 'dotted' };

/** Above this many arrows, edge labels are left out (tooltips keep the flow ids) so the layout stays readable. */
export const EDGE_LABEL_MAX_EDGES = 60;

/** Up to this many parties, parties are framed by country; above, each box names its country. */
export const COUNTRY_FRAMES_MAX_PARTIES = 20;

/**
 * Layout bounds: Graphviz's layered layout grows much faster than linearly with the arrows of a
 * tangled graph (300 parties and 800 flows took minutes; 200 random arrows take a few seconds,
 * 400 nearly a minute). Above GRAPH_MAX_PARTIES parties or GRAPH_MAX_ARROWS
 * arrows (pairs of parties with flows), the diagram is drawn by country instead: one box per
 * country, one arrow per pair of countries; above COUNTRY_GRAPH_MAX_ARROWS pairs of countries, no
 * diagram is drawn. The report says which it shows.
 */
export const GRAPH_MAX_PARTIES = 100;
export const GRAPH_MAX_ARROWS = 200;
export const COUNTRY_GRAPH_MAX_ARROWS = 200;

/** Most flows named in one arrow's tooltip; the rest are counted. */
const TOOLTIP_MAX_FLOWS = 20;

/** What the diagram of a report shows: parties, a summary by country, or nothing (too large). */
export type GraphScope = { kind: 'parties' } | { kind: 'countries'; parties: number; arrows: number } | { kind: 'none'; parties: number; countryArrows: number };

/** Which diagram a report gets, by the bounds above. Linear in the flows. */
export function graphScope(report: Report): GraphScope {
  const graph = partyGraph(report);
  const parties = graph.countries.reduce((n, c) => n + c.parties.length, 0);
  const arrows = groupBy(graph.edges, (f) => [f.from, f.to]).size;
  if (parties <= GRAPH_MAX_PARTIES && arrows <= GRAPH_MAX_ARROWS) return { kind: 'parties' };
  const countryArrows = groupBy(graph.edges, (f) => [f.exporterCountry, f.importerCountry]).size;
  if (countryArrows <= COUNTRY_GRAPH_MAX_ARROWS) return { kind: 'countries', parties, arrows };
  return { kind: 'none', parties, countryArrows };
}

/** Flows grouped by a structural key (a pair of ids), in first-seen order. */
function groupBy(flows: readonly FlowResult[], key: (f: FlowResult) => [string, string]): Map<string, FlowResult[]> {
  const groups = new Map<string, FlowResult[]>();
  for (const f of flows) {
    appendTo(groups, JSON.stringify(key(f)), f);
  }
  return groups;
}

/** The flow with the worst verdict (the first of them, in report order). */
function worstOf(flows: readonly FlowResult[]): FlowResult {
  let worst = flows[0];
  for (const f of flows) if (VERDICT_RANK[displayVerdict(f)] < VERDICT_RANK[displayVerdict(worst)]) worst = f;
  return worst;
}

/** A tooltip naming at most TOOLTIP_MAX_FLOWS flows, so that its size does not grow with the estate. */
function flowsTooltip(flows: readonly FlowResult[], t: ReportTexts): string {
  const shown = flows.slice(0, TOOLTIP_MAX_FLOWS).map((f) => `${f.id}: ${f.from} (${f.exporterCountry}) → ${f.to} (${f.importerCountry}), ${t.common.verdict[displayVerdict(f)]}`);
  if (flows.length > TOOLTIP_MAX_FLOWS) shown.push(t.common.andMore(flows.length - TOOLTIP_MAX_FLOWS));
  return shown.join('\n');
}

const VERDICT_RANK: Record<DisplayVerdict, number> = { violation: 0, 'not-assessed': 1, review: 2, allowed: 3, inactive: 4 };

// Graphviz in WebAssembly has no font files: it measures text with built-in metrics, which it has
// for the PostScript core fonts only. Helvetica's are also Arial's and Liberation Sans's.
const FONT = 'Helvetica';

/**
 * The flow graph in Graphviz DOT: one box per party (framed by country on small graphs, with the
 * country in the box on large ones), one arrow per pair of parties with flows, coloured (and
 * dashed, bold or dotted, for readers who do not see colour) by the worst verdict and linking to
 * that flow's row in the HTML report. Left-to-right layered layout by the dot engine, so
 * exporters sit left of their recipients.
 */
export function flowGraphDot(report: Report, scope: GraphScope = graphScope(report)): string {
  if (scope.kind === 'countries') return countryGraphDot(report);
  const t = textsOf(report);
  const graph = partyGraph(report);
  const lines = dotHeader('flows', t.graph.flowGraph, '#ffffff');
  const partyCount = graph.countries.reduce((n, c) => n + c.parties.length, 0);
  // A frame per country reads best on a small graph; on a large one it fights the layering
  // (exporters left, recipients right) and arrows cross, so the country goes into the box.
  const frames = partyCount <= COUNTRY_FRAMES_MAX_PARTIES;
  const names = new ReportNames(report);
  const countryLabel = (code: string): string => names.countryLabel(code);
  // Boxes are named for people (the party's name; its id when it has none); the node's DOT id stays the party id.
  const tooltipOf = (p: string, code: string): string => {
    const party = names.party(p, code);
    return party.named ? `${party.name} (${p}, ${countryLabel(code)})` : `${p} (${countryLabel(code)})`;
  };
  graph.countries.forEach(({ code, parties }, i) => {
    if (frames) {
      lines.push(`  subgraph "cluster_${i}" {`);
      lines.push(`    label=${dotString(countryLabel(code))}; labeljust=l; fontsize=10; fontcolor="#475467"; style="rounded,filled"; fillcolor="#f2f4f7"; color="#d0d5dd"; margin=10; tooltip=${dotString(countryLabel(code))};`);
      for (const p of parties) lines.push(`    ${dotString(p)} [label=<${htmlLabel(names.party(p, code).name)}>, tooltip=${dotString(tooltipOf(p, code))}];`);
      lines.push('  }');
    } else {
      for (const p of parties) lines.push(`  ${dotString(p)} [label=<${htmlLabel(names.party(p, code).name)}<BR/><FONT POINT-SIZE="9" COLOR="#667085">${htmlLabel(countryLabel(code))}</FONT>>, tooltip=${dotString(tooltipOf(p, code))}];`);
    }
  });
  // Flows between the same two parties share one arrow (coloured by the worst verdict), so a
  // busy estate stays readable; the tooltip lists them all and the link goes to the worst.
  const pairs = groupBy(graph.edges, (f) => [f.from, f.to]);
  const labels = pairs.size <= EDGE_LABEL_MAX_EDGES;
  for (const flows of pairs.values()) {
    const worst = worstOf(flows);
    const v = displayVerdict(worst);
    const label = flows.length === 1 ? worst.id : `${worst.id} +${flows.length - 1}`;
    const tooltip = flowsTooltip(flows, t);
    const attrs = [
      `color="${VERDICT_COLOURS[v]}"`,
      `fontcolor="${VERDICT_COLOURS[v]}"`,
      `style=${EDGE_STYLES[v]}`,
      ...(v === 'violation' ? ['penwidth=2.2'] : []),
      ...(labels ? [`label=${dotString(label)}`] : []),
      `tooltip=${dotString(tooltip)}`,
      `URL=${dotString(`#flow-${worst.id}`)}`,
      `id=${dotString(`edge-${worst.id}`)}`,
      `class=${dotString(`verdict-${v}`)}`,
    ];
    lines.push(`  ${dotString(worst.from)} -> ${dotString(worst.to)} [${attrs.join(', ')}];`);
  }
  lines.push('}');
  return lines.join('\n');
}

/**
 * The summary diagram of a large estate: one box per country (with its number of parties), one
 * arrow per pair of countries with flows, coloured by the worst verdict, labelled with the number
 * of flows, linking to the worst flow.
 */
function countryGraphDot(report: Report): string {
  const t = textsOf(report);
  const names = new ReportNames(report);
  const countryLabel = (code: string): string => names.countryLabel(code);
  const graph = partyGraph(report);
  const lines = dotHeader('countries', t.graph.byCountry, '#f2f4f7');
  for (const { code, parties } of graph.countries) {
    const n = t.graph.parties(parties.length);
    lines.push(`  ${dotString(`country-${code}`)} [label=<${htmlLabel(countryLabel(code))}<BR/><FONT POINT-SIZE="9" COLOR="#667085">${n}</FONT>>, tooltip=${dotString(`${countryLabel(code)}: ${n}`)}];`);
  }
  const pairs = groupBy(graph.edges, (f) => [f.exporterCountry, f.importerCountry]);
  const labels = pairs.size <= EDGE_LABEL_MAX_EDGES;
  for (const flows of pairs.values()) {
    const worst = worstOf(flows);
    const v = displayVerdict(worst);
    const attrs = [
      `color="${VERDICT_COLOURS[v]}"`,
      `fontcolor="${VERDICT_COLOURS[v]}"`,
      `style=${EDGE_STYLES[v]}`,
      ...(v === 'violation' ? ['penwidth=2.2'] : []),
      ...(labels ? [`label=${dotString(t.graph.flowCount(flows.length))}`] : []),
      `tooltip=${dotString(flowsTooltip(flows, t))}`,
      `URL=${dotString(`#flow-${worst.id}`)}`,
      `id=${dotString(`edge-${worst.id}`)}`,
      `class=${dotString(`verdict-${v}`)}`,
    ];
    lines.push(`  ${dotString(`country-${worst.exporterCountry}`)} -> ${dotString(`country-${worst.importerCountry}`)} [${attrs.join(', ')}];`);
  }
  lines.push('}');
  return lines.join('\n');
}

let viz: Promise<Viz> | undefined;

/**
 * The flow graph as inline SVG (no XML prolog, doctype or comments), laid out by Graphviz
 * compiled to WebAssembly, so no Graphviz install is needed. Undefined when there are no flows
 * or Graphviz fails; the caller shows the flows table either way.
 */
export async function renderFlowGraphSvg(report: Report, scope: GraphScope = graphScope(report)): Promise<string | undefined> {
  if (report.flows.length === 0 || scope.kind === 'none') return undefined;
  try {
    // Loaded on first use: the WebAssembly module is large and only the html format needs it.
    viz ??= import('@viz-js/viz').then((m) => m.instance());
    const svg = (await viz).renderString(flowGraphDot(report, scope), { format: 'svg', engine: 'dot' });
    return svg
      .replace(/<\?xml[^>]*\?>/g, '')
      .replace(/<!DOCTYPE[^>]*>/g, '')
      .replace(/<!--[\s\S]*?-->/g, '')
      // Graphviz writes every hyphen as &#45; (a leftover of its comment escaping); a plain one is valid XML and HTML.
      .replace(/&#45;/g, '-')
      .replace(/<svg\b/, `<svg class="flow-graph" role="img" aria-label="${textsOf(report).graph.ariaLabel(scope.kind === 'countries')}"`)
      .trim();
  } catch {
    viz = undefined;
    return undefined;
  }
}

/** Text inside a Graphviz HTML-like label: markup escaped, line breaks and other control characters as spaces (a name is input). */
function htmlLabel(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A DOT double-quoted string. Backslashes are doubled so Graphviz's own escapes (\n, \N, \G…) cannot fire. */
function dotString(text: string): string {
  // A line break becomes Graphviz's \n escape (after the doubling, so it is the only escape).
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

/** The opening lines of a diagram: its name, tooltip and the fill of its boxes. */
function dotHeader(name: string, tooltip: string, fill: string): string[] {
  return [
    `digraph ${name} {`,
    `  graph [rankdir=LR, fontname="${FONT}", fontsize=11, nodesep=0.25, ranksep=0.75, pad=0.1, bgcolor="transparent", tooltip=${dotString(tooltip)}];`,
    `  node [shape=box, style="rounded,filled", fillcolor="${fill}", color="#98a2b3", penwidth=1, fontname="${FONT}", fontsize=11, fontcolor="#101828", margin="0.14,0.05", height=0.32];`,
    `  edge [fontname="${FONT}", fontsize=9, arrowsize=0.7, penwidth=1.3];`,
  ];
}
