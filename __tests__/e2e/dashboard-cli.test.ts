/**
 * End to end: `setup-go-enforced dashboard` through the CLI bundle, as a child process, on a
 * generated fleet (scripts/test-support/fleet.mjs): folders and globs, the three files and nothing
 * else, the totals against what the generator chose, the skipped files and their reasons,
 * --target, and the exit codes of bad input. The bundle: SETUP_GO_ENFORCED_CLI, else dist/cli.js.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { generateFleet } from '../../scripts/test-support/fleet.mjs';

const CLI = path.resolve(process.env.SETUP_GO_ENFORCED_CLI ?? path.join('dist', 'cli.js'));
const NOW = Date.parse('2026-06-01T12:00:00Z');
const ENV = { ...process.env, SOURCE_DATE_EPOCH: String(NOW / 1000) };

let root: string;
let fleet: ReturnType<typeof generateFleet>;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function dashboard(args: string[], cwd = root): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, 'dashboard', ...args], {
      cwd,
      env: ENV,
      maxBuffer: 16 << 20
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

function readJson(file: string) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build it (npm run build) or set SETUP_GO_ENFORCED_CLI`);
  root = mkdtempSync(path.join(os.tmpdir(), 'e2e-dashboard-'));
  const secret = path.join(root, 'secret-report.json');
  writeFileSync(secret, '{}');
  fleet = generateFleet({
    dir: path.join(root, 'fleet'),
    reports: 300,
    seed: 11,
    now: NOW,
    huge: true,
    symlinkOut: secret
  });
});
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('a folder of reports', () => {
  let run: Run;
  const out = () => path.join(root, 'out');
  beforeAll(async () => {
    mkdirSync(out(), { recursive: true });
    writeFileSync(path.join(out(), 'README.txt'), 'not the dashboard');
    run = await dashboard(['fleet', '--out', 'out']);
  });

  test('exit 0; the three files and nothing else written; an unrelated file untouched', () => {
    // nothing on stderr but, on a slow machine, a progress line every 5 s
    expect(run.stderr.replace(/^read [\d,]+ of [\d,]+ report files\n/gm, '')).toBe('');
    expect(run.code).toBe(0);
    expect(readdirSync(out()).sort()).toEqual(['README.txt', 'dashboard.json', 'dashboard.md', 'index.html']);
    expect(readFileSync(path.join(out(), 'README.txt'), 'utf8')).toBe('not the dashboard');
  });

  test('the totals are what the generator chose; older reports replaced', () => {
    const d = readJson(path.join(out(), 'dashboard.json'));
    expect(d.schemaVersion).toBe(1);
    expect(d.totals).toEqual(fleet.truth.totals);
    expect(d.inputs.reports).toBe(fleet.reports);
    expect(d.inputs.superseded).toBe(fleet.truth.superseded);
    expect(d.target).toEqual({ version: '1.27', source: 'newest-installed' });
    expect(d.generatedAt).toBe('2026-06-01T12:00:00.000Z');
  });

  test('each skipped file with its reason; the count by kind is what the generator wrote', () => {
    const d = readJson(path.join(out(), 'dashboard.json'));
    const byKind: Record<string, number> = {};
    for (const s of d.skipped) byKind[s.kind] = (byKind[s.kind] ?? 0) + 1;
    expect(byKind).toEqual(fleet.truth.skippedByKind);
    const reason = (file: string) => d.skipped.find((s: { file: string }) => s.file === file)?.reason;
    expect(reason('fleet/junk/huge-report.json')).toMatch(/^larger than 4 MiB \(\d+ bytes\)$/);
    expect(reason('fleet/junk/outside-report.json')).toBe('a symbolic link out of the folder it is in (not followed)');
    expect(reason('fleet/junk/future-report.json')).toBe(
      'schemaVersion 99 is not known (this dashboard reads schemaVersion 3)'
    );
    expect(reason('fleet/legacy/old-0-report.json')).toMatch(/^schemaVersion 2 report: it names no repository/);
    // not report-named: not read from a folder
    expect(reason('fleet/junk/notes.json')).toBeUndefined();
  });

  test('the summary: files read, skipped with reasons, repositories, where the files are', () => {
    const lines = run.stdout.trimEnd().split('\n');
    const skipped = Object.values(fleet.truth.skippedByKind).reduce((a, b) => a + b, 0);
    expect(lines[0]).toBe(`read ${fleet.reports + skipped} files: ${fleet.reports} reports, ${skipped} skipped`);
    const kinds = lines.filter((l) => l.startsWith('  skipped '));
    expect(kinds).toHaveLength(Object.keys(fleet.truth.skippedByKind).length);
    expect(kinds).toContain(
      `  skipped ${fleet.truth.legacy}, schemaVersion 2 (names no repository): fleet/legacy/old-0-report.json, fleet/legacy/old-1-report.json, fleet/legacy/old-2-report.json`
    );
    expect(kinds).toContain('  skipped 1, a symbolic link out of its folder: fleet/junk/outside-report.json');
    expect(lines).toContain(
      `${fleet.truth.totals.repositories} repositories, ${fleet.truth.totals.rows} rows (${fleet.truth.superseded} older reports replaced); target Go 1.27`
    );
    expect(lines).toContain(
      `wrote ${['index.html', 'dashboard.md', 'dashboard.json'].map((f) => path.join('out', f)).join(', ')}`
    );
    expect(lines[lines.length - 1]).toBe(`open file://${path.join(out(), 'index.html')}`);
  });

  test('dashboard.md: within the issue limit, the hostile text escaped', () => {
    const md = readFileSync(path.join(out(), 'dashboard.md'), 'utf8');
    expect(md.length).toBeLessThanOrEqual(65_536);
    expect(md).toContain(`# Go across ${fleet.truth.totals.repositories} repositories`);
    // no < but those of the page's own link destinations (<https://...>)
    expect(md.replace(/\]\(<https:\/\/[^\s<>]+>\)/g, '')).not.toMatch(/(?<!\\)</);
    expect(md).toContain('evil/\\<script\\>window.\\_\\_pwned=1\\</script\\>');
  });

  test('index.html: self-contained, with its policy', () => {
    const html = readFileSync(path.join(out(), 'index.html'), 'utf8');
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;sha256-/
    );
    expect(html).not.toMatch(/<(link|script|img|iframe)[^>]+(src|href)="https?:/);
  });
});

test('a glob reads every match, report-named or not; a second run replaces the files', async () => {
  const first = await dashboard([path.join('fleet', '**', '*.json'), '--out', 'glob-out']);
  expect(first.code).toBe(0);
  const d = readJson(path.join(root, 'glob-out', 'dashboard.json'));
  expect(d.skipped.find((s: { file: string }) => s.file === 'fleet/junk/notes.json')?.kind).toBe('not-a-report');
  expect(d.totals).toEqual(fleet.truth.totals);
  const again = await dashboard([`${root}/fleet/*/*/*/report.json`, '--out', 'glob-out']);
  expect(again.code).toBe(0);
  expect(readdirSync(path.join(root, 'glob-out')).sort()).toEqual(['dashboard.json', 'dashboard.md', 'index.html']);
  expect(readJson(path.join(root, 'glob-out', 'dashboard.json')).inputs.skipped).toBe(0);
});

test.each([
  ['1.25', { version: '1.25', source: 'flag' }],
  ['go1.26.2', { version: '1.26.2', source: 'flag' }]
])('--target %s', async (target, expected) => {
  const r = await dashboard(['fleet', '--target', target, '--out', `t-${target}`]);
  expect(r.code).toBe(0);
  const d = readJson(path.join(root, `t-${target}`, 'dashboard.json'));
  expect(d.target).toEqual(expected);
  expect(d.progress.target).toBe(expected.version);
  const p = d.progress.installed;
  expect(p.reached + p.behind + p.unknown).toBe(fleet.truth.totals.repositories);
  expect(r.stdout).toContain(`; target Go ${expected.version}\n`);
});

describe('bad input: one error line naming it, and the exit code', () => {
  test.each([
    [
      ['fleet', 'no-such-folder'],
      2,
      'setup-go-enforced dashboard: no-such-folder: no such file or folder (expected a report file, a folder of them, or a glob)\n'
    ],
    [['fleet/**/*.yaml'], 2, 'setup-go-enforced dashboard: fleet/**/*.yaml: the glob matches no files\n'],
    [
      ['fleet', '--out', 'fleet/junk/notes.json'],
      2,
      'setup-go-enforced dashboard: input --out: "fleet/junk/notes.json" is not a folder (expected a folder to write into)\n'
    ],
    [['fleet/junk', '--out', 'junk-out'], 1, null]
  ] as [string[], number, string | null][])('%j: exit %d', async (args, code, stderr) => {
    const r = await dashboard(args);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    if (stderr !== null) expect(r.stderr).toBe(stderr);
    else {
      expect(r.stderr.split('\n')[0]).toMatch(
        /^setup-go-enforced dashboard: nothing to show: no valid report among \d+ files$/
      );
      expect(r.stderr).toMatch(
        /\n {2}skipped 2, not JSON: fleet\/junk\/empty-report\.json, fleet\/junk\/not-json-report\.json\n/
      );
      expect(existsSync(path.join(root, 'junk-out'))).toBe(false);
    }
  });

  test('bad usage: exit 2 with the command usage', async () => {
    const r = await dashboard(['--target', 'newest', 'fleet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^setup-go-enforced dashboard: --target: "newest" is not a Go version .*\n\n {2}dashboard REPORT\.\.\.\n/
    );
    const none = await dashboard([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^setup-go-enforced dashboard: no REPORT given/);
  });
});
