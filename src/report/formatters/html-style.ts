/** The HTML report's style sheet: system fonts, no external resource, readable on screen and on paper. */
export const HTML_STYLE = `
:root {
  --fg: #101828; --fg-2: #344054; --muted: #667085; --line: #eaecf0; --line-2: #d0d5dd;
  --bg: #f6f7f9; --panel: #ffffff; --accent: #1d4ed8;
  --ok: #067647; --ok-bg: #ecfdf3; --ok-line: #abefc6;
  --review: #b54708; --review-bg: #fffaeb; --review-line: #fedf89;
  --bad: #b42318; --bad-bg: #fef3f2; --bad-line: #fecdca;
  --info: #175cd3; --info-bg: #eff8ff; --info-line: #b2ddff;
  --inactive: #475467; --inactive-bg: #f2f4f7; --inactive-line: #d0d5dd;
  --waived: #5925dc; --waived-bg: #f4f3ff; --waived-line: #d9d6fe;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
/* Japanese: the system's Japanese fonts first, so that kana and kanji are not drawn in a Chinese face. */
html:lang(ja) body { font-family: system-ui, -apple-system, "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic UI", "Yu Gothic", Meiryo, "Noto Sans CJK JP", "Noto Sans JP", sans-serif; line-break: strict; }
code, .hash, .loc { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.86em; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
.muted { color: var(--muted); font-weight: normal; }
.page-head, main, footer { max-width: 1240px; margin: 0 auto; padding: 0 28px; }
.page-head { padding-top: 32px; padding-bottom: 8px; }
.eyebrow { margin: 0; color: var(--muted); font-size: 13px; letter-spacing: 0.04em; text-transform: uppercase; }
h1 { margin: 4px 0 6px; font-size: 28px; line-height: 1.2; letter-spacing: -0.01em; }
h2 { margin: 0 0 14px; font-size: 19px; }
h3 { margin: 22px 0 10px; font-size: 15px; color: var(--fg-2); }
h4 { margin: 18px 0 8px; font-size: 14px; color: var(--fg-2); }
.meta { margin: 0 0 14px; color: var(--fg-2); }
.status { display: inline-block; margin: 0 0 16px; padding: 8px 14px; border-radius: 8px; border: 1px solid; font-weight: 600; }
.status-ok { color: var(--ok); background: var(--ok-bg); border-color: var(--ok-line); }
.status-review { color: var(--review); background: var(--review-bg); border-color: var(--review-line); }
.status-bad { color: var(--bad); background: var(--bad-bg); border-color: var(--bad-line); }
nav { display: flex; flex-wrap: wrap; gap: 6px 18px; padding: 10px 0 0; border-top: 1px solid var(--line); font-size: 14px; }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 12px; padding: 22px 24px; margin: 18px 0; box-shadow: 0 1px 2px rgba(16, 24, 40, 0.04); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 12px; margin-bottom: 8px; }
.card { border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; background: #fcfcfd; }
.card-value { font-size: 26px; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; }
.card-label { color: var(--fg-2); font-size: 13px; font-weight: 600; }
.card-note { color: var(--muted); font-size: 12px; }
.card-ok .card-value { color: var(--ok); } .card-review .card-value { color: var(--review); } .card-bad .card-value { color: var(--bad); }
.table-wrap { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 8px 10px; border-bottom: 1px solid var(--line); }
thead th { font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: 0.03em; border-bottom: 1px solid var(--line-2); background: #fafbfc; white-space: nowrap; }
tbody tr:hover { background: #fafbff; }
tbody th { font-weight: 600; }
thead th.group { text-align: center; border-bottom: 1px solid var(--line); background: #f4f5f7; }
.counts th[scope="row"] { width: 40%; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.zero { color: #c0c5cf; }
.t-ok { color: var(--ok); font-weight: 600; } .t-review { color: var(--review); font-weight: 600; } .t-bad { color: var(--bad); font-weight: 600; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; line-height: 18px; border: 1px solid; white-space: nowrap; vertical-align: 1px; }
.badge-ok { color: var(--ok); background: var(--ok-bg); border-color: var(--ok-line); }
.badge-review { color: var(--review); background: var(--review-bg); border-color: var(--review-line); }
.badge-bad { color: var(--bad); background: var(--bad-bg); border-color: var(--bad-line); }
.badge-info { color: var(--info); background: var(--info-bg); border-color: var(--info-line); }
.badge-inactive { color: var(--inactive); background: var(--inactive-bg); border-color: var(--inactive-line); }
.badge-waived { color: var(--waived); background: var(--waived-bg); border-color: var(--waived-line); }
.cc { display: inline-block; padding: 0 5px; border-radius: 4px; background: var(--inactive-bg); color: var(--fg-2); font-size: 12px; font-weight: 600; }
.loc { color: var(--muted); font-size: 12px; word-break: break-all; }
.flows { table-layout: fixed; }
.flows col.c-flow { width: 19%; } .flows col.c-parties { width: 24%; } .flows col.c-data { width: 27%; } .flows col.c-basis { width: 30%; }
.flows th, .flows td { overflow-wrap: anywhere; }
.flows tbody tr:target { background: #fff8db; }
.flows th[scope="row"] .flow-id { display: block; margin-top: 4px; }
.regimes { margin-top: 2px; font-size: 12px; color: var(--fg-2); }
.party strong, .dataset strong { font-weight: 600; }
.arrow { color: var(--muted); line-height: 1.1; }
.dataset + .dataset { margin-top: 6px; }
.cats { margin-top: 2px; }
.cat { display: inline-block; margin: 2px 2px 0 0; padding: 0 6px; border-radius: 4px; background: var(--info-bg); border: 1px solid var(--info-line); color: var(--fg-2); font-size: 12px; }
.facet { margin-top: 4px; font-size: 13px; }
.facet-label { color: var(--muted); font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.03em; margin-right: 4px; }
.evidence { list-style: none; margin: 0; padding: 0; }
.evidence li { margin: 0 0 4px; }
.basis .tick { color: var(--ok); font-weight: 700; }
.basis-failed .cross { color: var(--bad); font-weight: 700; }
.graph { margin: 0; }
.graph-box { border: 1px solid var(--line); border-radius: 10px; background: #fff; padding: 12px; text-align: center; }
.graph-box svg { max-width: 100%; height: auto; }
.graph svg a:hover path, .graph svg a:hover polygon { stroke-width: 3; }
.deltas { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 12px; }
.delta { border: 1px solid var(--line); border-top: 3px solid var(--line-2); border-radius: 8px; padding: 10px 14px; min-width: 0; }
.delta h3 { margin: 0 0 6px; }
.delta .count { font-variant-numeric: tabular-nums; color: var(--muted); }
.delta-bad { border-top-color: var(--bad); } .delta-ok { border-top-color: var(--ok); } .delta-review { border-top-color: var(--review); }
.delta ul { margin: 0; padding: 0; list-style: none; font-size: 14px; }
.delta li { margin: 0 0 4px; overflow-wrap: anywhere; }
figcaption { margin-top: 10px; color: var(--muted); font-size: 13px; }
.legend { display: inline-flex; flex-wrap: wrap; gap: 4px 16px; margin-left: 8px; }
.legend-item { display: inline-flex; align-items: center; gap: 6px; color: var(--fg-2); }
.finding { border: 1px solid var(--line); border-left: 4px solid var(--line-2); border-radius: 8px; padding: 12px 16px; margin: 0 0 12px; }
.finding:target { box-shadow: 0 0 0 3px #fde68a; }
.finding-bad { border-left-color: var(--bad); } .finding-review { border-left-color: var(--review); } .finding-info { border-left-color: var(--info); }
.finding.suppressed { background: #fcfcfd; }
.finding header { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; }
.finding .rule { font-weight: 600; }
.finding .message { margin: 8px 0; }
.finding dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; margin: 0; font-size: 14px; }
.finding dt { color: var(--muted); font-weight: 600; }
.finding dd { margin: 0; overflow-wrap: anywhere; }
.waiver { margin: 8px 0; padding: 8px 12px; border-radius: 6px; font-size: 14px; }
.waiver-active { background: var(--waived-bg); border: 1px solid var(--waived-line); }
.waiver-expired { background: var(--review-bg); border: 1px solid var(--review-line); }
.problems { margin: 0; padding: 0; list-style: none; }
.problem { padding: 6px 0; border-bottom: 1px solid var(--line); }
.hash { word-break: break-all; color: var(--fg-2); }
.inputs td:nth-child(3) { width: 46%; }
footer { color: var(--muted); font-size: 13px; padding-bottom: 32px; }
/* Narrow windows (800 px and less): tables wrap their headings and tighten. */
@media (max-width: 900px) {
  .page-head, main, footer { padding: 0 12px; }
  section { padding: 16px; }
  thead th, thead th.num { white-space: normal; letter-spacing: 0; font-size: 11px; }
  th, td { padding: 6px 5px; }
  .counts { font-size: 13px; }
  .counts th[scope="row"] { width: auto; }
  .inputs td:nth-child(3) { width: auto; }
  .flows { font-size: 13px; }
}
/* Phones: the flows table stacks each row, every cell under its heading. */
@media screen and (max-width: 640px) {
  .flows, .flows tbody, .flows tr, .flows th, .flows td { display: block; width: auto; }
  .flows colgroup, .flows thead { display: none; }
  .flows tr { border-bottom: 1px solid var(--line-2); padding: 8px 0; }
  .flows th, .flows td { border-bottom: 0; padding: 4px 6px; }
  .flows td[data-label]::before { content: attr(data-label); display: block; color: var(--muted); font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.03em; }
}
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { background: #fff; font-size: 11px; }
  .page-head, main, footer { max-width: none; padding: 0; }
  section { box-shadow: none; border: 0; border-radius: 0; padding: 0; margin: 0 0 14px; }
  h2 { break-after: avoid-page; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
  h3, h4 { break-after: avoid-page; }
  nav { display: none; }
  .table-wrap { overflow: visible; }
  thead { display: table-header-group; }
  tr, .finding, .card, .delta, .problem, figure { break-inside: avoid-page; }
  tbody tr:hover { background: none; }
  .graph-box { border: 0; padding: 0; }
  .graph-box svg { max-width: 100%; max-height: 240mm; }
  a { color: inherit; }
  .finding dd a[href^="http"]::after { content: " <" attr(href) ">"; color: var(--muted); font-size: 0.9em; overflow-wrap: anywhere; }
  .badge, .cc, .cat, .status, .card, .delta { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
