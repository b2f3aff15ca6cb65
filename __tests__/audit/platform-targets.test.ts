import { imageTarget, platformDelta, runnerTarget } from '../../src/audit/platform-targets.js';
import { supportEndsWith, supportWindow } from '../../src/audit/support-window.js';
import { decl, RELEASES } from './fixture.js';

describe('runnerTarget: RUNNER_OS, RUNNER_ARCH, ImageOS and os.release()', () => {
  test.each<[Parameters<typeof runnerTarget>[0], ReturnType<typeof runnerTarget>]>([
    [
      { os: 'Linux', arch: 'X64', imageOS: 'ubuntu24' },
      { label: 'runner ubuntu24', target: { os: 'linux', arch: 'amd64', imageOS: 'ubuntu24' } }
    ],
    [
      { os: 'Linux', arch: 'ARM64', release: '5.15.0-1064-azure' },
      {
        label: 'runner Linux (kernel 5.15.0-1064-azure)',
        target: { os: 'linux', arch: 'arm64', kernel: '5.15.0-1064-azure' }
      }
    ],
    [
      { os: 'Windows', arch: 'X86', release: '10.0.17763' },
      { label: 'runner Windows (10.0.17763)', target: { os: 'windows', arch: '386', windowsVersion: '10.0.17763' } }
    ],
    [
      { os: 'macOS', arch: 'ARM64', release: '23.5.0' },
      { label: 'runner macOS (23.5.0)', target: { os: 'darwin', arch: 'arm64', darwinRelease: '23.5.0' } }
    ],
    [{ os: 'FreeBSD' }, undefined]
  ])('%j', (r, want) => {
    expect(runnerTarget(r)).toEqual(want);
  });
});

describe('platformDelta: the requirements that differ, checked where they apply', () => {
  test('macOS 11 (1.23) and 12 (1.25) on a macOS 11 runner: 11 is met, 12 is not', () => {
    const t = runnerTarget({ os: 'macOS', arch: 'ARM64', release: '20.6.0' });
    const d = platformDelta('1.22.12', '1.25.14', t ? [t] : []);
    expect(d.map((c) => [c.release, c.minimum, c.targets.map((x) => x.verdict)])).toEqual([
      ['1.23', '11', ['ok']],
      ['1.25', '12', ['unsupported']]
    ]);
  });

  test('windows/arm removed in 1.26: only a windows/arm target is concerned', () => {
    const arm = runnerTarget({ os: 'Windows', arch: 'ARM', release: '10.0.22631' });
    const x64 = runnerTarget({ os: 'Windows', arch: 'X64', release: '10.0.22631' });
    const removed = (ts: ReturnType<typeof runnerTarget>[]) =>
      platformDelta(
        '1.25.14',
        '1.26.7',
        ts.filter((t) => t !== undefined)
      ).filter((c) => c.kind === 'port-removed');
    expect(removed([arm]).map((c) => c.targets.map((x) => [x.verdict, x.reason]))).toEqual([
      [['unsupported', 'Go 1.26: windows/arm (32-bit) removed']]
    ]);
    expect(removed([x64])).toEqual([]);
  });

  test('a downgrade: the requirement no longer applies, nothing to check', () => {
    const t = runnerTarget({ os: 'Linux', imageOS: 'ubuntu22' });
    expect(platformDelta('1.24.13', '1.23.12', t ? [t] : [])).toEqual([
      expect.objectContaining({ release: '1.24', kind: 'kernel-minimum', applies: false, targets: [] })
    ]);
  });

  test('a Windows container image tells its version by its tag', () => {
    const d = decl('Dockerfile', 'Dockerfile', '1.21.0', 'golang:1.21.0-windowsservercore-ltsc2022', 1);
    expect(imageTarget(d).target).toEqual({ os: 'windows', image: 'golang:1.21.0-windowsservercore-ltsc2022' });
    expect(platformDelta('1.20.14', '1.21.13', [imageTarget(d)]).map((c) => c.targets.map((x) => x.verdict))).toEqual([
      ['ok']
    ]);
  });
});

describe('supportWindow', () => {
  test.each([
    ['1.22', '1.24'],
    ['1.27', '1.29']
  ])('%s is supported until %s', (minor, ends) => {
    expect(supportEndsWith(minor)).toBe(ends);
  });

  test('before out of support, after supported', () => {
    expect(supportWindow('1.25.14', '1.27.0', RELEASES)).toEqual({
      before: { minor: '1.25', supported: false, endsWith: '1.27' },
      after: { minor: '1.27', supported: true, endsWith: '1.29' },
      supportedMinors: ['1.27', '1.26']
    });
    expect(supportWindow('1.25.14', '1.27.0')).toEqual({ unknown: 'the release list was not read' });
  });
});
