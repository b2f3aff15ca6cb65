/**
 * The dashboard's charts as inline SVG: the Go distribution (bars) and the progress toward the
 * target (stacked bars). Readable without colour: every bar carries its number, the parts of a
 * stacked bar differ by pattern (solid, hatched, dotted) as well as by colour, and a legend names
 * them. Colours come from the page's CSS (currentColor and custom properties), so light and dark
 * mode both work. Each chart has a <title> and <desc>, and a visually hidden table with the same
 * numbers follows it. Pure.
 */
import type { DistributionBar, ProgressPart } from './dashboard-json.js';
import { escapeHtml as h } from './html-text.js';
import { num, pct } from './format.js';

/** The fill patterns of the parts of a stacked bar, by part. */
const PATTERNS = `<pattern id="PFX-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" class="pat-bg"/><line x1="0" y1="0" x2="0" y2="6" class="pat-line" stroke-width="3"/></pattern><pattern id="PFX-dots" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" class="pat-bg"/><circle cx="3" cy="3" r="1.3" class="pat-dot"/></pattern>`;

function defs(prefix: string): string {
  return `<defs>${PATTERNS.replace(/PFX/g, prefix)}</defs>`;
}

function hiddenTable(caption: string, head: string[], rows: string[][]): string {
  const th = head.map((x) => `<th scope="col">${h(x)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${h(c)}</th>` : `<td>${h(c)}</td>`)).join('')}</tr>`)
    .join('');
  return `<table class="visually-hidden"><caption>${h(caption)}</caption><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

/**
 * Repositories per minor as vertical bars; `unknown` (no version known) as a hatched bar at the end.
 * `id` makes the element ids unique in the page.
 */
export function distributionChart(opts: {
  id: string;
  title: string;
  bars: DistributionBar[];
  unknown: number;
  of: number;
}): string {
  const items = opts.bars.map((b) => ({ label: b.minor, n: b.repositories, unknown: false }));
  if (opts.unknown > 0) items.push({ label: 'unknown', n: opts.unknown, unknown: true });
  const slot = 56;
  const top = 22;
  const plot = 140;
  const width = Math.max(240, items.length * slot + 16);
  const height = top + plot + 28;
  const max = Math.max(1, ...items.map((i) => i.n));
  const parts = items.map((it, i) => {
    const bh = it.n === 0 ? 0 : Math.max(2, Math.round((it.n / max) * plot));
    const x = 8 + i * slot + 8;
    const y = top + plot - bh;
    const fill = it.unknown ? `fill="url(#${opts.id}-hatch)"` : 'class="bar"';
    return (
      `<g class="bar-group"><rect x="${x}" y="${y}" width="${slot - 16}" height="${bh}" ${fill}/>` +
      `<text x="${x + (slot - 16) / 2}" y="${y - 5}" class="value" text-anchor="middle">${num(it.n)}</text>` +
      `<text x="${x + (slot - 16) / 2}" y="${top + plot + 18}" class="axis" text-anchor="middle">${h(it.label)}</text></g>`
    );
  });
  const summary =
    items.length === 0 ? 'No versions known.' : items.map((i) => `${i.label}: ${num(i.n)}`).join(', ') + '.';
  const desc = `Repositories per Go minor, out of ${num(opts.of)}. ${summary}`;
  return (
    `<figure class="chart" id="${opts.id}"><figcaption>${h(opts.title)}</figcaption>` +
    `<svg role="img" aria-labelledby="${opts.id}-title ${opts.id}-desc" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${opts.id}-title">${h(opts.title)}</title><desc id="${opts.id}-desc">${h(desc)}</desc>${defs(opts.id)}` +
    `<line x1="8" y1="${top + plot + 0.5}" x2="${width - 8}" y2="${top + plot + 0.5}" class="baseline"/>` +
    parts.join('') +
    `</svg>` +
    hiddenTable(
      opts.title,
      ['Go', 'Repositories', 'Share'],
      items.map((i) => [i.label, num(i.n), pct(i.n, opts.of)])
    ) +
    `</figure>`
  );
}

/** Reached / behind / unknown of each measure as a horizontal stacked bar, with a legend. */
export function progressChart(opts: {
  id: string;
  title: string;
  target: string;
  bars: { label: string; part: ProgressPart }[];
}): string {
  const width = 560;
  const labelW = 150;
  const barW = width - labelW - 16;
  const rowH = 44;
  const top = 34;
  const height = top + opts.bars.length * rowH + 8;
  const kinds: { key: keyof ProgressPart; name: string; fill: string }[] = [
    { key: 'reached', name: `at or above Go ${opts.target}`, fill: 'class="bar"' },
    { key: 'behind', name: 'behind', fill: `fill="url(#${opts.id}-hatch)"` },
    { key: 'unknown', name: 'unknown', fill: `fill="url(#${opts.id}-dots)"` }
  ];
  let lx = labelW;
  const legend = kinds
    .map((k) => {
      const g = `<g transform="translate(${lx},6)"><rect width="14" height="14" ${k.fill} class="swatch"/><text x="20" y="12" class="axis">${h(k.name)}</text></g>`;
      lx += 20 + k.name.length * 7 + 18;
      return g;
    })
    .join('');
  const rows = opts.bars.map((b, r) => {
    const total = b.part.reached + b.part.behind + b.part.unknown;
    const y = top + r * rowH;
    let x = labelW;
    const segs = kinds.map((k) => {
      const n = b.part[k.key];
      const w = total > 0 ? (n / total) * barW : 0;
      const seg =
        w > 0
          ? `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="20" ${k.fill} class="seg"/>` +
            (w >= 44
              ? `<text x="${(x + w / 2).toFixed(1)}" y="${y + 14}" class="seg-label" text-anchor="middle">${num(n)}</text>`
              : '')
          : '';
      x += w;
      return seg;
    });
    const line = `${num(b.part.reached)} at or above (${pct(b.part.reached, total)}) · ${num(b.part.behind)} behind · ${num(b.part.unknown)} unknown`;
    return (
      `<text x="0" y="${y + 14}" class="axis">${h(b.label)}</text>` +
      `<rect x="${labelW}" y="${y}" width="${barW}" height="20" class="track"/>` +
      segs.join('') +
      `<text x="${labelW}" y="${y + 34}" class="note">${h(line)}</text>`
    );
  });
  const desc = opts.bars
    .map(
      (b) =>
        `${b.label}: ${num(b.part.reached)} at or above Go ${opts.target}, ${num(b.part.behind)} behind, ${num(b.part.unknown)} unknown`
    )
    .join('. ');
  return (
    `<figure class="chart wide" id="${opts.id}"><figcaption>${h(opts.title)}</figcaption>` +
    `<svg role="img" aria-labelledby="${opts.id}-title ${opts.id}-desc" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${opts.id}-title">${h(opts.title)}</title><desc id="${opts.id}-desc">${h(desc)}.</desc>${defs(opts.id)}` +
    legend +
    rows.join('') +
    `</svg>` +
    hiddenTable(
      opts.title,
      ['Measure', `At or above Go ${opts.target}`, 'Behind', 'Unknown'],
      opts.bars.map((b) => [b.label, num(b.part.reached), num(b.part.behind), num(b.part.unknown)])
    ) +
    `</figure>`
  );
}
