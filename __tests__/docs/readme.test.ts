// The documentation says what action.yml declares, and its links lead somewhere:
// - docs/inputs.md's tables list every input and output of action.yml, and nothing that is not there;
// - docs/checks.md's tables list the three kinds and every check, in the order the action runs them;
// - the README stays short (the reference is one link away), with the set-up and test commands on top;
// - every relative link of README.md, CHANGELOG.md and docs/*.md points at a file that exists and,
//   with a #anchor, at a heading of that file (GitHub's slugs);
// - CHANGELOG.md maps every anchor of the old README to where that section went.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { CHECK_IDS } from '../../src/verify/checks/ids.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (rel: string): string => readFileSync(path.join(ROOT, rel), 'utf8');

const action = parse(read('action.yml')) as {
  inputs: Record<string, { description: string }>;
  outputs: Record<string, { description: string }>;
};

/** The lines of a Markdown file outside fenced code blocks (``` and ~~~), with their numbers. */
function proseLines(text: string): { line: string; n: number }[] {
  const out: { line: string; n: number }[] = [];
  let fence: string | undefined;
  text.split(/\r?\n/).forEach((line, i) => {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && line.trim() === m[1]) fence = undefined;
      return;
    }
    if (m) {
      fence = m[1];
      return;
    }
    out.push({ line, n: i + 1 });
  });
  return out;
}

/** The first column of the table under a heading (`name` cells), up to the next heading of any level. */
function tableNames(file: string, heading: string): string[] {
  const text = read(file);
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`${file} has no heading "${heading}"`);
  const rest = text.slice(start + heading.length + 2);
  const end = rest.search(/\n#{1,6} /);
  const section = end < 0 ? rest : rest.slice(0, end);
  return [...section.matchAll(/^\|\s*`([a-z0-9-]+)`\s*\|/gm)].map((m) => m[1]);
}

/** GitHub's anchor for a heading's text (github-slugger: lowercase, drop punctuation, spaces to -). */
function githubSlug(heading: string): string {
  const text = heading
    .replace(/<[^>]*>/g, '') // inline HTML
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .replace(/`/g, '') // code spans keep their text
    .replace(/\*/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** Every anchor of a Markdown file: its headings' slugs (repeats as -1, -2, ...) and explicit ids. */
function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { line } of proseLines(text)) {
    const h = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      const base = githubSlug(h[1]);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      anchors.add(n === 0 ? base : `${base}-${n}`);
    }
    for (const m of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(m[1]);
  }
  return anchors;
}

/** The link targets of a Markdown file: inline links and images, reference definitions, <img src>. */
function linksOf(text: string): { target: string; n: number }[] {
  const out: { target: string; n: number }[] = [];
  for (const { line, n } of proseLines(text)) {
    const prose = line.replace(/`[^`]*`/g, '');
    for (const m of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) out.push({ target: m[1], n });
    const def = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/.exec(prose);
    if (def) out.push({ target: def[1], n });
    for (const m of prose.matchAll(/<img\s[^>]*src="([^"]+)"/g)) out.push({ target: m[1], n });
  }
  return out;
}

/** Where a relative link leads: undefined when it is not relative (a URL, mailto:). */
function resolveLink(from: string, target: string): { file: string; anchor?: string } | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) return undefined;
  const [p, anchor] = target.split('#', 2) as [string, string | undefined];
  const file = p === '' ? from : path.posix.normalize(path.posix.join(path.posix.dirname(from), decodeURI(p)));
  return { file, ...(anchor !== undefined ? { anchor } : {}) };
}

/** A problem with one link, or undefined when it leads to an existing file and heading. */
function linkProblem(from: string, target: string): string | undefined {
  const to = resolveLink(from, target);
  if (!to) return undefined;
  const abs = path.join(ROOT, to.file);
  if (to.file.startsWith('..') || !existsSync(abs)) return `${to.file} does not exist`;
  if (to.anchor === undefined || to.anchor === '') return undefined;
  if (statSync(abs).isDirectory() || !to.file.endsWith('.md')) return `#${to.anchor} in a file that is not Markdown`;
  if (!anchorsOf(read(to.file)).has(to.anchor.toLowerCase())) return `${to.file} has no heading #${to.anchor}`;
  return undefined;
}

const DOCS = readdirSync(path.join(ROOT, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => `docs/${f}`);
const LINKED_FILES = ['README.md', 'CHANGELOG.md', ...DOCS];

/** Every heading of the README before the documentation moved (issue 23), as GitHub slugs them. */
const OLD_README_ANCHORS = [
  'setup-go-enforced',
  'usage',
  'basic-install-what-gomod-asks-for',
  'a-version-file-or-an-explicit-version',
  'as-a-required-status-check-on-pull-requests',
  'private-mirror-or-air-gapped-runner',
  'matrix-builds',
  'inputs',
  'outputs',
  'version-resolution',
  'download-and-install',
  'caching',
  'checks',
  'the-rule-an-error-only-where-go-would-refuse',
  'scope',
  'reports',
  'code-scanning-sarif',
  'on-your-machine',
  'matrix-builds-1',
  'vulnerabilities',
  'reliability',
  'pull-requests-from-forks',
  'performance',
  'windows',
  'compared-with-actionssetup-go',
  'development'
];

/** CHANGELOG's anchor map: `#old` -> the link in the same row. */
function anchorMap(): Map<string, string> {
  const text = read('CHANGELOG.md');
  const start = text.indexOf('\n### Documentation moved\n');
  if (start < 0) throw new Error('CHANGELOG.md has no "### Documentation moved" section');
  const rest = text.slice(start + 1);
  const end = rest.slice(1).search(/\n#{1,6} /);
  const section = end < 0 ? rest : rest.slice(0, end + 1);
  const map = new Map<string, string>();
  for (const m of section.matchAll(/^\|\s*`#([^`]+)`\s*\|\s*\[[^\]]*\]\(([^)]+)\)\s*\|/gm)) map.set(m[1], m[2]);
  return map;
}

describe('inputs and outputs (docs/inputs.md)', () => {
  test('the Inputs table lists exactly the inputs of action.yml', () => {
    expect(tableNames('docs/inputs.md', '## Inputs').sort()).toEqual(Object.keys(action.inputs).sort());
  });

  test('the Outputs table lists exactly the outputs of action.yml', () => {
    expect(tableNames('docs/inputs.md', '## Outputs').sort()).toEqual(Object.keys(action.outputs).sort());
  });
});

describe('checks (docs/checks.md)', () => {
  test('the rule lists the three kinds', () => {
    expect(tableNames('docs/checks.md', '## The rule: an error only where Go would refuse')).toEqual([
      'break',
      'drift',
      'advice'
    ]);
  });

  test('the Checks table lists every check, in the order the action runs them', () => {
    expect(tableNames('docs/checks.md', '## Every check')).toEqual([...CHECK_IDS]);
  });

  test("the report schema's checks[].id names every check, in the order they run", () => {
    const schema = read('docs/report-schema.md');
    const row = schema.split('\n').find((l) => l.startsWith('| `checks[].id` |')) ?? '';
    expect([...row.matchAll(/`([a-z][a-z-]+)`/g)].map((m) => m[1])).toEqual([...CHECK_IDS]);
  });

  test("action.yml's checks input names every check", () => {
    for (const id of CHECK_IDS) expect(action.inputs.checks.description).toContain(id);
  });
});

describe('README', () => {
  test('is short: at most 260 lines', () => {
    expect(read('README.md').split('\n').length).toBeLessThanOrEqual(260);
  });

  test('starts with the set-up and test commands', () => {
    const firstFence = /```sh\n([\s\S]*?)```/.exec(read('README.md'));
    expect(firstFence?.[1]).toMatch(/^npm ci && npm run demo\b/m);
    expect(firstFence?.[1]).toMatch(/^npm test\b/m);
  });

  test('says how to switch from actions/setup-go on its first screen', () => {
    const firstScreen = read('README.md').split('\n').slice(0, 60).join('\n');
    expect(firstScreen).toContain('## Switch from actions/setup-go');
    expect(firstScreen).toContain('-      - uses: actions/setup-go@');
    expect(firstScreen).toContain('+      - uses: org/setup-go-enforced@');
  });
});

describe('links', () => {
  test('GitHub slugs, as GitHub makes them', () => {
    expect(githubSlug('Compared with actions/setup-go')).toBe('compared-with-actionssetup-go');
    expect(githubSlug('Basic: install what go.mod asks for')).toBe('basic-install-what-gomod-asks-for');
    expect(githubSlug('Code scanning (SARIF)')).toBe('code-scanning-sarif');
    expect(githubSlug("`setup-go-enforced bump`: one Go upgrade, every file, Go's rules")).toBe(
      'setup-go-enforced-bump-one-go-upgrade-every-file-gos-rules'
    );
    expect(githubSlug('Severity: `checks`, `consistency`, `on-mismatch`')).toBe(
      'severity-checks-consistency-on-mismatch'
    );
    expect([...anchorsOf('## Matrix builds\n```\n## not a heading\n```\n## Matrix builds\n')]).toEqual([
      'matrix-builds',
      'matrix-builds-1'
    ]);
  });

  test('a link to a missing file or heading is a problem', () => {
    expect(linkProblem('README.md', 'docs/no-such-page.md')).toBe('docs/no-such-page.md does not exist');
    expect(linkProblem('README.md', 'docs/checks.md#no-such-heading')).toBe(
      'docs/checks.md has no heading #no-such-heading'
    );
    expect(linkProblem('docs/checks.md', '#scope')).toBeUndefined();
    expect(linkProblem('docs/checks.md', '../README.md#when-a-check-fails')).toBeUndefined();
    expect(linkProblem('README.md', 'https://github.com/actions/setup-go#usage')).toBeUndefined();
  });

  test.each(LINKED_FILES)('every relative link of %s leads to a file and heading that exist', (file) => {
    const problems = linksOf(read(file))
      .map(({ target, n }) => ({ target, n, problem: linkProblem(file, target) }))
      .filter((l) => l.problem !== undefined)
      .map((l) => `${file}:${l.n}: (${l.target}) ${l.problem}`);
    expect(problems).toEqual([]);
  });

  test("CHANGELOG's anchor map has every anchor of the old README, each leading somewhere", () => {
    const map = anchorMap();
    expect([...map.keys()].sort()).toEqual([...OLD_README_ANCHORS].sort());
    const problems = [...map].flatMap(([old, target]) => {
      const problem = linkProblem('CHANGELOG.md', target);
      return problem ? [`#${old} -> ${target}: ${problem}`] : [];
    });
    expect(problems).toEqual([]);
  });
});
