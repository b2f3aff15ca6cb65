import { receiverServiceName, resourceOf, scopeOf } from '../../src/telemetry/resource.js';
import type { RunSource } from '../../src/telemetry/source.js';

const RUNNER: RunSource = {
  origin: 'runner',
  repository: 'Acme/My_Widgets',
  serverUrl: 'https://github.com',
  workflow: 'CI',
  runId: '5'
};

describe('resourceOf', () => {
  test('on a runner: the service name as the GitHub receiver derives it, repository and workflow, no run', () => {
    expect(resourceOf(RUNNER, {}, undefined)).toEqual({
      'service.name': 'my-widgets',
      'vcs.provider.name': 'github',
      'vcs.owner.name': 'Acme',
      'vcs.repository.name': 'My_Widgets',
      'vcs.repository.url.full': 'https://github.com/Acme/My_Widgets',
      'cicd.pipeline.name': 'CI'
    });
  });

  test.each<{ user: Record<string, string>; name: string | undefined; want: string }>([
    { user: { 'service.name': 'from-attrs', team: 'go' }, name: undefined, want: 'from-attrs' },
    { user: { 'service.name': 'from-attrs' }, name: 'from-var', want: 'from-var' },
    { user: {}, name: 'from-var', want: 'from-var' }
  ])('OTEL_RESOURCE_ATTRIBUTES, then OTEL_SERVICE_NAME: $want', ({ user, name, want }) => {
    const r = resourceOf(RUNNER, user, name);
    expect(r['service.name']).toBe(want);
    for (const [k, v] of Object.entries(user)) if (k !== 'service.name') expect(r[k]).toBe(v);
  });

  test('OTEL_RESOURCE_ATTRIBUTES wins over what the action derives', () => {
    expect(resourceOf(RUNNER, { 'vcs.repository.name': 'renamed' }, undefined)['vcs.repository.name']).toBe('renamed');
  });

  test('outside a runner without a repository: unknown_service, nothing else', () => {
    expect(resourceOf({ origin: 'local' }, {}, undefined)).toEqual({ 'service.name': 'unknown_service' });
  });
});

test.each([
  ['widgets', 'widgets'],
  ['My_Repo_Name', 'my-repo-name']
])('receiverServiceName(%s) = %s', (name, want) => {
  expect(receiverServiceName(name)).toBe(want);
});

test('scope: the action and its version', () => {
  expect(scopeOf('1.2.3')).toEqual({ name: 'setup-go-enforced', version: '1.2.3' });
});
