// A small Markdown renderer for the screenshots: exactly what the action's job summary and audit
// comment use (src/report/summary.ts, src/audit/markdown.ts), rendered as GitHub renders it:
// ATX headings, paragraphs, pipe tables (with `\|` in cells), "-" and "1." lists, block quotes,
// fenced code, HTML comments (hidden), `<br>`; inline code, **bold**, *emphasis*, [links](url),
// backslash escapes. Everything else is text, HTML-escaped. Emoji that the summary uses are drawn
// as inline SVG, so the images do not depend on an emoji font being installed.

/** @param {string} s */
export function escapeHtml(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const ESCAPABLE = /\\([!-/:-@[-`{-~])/g;
/** Private-use characters that stand for protected pieces while the inline rules run. */
const HOLE = (/** @type {number} */ i) => `\uE000${i}\uE001`;
const HOLES = /\uE000(\d+)\uE001/g;

/** GitHub-like emoji, 20x20 SVG (drawn here: no emoji font on the machine is needed). */
const EMOJI = {
  '✅': '<rect x="1" y="1" width="18" height="18" rx="4" fill="#3fb950"/><path d="M5.5 10.5l3 3 6-7" stroke="#fff" stroke-width="2.4" fill="none" stroke-linecap="round" stroke-linejoin="round"/>',
  '❌': '<path d="M4.5 4.5l11 11M15.5 4.5l-11 11" stroke="#e5534b" stroke-width="3.4" stroke-linecap="round"/>',
  '⚠️': '<path d="M10 2.2L18.6 17.4H1.4z" fill="#f2cc60" stroke="#d4a72c" stroke-width="1" stroke-linejoin="round"/><path d="M10 7.5v4.8" stroke="#24292f" stroke-width="2.1" stroke-linecap="round"/><circle cx="10" cy="14.8" r="1.2" fill="#24292f"/>',
  '⏭️': '<rect x="1" y="1" width="18" height="18" rx="4" fill="#4493f8"/><path d="M5 6l4.5 4L5 14zM10 6l4.5 4L10 14z" fill="#fff"/><rect x="14.6" y="6" width="1.6" height="8" fill="#fff"/>',
  '⏸️': '<rect x="1" y="1" width="18" height="18" rx="4" fill="#4493f8"/><rect x="6" y="5.5" width="2.6" height="9" fill="#fff"/><rect x="11.4" y="5.5" width="2.6" height="9" fill="#fff"/>'
};
const EMOJI_RE = new RegExp(
  Object.keys(EMOJI)
    .map((e) => `${e.replace(/\uFE0F/g, '')}\\uFE0F?`)
    .join('|'),
  'g'
);

/** @param {string} ch */
export function emojiSvg(ch) {
  const key = Object.keys(EMOJI).find((k) => k.replace(/\uFE0F/g, '') === ch.replace(/\uFE0F/g, ''));
  if (!key) return escapeHtml(ch);
  return `<svg class="emoji" viewBox="0 0 20 20" width="20" height="20" aria-label="${key}" role="img">${EMOJI[/** @type {keyof typeof EMOJI} */ (key)]}</svg>`;
}

/**
 * Inline Markdown to HTML.
 * @param {string} text
 * @returns {string}
 */
export function inline(text) {
  /** @type {string[]} */
  const holes = [];
  const hold = (/** @type {string} */ html) => {
    holes.push(html);
    return HOLE(holes.length - 1);
  };
  let s = text;
  // code spans first: nothing inside them is Markdown
  s = s.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_m, _ticks, code) => hold(`<code>${escapeHtml(code.trim())}</code>`));
  s = s.replace(ESCAPABLE, (_m, ch) => hold(escapeHtml(ch)));
  s = escapeHtml(s).replace(/&lt;br\s*\/?&gt;/gi, '<br>');
  s = s.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label, href) =>
    hold(`<a href="${href.replace(/"/g, '&quot;')}">${emphasis(label)}</a>`)
  );
  s = emphasis(s);
  s = s.replace(EMOJI_RE, (e) => emojiSvg(e));
  // holes may hold holes (a link's label with code)
  for (let i = 0; i < 3; i++) s = s.replace(HOLES, (_m, n) => holes[Number(n)]);
  return s;
}

/** @param {string} s */
function emphasis(s) {
  return s
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*\w])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1<em>$2</em>');
}

/**
 * The cells of a table row: split at `|` that is not escaped; `\|` becomes a literal pipe.
 * @param {string} line
 * @returns {string[]}
 */
export function tableCells(line) {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  /** @type {string[]} */
  const cells = [];
  let cell = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\' && s[i + 1] === '|') {
      cell += '\\|';
      i++;
    } else if (ch === '\\' && s[i + 1] === '\\') {
      cell += '\\\\';
      i++;
    } else if (ch === '|') {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  if (cell.trim() !== '') cells.push(cell.trim());
  return cells;
}

/** @param {string} line */
function isDelimiterRow(line) {
  return /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line);
}

/**
 * Block Markdown to HTML.
 * @param {string} markdown
 * @param {{ breaks?: boolean }} [opts]  breaks: a line break inside a paragraph is a <br> (GitHub
 *   comments); otherwise a space (repository files, job summaries)
 * @returns {string}
 */
export function renderMarkdown(markdown, opts = {}) {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  /** @type {string[]} */
  const out = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (/^\s*<!--/.test(line)) {
      while (i < lines.length && !lines[i].includes('-->')) i++;
      i++;
      continue;
    }
    const fence = /^\s*(`{3,}|~{3,})\s*(\S*)/.exec(line);
    if (fence) {
      const body = [];
      i++;
      while (i < lines.length && !new RegExp(`^\\s*${fence[1][0]}{${fence[1].length},}\\s*$`).test(lines[i]))
        body.push(lines[i++]);
      i++;
      out.push(`<pre><code>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const n = heading[1].length;
      out.push(`<h${n}>${inline(heading[2])}</h${n}>`);
      i++;
      continue;
    }
    if (/^\s*\|/.test(line) && i + 1 < lines.length && isDelimiterRow(lines[i + 1])) {
      const head = tableCells(line);
      const align = tableCells(lines[i + 1]).map((c) =>
        c.startsWith(':') && c.endsWith(':') ? 'center' : c.endsWith(':') ? 'right' : ''
      );
      i += 2;
      /** @type {string[][]} */
      const rows = [];
      while (i < lines.length && /^\s*\|/.test(lines[i])) rows.push(tableCells(lines[i++]));
      const td = (/** @type {string} */ tag, /** @type {string} */ c, /** @type {number} */ k) =>
        `<${tag}${align[k] ? ` align="${align[k]}"` : ''}>${inline(c)}</${tag}>`;
      out.push(
        `<table><thead><tr>${head.map((c, k) => td('th', c, k)).join('')}</tr></thead><tbody>` +
          rows.map((r) => `<tr>${head.map((_h, k) => td('td', r[k] ?? '', k)).join('')}</tr>`).join('') +
          '</tbody></table>'
      );
      continue;
    }
    const bullet = /^(\s*)([-*+]|\d+[.)])\s+/.exec(line);
    if (bullet) {
      const ordered = /\d/.test(bullet[2]);
      /** @type {string[]} */
      const items = [];
      while (i < lines.length && /^(\s*)([-*+]|\d+[.)])\s+/.test(lines[i])) {
        let item = lines[i].replace(/^(\s*)([-*+]|\d+[.)])\s+/, '');
        i++;
        // lazy continuation lines
        while (
          i < lines.length &&
          lines[i].trim() !== '' &&
          /^\s{2,}\S/.test(lines[i]) &&
          !/^(\s*)([-*+]|\d+[.)])\s+/.test(lines[i])
        )
          item += ` ${lines[i++].trim()}`;
        items.push(`<li>${inline(item)}</li>`);
      }
      out.push(ordered ? `<ol>${items.join('')}</ol>` : `<ul>${items.join('')}</ul>`);
      continue;
    }
    if (/^\s*>/.test(line)) {
      const body = [];
      while (i < lines.length && /^\s*>/.test(lines[i])) body.push(lines[i++].replace(/^\s*>\s?/, ''));
      out.push(`<blockquote>${renderMarkdown(body.join('\n'), opts)}</blockquote>`);
      continue;
    }
    const para = [];
    while (
      i < lines.length &&
      lines[i].trim() !== '' &&
      !/^(#{1,6})\s/.test(lines[i]) &&
      !/^\s*(`{3,}|~{3,})/.test(lines[i]) &&
      !/^\s*>/.test(lines[i]) &&
      !(/^\s*\|/.test(lines[i]) && i + 1 < lines.length && isDelimiterRow(lines[i + 1])) &&
      !(para.length > 0 && /^(\s*)([-*+]|\d+[.)])\s+/.test(lines[i]))
    )
      para.push(lines[i++].trim());
    out.push(`<p>${para.map(inline).join(opts.breaks ? '<br>\n' : '\n')}</p>`);
  }
  return out.join('\n');
}
