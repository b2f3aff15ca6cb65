import { InputError } from '../../src/errors.js';
import { type Platform } from '../../src/go/types.js';
import {
  archiveExt,
  exeName,
  goArch,
  goOs,
  normalizeArchitectureInput,
  toolCacheArch
} from '../../src/go/platform-names.js';

const P = (os: string, arch: string): Platform => ({ os, arch });

describe('goOs / goArch / archiveExt / exeName / toolCacheArch', () => {
  test.each([
    // os, arch, goOs, goArch, ext, exe, cacheArch
    ['linux', 'x64', 'linux', 'amd64', 'tar.gz', 'go', 'x64'],
    ['linux', 'arm64', 'linux', 'arm64', 'tar.gz', 'go', 'arm64'],
    ['linux', 'arm', 'linux', 'armv6l', 'tar.gz', 'go', 'arm'],
    ['linux', 'ia32', 'linux', '386', 'tar.gz', 'go', 'ia32'],
    ['linux', 'x86', 'linux', '386', 'tar.gz', 'go', 'ia32'],
    ['linux', 'ppc64', 'linux', 'ppc64le', 'tar.gz', 'go', 'ppc64'],
    ['linux', 's390x', 'linux', 's390x', 'tar.gz', 'go', 's390x'],
    ['linux', 'amd64', 'linux', 'amd64', 'tar.gz', 'go', 'x64'],
    ['linux', '386', 'linux', '386', 'tar.gz', 'go', 'ia32'],
    ['darwin', 'arm64', 'darwin', 'arm64', 'tar.gz', 'go', 'arm64'],
    ['darwin', 'x64', 'darwin', 'amd64', 'tar.gz', 'go', 'x64'],
    ['win32', 'x64', 'windows', 'amd64', 'zip', 'go.exe', 'x64'],
    ['win32', 'arm64', 'windows', 'arm64', 'zip', 'go.exe', 'arm64'],
    ['win32', 'ia32', 'windows', '386', 'zip', 'go.exe', 'ia32'],
    ['freebsd', 'x64', 'freebsd', 'amd64', 'tar.gz', 'go', 'x64']
  ])('%s/%s -> %s/%s .%s %s cache %s', (os, arch, gos, garch, ext, exe, cacheArch) => {
    const p = P(os, arch);
    expect(goOs(p)).toBe(gos);
    expect(goArch(p)).toBe(garch);
    expect(archiveExt(p)).toBe(ext);
    expect(exeName(p, 'go')).toBe(exe);
    expect(toolCacheArch(p)).toBe(cacheArch);
  });

  test('exeName keeps the tool name', () => {
    expect(exeName(P('win32', 'x64'), 'gofmt')).toBe('gofmt.exe');
    expect(exeName(P('linux', 'x64'), 'gofmt')).toBe('gofmt');
  });

  test.each(['aix', 'sunos', 'openbsd', 'android', ''])('unsupported os %p -> InputError', (os) => {
    expect(() => goOs(P(os, 'x64'))).toThrow(InputError);
    expect(() => archiveExt(P(os, 'x64'))).toThrow(InputError);
  });

  test.each(['mips', 'riscv64', 'loong64', ''])('unsupported arch %p -> InputError', (arch) => {
    expect(() => goArch(P('linux', arch))).toThrow(InputError);
    expect(() => toolCacheArch(P('linux', arch))).toThrow(InputError);
  });
});

describe('normalizeArchitectureInput', () => {
  test.each([
    ['', undefined],
    ['  ', undefined],
    ['x64', 'x64'],
    ['X64', 'x64'],
    ['amd64', 'x64'],
    ['x86_64', 'x64'],
    ['x86', 'ia32'],
    ['386', 'ia32'],
    ['ia32', 'ia32'],
    ['arm64', 'arm64'],
    ['aarch64', 'arm64'],
    ['arm', 'arm'],
    ['armv6l', 'arm'],
    ['ppc64le', 'ppc64'],
    ['s390x', 's390x'],
    [' arm64 ', 'arm64']
  ])('%p -> %p', (input, expected) => {
    expect(normalizeArchitectureInput(input)).toBe(expected);
  });

  test.each(['mips', 'x65', 'amd', 'arm32'])('%p -> InputError naming the input', (input) => {
    expect(() => normalizeArchitectureInput(input)).toThrow(InputError);
    expect(() => normalizeArchitectureInput(input)).toThrow(/^input architecture: /);
  });
});
