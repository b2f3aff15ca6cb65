/**
 * publish: a go line that no release in the manifest satisfies yet (go 1.99 while go-version
 * installed 1.22.12) leaves the matrix outputs empty with a warning; it does not abort the report.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { publish } from '../../src/stages/report-stage.js';
import { parseInputs } from '../../src/inputs/inputs.js';
import type { Facts, ModFile, Release } from '../../src/model.js';

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
  const saved = { out: process.env.GITHUB_OUTPUT, code: process.exitCode };

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'report-stage-'));
  });

  afterAll(() => {
    process.env.GITHUB_OUTPUT = saved.out;
    process.exitCode = saved.code;
    rmSync(dir, { recursive: true, force: true });
  });

  test('a go line newer than every release: report written, matrix outputs empty, warning names go.mod:3', async () => {
    const outFile = path.join(dir, 'output');
    writeFileSync(outFile, '');
    process.env.GITHUB_OUTPUT = outFile;
    const root: ModFile = { kind: 'go.mod', path: 'go.mod', go: { value: '1.99', line: 3 }, use: [] };
    const facts: Facts = {
      mode: 'install',
      version: '1.22.12',
      env: {},
      workspace: { modules: [root], useTargets: [], declarations: [] },
      root,
      releases
    };
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = (chunk: string | Uint8Array, ..._rest: unknown[]) => {
      written.push(String(chunk));
      return true;
    };
    try {
      await publish({
        inputs: parseInputs({ 'go-version': '1.22', 'report-file': 'report.json' }),
        platform: { os: 'linux', arch: 'x64' },
        dirs: { toolCache: dir, temp: dir, workspace: dir, hosted: false },
        plan: { releases, manifestUrl: 'https://go.dev/dl/?mode=json&include=all', warnings: [] },
        facts,
        checked: { results: [], findings: [], consistent: true, errorCount: 0, mismatchCount: 0 },
        before: {},
        startedAt: Date.now(),
        timings: {}
      });
    } finally {
      process.stdout.write = write;
    }
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
    expect(report.matrix).toBeNull();
    expect(readFileSync(outFile, 'utf8')).toMatch(/matrix<<[^\n]*\n\n/);
    expect(written.join('')).toMatch(/::warning::matrix, minimal and latest are not set: go\.mod:3: go line 1\.99/);
  });
});
