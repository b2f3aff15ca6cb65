// GitHub-looking pages for the screenshots: the styles (Primer's light colours, the markdown-body
// rules for headings, tables, code and lists), a few icons drawn as inline SVG, the page header of
// a repository, and Debian's headless chromium (playwright-core, /usr/bin/chromium) to take the
// picture. Pages are self-contained (no network, no font or image files): what they show comes
// from the run they are given.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { escapeHtml } from './markdown.mjs';
import { toPalettePng } from './png8.mjs';

export const CHROMIUM = '/usr/bin/chromium';

/** Icons in the spirit of Primer's octicons, 16x16 unless sized. */
const ICONS = {
  github:
    '<path fill="currentColor" d="M8 0C3.58 0 0 3.58 0 8c0 3.54 2.29 6.53 5.47 7.59.4.07.55-.17.55-.38 0-.19-.01-.82-.01-1.49-2.01.37-2.53-.49-2.69-.94-.09-.23-.48-.94-.82-1.13-.28-.15-.68-.52-.01-.53.63-.01 1.08.58 1.23.82.72 1.21 1.87.87 2.33.66.07-.52.28-.87.51-1.07-1.78-.2-3.64-.89-3.64-3.95 0-.87.31-1.59.82-2.15-.08-.2-.36-1.02.08-2.12 0 0 .67-.21 2.2.82.64-.18 1.32-.27 2-.27.68 0 1.36.09 2 .27 1.53-1.04 2.2-.82 2.2-.82.44 1.1.16 1.92.08 2.12.51.56.82 1.27.82 2.15 0 3.07-1.87 3.75-3.65 3.95.29.25.54.73.54 1.48 0 1.07-.01 1.93-.01 2.2 0 .21.15.46.55.38A8.013 8.013 0 0016 8c0-4.42-3.58-8-8-8z"/>',
  'x-circle':
    '<circle cx="8" cy="8" r="7.5" fill="currentColor"/><path d="M5.3 5.3l5.4 5.4M10.7 5.3l-5.4 5.4" stroke="#fff" stroke-width="1.6" stroke-linecap="round"/>',
  'check-circle':
    '<circle cx="8" cy="8" r="7.5" fill="currentColor"/><path d="M4.8 8.3l2.2 2.2 4.2-4.6" stroke="#fff" stroke-width="1.6" fill="none" stroke-linecap="round" stroke-linejoin="round"/>',
  alert:
    '<path d="M8 1.4l7 12.6H1z" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linejoin="round"/><path d="M8 6v3.6" stroke="currentColor" stroke-width="1.5" stroke-linecap="round"/><circle cx="8" cy="11.8" r=".9" fill="currentColor"/>',
  'alert-fill':
    '<path d="M8 1l7.4 13.2H.6z" fill="currentColor"/><path d="M8 5.8v3.8" stroke="#fff" stroke-width="1.5" stroke-linecap="round"/><circle cx="8" cy="11.9" r=".95" fill="#fff"/>',
  'x-mark': '<path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" stroke-width="1.7" stroke-linecap="round"/>',
  check: '<path d="M3 8.5l3 3 7-7" stroke="currentColor" stroke-width="1.8" fill="none" stroke-linecap="round"/>',
  code: '<path d="M5.5 4L1.5 8l4 4M10.5 4l4 4-4 4" stroke="currentColor" stroke-width="1.5" fill="none" stroke-linecap="round" stroke-linejoin="round"/>',
  issue:
    '<circle cx="8" cy="8" r="6.3" fill="none" stroke="currentColor" stroke-width="1.4"/><circle cx="8" cy="8" r="1.3" fill="currentColor"/>',
  'pull-request':
    '<circle cx="4" cy="3.5" r="1.8" fill="none" stroke="currentColor" stroke-width="1.3"/><circle cx="4" cy="12.5" r="1.8" fill="none" stroke="currentColor" stroke-width="1.3"/><circle cx="12" cy="12.5" r="1.8" fill="none" stroke="currentColor" stroke-width="1.3"/><path d="M4 5.3v5.4M12 10.7V6.2c0-1.2-.8-2-2-2H7.5M9 2.7L7.4 4.2 9 5.7" stroke="currentColor" stroke-width="1.3" fill="none"/>',
  play: '<circle cx="8" cy="8" r="6.3" fill="none" stroke="currentColor" stroke-width="1.4"/><path d="M6.5 5.3v5.4L10.8 8z" fill="currentColor"/>',
  project:
    '<rect x="1.7" y="1.7" width="12.6" height="12.6" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.4"/><path d="M5 4.5v6M8 4.5v3.5M11 4.5v5" stroke="currentColor" stroke-width="1.4"/>',
  shield:
    '<path d="M8 1.2l5.8 2v4.3c0 3.4-2.5 6.2-5.8 7.3-3.3-1.1-5.8-3.9-5.8-7.3V3.2z" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linejoin="round"/>',
  graph: '<path d="M2 1.5v12.5h12.5M5 11V8M8 11V5M11 11V7" stroke="currentColor" stroke-width="1.5" fill="none"/>',
  gear: '<circle cx="8" cy="8" r="2.3" fill="none" stroke="currentColor" stroke-width="1.4"/><path d="M8 1.2v2M8 12.8v2M1.2 8h2M12.8 8h2M3.2 3.2l1.4 1.4M11.4 11.4l1.4 1.4M3.2 12.8l1.4-1.4M11.4 4.6l1.4-1.4" stroke="currentColor" stroke-width="1.4" stroke-linecap="round"/>',
  repo: '<path d="M3 2.5c0-.6.4-1 1-1h9v11H4c-.6 0-1 .4-1 1m0-11v11c0 .6.4 1 1 1h2m7-1.5v1.5H9" stroke="currentColor" stroke-width="1.3" fill="none" stroke-linejoin="round"/>',
  comment:
    '<path d="M2 2.8c0-.7.5-1.2 1.2-1.2h9.6c.7 0 1.2.5 1.2 1.2v7.4c0 .7-.5 1.2-1.2 1.2H8.2L5.3 14v-2.6H3.2c-.7 0-1.2-.5-1.2-1.2z" fill="none" stroke="currentColor" stroke-width="1.3" stroke-linejoin="round"/>',
  commit:
    '<circle cx="8" cy="8" r="2.6" fill="none" stroke="currentColor" stroke-width="1.4"/><path d="M1 8h4.4M10.6 8H15" stroke="currentColor" stroke-width="1.4"/>',
  file: '<path d="M3.5 1.5h6l3 3v10h-9z" fill="none" stroke="currentColor" stroke-width="1.3" stroke-linejoin="round"/><path d="M9.5 1.5v3h3" fill="none" stroke="currentColor" stroke-width="1.3"/>',
  'file-diff':
    '<path d="M3.5 1.5h6l3 3v10h-9z" fill="none" stroke="currentColor" stroke-width="1.3" stroke-linejoin="round"/><path d="M8 5v4M6 7h4M6 11.2h4" stroke="currentColor" stroke-width="1.3"/>',
  checklist:
    '<path d="M2 3.5l1.3 1.3L5.6 2.5M2 9l1.3 1.3L5.6 8M8 4h6M8 9.5h6M8 13h6" stroke="currentColor" stroke-width="1.4" fill="none" stroke-linecap="round"/>',
  clock:
    '<circle cx="8" cy="8" r="6.3" fill="none" stroke="currentColor" stroke-width="1.4"/><path d="M8 4.5V8l2.5 1.6" stroke="currentColor" stroke-width="1.4" fill="none" stroke-linecap="round"/>',
  kebab:
    '<circle cx="3" cy="8" r="1.3" fill="currentColor"/><circle cx="8" cy="8" r="1.3" fill="currentColor"/><circle cx="13" cy="8" r="1.3" fill="currentColor"/>',
  'arrow-left':
    '<path d="M13 8H3.5M7.5 3.5L3 8l4.5 4.5" stroke="currentColor" stroke-width="1.6" fill="none" stroke-linecap="round" stroke-linejoin="round"/>',
  'chevron-down':
    '<path d="M4 6l4 4 4-4" stroke="currentColor" stroke-width="1.6" fill="none" stroke-linecap="round" stroke-linejoin="round"/>',
  unfold:
    '<path d="M8 1.5v4.5M5.5 3.8L8 1.5l2.5 2.3M8 14.5V10M5.5 12.2L8 14.5l2.5-2.3M2 8h1.5M5.5 8h1.5M9 8h1.5M12.5 8H14" stroke="currentColor" stroke-width="1.3" fill="none" stroke-linecap="round"/>',
  eye: '<path d="M1 8s2.6-5 7-5 7 5 7 5-2.6 5-7 5-7-5-7-5z" fill="none" stroke="currentColor" stroke-width="1.3"/><circle cx="8" cy="8" r="2" fill="currentColor"/>',
  smiley:
    '<circle cx="8" cy="8" r="6.3" fill="none" stroke="currentColor" stroke-width="1.3"/><circle cx="5.8" cy="6.5" r=".9" fill="currentColor"/><circle cx="10.2" cy="6.5" r=".9" fill="currentColor"/><path d="M5.3 9.6c.7 1.1 1.6 1.6 2.7 1.6s2-.5 2.7-1.6" stroke="currentColor" stroke-width="1.2" fill="none" stroke-linecap="round"/>'
};

/**
 * @param {keyof typeof ICONS} name
 * @param {{ size?: number, cls?: string }} [o]
 */
export function icon(name, o = {}) {
  const size = o.size ?? 16;
  return `<svg class="octicon ${o.cls ?? ''}" viewBox="0 0 16 16" width="${size}" height="${size}" aria-hidden="true">${ICONS[name]}</svg>`;
}

/** A round avatar: initials on a colour, or the Actions bot's mark. @param {string} who @param {number} [size] */
export function avatar(who, size = 40) {
  if (who === 'github-actions[bot]') {
    return `<span class="avatar bot" style="width:${size}px;height:${size}px"><svg viewBox="0 0 40 40" width="${size}" height="${size}"><rect width="40" height="40" rx="6" fill="#2088ff"/><circle cx="13" cy="13" r="4.2" fill="none" stroke="#fff" stroke-width="2.4"/><circle cx="27" cy="27" r="4.2" fill="none" stroke="#fff" stroke-width="2.4"/><path d="M17 13h6.5a3.5 3.5 0 013.5 3.5V23M13 17v6.5a3.5 3.5 0 003.5 3.5H23" stroke="#fff" stroke-width="2.4" fill="none"/></svg></span>`;
  }
  const hue = [...who].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7);
  const initials = who
    .replace(/[^a-z]/gi, '')
    .slice(0, 1)
    .toUpperCase();
  return `<span class="avatar" style="width:${size}px;height:${size}px;font-size:${Math.round(size * 0.45)}px;background:hsl(${hue} 45% 55%)">${initials}</span>`;
}

export const CSS = `
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, "DejaVu Sans", sans-serif;
  font-size: 14px; line-height: 1.5; color: #1f2328; background: #fff; -webkit-font-smoothing: antialiased; }
a { color: #0969da; text-decoration: none; }
.octicon { display: inline-block; vertical-align: text-bottom; flex: none; }
.muted { color: #59636e; }
.mono, code, pre, .blob-code, .blob-num { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; }
.avatar { display: inline-flex; align-items: center; justify-content: center; border-radius: 50%; color: #fff; font-weight: 600; flex: none; overflow: hidden; }
.avatar.bot { border-radius: 6px; }
.Label { display: inline-block; padding: 0 7px; font-size: 12px; font-weight: 500; line-height: 18px; border: 1px solid #d1d9e0; border-radius: 2em; color: #59636e; }
.State { display: inline-flex; align-items: center; gap: 4px; padding: 5px 12px; font-size: 14px; font-weight: 500; line-height: 20px; color: #fff; border-radius: 2em; }
.State--open { background: #1f883d; }
.btn { display: inline-flex; align-items: center; gap: 6px; padding: 0 12px; height: 32px; font-size: 14px; font-weight: 500; color: #25292e; background: #f6f8fa; border: 1px solid #d1d9e0; border-radius: 6px; }
.btn-sm { height: 28px; font-size: 12px; padding: 0 10px; }
.Counter { display: inline-block; min-width: 20px; padding: 0 6px; font-size: 12px; font-weight: 500; line-height: 18px; text-align: center; background: #818b981f; border-radius: 2em; color: #1f2328; }
.Box { border: 1px solid #d1d9e0; border-radius: 6px; background: #fff; }
.Box-header { padding: 12px 16px; background: #f6f8fa; border-bottom: 1px solid #d1d9e0; border-radius: 6px 6px 0 0; }
.color-danger { color: #d1242f; } .color-success { color: #1a7f37; } .color-attention { color: #9a6700; } .color-done { color: #8250df; }

/* the repository header */
.AppHeader { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; }
.AppHeader-globalBar { display: flex; align-items: center; gap: 12px; padding: 16px 16px 8px; }
.AppHeader-context { font-size: 14px; display: flex; align-items: center; gap: 4px; }
.AppHeader-context b { font-weight: 600; }
.AppHeader-search { margin-left: auto; width: 280px; height: 32px; border: 1px solid #d1d9e0; border-radius: 6px; background: #fff; color: #59636e; display: flex; align-items: center; padding: 0 8px; font-size: 13px; gap: 6px; }
.AppHeader-localBar { display: flex; gap: 6px; padding: 0 16px; }
.UnderlineNav-item { display: flex; align-items: center; gap: 8px; padding: 8px 8px 10px; color: #1f2328; border-bottom: 2px solid transparent; font-size: 14px; }
.UnderlineNav-item.selected { border-bottom-color: #fd8c73; font-weight: 600; }
.UnderlineNav-item .octicon { color: #59636e; }

/* rendered Markdown */
.markdown-body { font-size: 14px; line-height: 1.5; word-wrap: break-word; }
.markdown-body > *:first-child { margin-top: 0 !important; }
.markdown-body > *:last-child { margin-bottom: 0 !important; }
.markdown-body p, .markdown-body ul, .markdown-body ol, .markdown-body table, .markdown-body pre, .markdown-body blockquote { margin-top: 0; margin-bottom: 16px; }
.markdown-body h1, .markdown-body h2, .markdown-body h3, .markdown-body h4 { margin-top: 24px; margin-bottom: 16px; font-weight: 600; line-height: 1.25; }
.markdown-body h2 { font-size: 1.5em; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0b3; }
.markdown-body h3 { font-size: 1.25em; }
.markdown-body h4 { font-size: 1em; }
.markdown-body table { border-spacing: 0; border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; font-variant: tabular-nums; }
.markdown-body table th { font-weight: 600; }
.markdown-body table th, .markdown-body table td { padding: 6px 13px; border: 1px solid #d1d9e0; vertical-align: top; }
.markdown-body table tr { background: #fff; border-top: 1px solid #d1d9e0b3; }
.markdown-body table tr:nth-child(2n) { background: #f6f8fa; }
.markdown-body code { padding: .2em .4em; margin: 0; font-size: 85%; white-space: break-spaces; background: #818b981f; border-radius: 6px; }
.markdown-body pre { padding: 16px; overflow: auto; font-size: 85%; line-height: 1.45; background: #f6f8fa; border-radius: 6px; }
.markdown-body pre code { padding: 0; background: transparent; }
.markdown-body ul, .markdown-body ol { padding-left: 2em; }
.markdown-body li + li { margin-top: .25em; }
.markdown-body blockquote { padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }
.markdown-body .emoji { width: 1.25em; height: 1.25em; vertical-align: -0.3em; }
`;

/**
 * The header of a repository page: the global bar and the repository's tabs.
 * @param {{ repository: string, tab: 'code' | 'pulls' | 'actions', counts?: { issues?: number, pulls?: number } }} o
 */
export function repoHeader(o) {
  const [owner, name] = o.repository.split('/');
  /** @type {[string, keyof typeof ICONS, string, number | undefined][]} */
  const tabs = [
    ['code', 'code', 'Code', undefined],
    ['issues', 'issue', 'Issues', o.counts?.issues],
    ['pulls', 'pull-request', 'Pull requests', o.counts?.pulls],
    ['actions', 'play', 'Actions', undefined],
    ['projects', 'project', 'Projects', undefined],
    ['security', 'shield', 'Security', undefined],
    ['insights', 'graph', 'Insights', undefined],
    ['settings', 'gear', 'Settings', undefined]
  ];
  return `<header class="AppHeader">
  <div class="AppHeader-globalBar">
    <span style="color:#1f2328">${icon('github', { size: 32 })}</span>
    <span class="AppHeader-context"><span>${escapeHtml(owner)}</span><span class="muted">/</span><b>${escapeHtml(name)}</b></span>
    <span class="AppHeader-search">Type <span class="Label" style="padding:0 4px;line-height:16px;border-radius:4px">/</span> to search</span>
    ${avatar('dana-dev', 32)}
  </div>
  <nav class="AppHeader-localBar">${tabs
    .map(
      ([id, ic, label, count]) =>
        `<span class="UnderlineNav-item${id === o.tab ? ' selected' : ''}">${icon(ic)}${label}${count !== undefined ? ` <span class="Counter">${count}</span>` : ''}</span>`
    )
    .join('')}</nav>
</header>`;
}

/** @param {string} title @param {string} body @param {string} [css] */
export function page(title, body, css = '') {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${CSS}${css}</style></head><body>${body}</body></html>`;
}

/** Launches Debian's chromium headless; fails with a line that says what to install. */
export async function launchChromium() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--font-render-hinting=none'
    ]
  });
}

/**
 * Renders `html` at `width` CSS pixels and writes a PNG of the element `selector` (default: the
 * whole page), cut at `maxHeight` pixels, or just above the element `cutBefore` with a fade that
 * says the page goes on. The PNG is then rewritten with a 256-colour palette (png8.mjs).
 * @param {import('playwright-core').Browser} browser
 * @param {{ html: string, file: string, width: number, selector?: string, maxHeight?: number, cutBefore?: string, scale?: number }} o
 * @returns {Promise<{ file: string, bytes: number, width: number, height: number }>}
 */
export async function screenshot(browser, o) {
  const ctx = await browser.newContext({
    viewport: { width: o.width, height: 800 },
    deviceScaleFactor: o.scale ?? 1,
    colorScheme: 'light'
  });
  try {
    const p = await ctx.newPage();
    // nothing may come from the network: every page is self-contained
    await p.route('**/*', (route) =>
      route.request().url().startsWith('data:') ? route.continue() : route.abort('blockedbyclient')
    );
    await p.setContent(o.html, { waitUntil: 'load' });
    const el = o.selector ? p.locator(o.selector).first() : p.locator('body');
    const box = await el.boundingBox();
    if (!box) throw new Error(`screenshots: ${o.selector ?? 'body'} is not on the page`);
    let height = Math.ceil(Math.min(box.height, o.maxHeight ?? Infinity));
    if (o.cutBefore) {
      const cut = await p.locator(o.cutBefore).first().boundingBox();
      if (!cut) throw new Error(`screenshots: ${o.cutBefore} is not on the page`);
      height = Math.min(height, Math.ceil(cut.y - box.y));
    }
    if (height < box.height) {
      await p.locator('body').evaluate((body, top) => {
        const fade = body.ownerDocument.createElement('div');
        fade.style.cssText = `position:absolute;left:0;right:0;top:${top - 56}px;height:56px;pointer-events:none;background:linear-gradient(rgba(255,255,255,0),#fff)`;
        body.appendChild(fade);
      }, box.y + height);
    }
    const width = Math.ceil(box.width);
    await p.setViewportSize({ width: o.width, height: Math.max(800, Math.ceil(box.y + height)) });
    mkdirSync(path.dirname(o.file), { recursive: true });
    await p.screenshot({ path: o.file, clip: { x: box.x, y: box.y, width, height }, animations: 'disabled' });
    toPalettePng(o.file);
    return { file: o.file, bytes: statSync(o.file).size, width, height };
  } finally {
    await ctx.close();
  }
}
