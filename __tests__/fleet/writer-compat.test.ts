/**
 * The reader against the writer: a report as src/report/json-report.ts builds it (schemaVersion 3,
 * with the source of a runner's environment from src/report/source.ts) is a valid fleet record.
 */
import { buildReport } from '../../src/report/json-report.js';
import { runnerSource, localSource } from '../../src/report/source.js';
import { toFleetRecord } from '../../src/fleet/record.js';
import { sampleParts } from '../report/report-fixture.js';

const RUNNER = {
  GITHUB_ACTIONS: 'true',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/api',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_SHA: 'f'.repeat(40),
  GITHUB_WORKFLOW: 'ci',
  GITHUB_JOB: 'test',
  GITHUB_RUN_ID: '123',
  GITHUB_RUN_ATTEMPT: '2',
  GITHUB_EVENT_NAME: 'push'
};

test("a runner's report is read whole", () => {
  const written = JSON.parse(JSON.stringify(buildReport({ ...sampleParts(), source: runnerSource(RUNNER) })));
  const r = toFleetRecord(written, 'report.json');
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  expect(r.record).toMatchObject({
    repository: 'acme/api',
    serverUrl: 'https://github.com',
    workflow: 'ci',
    job: 'test',
    runId: '123',
    runAttempt: 2,
    runUrl: 'https://github.com/acme/api/actions/runs/123/attempts/2',
    origin: 'runner',
    generatedAt: written.generatedAt,
    installed: written.resolution.version,
    errorCount: written.errorCount,
    findingsTotal: written.findings.length
  });
  expect(r.record.vulnerabilities.count).toBe(written.vulnerabilities.matches.length);
});

test('a local report: read when git named the repository, skipped with the reason when not', () => {
  const named = buildReport({ ...sampleParts(), source: localSource({ remoteUrl: 'git@github.com:acme/api.git' }) });
  const r = toFleetRecord(JSON.parse(JSON.stringify(named)), 'report.json');
  expect(r.ok && [r.record.repository, r.record.origin, r.record.job]).toEqual(['acme/api', 'local', null]);
  const unnamed = buildReport({ ...sampleParts(), source: localSource({}) });
  expect(toFleetRecord(JSON.parse(JSON.stringify(unnamed)), 'report.json')).toMatchObject({
    ok: false,
    kind: 'no-repository'
  });
});
