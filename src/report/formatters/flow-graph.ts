import type { Viz } from '@viz-js/viz';
import type { FlowResult, Report } from '../../types';
import { countryLabel, displayVerdict, partyGraph, VERDICT_LABELS, type DisplayVerdict } from './shared';

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
export function flowGraphDot(report: Report): string {
  const graph = partyGraph(report);
  const lines = [
    'digraph flows {',
    `  graph [rankdir=LR, fontname="${FONT}", fontsize=11, nodesep=0.25, ranksep=0.75, pad=0.1, bgcolor="transparent", tooltip="Flow graph"];`,
    `  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#98a2b3", penwidth=1, fontname="${FONT}", fontsize=11, fontcolor="#101828", margin="0.14,0.05", height=0.32];`,
    `  edge [fontname="${FONT}", fontsize=9, arrowsize=0.7, penwidth=1.3];`,
  ];
  const partyCount = graph.countries.reduce((n, c) => n + c.parties.length, 0);
  // A frame per country reads best on a small graph; on a large one it fights the layering
  // (exporters left, recipients right) and arrows cross, so the country goes into the box.
  const frames = partyCount <= COUNTRY_FRAMES_MAX_PARTIES;
  graph.countries.forEach(({ code, parties }, i) => {
    if (frames) {
      lines.push(`  subgraph "cluster_${i}" {`);
      lines.push(`    label=${dotString(countryLabel(code))}; labeljust=l; fontsize=10; fontcolor="#475467"; style="rounded,filled"; fillcolor="#f2f4f7"; color="#d0d5dd"; margin=10; tooltip=${dotString(countryLabel(code))};`);
      for (const p of parties) lines.push(`    ${dotString(p)} [tooltip=${dotString(`${p} (${code})`)}];`);
      lines.push('  }');
    } else {
      for (const p of parties) lines.push(`  ${dotString(p)} [label=<${htmlLabel(p)}<BR/><FONT POINT-SIZE="9" COLOR="#667085">${htmlLabel(countryLabel(code))}</FONT>>, tooltip=${dotString(`${p} (${code})`)}];`);
    }
  });
  // Flows between the same two parties share one arrow (coloured by the worst verdict), so a
  // busy estate stays readable; the tooltip lists them all and the link goes to the worst.
  const pairs = new Map<string, FlowResult[]>();
  for (const f of graph.edges) {
    const key = JSON.stringify([f.from, f.to]);
    pairs.set(key, [...(pairs.get(key) ?? []), f]);
  }
  const labels = pairs.size <= EDGE_LABEL_MAX_EDGES;
  for (const flows of pairs.values()) {
    const worst = [...flows].sort((a, b) => VERDICT_RANK[displayVerdict(a)] - VERDICT_RANK[displayVerdict(b)])[0];
    const v = displayVerdict(worst);
    const label = flows.length === 1 ? worst.id : `${worst.id} +${flows.length - 1}`;
    const tooltip = flows.map((f) => `${f.id}: ${f.from} (${f.exporterCountry}) → ${f.to} (${f.importerCountry}), ${VERDICT_LABELS[displayVerdict(f)]}`).join('\n');
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

let viz: Promise<Viz> | undefined;

/**
 * The flow graph as inline SVG (no XML prolog, doctype or comments), laid out by Graphviz
 * compiled to WebAssembly, so no Graphviz install is needed. Undefined when there are no flows
 * or Graphviz fails; the caller shows the flows table either way.
 */
export async function renderFlowGraphSvg(report: Report): Promise<string | undefined> {
  if (report.flows.length === 0) return undefined;
  try {
    // Loaded on first use: the WebAssembly module is large and only the html format needs it.
    viz ??= import('@viz-js/viz').then((m) => m.instance());
    const svg = (await viz).renderString(flowGraphDot(report), { format: 'svg', engine: 'dot' });
    return svg
      .replace(/<\?xml[^>]*\?>/g, '')
      .replace(/<!DOCTYPE[^>]*>/g, '')
      .replace(/<!--[\s\S]*?-->/g, '')
      // Graphviz writes every hyphen as &#45; (a leftover of its comment escaping); a plain one is valid XML and HTML.
      .replace(/&#45;/g, '-')
      .replace(/<svg\b/, '<svg class="flow-graph" role="img" aria-label="Flow graph: parties and the flows between them, coloured by verdict"')
      .trim();
  } catch {
    viz = undefined;
    return undefined;
  }
}

/** Text inside a Graphviz HTML-like label. */
function htmlLabel(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A DOT double-quoted string. Backslashes are doubled so Graphviz's own escapes (\n, \N, \G…) cannot fire. */
function dotString(text: string): string {
  // A line break becomes Graphviz's \n escape (after the doubling, so it is the only escape).
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}
