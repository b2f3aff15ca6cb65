import * as os from 'node:os';
import * as path from 'node:path';
import { currentPlatform, runnerDirs } from '../../src/system/platform.js';

describe('currentPlatform', () => {
  test('reads process.platform and process.arch', () => {
    expect(currentPlatform()).toEqual({ os: process.platform, arch: process.arch });
    expect(currentPlatform('  ')).toEqual({ os: process.platform, arch: process.arch });
  });

  test.each([
    ['x64', 'x64'],
    ['amd64', 'x64'],
    ['arm64', 'arm64'],
    ['386', 'ia32'],
    [' ARM64 ', 'arm64']
  ])('architecture input %j -> %s', (input, arch) => {
    expect(currentPlatform(input)).toEqual({ os: process.platform, arch });
  });
});

describe('runnerDirs', () => {
  test('from the runner environment', () => {
    expect(
      runnerDirs({
        RUNNER_TOOL_CACHE: '/opt/hostedtoolcache',
        RUNNER_TEMP: '/home/runner/work/_temp',
        GITHUB_WORKSPACE: '/home/runner/work/r/r',
        RUNNER_ENVIRONMENT: 'github-hosted'
      })
    ).toEqual({
      toolCache: '/opt/hostedtoolcache',
      temp: '/home/runner/work/_temp',
      workspace: '/home/runner/work/r/r',
      hosted: true
    });
  });

  test('fallbacks outside a runner: under the OS temp folder and the current directory', () => {
    const base = path.join(os.tmpdir(), 'setup-go-enforced');
    expect(runnerDirs({ RUNNER_TOOL_CACHE: '', RUNNER_ENVIRONMENT: 'self-hosted' })).toEqual({
      toolCache: path.join(base, 'tool-cache'),
      temp: path.join(base, 'temp'),
      workspace: process.cwd(),
      hosted: false
    });
  });
});
