import type { Facts } from '../../../src/model.js';
import { checkEnvironment, environmentRecord } from '../../../src/verify/checks/environment.js';
import { facts } from './facts-fixture.js';

const ROOT = '/opt/hostedtoolcache/go/1.22.12/x64';

describe('environment', () => {
  test.each<[string, Facts['env'], string[]]>([
    ['clean', {}, []],
    ['GOROOT is the installed root', { GOROOT: `${ROOT}/` }, []],
    [
      'stale GOROOT',
      { GOROOT: '/opt/go-1.18', previousGo: { path: '/opt/go-1.18/bin/go', version: '1.18.1' } },
      ['GOROOT']
    ],
    ['GOTOOLCHAIN local', { GOTOOLCHAIN: 'local' }, []],
    ['GOTOOLCHAIN auto', { GOTOOLCHAIN: 'auto' }, ['GOTOOLCHAIN']],
    ['GOTOOLCHAIN pinned', { GOTOOLCHAIN: 'go1.23.0+auto' }, ['GOTOOLCHAIN']],
    ['GOFLAGS with -toolchain', { GOFLAGS: '-mod=mod -toolchain=go1.21.0' }, ['GOFLAGS']],
    ['GOFLAGS without it', { GOFLAGS: '-mod=mod -trimpath' }, []],
    ['GOFLAGS with a look-alike', { GOFLAGS: '-toolchainx=1' }, []],
    [
      'all three',
      { GOROOT: '/usr/lib/go', GOTOOLCHAIN: 'path', GOFLAGS: '--toolchain go1.2' },
      ['GOROOT', 'GOTOOLCHAIN', 'GOFLAGS']
    ]
  ])('%s', (_name, env, vars) => {
    const out = checkEnvironment(facts({ env }));
    expect(out.map((f) => f.message.split(' ')[0])).toEqual(vars);
    // install mode overrides them: advice
    expect(out.every((f) => f.kind === 'advice')).toBe(true);
  });

  test('the stale GOROOT message names what it was, its Go, and the new root', () => {
    const [f] = checkEnvironment(
      facts({ env: { GOROOT: '/opt/go-1.18', previousGo: { path: '/opt/go-1.18/bin/go', version: '1.18.1' } } })
    );
    expect(f.message).toContain('/opt/go-1.18 (go1.18.1)');
    expect(f.message).toContain(ROOT);
  });

  test('verify mode changes nothing: later steps see the setting, so it is drift', () => {
    const [f] = checkEnvironment(facts({ mode: 'verify', env: { GOTOOLCHAIN: 'auto' } }));
    expect(f.kind).toBe('drift');
    expect(f.message).toMatch(/^GOTOOLCHAIN is auto, .*mode verify changes nothing/);
    expect(f.message).not.toContain('set to local so');
  });

  test.each([
    [{ previousGo: { path: '/usr/local/go/bin/go', version: '1.21.5' } }, '1.21.5 (/usr/local/go/bin/go) -> 1.22.12'],
    [{}, 'no Go on PATH before this step -> 1.22.12']
  ])('record of the previous Go', (env, text) => {
    expect(environmentRecord(facts({ env }))).toContain(text);
  });
});
