/**
 * The page's stylesheet (inline; the Content-Security-Policy allows it by its hash). Light and
 * dark mode by prefers-color-scheme; states are words as well as colours. Pure (a constant).
 */
export const PAGE_STYLE = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0;
  --alt: #f6f8fa; --accent: #0969da; --bar: #218bff; --bad: #cf222e; --warn: #9a6700; --ok: #1a7f37; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --alt: #151b23;
    --accent: #4493f8; --bar: #388bfd; --bad: #ff7b72; --warn: #e3b341; --ok: #56d364; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1440px; padding: 16px 24px 48px; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 24px; margin: 8px 0 4px; }
h2 { font-size: 18px; margin: 28px 0 10px; }
a { color: var(--accent); }
.meta, .muted { color: var(--muted); }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
.note { border: 1px solid var(--border); border-left: 4px solid var(--warn); padding: 8px 12px; border-radius: 6px; }
.totals { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; list-style: none;
  padding: 0; margin: 16px 0; }
.totals li { border: 1px solid var(--border); border-radius: 8px; padding: 10px 14px; background: var(--alt); }
.totals .n { display: block; font-size: 28px; font-weight: 650; font-variant-numeric: tabular-nums; }
.totals .p { color: var(--muted); margin-left: 4px; }
.charts { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
figure.chart { margin: 0; padding: 12px; border: 1px solid var(--border); border-radius: 8px; max-width: 100%; overflow-x: auto; }
figure.chart figcaption { font-weight: 600; margin-bottom: 6px; }
svg { color: var(--fg); display: block; }
svg text { fill: currentColor; font-size: 12px; font-family: inherit; }
svg .value { font-weight: 600; }
svg .bar { fill: var(--bar); }
svg .baseline { stroke: var(--border); }
svg .track { fill: none; stroke: var(--border); }
svg .seg, svg .swatch { stroke: var(--fg); stroke-width: 0.75; }
svg .pat-bg { fill: var(--bg); }
svg .pat-line { stroke: var(--fg); }
svg .pat-dot { fill: var(--fg); }
svg .seg-label { font-weight: 600; paint-order: stroke; stroke: var(--bg); stroke-width: 3px; stroke-linejoin: round; }
svg .note { fill: var(--muted); }
.controls { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin: 8px 0 12px; }
.controls input, .controls select, .pager button, th button, .expand { font: inherit; color: inherit; }
.controls input { min-width: 340px; padding: 5px 8px; border: 1px solid var(--border); border-radius: 6px; background: var(--bg); }
.controls select { padding: 5px 8px; border: 1px solid var(--border); border-radius: 6px; background: var(--bg); }
table.rows { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
table.rows th, table.rows td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--border); }
table.rows thead th { position: sticky; top: 0; background: var(--bg); z-index: 1; white-space: nowrap; }
table.rows tbody tr.row:nth-of-type(even) { background: var(--alt); }
th button { background: none; border: 0; padding: 0; font-weight: 600; cursor: pointer; }
th button:focus-visible, .expand:focus-visible, .pager button:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
.expand { background: none; border: 0; padding: 0; cursor: pointer; text-align: left; font-weight: 600; color: var(--accent); word-break: break-all; }
.expand::before { content: "▸ "; }
.expand[aria-expanded="true"]::before { content: "▾ "; }
.sub { display: block; color: var(--muted); font-size: 12px; }
.tag { display: inline-block; padding: 0 6px; border: 1px solid currentColor; border-radius: 10px; font-size: 12px; white-space: nowrap; }
.tag.bad { color: var(--bad); } .tag.warn { color: var(--warn); } .tag.ok { color: var(--ok); } .tag.unknown { color: var(--muted); }
td.age, td.vulns, td.run { white-space: nowrap; }
.place { display: block; color: var(--muted); font-size: 12px; overflow-wrap: anywhere; }
td.errors, td.drift { min-width: 9em; }
tr.detail td { background: var(--alt); padding: 10px 16px 16px; }
tr.detail dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 10px; }
tr.detail dt { color: var(--muted); }
tr.detail dd { margin: 0; word-break: break-all; }
tr.detail table { border-collapse: collapse; width: 100%; }
tr.detail table th, tr.detail table td { border-bottom: 1px solid var(--border); padding: 4px 6px; text-align: left; vertical-align: top; }
.pager { display: flex; gap: 12px; align-items: center; margin: 12px 0; }
.skipped li { word-break: break-all; }
`;
