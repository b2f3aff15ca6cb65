/**
 * End to end (bundled dist/index.js):
 * - `mode: plan`: the matrix / minimal / latest outputs from the go line and the manifest, with no
 *   download and an untouched tool cache; a matrix entry below the go line fails go-directive.
 * - vulnerabilities: a fixture Go vulnerability database served by the local mirror, against a
 *   synthetic Go 1.22.3; severity override, unreachable and malformed databases, a bad vulndb-url.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startMirror } from '../../scripts/test-support/mirror.mjs';
import { buildFixtureManifest } from '../../scripts/test-support/manifest-fixture.mjs';
import { HOST_GOARCH, buildSyntheticToolchain } from '../../scripts/test-support/toolchains.mjs';
import { buildVulnDb, DEFAULT_VULN_EXPECTED } from '../../scripts/test-support/vulndb-fixture.mjs';
import { runAction, listTree } from '../../scripts/test-support/run-action.mjs';
import type { Finding } from '../../src/verify/findings.js';

type Mirror = Awaited<ReturnType<typeof startMirror>>;
type RunResult = Awaited<ReturnType<typeof runAction>>;
/** A finding as the JSON report writes it. */
type ReportFinding = Finding;

const GOARCH = HOST_GOARCH;
const VULN_VERSION = '1.22.3';
const EXPECTED = DEFAULT_VULN_EXPECTED[VULN_VERSION];
const EXPECTED_IDS = Object.keys(EXPECTED).sort();

let root: string;
let mirror: Mirror;

function workspace(goMod: string): string {
  const ws = mkdtempSync(path.join(root, 'ws-'));
  writeFileSync(path.join(ws, 'go.mod'), goMod);
  return ws;
}

function run(ws: string, inputs: Record<string, string>): Promise<RunResult> {
  return runAction({
    inputs: { 'go-download-base-url': mirror.url, ...inputs },
    env: { GOROOT: undefined, GOTOOLCHAIN: undefined, GOFLAGS: undefined, GOWORK: undefined },
    workspace: ws,
    toolCache: mkdtempSync(path.join(root, 'tc-')),
    temp: mkdtempSync(path.join(root, 'temp-'))
  });
}

function readReport(r: RunResult): { findings: ReportFinding[]; [k: string]: unknown } {
  return JSON.parse(readFileSync(r.outputs.report, 'utf8'));
}

/** Requests for anything but the manifest and the vulnerability database. */
function archiveRequests(): string[] {
  return mirror.requests.map((q) => q.path).filter((p) => !p.startsWith('/?') && !p.startsWith('/vuln/'));
}

/** A loopback URL nobody listens on. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/vuln`;
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'e2e-plan-vulns-'));
  const archives = path.join(root, 'archives');
  const [t1223, t12113] = await Promise.all([
    buildSyntheticToolchain({ version: VULN_VERSION, os: 'linux', arch: GOARCH, outDir: archives }),
    buildSyntheticToolchain({ version: '1.21.13', os: 'linux', arch: GOARCH, outDir: archives })
  ]);
  const entry = (t: typeof t1223) => [
    { os: 'linux', arch: GOARCH, filename: t.filename, sha256: t.sha256, size: t.size }
  ];
  const manifest = buildFixtureManifest({ files: { [VULN_VERSION]: entry(t1223), '1.21.13': entry(t12113) } });
  const vulnDir = path.join(root, 'vulndb');
  await buildVulnDb(vulnDir);
  mirror = await startMirror({ manifest, vulnDir });
  mirror.addFile(t1223.filename, t1223.path);
  mirror.addFile(t12113.filename, t12113.path);
  mirror.addContent('not-json/index/modules.json', '<html><body>Service Unavailable</body></html>\n');
});

afterAll(async () => {
  await mirror?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('mode: plan', () => {
  const ALL = ['1.22.12', '1.23.12', '1.24.13', '1.25.14', '1.26.7', '1.27.0'];

  test.each([
    ['all', ALL],
    ['supported', ['1.26.7', '1.27.0']],
    ['minimal-and-latest', ['1.22.0', '1.27.0']]
  ])('go 1.22 with matrix-range %s: matrix, minimal and latest; nothing downloaded', async (range, matrix) => {
    mirror.clearRequests();
    const r = await run(workspace('module example.com/plan\n\ngo 1.22\n'), { mode: 'plan', 'matrix-range': range });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.outputs.matrix)).toEqual(matrix);
    expect(r.outputs.minimal).toBe('1.22.0');
    expect(r.outputs.latest).toBe('1.27.0');
    expect(r.outputs['go-root']).toBe('');
    expect(archiveRequests()).toEqual([]);
    expect(mirror.requests.some((q) => q.path.startsWith('/vuln/'))).toBe(false);
    expect(listTree(r.toolCache)).toEqual([]);
    expect(r.env).toEqual({});
    expect(r.path).toEqual([]);
    const report = readReport(r);
    expect(report.mode).toBe('plan');
    expect(report.matrix).toEqual({ matrix, minimal: '1.22.0', latest: '1.27.0', range });
  });

  test('the default matrix-range is all', async () => {
    const r = await run(workspace('module example.com/plan\n\ngo 1.22\n'), { mode: 'plan' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.outputs.matrix)).toEqual(ALL);
  });

  test('matrix-range: bogus fails with one error naming the input', async () => {
    mirror.clearRequests();
    const r = await run(workspace('module example.com/plan\n\ngo 1.22\n'), { mode: 'plan', 'matrix-range': 'bogus' });
    expect(r.code).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain('matrix-range');
    expect(r.errors[0]).toContain('bogus');
    expect(archiveRequests()).toEqual([]);
  });

  test.each(['plan', 'install'])(
    'mode %s: a matrix entry go-version 1.21.13 below go 1.22 fails go-directive: the entry cannot build the module',
    async (mode) => {
      const r = await run(workspace('module example.com/plan\n\ngo 1.22\n'), {
        mode,
        'go-version': '1.21.13',
        checks: 'vulnerabilities: off'
      });
      expect(r.code).toBe(1);
      expect(r.outputs.consistent).toBe('false');
      expect(r.outputs['go-version']).toBe('1.21.13');
      const errors = r.annotations.filter((a) => a.level === 'error');
      expect(errors).toEqual([expect.objectContaining({ file: 'go.mod', line: 3 })]);
      expect(errors[0].message).toMatch(/1\.21\.13/);
      expect(errors[0].message).toMatch(/cannot build the module/);
      expect(readReport(r).findings.filter((f) => f.severity === 'error')).toEqual([
        expect.objectContaining({ check: 'go-directive', file: 'go.mod', line: 3 })
      ]);
    }
  );
});

describe('vulnerabilities of an installed Go 1.22.3', () => {
  const goMod = 'module example.com/vuln\n\ngo 1.22\n';
  const install = (inputs: Record<string, string> = {}): Promise<RunResult> =>
    run(workspace(goMod), { 'go-version': VULN_VERSION, 'vulndb-url': `${mirror.url}/vuln`, ...inputs });
  const vulnFindings = (r: RunResult): ReportFinding[] =>
    readReport(r).findings.filter((f) => f.check === 'vulnerabilities');

  test('warnings for exactly the expected ids; the summary and the report list them', async () => {
    mirror.clearRequests();
    const r = await install();
    expect(r.code).toBe(0);
    expect(r.outputs['go-version']).toBe(VULN_VERSION);
    // the database was read through the mirror
    expect(mirror.requests.some((q) => q.path === '/vuln/index/modules.json' && q.status === 200)).toBe(true);

    const findings = vulnFindings(r);
    expect(findings.every((f) => f.severity === 'warning')).toBe(true);
    const ids = findings.map((f) => /^(GO-\d{4}-\d{4})/.exec(f.message)?.[1]).sort();
    expect(ids).toEqual(EXPECTED_IDS);
    const warnings = r.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
    for (const id of EXPECTED_IDS) expect(warnings.some((m) => m.startsWith(id))).toBe(true);

    const report = readReport(r);
    const vulns = report.vulnerabilities as {
      status: string;
      matches: { id: string; fixedInMinor?: string; newestFix?: string }[];
    };
    expect(vulns.status).toBe('checked');
    expect(vulns.matches.map((m) => m.id).sort()).toEqual(EXPECTED_IDS);
    for (const m of vulns.matches) {
      expect(m.fixedInMinor ?? null).toBe(EXPECTED[m.id].fixedInMinor);
      expect(m.newestFix ?? null).toBe(EXPECTED[m.id].newestFix);
    }

    const table = r.summary.slice(r.summary.indexOf('### Vulnerabilities'));
    expect(r.summary).toContain('### Vulnerabilities');
    for (const id of EXPECTED_IDS) expect(table).toContain(`[${id}](https://pkg.go.dev/vuln/${id})`);
    // ids that do not affect 1.22.3 are absent
    for (const id of ['GO-2099-0003', 'GO-2099-0004', 'GO-2099-0005', 'GO-2099-0006'])
      expect(r.summary).not.toContain(id);
  });

  test('checks: vulnerabilities: error fails the job with the same ids as errors', async () => {
    const r = await install({ checks: 'vulnerabilities: error' });
    expect(r.code).toBe(1);
    expect(r.outputs.consistent).toBe('false');
    const findings = vulnFindings(r);
    expect(findings.every((f) => f.severity === 'error')).toBe(true);
    expect(findings.map((f) => /^(GO-\d{4}-\d{4})/.exec(f.message)?.[1]).sort()).toEqual(EXPECTED_IDS);
    expect(r.errors).toHaveLength(EXPECTED_IDS.length);
  });

  test.each([
    ['an unreachable database', async () => closedPortUrl()],
    ['a database answering non-JSON', async () => `${mirror.url}/not-json`]
  ])('%s: one "unknown" warning, exit 0', async (_name, url) => {
    const r = await install({ 'vulndb-url': await url() });
    expect(r.code).toBe(0);
    const findings = vulnFindings(r);
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBe('warning');
    expect(findings[0].message).toMatch(/unknown/);
    expect((readReport(r).vulnerabilities as { status: string }).status).toBe('unknown');
  });

  test('vulndb-url: ftp://x fails before any download with one error naming the input', async () => {
    mirror.clearRequests();
    const r = await install({ 'vulndb-url': 'ftp://x' });
    expect(r.code).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain('vulndb-url');
    expect(mirror.requests).toEqual([]);
    expect(listTree(r.toolCache)).toEqual([]);
  });
});
