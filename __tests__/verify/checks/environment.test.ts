import type { Facts } from '../../../src/verify/facts.js';
import { checkEnvironment, environmentRecord } from '../../../src/verify/checks/environment.js';
import { facts } from './facts-fixture.js';
import { decideSwitching } from '../../../src/plan/toolchain-switching.js';
import type { SwitchMode } from '../../../src/go/gotoolchain.js';

/** Facts as the pipeline makes them: the switching decision from the job's GOTOOLCHAIN and the input. */
function withEnv(env: Facts['env'], mode: Facts['mode'] = 'install', asked?: SwitchMode, version = '1.22.12'): Facts {
  return facts({ mode, env, version, switching: decideSwitching(asked, env.GOTOOLCHAIN, mode) });
}

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
    ['GOFLAGS with -toolchain', { GOFLAGS: '-mod=mod -toolchain=go1.21.0' }, ['GOFLAGS']],
    ['GOFLAGS without it', { GOFLAGS: '-mod=mod -trimpath' }, []],
    ['GOFLAGS with a look-alike', { GOFLAGS: '-toolchainx=1' }, []],
    [
      'all three',
      { GOROOT: '/usr/lib/go', GOTOOLCHAIN: 'path', GOFLAGS: '--toolchain go1.2' },
      ['GOROOT', 'GOTOOLCHAIN', 'GOFLAGS']
    ]
  ])('%s', (_name, env, vars) => {
    const out = checkEnvironment(withEnv(env));
    expect(out.map((f) => /^[A-Z]+/.exec(f.message)?.[0])).toEqual(vars);
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
    const [f] = checkEnvironment(withEnv({ GOTOOLCHAIN: 'auto' }, 'verify'));
    expect(f.kind).toBe('drift');
    expect(f.message).toMatch(/^GOTOOLCHAIN is auto, .*mode verify changes nothing/);
    expect(f.message).not.toContain('set to local so');
  });

  test.each<[string, Facts['env'], SwitchMode | undefined, string, Facts['mode'], string[]]>([
    // [name, env, toolchain-switching, version, mode, [kind: message part]]
    ['no GOTOOLCHAIN, no input: local, nothing to say', {}, undefined, '1.22.12', 'install', []],
    [
      'the job set auto: kept, advice',
      { GOTOOLCHAIN: 'auto' },
      undefined,
      '1.22.12',
      'install',
      ["advice: GOTOOLCHAIN=auto from the job's environment is kept"]
    ],
    [
      'the job set path: kept, advice names PATH',
      { GOTOOLCHAIN: 'path' },
      undefined,
      '1.22.12',
      'install',
      ['advice: look for that toolchain on PATH']
    ],
    ['the job set local: nothing', { GOTOOLCHAIN: 'local' }, undefined, '1.22.12', 'install', []],
    [
      'the input wins over the job',
      { GOTOOLCHAIN: 'auto' },
      'local',
      '1.22.12',
      'install',
      ['advice: GOTOOLCHAIN was auto; set to local (toolchain-switching)']
    ],
    ['the input auto over nothing: nothing to say', {}, 'auto', '1.22.12', 'install', []],
    [
      'a base newer than the installed Go runs instead',
      { GOTOOLCHAIN: 'go1.26.0+auto' },
      undefined,
      '1.25.3',
      'install',
      [
        "advice: GOTOOLCHAIN=go1.26.0+auto from the job's",
        'drift: makes every go command run go1.26.0, not the installed go1.25.3'
      ]
    ],
    [
      'a base older than the installed Go runs instead too',
      { GOTOOLCHAIN: 'go1.21.0' },
      undefined,
      '1.25.3',
      'install',
      ['advice: is kept', 'drift: run go1.21.0']
    ],
    [
      'a base before Go 1.21 is ignored by that Go',
      { GOTOOLCHAIN: 'go1.22.0' },
      undefined,
      '1.19.8',
      'install',
      ['advice: is kept']
    ],
    [
      'an invalid GOTOOLCHAIN is replaced by local',
      { GOTOOLCHAIN: 'banana+auto' },
      undefined,
      '1.22.12',
      'install',
      ['advice: which Go rejects (every go command would fail); set to local']
    ],
    [
      'verify: an invalid GOTOOLCHAIN breaks every go command',
      { GOTOOLCHAIN: 'latest' },
      undefined,
      '1.22.12',
      'verify',
      ['break: invalid GOTOOLCHAIN']
    ],
    ['verify: the input accepts what the job set', { GOTOOLCHAIN: 'auto' }, 'auto', '1.22.12', 'verify', []],
    [
      'verify: the input asks for another',
      { GOTOOLCHAIN: 'auto' },
      'local',
      '1.22.12',
      'verify',
      ['drift: but toolchain-switching asks for local']
    ]
  ])('GOTOOLCHAIN: %s', (_name, env, asked, version, mode, expected) => {
    const out = checkEnvironment(withEnv(env, mode, asked, version));
    expect(out).toHaveLength(expected.length);
    out.forEach((f, i) => {
      const [kind, part] = expected[i].split(': ');
      expect(f.kind).toBe(kind);
      expect(f.message).toContain(part);
    });
  });

  test.each([
    [{ previousGo: { path: '/usr/local/go/bin/go', version: '1.21.5' } }, '1.21.5 (/usr/local/go/bin/go) -> 1.22.12'],
    [{}, 'no Go on PATH before this step -> 1.22.12']
  ])('record of the previous Go', (env, text) => {
    expect(environmentRecord(facts({ env }))).toContain(text);
  });
});
