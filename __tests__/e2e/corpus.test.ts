/**
 * End to end (bundled dist/index.js): a corpus of repository shapes as real public repositories lay
 * them out (go.work monorepos with toolchain lines, libraries with example Dockerfiles, tools
 * modules, workflows that pin go-version), each with its expected outcome under
 * `consistency: compatible` (the default) and `consistency: exact`. Every line of "What was seen"
 * in issue 8 is one of these shapes: each failed (or, for the missed drift, passed) before the
 * enforcement followed Go's own rules.
 *
 * An outcome lists the exit code, the installed Go, and the located findings by severity
 * ("file:line"); findings without a file (latest-patch, supported-release) are not listed.
 */
import { readFileSync } from 'node:fs';
import { startMirror } from '../../scripts/test-support/mirror.mjs';
import {
  TempRoot,
  buildToolchains,
  makeWorkspace,
  manifestFor,
  run,
  type Built,
  type RunResult
} from './drop-in-helpers.js';
import { SHAPES, type Outcome } from './corpus-shapes.js';

type Mirror = Awaited<ReturnType<typeof startMirror>>;

/** A repository with a toolchain line and an exact Dockerfile pin, for the README's two-job matrix. */
const MATRIX_REPO = {
  'go.mod': 'module github.com/acme/queue\n\ngo 1.25.0\n\ntoolchain go1.25.10\n',
  Dockerfile: 'FROM golang:1.25.10-alpine AS build\n',
  'deploy/Dockerfile': 'FROM golang:1.25.0\n'
};

const VERSIONS = ['1.13.1', '1.19.13', '1.24.0', '1.25.0', '1.25.10', '1.25.14', '1.26.6', '1.26.7', '1.27.0'];

const root = new TempRoot('e2e-corpus-');
let built: Map<string, Built>;
let mirror: Mirror;
const results = new Map<string, RunResult>();

function located(r: RunResult, severity: 'error' | 'warning'): string[] {
  const report = JSON.parse(readFileSync(r.outputs.report, 'utf8')) as {
    findings: { severity: string; file?: string; line?: number }[];
  };
  return report.findings
    .filter((f) => f.severity === severity && f.file)
    .map((f) => `${f.file}:${f.line ?? ''}`)
    .sort();
}

function runShape(files: Record<string, string>, inputs: Record<string, string>): Promise<RunResult> {
  return run(root, {
    inputs: { 'go-download-base-url': mirror.url, ...inputs },
    workspace: makeWorkspace(root, files)
  });
}

beforeAll(async () => {
  built = await buildToolchains(root.sub('archives'), VERSIONS);
  mirror = await startMirror({ manifest: manifestFor(built) });
  for (const b of built.values()) mirror.addFile(b.filename, b.path);
  const jobs = SHAPES.flatMap((s) =>
    (['compatible', 'exact'] as const).map((mode) => async () => {
      results.set(`${s.name}|${mode}`, await runShape(s.files, { ...s.inputs, consistency: mode }));
    })
  );
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) await jobs[next++]();
  };
  await Promise.all([worker(), worker(), worker()]);
}, 180_000);

afterAll(async () => {
  await mirror.close();
  root.cleanup();
});

describe.each(SHAPES.map((s) => [s.name, s] as const))('%s', (_name, shape) => {
  test.each(['compatible', 'exact'] as const)('consistency: %s', (mode) => {
    const r = results.get(`${shape.name}|${mode}`)!;
    const want = shape[mode];
    const got: Outcome = {
      exit: r.code as 0 | 1,
      go: r.outputs['go-version'],
      errors: located(r, 'error'),
      warnings: located(r, 'warning')
    };
    if (got.exit !== want.exit) console.log(r.stdout);
    expect(got).toEqual({ ...want, errors: [...want.errors].sort(), warnings: [...want.warnings].sort() });
    // the annotations say the same as the report
    const annotated = r.annotations
      .filter((a) => a.file && a.level === 'error')
      .map((a) => `${a.file}:${a.line ?? ''}`)
      .sort();
    expect(annotated).toEqual(got.errors);
  });
});

describe("the README's two-job matrix on a repository with a toolchain line and exact Dockerfile pins", () => {
  test('the plan job lists the minors from the go line; every matrix entry passes (drift only warns)', async () => {
    const plan = await runShape(MATRIX_REPO, { mode: 'plan', 'matrix-range': 'all' });
    expect(plan.code).toBe(0);
    const entries = JSON.parse(plan.outputs.matrix) as string[];
    expect(entries).toEqual(['1.25.14', '1.26.7', '1.27.0']);
    const runs = await Promise.all(entries.map((go) => runShape(MATRIX_REPO, { 'go-version': go })));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(runs.map((r) => r.outputs['go-version'])).toEqual(entries);
    for (const r of runs) {
      expect(r.errors).toEqual([]);
      // the toolchain line and both Dockerfile pins are older than each entry: drift, reported
      expect(located(r, 'warning')).toEqual(['Dockerfile:1', 'deploy/Dockerfile:1', 'go.mod:5']);
    }
  }, 60_000);
});
