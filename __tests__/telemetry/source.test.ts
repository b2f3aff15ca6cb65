import { runnerSource } from '../../src/report/source.js';
import { repositoryFacts, runSource, type RunSource } from '../../src/telemetry/source.js';
import { finishedReport } from './run-fixture.js';

const RUNNER = {
  GITHUB_ACTIONS: 'true',
  GITHUB_REPOSITORY: 'acme/widgets',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: '123',
  GITHUB_RUN_ATTEMPT: '2',
  GITHUB_JOB: 'build'
};

describe('runSource: the report block, or the environment', () => {
  test('a report with a source: that source', () => {
    const source: RunSource = { origin: 'local', repository: 'other/repo', sha: 'abc' };
    expect(runSource(finishedReport([], { source }), RUNNER)).toEqual(source);
  });
  test('no report on a runner: the runner variables, as the report reads them', () => {
    expect(runSource(undefined, RUNNER)).toEqual(runnerSource(RUNNER));
    expect(runSource(undefined, RUNNER)).toMatchObject({ origin: 'runner', repository: 'acme/widgets', runId: '123' });
  });
  test('a report without a source (null) on a runner: the runner variables', () => {
    expect(runSource(finishedReport(), RUNNER)).toEqual(runnerSource(RUNNER));
  });
  test('neither: a local run without facts', () => {
    expect(runSource(undefined, { GITHUB_RUN_ID: '5' })).toEqual({ origin: 'local' });
  });
});

describe('repositoryFacts', () => {
  const s = (over: Partial<RunSource>): RunSource => ({ origin: 'runner', serverUrl: 'https://github.com', ...over });
  test.each([
    {
      name: 'a branch',
      source: s({ repository: 'acme/widgets', ref: 'refs/heads/feature/x' }),
      want: {
        owner: 'acme',
        name: 'widgets',
        url: 'https://github.com/acme/widgets',
        refName: 'feature/x',
        refType: 'branch'
      }
    },
    {
      name: 'a tag',
      source: s({ repository: 'acme/widgets', ref: 'refs/tags/v1.2.0' }),
      want: {
        owner: 'acme',
        name: 'widgets',
        url: 'https://github.com/acme/widgets',
        refName: 'v1.2.0',
        refType: 'tag'
      }
    },
    {
      name: 'a pull request: its number, and the head branch from GITHUB_HEAD_REF',
      source: s({ repository: 'acme/widgets', ref: 'refs/pull/12/merge' }),
      headRef: 'fix-it',
      want: {
        owner: 'acme',
        name: 'widgets',
        url: 'https://github.com/acme/widgets',
        changeId: '12',
        refName: 'fix-it',
        refType: 'branch'
      }
    },
    {
      name: 'a repository without an owner',
      source: { origin: 'local' as const, repository: 'solo' },
      want: { name: 'solo' }
    },
    { name: 'nothing known', source: { origin: 'local' as const }, want: {} }
  ])('$name', ({ source, headRef, want }) => {
    expect(repositoryFacts(source, headRef)).toEqual(want);
  });
});
