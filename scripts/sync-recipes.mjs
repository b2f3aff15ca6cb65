#!/usr/bin/env node
// npm run docs:sync: the workflow recipes shown in the documentation are the files under
// examples/workflows/, byte for byte. In README.md and every docs/**/*.md, a line
//
//   <!-- recipe: examples/workflows/NAME.yml -->
//
// must be followed on the next line by a ```yaml fence; the fence's content is replaced with the
// file's content. `--check` writes nothing and exits 1 listing each stale fence (file:line), for CI
// and __tests__/docs/recipes.test.ts. A marker without a fence, or naming a file that does not
// exist, is an error (file:line) in both modes, and nothing is written. Markers inside other code
// blocks (a page that shows the convention itself) are text, not markers.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** `<!-- recipe: examples/workflows/NAME.yml -->`, alone on its line (indentation allowed). */
export const MARKER = /^(\s*)<!--\s*recipe:\s*(\S+?)\s*-->\s*$/;
/** An opening code fence: its indentation, its backticks or tildes, its info string. */
const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;

/**
 * @typedef {object} RecipeBlock
 * @property {string} doc       the Markdown file, relative to root, with forward slashes
 * @property {number} line      1-based line of the fence (the line after the marker)
 * @property {string} recipe    the path the marker names (relative to root)
 * @property {boolean} current  the fence already holds the file's content
 */

/**
 * @typedef {object} RecipeMarker
 * @property {string} doc       the Markdown file, relative to root, with forward slashes
 * @property {number} line      1-based line of the marker
 * @property {string} recipe    the path it names
 */

/**
 * @typedef {object} SyncResult
 * @property {RecipeMarker[]} markers  every marker, with or without its fence, in file order
 * @property {RecipeBlock[]} blocks   every marker with its fence, in file order
 * @property {RecipeBlock[]} stale    the blocks whose fence differed from the file
 * @property {string[]} errors        "file:line: message" for markers that cannot be synced
 * @property {string[]} written       the Markdown files rewritten (none in check mode or on errors)
 */

/**
 * README.md and docs/**\/*.md under root, relative with forward slashes, sorted.
 * @param {string} root
 * @returns {string[]}
 */
export function markdownFiles(root) {
  /** @type {string[]} */
  const out = [];
  if (existsSync(path.join(root, 'README.md'))) out.push('README.md');
  /** @param {string} rel */
  const walk = (rel) => {
    const abs = path.join(root, ...rel.split('/'));
    if (!existsSync(abs)) return;
    for (const entry of readdirSync(abs, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && entry.name.endsWith('.md')) out.push(child);
    }
  };
  walk('docs');
  return out;
}

/**
 * The recipe blocks of one Markdown text and its text with every fence synced.
 * @param {string} doc     the file's name, for messages
 * @param {string} text    its content
 * @param {(recipe: string) => string | undefined} readRecipe  a recipe's content, undefined when missing
 * @returns {{ text: string, markers: RecipeMarker[], blocks: RecipeBlock[], errors: string[] }}
 */
export function syncText(doc, text, readRecipe) {
  const lines = text.split('\n');
  /** @type {string[]} */
  const out = [];
  /** @type {RecipeMarker[]} */
  const markers = [];
  /** @type {RecipeBlock[]} */
  const blocks = [];
  /** @type {string[]} */
  const errors = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const fence = FENCE.exec(line);
    if (fence) {
      // Some other code block: copied as it is, markers inside it included.
      const end = closingFence(lines, i + 1, fence[2]);
      const stop = end < 0 ? lines.length : end + 1;
      out.push(...lines.slice(i, stop));
      i = stop;
      continue;
    }
    const marker = MARKER.exec(line);
    if (!marker) {
      out.push(line);
      i++;
      continue;
    }
    const where = `${doc}:${i + 1}`;
    const recipe = marker[2];
    markers.push({ doc, line: i + 1, recipe });
    out.push(line);
    i++;
    const open = i < lines.length ? FENCE.exec(lines[i]) : null;
    if (!open || open[3] !== 'yaml') {
      errors.push(`${where}: the recipe marker for ${recipe} is not followed by a \`\`\`yaml fence on the next line`);
      continue;
    }
    const close = closingFence(lines, i + 1, open[2]);
    if (close < 0) {
      errors.push(`${where}: the \`\`\`yaml fence after the recipe marker for ${recipe} is never closed`);
      out.push(...lines.slice(i));
      i = lines.length;
      continue;
    }
    const indent = open[1];
    const body = lines.slice(i + 1, close);
    const content = readRecipe(recipe);
    if (content === undefined) {
      errors.push(`${where}: the recipe marker names ${recipe}, which does not exist`);
      out.push(...lines.slice(i, close + 1));
      i = close + 1;
      continue;
    }
    const wanted = content
      .replace(/\n$/, '')
      .split('\n')
      .map((l) => (l === '' ? '' : indent + l));
    if (wanted.some((l) => closesFence(l, open[2]))) {
      errors.push(`${where}: ${recipe} holds a line that would close the ${open[2]} fence: use a longer fence`);
      out.push(...lines.slice(i, close + 1));
      i = close + 1;
      continue;
    }
    const current = body.length === wanted.length && body.every((l, k) => l === wanted[k]);
    blocks.push({ doc, line: i + 1, recipe, current });
    out.push(lines[i], ...wanted, lines[close]);
    i = close + 1;
  }
  return { text: out.join('\n'), markers, blocks, errors };
}

/**
 * Index of the line that closes a fence opened with `ticks`, from `from` on; -1 when none.
 * @param {string[]} lines @param {number} from @param {string} ticks
 */
function closingFence(lines, from, ticks) {
  for (let k = from; k < lines.length; k++) if (closesFence(lines[k], ticks)) return k;
  return -1;
}

/** @param {string} line @param {string} ticks */
function closesFence(line, ticks) {
  const m = /^\s*(`{3,}|~{3,})\s*$/.exec(line);
  return m !== null && m[1][0] === ticks[0] && m[1].length >= ticks.length;
}

/**
 * Syncs (or, with check, compares) every recipe fence of the Markdown files under root.
 * @param {{ root: string, check?: boolean, files?: string[] }} opts
 *   files: the Markdown files (relative to root) instead of README.md and docs/**\/*.md
 * @returns {SyncResult}
 */
export function syncRecipes({ root, check = false, files }) {
  /** @type {RecipeMarker[]} */
  const markers = [];
  /** @type {RecipeBlock[]} */
  const blocks = [];
  /** @type {string[]} */
  const errors = [];
  /** @type {{ file: string, text: string }[]} */
  const updates = [];
  /** @param {string} recipe */
  const readRecipe = (recipe) => {
    const abs = path.resolve(root, recipe);
    const inside = path.relative(root, abs);
    if (inside.startsWith('..') || path.isAbsolute(inside) || !existsSync(abs)) return undefined;
    return readFileSync(abs, 'utf8');
  };
  for (const doc of files ?? markdownFiles(root)) {
    const file = path.join(root, ...doc.split('/'));
    const text = readFileSync(file, 'utf8');
    const r = syncText(doc, text, readRecipe);
    markers.push(...r.markers);
    blocks.push(...r.blocks);
    errors.push(...r.errors);
    if (r.text !== text) updates.push({ file: doc, text: r.text });
  }
  const stale = blocks.filter((b) => !b.current);
  /** @type {string[]} */
  const written = [];
  if (!check && errors.length === 0) {
    for (const u of updates) {
      writeFileSync(path.join(root, ...u.file.split('/')), u.text);
      written.push(u.file);
    }
  }
  return { markers, blocks, stale, errors, written };
}

/** The command line: `node scripts/sync-recipes.mjs [--check] [--root DIR]`. @param {string[]} args */
export function main(args) {
  const unknown = args.filter((a, k) => a !== '--check' && a !== '--root' && args[k - 1] !== '--root');
  if (unknown.length > 0) {
    console.error(`sync-recipes: unknown argument ${unknown[0]}\nUsage: node scripts/sync-recipes.mjs [--check]`);
    return 2;
  }
  const check = args.includes('--check');
  const rootArg = args.indexOf('--root');
  const root = path.resolve(
    rootArg >= 0 ? args[rootArg + 1] : path.join(path.dirname(fileURLToPath(import.meta.url)), '..')
  );
  const r = syncRecipes({ root, check });
  for (const e of r.errors) console.error(e);
  if (check) {
    for (const b of r.stale) console.error(`${b.doc}:${b.line}: stale: the fence differs from ${b.recipe}`);
    if (r.stale.length > 0) console.error(`${r.stale.length} stale recipe block(s): run npm run docs:sync`);
    if (r.stale.length > 0 || r.errors.length > 0) return 1;
    console.log(`docs:sync: ${r.blocks.length} recipe block(s) up to date`);
    return 0;
  }
  if (r.errors.length > 0) {
    console.error('docs:sync: nothing written');
    return 1;
  }
  for (const b of r.stale) console.log(`${b.doc}:${b.line}: updated from ${b.recipe}`);
  console.log(`docs:sync: ${r.blocks.length} recipe block(s), ${r.stale.length} updated`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
