import { localSource, repositoryOfRemote, runnerSource } from '../../src/report/source.js';

describe('runnerSource: the workflow run, from GITHUB_*', () => {
  const env = {
    GITHUB_ACTIONS: 'true',
    GITHUB_SERVER_URL: 'https://github.com/',
    GITHUB_REPOSITORY: 'octo/app',
    GITHUB_REF: 'refs/pull/7/merge',
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_WORKFLOW: 'ci',
    GITHUB_JOB: 'test',
    GITHUB_RUN_ID: '123',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_EVENT_NAME: 'pull_request'
  };
  test('every field, and the run URL without /attempts for the first attempt', () => {
    expect(runnerSource(env)).toEqual({
      origin: 'runner',
      repository: 'octo/app',
      serverUrl: 'https://github.com',
      ref: 'refs/pull/7/merge',
      sha: 'a'.repeat(40),
      workflow: 'ci',
      job: 'test',
      runId: '123',
      runAttempt: '1',
      runUrl: 'https://github.com/octo/app/actions/runs/123',
      event: 'pull_request'
    });
  });
  test('a retry links its attempt; GHES keeps its server', () => {
    const s = runnerSource({ ...env, GITHUB_RUN_ATTEMPT: '3', GITHUB_SERVER_URL: 'https://ghe.example.com' });
    expect(s?.runUrl).toBe('https://ghe.example.com/octo/app/actions/runs/123/attempts/3');
  });
  test('not a runner: undefined; missing fields are left out', () => {
    expect(runnerSource({ GITHUB_REPOSITORY: 'x/y' })).toBeUndefined();
    expect(runnerSource({ GITHUB_ACTIONS: 'true' })).toEqual({ origin: 'runner', serverUrl: 'https://github.com' });
  });
});

describe('repositoryOfRemote', () => {
  test.each([
    ['https://github.com/octo/app.git', { repository: 'octo/app', serverUrl: 'https://github.com' }],
    ['https://github.com/octo/app', { repository: 'octo/app', serverUrl: 'https://github.com' }],
    [
      'https://x-access-token:secret@github.com/octo/app.git',
      { repository: 'octo/app', serverUrl: 'https://github.com' }
    ],
    ['git@github.com:octo/app.git', { repository: 'octo/app', serverUrl: 'https://github.com' }],
    ['ssh://git@ghe.example.com/team/svc', { repository: 'team/svc', serverUrl: 'https://ghe.example.com' }],
    ['/srv/git/app.git', undefined],
    ['file:///srv/git/app.git', undefined],
    ['not a url', undefined]
  ])('%s', (url, expected) => expect(repositoryOfRemote(url)).toEqual(expected));

  test('credentials in a remote URL never reach the source', () => {
    const s = localSource({
      remoteUrl: 'https://user:s3cret@github.com/o/r.git',
      sha: 'b'.repeat(40),
      ref: 'refs/heads/dev'
    });
    expect(JSON.stringify(s)).not.toContain('s3cret');
    expect(s).toEqual({
      origin: 'local',
      repository: 'o/r',
      serverUrl: 'https://github.com',
      ref: 'refs/heads/dev',
      sha: 'b'.repeat(40)
    });
  });
  test('outside a checkout: only the origin', () => expect(localSource({})).toEqual({ origin: 'local' }));
});
