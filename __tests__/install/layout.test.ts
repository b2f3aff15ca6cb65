import {
  cacheVersionFolder,
  createdFolders,
  withoutLongPathPrefix,
  driveOf,
  fastDrive,
  installLayout,
  stagingOwnerPid,
  versionFromCacheFolder
} from '../../src/install/layout.js';
import { InputError } from '../../src/errors.js';

describe('cacheVersionFolder (setup-go makeSemver spelling)', () => {
  test.each([
    ['1.22.3', '1.22.3'],
    ['go1.22.3', '1.22.3'],
    ['1.20', '1.20.0'],
    ['1.21.0', '1.21.0'],
    ['1.21rc1', '1.21.0-rc.1'],
    ['1.18beta2', '1.18.0-beta.2'],
    ['1.8.5rc1', '1.8.5-rc.1'],
    ['1.9', '1.9.0'],
    ['1.27rc2', '1.27.0-rc.2']
  ])('%s -> %s', (version, folder) => {
    expect(cacheVersionFolder(version)).toBe(folder);
  });

  test.each([['1.21'], ['1.22'], ['abc'], [''], ['1.022.1'], ['v1.22.3']])('refuses %j', (version) => {
    expect(() => cacheVersionFolder(version)).toThrow(InputError);
  });
});

describe('versionFromCacheFolder', () => {
  test.each([
    ['1.22.3', '1.22.3'],
    ['1.20.0', '1.20'],
    ['1.21.0', '1.21.0'],
    ['1.21.0-rc.1', '1.21rc1'],
    ['1.18.0-beta.2', '1.18beta2'],
    ['1.8.5-rc.1', '1.8.5rc1'],
    ['latest', undefined],
    ['1.22', undefined],
    ['1.22.3.complete', undefined]
  ])('%s -> %s', (folder, version) => {
    expect(versionFromCacheFolder(folder)).toBe(version);
  });

  test.each([['1.22.3'], ['1.20'], ['1.21.0'], ['1.21rc1'], ['1.18beta1'], ['1.8.5rc1'], ['1.26.7']])(
    'round trip of %s',
    (version) => {
      expect(versionFromCacheFolder(cacheVersionFolder(version))).toBe(version);
    }
  );
});

describe('withoutLongPathPrefix', () => {
  test.each([
    ['\\\\?\\C:\\hostedtoolcache', 'C:\\hostedtoolcache'],
    ['\\\\?\\UNC\\server\\share\\tc', '\\\\server\\share\\tc'],
    ['\\\\.\\D:\\x', 'D:\\x'],
    ['C:\\plain', 'C:\\plain'],
    ['\\\\server\\share', '\\\\server\\share'],
    ['/opt/tc', '/opt/tc']
  ])('%s -> %s', (p, want) => {
    expect(withoutLongPathPrefix(p)).toBe(want);
  });
});

describe('createdFolders: what mkdir -p created, from what fs.mkdir returned', () => {
  const win = { os: 'win32', arch: 'x64' };
  const linux = { os: 'linux', arch: 'x64' };
  const dir = 'C:\\hostedtoolcache\\windows\\go\\1.19.8';
  test.each<[string, { os: string; arch: string }, string, string | undefined, string[]]>([
    ['linux: nothing created', linux, '/tc/go/1.22.3', undefined, []],
    ['linux: only the leaf', linux, '/tc/go/1.22.3', '/tc/go/1.22.3', ['/tc/go/1.22.3']],
    ['linux: from the tool cache down', linux, '/tc/go/1.22.3', '/tc', ['/tc', '/tc/go', '/tc/go/1.22.3']],
    // Windows Node returns the first created folder as \\?\C:\...: the rollback must still match it
    [
      'win32: long-path form from the tool cache down',
      win,
      dir,
      '\\\\?\\C:\\hostedtoolcache\\windows',
      ['C:\\hostedtoolcache\\windows', 'C:\\hostedtoolcache\\windows\\go', dir]
    ],
    ['win32: long-path form, only the leaf', win, dir, `\\\\?\\${dir}`, [dir]],
    ['win32: other case of the drive letter', win, dir, 'c:\\HOSTEDTOOLCACHE\\windows\\go\\1.19.8', [dir]],
    ['win32: plain form', win, dir, 'C:\\hostedtoolcache\\windows\\go', ['C:\\hostedtoolcache\\windows\\go', dir]],
    // never claim what cannot be matched: a rollback then removes nothing, not the whole chain
    ['win32: a path that is no parent', win, dir, '\\\\?\\D:\\elsewhere', []],
    ['linux: a path that is no parent', linux, '/tc/go/1.22.3', '/other', []]
  ])('%s', (_name, platform, d, first, want) => {
    expect(createdFolders(platform, d, first)).toEqual(want);
  });
});

describe('installLayout', () => {
  test.each([
    {
      name: 'linux',
      os: 'linux',
      toolCache: '/opt/hostedtoolcache',
      temp: '/home/runner/work/_temp',
      version: '1.22.3',
      arch: 'x64',
      toolDir: '/opt/hostedtoolcache/go/1.22.3/x64',
      staging: '/opt/hostedtoolcache/go/1.22.3/x64.staging-42-abc'
    },
    {
      name: 'darwin arm64, trailing slash',
      os: 'darwin',
      toolCache: '/Users/runner/hostedtoolcache/',
      temp: '/Users/runner/work/_temp',
      version: '1.20',
      arch: 'arm64',
      toolDir: '/Users/runner/hostedtoolcache/go/1.20.0/arm64',
      staging: '/Users/runner/hostedtoolcache/go/1.20.0/arm64.staging-42-abc'
    },
    {
      name: 'linux prerelease, Go arch name',
      os: 'linux',
      toolCache: '/tc',
      temp: '/tmp',
      version: '1.21rc1',
      arch: 'amd64',
      toolDir: '/tc/go/1.21.0-rc.1/x64',
      staging: '/tc/go/1.21.0-rc.1/x64.staging-42-abc'
    },
    {
      name: 'win32 same drive: no link',
      os: 'win32',
      toolCache: 'C:\\hostedtoolcache\\windows',
      temp: 'C:\\a\\_temp',
      version: '1.22.3',
      arch: 'x64',
      toolDir: 'C:\\hostedtoolcache\\windows\\go\\1.22.3\\x64',
      staging: 'C:\\hostedtoolcache\\windows\\go\\1.22.3\\x64.staging-42-abc'
    }
  ])('$name', (c) => {
    const l = installLayout({
      platform: { os: c.os, arch: c.arch },
      toolCache: c.toolCache,
      temp: c.temp,
      version: c.version,
      arch: c.arch,
      pid: 42,
      nonce: 'abc'
    });
    expect(l.toolDir).toBe(c.toolDir);
    expect(l.installDir).toBe(c.toolDir);
    expect(l.marker).toBe(`${c.toolDir}.complete`);
    expect(l.lockDir).toBe(`${c.toolDir}.lock`);
    expect(l.stagingDir).toBe(c.staging);
    expect(l.link).toBeUndefined();
  });

  test.each([
    {
      name: 'tool cache on C:, temp on D:',
      toolCache: 'C:\\hostedtoolcache\\windows',
      temp: 'D:\\a\\_temp',
      workspace: 'D:\\a\\repo\\repo',
      installDir: 'D:\\hostedtoolcache\\windows\\go\\1.22.3\\x64'
    },
    {
      name: 'fast disk found from the workspace when temp is on C:',
      toolCache: 'c:\\hostedtoolcache\\windows',
      temp: 'C:\\a\\_temp',
      workspace: 'E:\\work\\repo',
      installDir: 'E:\\hostedtoolcache\\windows\\go\\1.22.3\\x64'
    },
    {
      name: 'not D: by assumption: temp on F:',
      toolCache: 'C:\\tc',
      temp: 'F:\\t',
      workspace: undefined,
      installDir: 'F:\\tc\\go\\1.22.3\\x64'
    }
  ])('win32 $name: real tree on the fast drive, junction from the tool cache', (c) => {
    const l = installLayout({
      platform: { os: 'win32', arch: 'x64' },
      toolCache: c.toolCache,
      temp: c.temp,
      workspace: c.workspace,
      version: '1.22.3',
      arch: 'x64',
      pid: 7,
      nonce: 'z9'
    });
    const toolDir = `${c.toolCache}\\go\\1.22.3\\x64`;
    expect(l.toolDir).toBe(toolDir);
    expect(l.marker).toBe(`${toolDir}.complete`);
    expect(l.installDir).toBe(c.installDir);
    expect(l.link).toEqual({ from: toolDir, to: c.installDir });
    expect(l.stagingDir).toBe(`${c.installDir}.staging-7-z9`);
  });

  test('win32 fast disk can be turned off', () => {
    const l = installLayout({
      platform: { os: 'win32', arch: 'x64' },
      toolCache: 'C:\\tc',
      temp: 'D:\\t',
      version: '1.22.3',
      arch: 'x64',
      fastDisk: false
    });
    expect(l.installDir).toBe(l.toolDir);
    expect(l.link).toBeUndefined();
  });

  test.each([['..'], ['a/b'], ['a\\b'], [''], ['riscv64']])('refuses arch %j', (arch) => {
    expect(() =>
      installLayout({ platform: { os: 'linux', arch }, toolCache: '/tc', temp: '/t', version: '1.22.3', arch })
    ).toThrow(InputError);
  });

  test('staging folder names are unique per pid and nonce and decode back to the pid', () => {
    const base = {
      platform: { os: 'linux', arch: 'x64' },
      toolCache: '/tc',
      temp: '/t',
      version: '1.22.3',
      arch: 'x64'
    };
    const a = installLayout({ ...base, pid: 1, nonce: 'a' }).stagingDir;
    const b = installLayout({ ...base, pid: 1, nonce: 'b' }).stagingDir;
    expect(a).not.toBe(b);
    expect(stagingOwnerPid('x64.staging-1234-ab12', 'x64')).toBe(1234);
    expect(stagingOwnerPid('x64.staging-1234-ab12', 'arm64')).toBeUndefined();
    expect(stagingOwnerPid('x64.complete', 'x64')).toBeUndefined();
    expect(stagingOwnerPid('x64.staging-x-1', 'x64')).toBeUndefined();
  });
});

describe('drives', () => {
  test.each([
    ['C:\\x', 'C:'],
    ['d:/x', 'D:'],
    ['\\\\server\\share\\x', undefined],
    ['/opt/x', undefined],
    ['C:', undefined]
  ])('driveOf(%j) = %j', (p, d) => {
    expect(driveOf(p)).toBe(d);
  });

  test.each([
    ['C:\\tc', 'C:\\t', 'C:\\w', undefined],
    ['C:\\tc', 'D:\\t', 'C:\\w', 'D:'],
    ['C:\\tc', 'c:\\t', 'd:\\w', 'D:'],
    ['\\\\srv\\tc', 'D:\\t', undefined, undefined],
    ['/opt/tc', '/tmp', '/w', undefined]
  ])('fastDrive(%j, %j, %j) = %j', (tc, temp, ws, d) => {
    expect(fastDrive(tc, temp, ws)).toBe(d);
  });
});
