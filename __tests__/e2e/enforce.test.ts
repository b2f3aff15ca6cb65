/**
 * End to end (bundled dist/index.js): the repository-wide checks after an install - findings as
 * annotations on file lines, the `consistent` output, the job summary and the JSON report,
 * `on-mismatch: warn`, the `checks` input, a stale preset GOROOT / GOTOOLCHAIN, and the cap on
 * error annotations. Synthetic toolchains served by a local mirror.
 */
import '@microsoft/jest-sarif';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startMirrorServing, type Mirror } from '../../scripts/test-support/mirror.mjs';
import { HOST_GOARCH, buildSyntheticToolchain, goScript } from '../../scripts/test-support/toolchains.mjs';
import { execFileSync } from 'node:child_process';
import { envForNextStep, runAction } from '../../scripts/test-support/run-action.mjs';
import type { Finding } from '../../src/verify/findings.js';

type RunResult = Awaited<ReturnType<typeof runAction>>;

/** A finding as the JSON report writes it. */
type ReportFinding = Finding;

const VERSION = '1.22.12';
const GOARCH = HOST_GOARCH;

let root: string;
let mirror: Mirror;

/** Writes `files` (repository-relative path -> text) into a fresh workspace. */
function workspace(files: Record<string, string>): string {
  const ws = mkdtempSync(path.join(root, 'ws-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    writeFileSync(path.join(ws, rel), text);
  }
  return ws;
}

/** Runs the action with go-version 1.22.12 from the mirror, a fresh tool cache, no vulnerability check. */
function run(
  ws: string,
  inputs: Record<string, string> = {},
  env: Record<string, string | undefined> = {}
): Promise<RunResult> {
  return runAction({
    inputs: { 'go-version': VERSION, 'go-download-base-url': mirror.url, checks: 'vulnerabilities: off', ...inputs },
    env: { GOROOT: undefined, GOTOOLCHAIN: undefined, GOFLAGS: undefined, ...env },
    workspace: ws,
    toolCache: mkdtempSync(path.join(root, 'tc-')),
    temp: mkdtempSync(path.join(root, 'temp-'))
  });
}

function readReport(r: RunResult): {
  schemaVersion: number;
  findings: ReportFinding[];
  consistent: boolean;
  [k: string]: unknown;
} {
  return JSON.parse(readFileSync(r.outputs.report, 'utf8'));
}

/** (check, file, line, severity) of findings that have a file: comparable across report and annotations. */
function located(findings: ReportFinding[]): string[] {
  return findings
    .filter((f) => f.file)
    .map((f) => `${f.severity} ${f.file}:${f.line ?? ''}`)
    .sort();
}

function annotated(r: RunResult, level?: 'error' | 'warning'): string[] {
  return r.annotations
    .filter((a) => a.file && (a.level === 'error' || a.level === 'warning') && (!level || a.level === level))
    .map((a) => `${a.level} ${a.file}:${a.line ?? ''}`)
    .sort();
}

/** The monorepo of the brief: b/go.mod is ahead of 1.22.12, the Dockerfile is behind. */
const MONOREPO = {
  'go.work': 'go 1.22\n\nuse (\n\t./a\n\t./b\n)\n',
  'a/go.mod': 'module example.com/a\n\ngo 1.22\n',
  // the go line is on line 4
  'b/go.mod': '// service b\nmodule example.com/b\n\ngo 1.23.1\n',
  // the FROM line is on line 2
  Dockerfile: '# syntax=docker/dockerfile:1\nFROM golang:1.21-alpine AS build\nRUN go build ./...\nFROM scratch\n',
  '.go-version': '1.22\n'
};

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'e2e-enforce-'));
  const tc = await buildSyntheticToolchain({
    version: VERSION,
    os: 'linux',
    arch: GOARCH,
    outDir: path.join(root, 'archives')
  });
  mirror = await startMirrorServing({ version: VERSION, os: 'linux', arch: GOARCH, archive: tc });
});

afterAll(async () => {
  await mirror?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('a monorepo that disagrees with the installed Go', () => {
  let fail: RunResult;
  let warn: RunResult;

  beforeAll(async () => {
    const ws = workspace(MONOREPO);
    [fail, warn] = await Promise.all([run(ws), run(ws, { 'on-mismatch': 'warn' })]);
  });

  test('fails with error annotations on the offending lines', () => {
    expect(fail.code).toBe(1);
    expect(fail.outputs.consistent).toBe('false');
    expect(fail.outputs['go-version']).toBe(VERSION);
    const errors = annotated(fail, 'error');
    expect(errors).toContain('error b/go.mod:4');
    expect(errors).toContain('error Dockerfile:2');
    // a/go.mod (go 1.22) and .go-version (1.22) agree with 1.22.12
    expect(errors.some((e) => e.includes('a/go.mod') || e.includes('.go-version'))).toBe(false);
  });

  test('the job summary has the checks table with go-directive failing and the modules table', () => {
    const s = fail.summary;
    expect(s).toContain('### Checks');
    expect(s).toMatch(/^\| ❌ 1 error \| go-directive \| b\/go\.mod:4: /m);
    expect(s).toMatch(/^\| ❌ 1 error \| version-files \| Dockerfile:2: /m);
    // and every finding with its location in the findings table
    expect(s).toMatch(/^\| ❌ error \| break \| go-directive \| b\/go\.mod:4 \| go 1\.23\.1 requires/m);
    expect(s).toMatch(/^\| ❌ error \| break \| version-files \| Dockerfile:2 \| image golang:1\.21-alpine/m);
    const modules = s.slice(s.indexOf('### Modules'));
    expect(modules).toMatch(/^\| a\/go\.mod \| 1\.22 \(line 3\) \|/m);
    expect(modules).toMatch(/^\| b\/go\.mod \| 1\.23\.1 \(line 4\) \|/m);
    expect(modules).toMatch(/^\| go\.work \(main\) \|/m);
  });

  test('the JSON report at the report output has schemaVersion 3 and the same findings as the annotations', () => {
    const report = readReport(fail);
    expect(report.schemaVersion).toBe(3);
    expect(report.consistent).toBe(false);
    expect(report.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ check: 'go-directive', kind: 'break', severity: 'error', file: 'b/go.mod', line: 4 }),
        expect.objectContaining({
          check: 'version-files',
          kind: 'break',
          severity: 'error',
          file: 'Dockerfile',
          line: 2
        })
      ])
    );
    expect(located(report.findings)).toEqual(annotated(fail));
    const checks = report.checks as { id: string; status: string }[];
    expect(checks.find((c) => c.id === 'go-directive')?.status).toBe('error');
    expect(checks.find((c) => c.id === 'version-files')?.status).toBe('error');
    expect((report.modules as { path: string }[]).map((m) => m.path).sort()).toEqual([
      'a/go.mod',
      'b/go.mod',
      'go.work'
    ]);
  });

  test('on-mismatch: warn passes with the same findings as warnings and consistent=false', () => {
    expect(warn.code).toBe(0);
    expect(warn.outputs.consistent).toBe('false');
    expect(warn.annotations.filter((a) => a.level === 'error')).toEqual([]);
    const asWarnings = annotated(fail, 'error').map((e) => e.replace(/^error /, 'warning '));
    expect(annotated(warn, 'warning')).toEqual(expect.arrayContaining(asWarnings));
    const failed = readReport(fail).findings;
    const warned = readReport(warn).findings;
    const key = (f: ReportFinding): string => `${f.check} ${f.file ?? ''}:${f.line ?? ''}`;
    expect(warned.map(key)).toEqual(failed.map(key));
    expect(warned.every((f) => f.severity === 'warning')).toBe(true);
    const report = readReport(warn);
    expect(report.errorCount).toBe(0);
    expect(report.mismatchCount).toBe(failed.filter((f) => f.severity === 'error').length);
  });
});

test('a consistent repository passes with consistent=true and no error annotation', async () => {
  const ws = workspace({
    'go.mod': 'module example.com/ok\n\ngo 1.22\n\ntoolchain go1.22.12\n',
    'tools/go.mod': 'module example.com/ok/tools\n\ngo 1.22.5\n',
    '.go-version': '1.22.12\n',
    '.tool-versions': 'golang 1.22\n',
    Dockerfile: 'FROM golang:1.22.12-bookworm AS build\n'
  });
  const r = await run(ws);
  expect(r.code).toBe(0);
  expect(r.outputs.consistent).toBe('true');
  expect(r.annotations.filter((a) => a.level === 'error')).toEqual([]);
  const report = readReport(r);
  expect(report.consistent).toBe(true);
  expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const checks = report.checks as { id: string; status: string }[];
  for (const id of ['installed-version', 'go-directive', 'toolchain-directive', 'version-files']) {
    expect(checks.find((c) => c.id === id)?.status).toBe('pass');
  }
});

describe('a stale Go environment before the step', () => {
  let r: RunResult;
  let oldRoot: string;

  beforeAll(async () => {
    oldRoot = path.join(root, 'opt', 'old-go');
    mkdirSync(path.join(oldRoot, 'bin'), { recursive: true });
    writeFileSync(path.join(oldRoot, 'bin', 'go'), goScript({ version: '1.18.1', goos: 'linux', goarch: GOARCH }), {
      mode: 0o755
    });
    writeFileSync(path.join(oldRoot, 'VERSION'), 'go1.18.1');
    const ws = workspace({ 'go.mod': 'module example.com/x\n\ngo 1.22\n' });
    r = await run(
      ws,
      {},
      { GOROOT: oldRoot, GOTOOLCHAIN: 'auto', PATH: `${path.join(oldRoot, 'bin')}${path.delimiter}${process.env.PATH}` }
    );
  });

  test('GOROOT is overridden for later steps; the GOTOOLCHAIN the job set is kept (no toolchain-switching input)', () => {
    expect(r.code).toBe(0);
    expect(r.outputs['go-root']).not.toBe('');
    expect(r.outputs['go-root'].startsWith(r.toolCache)).toBe(true);
    expect(r.env.GOROOT).toBe(r.outputs['go-root']);
    expect(r.env.GOTOOLCHAIN).toBeUndefined();
    expect(readReport(r).toolchainSwitching).toEqual({ gotoolchain: 'auto', from: 'environment', exported: false });
    expect(r.path).toContain(path.join(r.outputs['go-root'], 'bin'));
  });

  test('a later step runs the installed go, not the old one still on PATH', () => {
    const next = envForNextStep(r, r.processEnv);
    const out = execFileSync('sh', ['-c', 'command -v go; go version; go env GOROOT'], { env: next, encoding: 'utf8' });
    expect(out.trim().split('\n')).toEqual([
      path.join(r.outputs['go-root'], 'bin', 'go'),
      `go version go${VERSION} linux/${GOARCH}`,
      r.outputs['go-root']
    ]);
  });

  test('environment warnings name the old GOROOT and GOTOOLCHAIN values', () => {
    const report = readReport(r);
    const env = report.findings.filter((f) => f.check === 'environment');
    expect(env).toHaveLength(2);
    expect(env.every((f) => f.severity === 'warning')).toBe(true);
    expect(env.some((f) => f.message.includes(oldRoot) && f.message.includes('GOROOT'))).toBe(true);
    expect(env.some((f) => /GOTOOLCHAIN/.test(f.message) && /\bauto\b/.test(f.message))).toBe(true);
    const warnings = r.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
    expect(warnings.some((m) => m.includes(oldRoot))).toBe(true);
    expect(report.environment).toEqual({ GOROOT: oldRoot, GOTOOLCHAIN: 'auto' });
  });

  test('the summary and the report show the previous Go', () => {
    const report = readReport(r);
    expect(report.previousGo).toEqual({ path: path.join(oldRoot, 'bin', 'go'), version: '1.18.1' });
    expect(r.summary).toMatch(/\| previous Go \| 1\.18\.1 -> 1\.22\.12/);
  });
});

describe('sarif-file', () => {
  test('the findings as SARIF 2.1.0 for code scanning: one result per finding, at its file and line', async () => {
    const ws = workspace(MONOREPO);
    const r = await run(ws, { 'sarif-file': 'out/findings.sarif' });
    expect(r.code).toBe(1);
    const log = JSON.parse(readFileSync(path.join(ws, 'out', 'findings.sarif'), 'utf8'));
    expect(log).toBeValidSarifLog();
    const report = readReport(r);
    const results = log.runs[0].results as {
      ruleId: string;
      level: string;
      locations?: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[];
    }[];
    expect(results).toHaveLength(report.findings.length);
    expect(results).toContainEqual(
      expect.objectContaining({
        ruleId: 'go-directive',
        level: 'error',
        locations: [{ physicalLocation: { artifactLocation: { uri: 'b/go.mod' }, region: { startLine: 4 } } }]
      })
    );
  });
});

describe('the checks input', () => {
  test('version-files: off and supported-release: error change what fails', async () => {
    const ws = workspace({ ...MONOREPO, 'b/go.mod': 'module example.com/b\n\ngo 1.22\n' });
    const r = await run(ws, { checks: 'vulnerabilities: off\nversion-files: off\nsupported-release: error' });
    expect(r.code).toBe(1);
    const report = readReport(r);
    const checks = report.checks as { id: string; status: string; setting: string }[];
    expect(checks.find((c) => c.id === 'version-files')).toMatchObject({ status: 'off', setting: 'off' });
    expect(report.findings.filter((f) => f.check === 'version-files')).toEqual([]);
    expect(annotated(r)).not.toContain('error Dockerfile:2');
    // 1.22 is out of support in the fixture manifest (supported: 1.27, 1.26): now an error
    expect(checks.find((c) => c.id === 'supported-release')).toMatchObject({ status: 'error', setting: 'error' });
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => f.check)).toEqual(['supported-release']);
  });

  test('with default severities the same repository fails only on the Dockerfile', async () => {
    const ws = workspace({ ...MONOREPO, 'b/go.mod': 'module example.com/b\n\ngo 1.22\n' });
    const r = await run(ws);
    expect(r.code).toBe(1);
    expect(
      readReport(r)
        .findings.filter((f) => f.severity === 'error')
        .map((f) => f.check)
    ).toEqual(['version-files']);
  });

  test('an unknown check id fails before anything is downloaded, with one error naming input checks', async () => {
    const ws = workspace(MONOREPO);
    const before = mirror.requests.length;
    const r = await run(ws, { checks: 'go-directive: error\nno-such-check: warning' });
    expect(r.code).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/\bchecks\b/);
    expect(r.errors[0]).toContain('no-such-check');
    expect(mirror.requests.length).toBe(before);
    expect(r.env).toEqual({});
    expect(r.path).toEqual([]);
  });
});

test('more than 10 error findings: at most 10 error annotations, the last saying how many more', async () => {
  const files: Record<string, string> = { 'go.mod': 'module example.com/root\n\ngo 1.22\n' };
  for (let i = 1; i <= 15; i++)
    files[`svc/m${String(i).padStart(2, '0')}/go.mod`] = `module example.com/m${i}\n\ngo 1.23.1\n`;
  const r = await run(workspace(files));
  expect(r.code).toBe(1);
  const report = readReport(r);
  const errorFindings = report.findings.filter((f) => f.severity === 'error');
  expect(errorFindings).toHaveLength(15);
  expect(errorFindings.every((f) => f.check === 'go-directive' && f.line === 3)).toBe(true);

  const errors = r.annotations.filter((a) => a.level === 'error');
  expect(errors.length).toBeLessThanOrEqual(10);
  const withFile = errors.filter((a) => a.file);
  const more = errors.filter((a) => !a.file);
  expect(more).toHaveLength(1);
  expect(errors.at(-1)).toBe(more[0]);
  const n = Number(/(\d+) more/.exec(more[0].message)?.[1]);
  expect(withFile.length + n).toBe(15);
  for (const a of withFile) expect(a.file).toMatch(/^svc\/m\d\d\/go\.mod$/);
  // the summary still lists all of them
  for (let i = 1; i <= 15; i++) expect(r.summary).toContain(`svc/m${String(i).padStart(2, '0')}/go.mod`);
});
