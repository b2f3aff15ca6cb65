import { CHECK_IDS } from '../../src/verify/checks/ids.js';
import { readFileSync } from 'node:fs';
import { buildReport, REPORT_SCHEMA_VERSION } from '../../src/report/json-report.js';
import { sampleParts, sampleReport } from './report-fixture.js';
import { InputError } from '../../src/errors.js';

describe('buildReport', () => {
  test('carries the run: request, resolution, previous Go, checks, findings, modules', () => {
    const r = sampleReport();
    expect(r.schemaVersion).toBe(3);
    expect(REPORT_SCHEMA_VERSION).toBe(3);
    expect(r.generatedAt).toBe('2026-12-01T10:00:00.000Z');
    expect(r.source).toMatchObject({ origin: 'runner', repository: 'octo/app', job: 'test', runAttempt: '2' });
    expect(r.toolchainSwitching).toEqual({ gotoolchain: 'local', from: 'input', exported: true });
    expect(r.action).toEqual({ name: 'setup-go-enforced', version: '1.0.0' });
    expect(r.request).toEqual({ spec: '1.22', kind: 'minimum', from: 'go.mod:3 go 1.22', file: 'go.mod', line: 3 });
    expect(r.resolution).toEqual({
      version: '1.22.12',
      archive: 'go1.22.12.linux-amd64.tar.gz',
      url: 'https://go.dev/dl/go1.22.12.linux-amd64.tar.gz',
      sha256: 'a'.repeat(64),
      sha256Verified: true,
      toolchainCacheHit: false,
      goRoot: '/opt/hostedtoolcache/go/1.22.12/x64',
      downloadedBytes: 100
    });
    expect(r.previousGo).toEqual({ path: '/usr/local/go/bin/go', version: '1.21.5' });
    expect(r.environment).toEqual({ GOROOT: '/opt/go-1.18', GOTOOLCHAIN: 'auto' });
    expect(r.root).toBe('go.mod');
    expect(r.modules).toEqual([
      {
        path: 'go.mod',
        kind: 'go.mod',
        module: 'example.com/go.mod',
        go: '1.22',
        goLine: 3,
        toolchain: 'go1.22.12',
        toolchainLine: 5
      },
      {
        path: 'svc/a|b/go.mod',
        kind: 'go.mod',
        module: 'example.com/svc/a|b/go.mod',
        go: '1.23',
        goLine: 3,
        toolchain: null,
        toolchainLine: null
      },
      {
        path: 'tools/go.mod',
        kind: 'go.mod',
        module: 'example.com/tools/go.mod',
        go: null,
        goLine: null,
        toolchain: null,
        toolchainLine: null
      }
    ]);
    expect(r.checks.map((c) => c.id)).toEqual([...CHECK_IDS]);
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => [f.file, f.kind])).toEqual([
      ['svc/a|b/go.mod', 'break']
    ]);
    expect(r.consistency).toBe('compatible');
    expect(r.error).toBeNull();
    expect(r.consistent).toBe(false);
    expect(r.errorCount).toBe(1);
    expect(r.versionFiles).toHaveLength(1);
    expect(r.matrix?.matrix).toEqual(['1.22.12', '1.23.1']);
  });

  test('a run that stopped before the checks: the error, where it points, and empty results', () => {
    const r = buildReport({
      ...sampleParts(),
      outcome: undefined,
      workspace: undefined,
      root: undefined,
      error: new InputError('"1.x" is not a Go version', { input: 'go-version' })
    });
    expect(r.error).toEqual({ message: 'input go-version: "1.x" is not a Go version', input: 'go-version' });
    expect(r.checks).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(r.modules).toEqual([]);
    expect(r.consistent).toBe(false);
  });

  test('absent parts are null, not missing', () => {
    const r = buildReport({
      ...sampleParts(),
      request: undefined,
      resolution: undefined,
      root: undefined,
      vulns: undefined,
      matrix: undefined,
      env: {}
    });
    expect([r.request, r.resolution, r.root, r.vulnerabilities, r.matrix, r.previousGo]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null
    ]);
    expect(r.environment).toEqual({});
    expect('timings' in r).toBe(false);
  });

  test('an empty manifest sha256 is left out, and JSON round-trips', () => {
    const parts = sampleParts();
    parts.resolution = {
      ...parts.resolution!,
      file: { ...parts.resolution!.file!, sha256: '' },
      sha256Verified: false
    };
    const r = buildReport(parts);
    expect('sha256' in r.resolution!).toBe(false);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe('docs/report-schema.md', () => {
  const doc = readFileSync(new URL('../../docs/report-schema.md', import.meta.url), 'utf8');
  /** Field names documented in the first column of the tables. */
  const documented = new Set([...doc.matchAll(/^\|\s*`([^`]+)`/gm)].map((m) => m[1]));

  test('documents every field of a full report', () => {
    const r = { ...sampleReport(), timings: { scan: 1 } };
    const missing: string[] = [];
    const visit = (o: unknown, prefix: string): void => {
      if (Array.isArray(o)) {
        for (const x of o) visit(x, `${prefix}[]`);
        return;
      }
      if (o === null || typeof o !== 'object') return;
      if (prefix === 'outputs' || prefix === 'timings') return;
      for (const [k, v] of Object.entries(o)) {
        const name = prefix ? `${prefix}.${k}` : k;
        if (!documented.has(name)) missing.push(name);
        visit(v, name);
      }
    };
    visit(r, '');
    expect([...new Set(missing)]).toEqual([]);
  });

  test('states the schemaVersion policy', () => {
    expect(doc).toMatch(/schemaVersion/);
    expect(doc).toMatch(/## Versioning/);
  });
});
