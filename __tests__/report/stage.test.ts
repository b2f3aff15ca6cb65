/**
 * publish: a go line that no release in the manifest satisfies yet (go 1.99 while go-version
 * installed 1.22.12) leaves the matrix outputs empty with a warning; it does not abort the report.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { publish } from '../../src/report/stage.js';
import type { Facts } from '../../src/verify/facts.js';
import type { ModFile, Release } from '../../src/go/types.js';
import { DEFAULT_SWITCHING } from '../../src/plan/toolchain-switching.js';
import { runContext } from '../run-context-fixture.js';
import { planMatrix } from '../../src/plan/matrix.js';

const releases: Release[] = [
  {
    version: '1.22.12',
    stable: true,
    files: [
      {
        filename: 'go1.22.12.linux-amd64.tar.gz',
        os: 'linux',
        arch: 'amd64',
        version: 'go1.22.12',
        sha256: '',
        size: 1,
        kind: 'archive'
      }
    ]
  }
];

describe('publish', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'report-stage-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test('a go line newer than every release: report written, matrix outputs empty, warning names go.mod:3', async () => {
    const root: ModFile = { kind: 'go.mod', path: 'go.mod', go: { value: '1.99', line: 3 }, use: [], godebug: [] };
    const facts: Facts = {
      mode: 'install',
      version: '1.22.12',
      env: {},
      workspace: { modules: [root], useTargets: [], declarations: [], problems: [] },
      switching: DEFAULT_SWITCHING,
      root,
      releases
    };
    // The plan's matrix: none, and a warning naming the go line.
    const planned = planMatrix(root, facts.version, releases, 'all', { os: 'linux', arch: 'x64' });
    expect(planned.matrix).toBeUndefined();
    expect(planned.warning).toMatch(/^matrix, minimal and latest are not set: go\.mod:3: go line 1\.99/);
    const ctx = runContext({
      raw: { 'go-version': '1.22', 'report-file': 'report.json' },
      dirs: { toolCache: dir, temp: dir, workspace: dir }
    });
    const host = ctx.host;
    await publish(ctx, {
      plan: {
        releases,
        switching: DEFAULT_SWITCHING,
        manifestUrl: 'https://go.dev/dl/?mode=json&include=all',
        warnings: []
      },
      facts,
      checked: { results: [], findings: [], consistent: true, errorCount: 0, mismatchCount: 0 },
      before: {},
      startedAt: Date.now(),
      timings: {}
    });
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
    expect(report.matrix).toBeNull();
    expect(host.record.outputs).toMatchObject({ matrix: '', minimal: '', latest: '' });
    expect(host.record.failed).toBe(false);
  });
});
