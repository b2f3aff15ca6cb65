/**
 * End to end: the bundled CLI (`node dist/cli.js`) as a child process. `check` gives the same verdict
 * as the action's verify mode on repository shapes of the corpus, in a table, as JSON (the action's
 * report schema) and as SARIF; `doctor` audits a machine laid out by the test (Go trees in a temp
 * HOME, a shadowing PATH, a stale GOROOT, a go env file); `use` installs from the loopback mirror and
 * its printed lines, run in bash, put that Go first.
 */
import '@microsoft/jest-sarif';
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { startMirror } from '../../scripts/test-support/mirror.mjs';
import { HOST_GOARCH, goScript } from '../../scripts/test-support/toolchains.mjs';
import { TempRoot, buildToolchains, makeWorkspace, manifestFor, run as runTheAction } from './drop-in-helpers.js';

type Mirror = Awaited<ReturnType<typeof startMirror>>;

const CLI = path.resolve('dist', 'cli.js');
const GOARCH = HOST_GOARCH;
const root = new TempRoot('e2e-cli-');
let mirror: Mirror;

/** A Go tree at `dir` whose go answers as `version` (VERSION file, bin/go, src/runtime). */
function goTree(dir: string, version: string): string {
  mkdirSync(path.join(dir, 'bin'), { recursive: true });
  mkdirSync(path.join(dir, 'src', 'runtime'), { recursive: true });
  writeFileSync(path.join(dir, 'VERSION'), `go${version}\n`);
  writeFileSync(path.join(dir, 'bin', 'go'), goScript({ version, goos: 'linux', goarch: GOARCH }));
  chmodSync(path.join(dir, 'bin', 'go'), 0o755);
  return dir;
}

/** The base PATH of the tests: this machine's, without any folder that holds a go. */
function basePath(): string {
  return (process.env.PATH ?? '')
    .split(':')
    .filter((d) => {
      try {
        execFileSync('test', ['!', '-e', path.join(d, 'go')]);
        return true;
      } catch {
        return false;
      }
    })
    .join(':');
}

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], opts: { cwd: string; env: Record<string, string | undefined> }): Promise<CliRun> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...opts.env })) {
    if (v !== undefined && !/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_)/.test(k)) env[k] = v;
  }
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], { cwd: opts.cwd, env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

const VERSIONS = ['1.25.0', '1.25.14', '1.26.6'];

beforeAll(async () => {
  const built = await buildToolchains(root.sub('archives'), VERSIONS);
  mirror = await startMirror({ manifest: manifestFor(built) });
  for (const b of built.values()) mirror.addFile(b.filename, b.path);
}, 60_000);

afterAll(async () => {
  await mirror.close();
  root.cleanup();
});

/** The common flags: the loopback mirror, no vulnerability database. */
const OFFLINE = () => ['--go-download-base-url', mirror.url, '--checks', 'vulnerabilities: off'];

describe('check: the same verdict as the action in verify mode', () => {
  const SHAPES: [string, Record<string, string>, string, number][] = [
    ['a module the go on PATH builds', { 'go.mod': 'module x\n\ngo 1.25.0\n' }, '1.25.14', 0],
    ['a go line the go on PATH refuses', { 'go.mod': 'module x\n\ngo 1.26.6\n' }, '1.25.14', 1],
    [
      'an older Dockerfile pin (drift: a warning)',
      { 'go.mod': 'module x\n\ngo 1.25.0\n', Dockerfile: 'FROM golang:1.25.0\n' },
      '1.25.14',
      0
    ],
    [
      'an unparsable go.mod',
      { 'go.mod': 'module x\n\ngo 1.25.0\n', 'tools/go.mod': 'module t\n\ngo 1.x\n' },
      '1.25.14',
      1
    ]
  ];

  test.each(SHAPES)('%s', async (_name, files, goVersion, code) => {
    const ws = makeWorkspace(root, files);
    const goroot = goTree(root.sub('go'), goVersion);
    const env = {
      PATH: `${goroot}/bin:${basePath()}`,
      HOME: root.sub('home'),
      GOROOT: undefined,
      GOTOOLCHAIN: undefined
    };
    const sarif = path.join(root.sub('out'), 'check.sarif');
    const [table, json, action] = await Promise.all([
      cli(['check', ws, ...OFFLINE(), '--sarif', sarif], { cwd: root.dir, env }),
      cli(['check', ...OFFLINE(), '--json'], { cwd: ws, env }),
      runTheAction(root, {
        inputs: { mode: 'verify', 'go-download-base-url': mirror.url },
        workspace: ws,
        env: { PATH: env.PATH, HOME: env.HOME }
      })
    ]);
    expect([table.code, json.code, action.code]).toEqual([code, code, code]);
    // the table names each error's file:line; the JSON is the action's report with the same findings
    const report = JSON.parse(json.stdout) as {
      schemaVersion: number;
      findings: { severity: string; file?: string; line?: number }[];
    };
    const actionReport = JSON.parse(readFileSync(action.outputs.report, 'utf8')) as typeof report;
    expect(report.schemaVersion).toBe(3);
    const located = (r: typeof report) =>
      r.findings.map((f) => `${f.severity} ${f.file ?? '-'}:${f.line ?? ''}`).sort();
    expect(located(report)).toEqual(located(actionReport));
    for (const f of report.findings.filter((x) => x.severity === 'error' && x.file)) {
      expect(table.stdout).toContain(`${f.file}:${f.line}`);
    }
    const log = JSON.parse(readFileSync(sarif, 'utf8'));
    expect(log).toBeValidSarifLog();
    expect(log.runs[0].results).toHaveLength(report.findings.length);
  });

  test('colour only on a terminal: piped output has no escape codes', async () => {
    const ws = makeWorkspace(root, { 'go.mod': 'module x\n\ngo 1.26.6\n' });
    const goroot = goTree(root.sub('go'), '1.25.14');
    const r = await cli(['check', ...OFFLINE()], {
      cwd: ws,
      env: { PATH: `${goroot}/bin:${basePath()}`, HOME: root.sub('home') }
    });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('\u001b[');
  });

  test.each<[string[], RegExp]>([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['check', '--consistency', 'strict'], /input consistency: "strict" is not valid/],
    [['check', '--go-version', 'banana'], /input go-version: "banana"/]
  ])('bad usage or input: exit 2 with one line that says why (%j)', async (args, message) => {
    const ws = makeWorkspace(root, { 'go.mod': 'module x\n\ngo 1.25.0\n' });
    const goroot = goTree(root.sub('go'), '1.25.14');
    const r = await cli([...args, ...OFFLINE()], {
      cwd: ws,
      env: { PATH: `${goroot}/bin:${basePath()}`, HOME: root.sub('home') }
    });
    expect(r.code).toBe(2);
    expect(`${r.stderr}${r.stdout}`).toMatch(message);
  });
});

describe('plan', () => {
  test('prints the version the repository resolves to, the matrix, minimal and latest', async () => {
    const ws = makeWorkspace(root, { 'go.mod': 'module x\n\ngo 1.25.0\n' });
    const r = await cli(['plan', ...OFFLINE()], { cwd: ws, env: { HOME: root.sub('home') } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('version: 1.25.0');
    expect(r.stdout).toContain('from: go.mod:3 go 1.25.0');
    expect(r.stdout).toMatch(/^matrix: \["1\.25\.14","1\.26\.7","1\.27\.0"\]$/m);
    expect(r.stdout).toContain('latest: 1.27.0');
  });
});

describe('use', () => {
  test('installs into the per-user tool cache; the printed lines, run in bash, put that Go first', async () => {
    const ws = makeWorkspace(root, { 'go.mod': 'module x\n\ngo 1.26.6\n' });
    const home = root.sub('home');
    const env = { HOME: home, PATH: basePath(), SETUP_GO_ENFORCED_HOME: path.join(home, '.sge') };
    const r = await cli(['use', ...OFFLINE()], { cwd: ws, env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^export GOROOT='.*\/\.sge\/tool-cache\/go\/1\.26\.6\/x64'$/m);
    const out = execFileSync('bash', ['-c', `eval "$(cat)"; command -v go; go version; go env GOTOOLCHAIN`], {
      input: r.stdout,
      env: { PATH: basePath(), HOME: home },
      encoding: 'utf8'
    });
    const [where, version, toolchain] = out.trim().split('\n');
    expect(where).toBe(path.join(home, '.sge', 'tool-cache', 'go', '1.26.6', 'x64', 'bin', 'go'));
    expect(version).toBe(`go version go1.26.6 linux/${GOARCH}`);
    expect(toolchain).toBe('local');
    // a spec given on the command line wins, and the second install of it is a cache hit
    const again = await cli(['use', '1.25.14', '--shell', 'powershell', ...OFFLINE()], { cwd: ws, env });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^\$env:GOROOT = '.*1\.25\.14.*'$/m);
    expect(again.stdout).toMatch(/^\$env:PATH = '.*' \+ \$env:PATH$/m);
  });
});

describe('doctor', () => {
  test('finds every Go, the shadowing PATH, the stale GOROOT, go env -w settings, GOPATH/bin; exit 1', async () => {
    const home = root.sub('home');
    const ws = makeWorkspace(root, { 'go.mod': 'module x\n\ngo 1.25.0\n' });
    const usrLocal = goTree(path.join(home, 'opt', 'go-old'), '1.25.0');
    const sdk = goTree(path.join(home, 'sdk', 'go1.26.6'), '1.26.6');
    const stale = goTree(path.join(home, 'opt', 'go-stale'), '1.24.0');
    mkdirSync(path.join(home, '.config', 'go'), { recursive: true });
    writeFileSync(path.join(home, '.config', 'go', 'env'), 'GOTOOLCHAIN=go1.24.0\nGOPROXY=direct\n');
    const env = {
      HOME: home,
      XDG_CONFIG_HOME: undefined,
      GOROOT: stale,
      GOTOOLCHAIN: undefined,
      GOPATH: path.join(home, 'go'),
      PATH: `${usrLocal}/bin:${sdk}/bin:${basePath()}`
    };
    const r = await cli(['doctor', ...OFFLINE()], { cwd: ws, env });
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    // every installation, with where it came from
    expect(lines).toContain(`go1.25.0  ${usrLocal}  (PATH)`);
    expect(lines).toContain(`go1.26.6  ${sdk}  (PATH)`);
    expect(lines).toContain(`go1.24.0  ${stale}  (GOROOT)`);
    // the findings table of the check engine (severity, kind, check, -, message), each row followed
    // by its fixes for POSIX shells and PowerShell
    const rows = lines.filter((l) => /^(error|warning)\s/.test(l));
    const ids = rows.map((l) => l.split(/\s+/)[2]);
    const problems = rows.map((l) => {
      const i = lines.indexOf(l);
      expect(lines[i + 1]).toMatch(/^ {4}fix \(POSIX\): /);
      expect(lines[i + 2]).toMatch(/^ {4}fix \(PowerShell\): /);
      return `${l.split(/\s+/)[2]}: ${l} ${lines[i + 1].trim()}`;
    });
    expect(ids).toEqual(
      expect.arrayContaining([
        'shadowed',
        'stale-goroot',
        'goenv-gotoolchain',
        'gopath-bin',
        'old-patch',
        'unsupported'
      ])
    );
    expect(problems.find((l) => l.startsWith('stale-goroot'))).toContain(`GOROOT is ${stale} (go1.24.0)`);
    expect(problems.find((l) => l.startsWith('goenv-gotoolchain'))).toContain('fix (POSIX): go env -u GOTOOLCHAIN');
    // the stale GOROOT mixes two Go trees: a break, so doctor fails as check would
    expect(rows.find((l) => l.includes('stale-goroot'))).toMatch(/^error\s+break\s/);
    expect(problems.find((l) => l.startsWith('shadowed'))).toContain(
      `go1.26.6 in ${sdk}/bin is on PATH but never runs`
    );
  });

  test('a clean machine: no problem about it (exit 0 unless the system has Go trees of its own)', async () => {
    const home = root.sub('home');
    const goroot = goTree(path.join(home, 'sdk', 'go1.27.0'), '1.27.0');
    mkdirSync(path.join(home, 'go', 'bin'), { recursive: true });
    const r = await cli(['doctor', ...OFFLINE()], {
      cwd: home,
      env: {
        HOME: home,
        GOROOT: undefined,
        GOTOOLCHAIN: undefined,
        GOPATH: path.join(home, 'go'),
        PATH: `${goroot}/bin:${path.join(home, 'go', 'bin')}:${basePath()}`
      }
    });
    // doctor also looks in the system's places (/usr/local/go, /usr/lib/go-*): Debian's Go 1.19 is
    // out of support there; nothing else may be reported
    const problems = r.stdout.split('\n').filter((l) => /^(error|warning)\s/.test(l));
    expect(problems.filter((l) => !/ in \/usr\/(local|lib)\/go/.test(l))).toEqual([]);
    // out of support is advice: a warning, not a failure
    expect(r.code).toBe(0);
    if (problems.length === 0) expect(r.stdout).toContain('no problems found');
  });
});
