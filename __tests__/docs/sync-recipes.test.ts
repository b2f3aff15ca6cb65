// scripts/sync-recipes.mjs on a temporary repository: it replaces a stale fence with the recipe,
// leaves a current one alone, reports stale fences without writing in check mode, and refuses a
// marker without a fence or naming a missing file, with file:line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { markdownFiles, syncRecipes } from '../../scripts/sync-recipes.mjs';

const SCRIPT = path.resolve('scripts', 'sync-recipes.mjs');

const RECIPE =
  '# what it is for\nname: ci\non: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: true\n';
let dir: string;

function write(files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(dir, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
}
const read = (rel: string): string => readFileSync(path.join(dir, rel), 'utf8');
const block = (name: string, body: string, fence = '```yaml'): string =>
  `<!-- recipe: examples/workflows/${name}.yml -->\n${fence}\n${body}\`\`\`\n`;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sync-recipes-'));
  write({ 'examples/workflows/basic.yml': RECIPE, 'examples/workflows/other.yml': 'name: other\n' });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('README.md and docs/**/*.md are the files read', () => {
  write({ 'README.md': '', 'docs/a.md': '', 'docs/deep/b.md': '', 'docs/c.txt': '', 'other.md': '' });
  expect(markdownFiles(dir)).toEqual(['README.md', 'docs/a.md', 'docs/deep/b.md']);
});

test('a stale fence gets the file content exactly; text around it and a current fence are untouched', () => {
  const readme = `# Title\n\nBefore.\n\n${block('basic', 'old: content\n')}\nBetween.\n\n${block('other', 'name: other\n')}After.\n`;
  write({ 'README.md': readme, 'docs/guide.md': `Intro\n${block('basic', '')}` });
  const r = syncRecipes({ root: dir });
  expect(r.errors).toEqual([]);
  expect(r.stale.map((b) => `${b.doc}:${b.line}`)).toEqual(['README.md:6', 'docs/guide.md:3']);
  expect(r.written.sort()).toEqual(['README.md', 'docs/guide.md']);
  expect(read('README.md')).toBe(
    `# Title\n\nBefore.\n\n${block('basic', RECIPE)}\nBetween.\n\n${block('other', 'name: other\n')}After.\n`
  );
  expect(read('docs/guide.md')).toBe(`Intro\n${block('basic', RECIPE)}`);
  // a second run finds nothing to do
  const again = syncRecipes({ root: dir });
  expect(again.stale).toEqual([]);
  expect(again.written).toEqual([]);
  expect(again.blocks).toHaveLength(3);
});

test('check mode lists each stale fence as file:line and writes nothing', () => {
  const readme = `${block('basic', RECIPE)}\n${block('other', 'stale\n')}`;
  write({ 'README.md': readme, 'docs/x.md': `a\n\nb\n${block('basic', 'stale\n')}` });
  const r = syncRecipes({ root: dir, check: true });
  expect(r.stale.map((b) => `${b.doc}:${b.line}`)).toEqual(['README.md:14', 'docs/x.md:5']);
  expect(r.written).toEqual([]);
  expect(read('README.md')).toBe(readme);

  const cli = spawnSync(process.execPath, [SCRIPT, '--check', '--root', dir], { encoding: 'utf8' });
  expect(cli.status).toBe(1);
  expect(cli.stderr).toContain('README.md:14');
  expect(cli.stderr).toContain('docs/x.md:5');
  expect(cli.stderr).toContain('npm run docs:sync');
  expect(read('README.md')).toBe(readme);
});

test('a marker without a ```yaml fence on the next line is an error at its file:line, and nothing is written', () => {
  const guide = `One\n<!-- recipe: examples/workflows/basic.yml -->\n\n\`\`\`yaml\nx\n\`\`\`\n`;
  const other = `<!-- recipe: examples/workflows/other.yml -->\n\`\`\`sh\necho\n\`\`\`\n`;
  const stale = block('basic', 'stale\n');
  write({ 'README.md': stale, 'docs/guide.md': guide, 'docs/other.md': other });
  const r = syncRecipes({ root: dir });
  expect(r.errors).toEqual([
    expect.stringMatching(/^docs\/guide\.md:2: .*not followed by a ```yaml fence/),
    expect.stringMatching(/^docs\/other\.md:1: .*not followed by a ```yaml fence/)
  ]);
  expect(r.written).toEqual([]);
  expect(read('README.md')).toBe(stale);
});

test('a marker naming a missing file is an error at its file:line', () => {
  write({ 'docs/a.md': `x\n${block('gone', 'y\n')}` });
  const r = syncRecipes({ root: dir, check: true });
  expect(r.errors).toEqual([
    expect.stringMatching(/^docs\/a\.md:2: .*examples\/workflows\/gone\.yml, which does not exist/)
  ]);
  expect(r.markers).toEqual([{ doc: 'docs/a.md', line: 2, recipe: 'examples/workflows/gone.yml' }]);
});

test('a marker inside another code block is text, not a marker', () => {
  const doc = `\`\`\`\`markdown\n${block('basic', 'anything\n')}\`\`\`\`\n`;
  write({ 'docs/conventions.md': doc });
  const r = syncRecipes({ root: dir });
  expect(r.markers).toEqual([]);
  expect(r.errors).toEqual([]);
  expect(read('docs/conventions.md')).toBe(doc);
});

test('an indented block (in a list) gets the recipe indented like its fence', () => {
  write({ 'README.md': `- Step:\n\n  <!-- recipe: examples/workflows/other.yml -->\n  \`\`\`yaml\n  old\n  \`\`\`\n` });
  syncRecipes({ root: dir });
  expect(read('README.md')).toBe(
    `- Step:\n\n  <!-- recipe: examples/workflows/other.yml -->\n  \`\`\`yaml\n  name: other\n  \`\`\`\n`
  );
});
