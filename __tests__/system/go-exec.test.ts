import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { askGo, parseGoVersionLine } from '../../src/system/go-exec.js';
import { goScript } from '../../scripts/test-support/toolchains.mjs';

test.each<[string, string | undefined]>([
  ['go version go1.22.3 linux/amd64', '1.22.3'],
  ['go version go1.21rc2 windows/amd64\r', '1.21rc2'],
  ['go version go1.22.1-custom linux/arm64', '1.22.1'],
  ['go version devel go1.23-abcdef Tue linux/amd64', undefined],
  ['go: errors parsing go.mod', undefined],
  ['', undefined]
])('parseGoVersionLine(%j) = %j', (line, want) => {
  expect(parseGoVersionLine(line)).toBe(want);
});

describe('askGo', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'go-exec-'));
    writeFileSync(path.join(dir, 'go'), goScript({ version: '1.22.3', goos: 'linux', goarch: 'amd64' }));
    chmodSync(path.join(dir, 'go'), 0o755);
    writeFileSync(
      path.join(dir, 'broken'),
      '#!/bin/sh\necho "go: cannot find GOROOT directory: /nowhere" >&2\nexit 2\n'
    );
    chmodSync(path.join(dir, 'broken'), 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('go version and go env, always with GOTOOLCHAIN=local', async () => {
    const said = await askGo(path.join(dir, 'go'), ['GOVERSION', 'GOTOOLCHAIN', 'GOPATH'], {
      GOTOOLCHAIN: 'auto',
      GOPATH: '/gp'
    });
    expect(said).toEqual({
      versionLine: 'go version go1.22.3 linux/amd64',
      version: '1.22.3',
      env: { GOVERSION: 'go1.22.3', GOTOOLCHAIN: 'local', GOPATH: '/gp' }
    });
  });

  test('a go that fails: the error, first line of its stderr, never a throw', async () => {
    const said = await askGo(path.join(dir, 'broken'), ['GOROOT'], {});
    expect(said.env).toEqual({});
    expect(said.error).toContain('go: cannot find GOROOT directory: /nowhere');
  });

  test('no such binary: an error naming it', async () => {
    const said = await askGo(path.join(dir, 'missing'), [], {});
    expect(said.error).toContain(path.join(dir, 'missing'));
  });
});
