/**
 * End to end: hostile archives from a compromised mirror. Every archive is hash-correct (the
 * manifest carries its real sha256 and size), so only the content is hostile. Each must be refused
 * with one error line, the tool cache must stay as it was, and nothing may be written outside the
 * staging folder: the entries aim at a canary folder next to the tool cache, and the tool cache's
 * parent folder is compared before and after.
 *
 * Layout per case:  <case>/toolcache/go/1.22.12/x64.staging-*   (where tar unpacks)
 *                   <case>/canary/secret                        (target of the escapes)
 * From the staging folder, `go/` + 5 x `..` is <case>.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { startMirror } from '../../scripts/test-support/mirror.mjs';
import { buildFixtureManifest } from '../../scripts/test-support/manifest-fixture.mjs';
import { buildSyntheticToolchain, goScript } from '../../scripts/test-support/toolchains.mjs';
import { gzipTar, tarArchive, tarEntry } from '../../scripts/test-support/hostile-archives.mjs';
import { listTree, runAction, type RunResult } from '../../scripts/test-support/run-action.mjs';

const VERSION = '1.22.12';
const ARCH = 'x64';
const ARCHIVE = `go${VERSION}.linux-amd64.tar.gz`;
const UP = '../../../../../'; // from <staging>/go to <case>

/** A case builds its archive bytes given the case folder (absolute targets need it). */
interface HostileCase {
  name: string;
  /** the error names this (besides the archive) */
  mentions: RegExp;
  build: (caseDir: string) => Promise<Buffer>;
}

const script = goScript({ version: VERSION, goos: 'linux', goarch: 'amd64' });
/** A valid start of a Go archive, so the hostile entry comes after real content. */
const goodStart = () => [
  tarEntry({ name: 'go/', type: '5' }),
  tarEntry({ name: 'go/VERSION' }, `go${VERSION}\ntime 2026-01-01T00:00:00Z\n`),
  tarEntry({ name: 'go/bin/', type: '5' }),
  tarEntry({ name: 'go/bin/go', mode: 0o755 }, script)
];
const tgz = (...entries: Buffer[]) => Promise.resolve(gzipTar(tarArchive([...goodStart(), ...entries])));

const CASES: HostileCase[] = [
  {
    name: 'entry with ".." escaping to the canary',
    mentions: /\.\./,
    build: () => tgz(tarEntry({ name: `go/${UP}canary/evil` }, 'pwned\n'))
  },
  {
    name: 'entry with a leading ".."',
    mentions: /\.\./,
    build: () => tgz(tarEntry({ name: '../evil' }, 'pwned\n'))
  },
  {
    name: 'entry with an absolute path into the canary',
    mentions: /absolute/,
    build: (d) => tgz(tarEntry({ name: path.join(d, 'canary', 'abs-evil') }, 'pwned\n'))
  },
  {
    name: 'symlink pointing outside, then a file written through it',
    mentions: /link/,
    build: () =>
      tgz(
        tarEntry({ name: 'go/escape', type: '2', linkname: `${UP}canary` }),
        tarEntry({ name: 'go/escape/evil' }, 'pwned\n')
      )
  },
  {
    name: 'symlink to an absolute path, then a file written through it',
    mentions: /link/,
    build: (d) =>
      tgz(
        tarEntry({ name: 'go/abs', type: '2', linkname: path.join(d, 'canary') }),
        tarEntry({ name: 'go/abs/evil' }, 'pwned\n')
      )
  },
  {
    name: 'hardlink to a file outside (absolute), then data over it',
    mentions: /hardlink|absolute/,
    build: (d) =>
      tgz(
        tarEntry({ name: 'go/h', type: '1', linkname: path.join(d, 'canary', 'secret') }),
        tarEntry({ name: 'go/h' }, 'overwritten\n')
      )
  },
  {
    name: 'hardlink with ".." to a file outside',
    mentions: /\.\.|hardlink/,
    build: () => tgz(tarEntry({ name: 'go/h', type: '1', linkname: `go/${UP}canary/secret` }))
  },
  {
    name: 'character device',
    mentions: /device/,
    build: () => tgz(tarEntry({ name: 'go/tty', type: '3' }))
  },
  {
    name: 'block device',
    mentions: /device/,
    build: () => tgz(tarEntry({ name: 'go/sda', type: '4' }))
  },
  {
    name: 'fifo',
    mentions: /fifo/i,
    build: () => tgz(tarEntry({ name: 'go/pipe', type: '6' }))
  },
  {
    name: 'archive without the go/ top folder',
    mentions: /top folder/,
    build: () =>
      Promise.resolve(
        gzipTar(
          tarArchive([
            tarEntry({ name: 'goroot/', type: '5' }),
            tarEntry({ name: 'goroot/VERSION' }, `go${VERSION}\n`),
            tarEntry({ name: 'goroot/bin/go', mode: 0o755 }, script)
          ])
        )
      )
  },
  {
    name: 'go/VERSION disagrees with the manifest',
    mentions: /VERSION/,
    build: async (d) => synthetic(d, { versionFileText: 'go1.22.11\ntime 2026-01-01T00:00:00Z\n' })
  },
  {
    name: '`go version` disagrees with the manifest',
    mentions: /go version/,
    build: async (d) => synthetic(d, { reportVersion: '1.22.11' })
  },
  {
    name: 'archive without go/bin/go',
    mentions: /bin\/go/,
    build: () =>
      Promise.resolve(
        gzipTar(tarArchive([tarEntry({ name: 'go/', type: '5' }), tarEntry({ name: 'go/VERSION' }, `go${VERSION}\n`)]))
      )
  }
];

/** A well-formed synthetic toolchain archive named like the real one, with one thing changed. */
async function synthetic(caseDir: string, o: { versionFileText?: string; reportVersion?: string }): Promise<Buffer> {
  const outDir = path.join(path.dirname(caseDir), `build-${path.basename(caseDir)}`);
  const out = await buildSyntheticToolchain({ version: VERSION, os: 'linux', arch: 'amd64', outDir, ...o });
  return readFileSync(out.path);
}

interface Outcome {
  result: RunResult;
  before: string[];
  after: string[];
  archiveRequests: number;
}

let root: string;
let workspace: string;
const outcomes = new Map<string, Outcome>();

async function runCase(c: HostileCase, i: number): Promise<Outcome> {
  const caseDir = path.join(root, `case${i}`);
  mkdirSync(path.join(caseDir, 'canary'), { recursive: true });
  writeFileSync(path.join(caseDir, 'canary', 'secret'), 'the canary\n');
  // a tool cache that already holds a complete Go 1.21.13
  const toolCache = path.join(caseDir, 'toolcache');
  const old = path.join(toolCache, 'go', '1.21.13', ARCH);
  mkdirSync(path.join(old, 'bin'), { recursive: true });
  writeFileSync(path.join(old, 'VERSION'), 'go1.21.13\n');
  writeFileSync(path.join(old, 'bin', 'go'), goScript({ version: '1.21.13', goos: 'linux', goarch: 'amd64' }), {
    mode: 0o755
  });
  writeFileSync(`${old}.complete`, '');

  const bytes = await c.build(caseDir);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const manifest = buildFixtureManifest({
    files: { [VERSION]: [{ os: 'linux', arch: 'amd64', filename: ARCHIVE, sha256, size: bytes.length }] }
  });
  const mirror = await startMirror({ manifest });
  try {
    mirror.addContent(ARCHIVE, bytes);
    const before = listTree(caseDir);
    const result = await runAction({
      inputs: { 'go-version': VERSION, 'go-download-base-url': mirror.url, checks: 'vulnerabilities: off' },
      workspace,
      toolCache,
      temp: path.join(root, `temp${i}`),
      timeoutMs: 60_000
    });
    return { result, before, after: listTree(caseDir), archiveRequests: mirror.requestsFor(`/${ARCHIVE}`).length };
  } finally {
    await mirror.close();
  }
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'sge-e2e-hostile-'));
  workspace = path.join(root, 'ws');
  mkdirSync(workspace);
  writeFileSync(path.join(workspace, 'go.mod'), 'module example.com/x\n\ngo 1.22\n');
  let next = 0;
  const worker = async () => {
    while (next < CASES.length) {
      const i = next++;
      outcomes.set(CASES[i].name, await runCase(CASES[i], i));
    }
  };
  await Promise.all([worker(), worker(), worker()]);
}, 120_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

test.each(CASES.map((c) => [c.name, c] as const))(
  '%s: refused with one error, nothing written anywhere',
  (_name, c) => {
    const o = outcomes.get(c.name)!;
    const r = o.result;
    expect(r.code).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain(ARCHIVE);
    expect(r.errors[0]).toMatch(c.mentions);
    expect(r.stdout + r.stderr).not.toMatch(/^\s+at /m);
    // the canary, the tool cache (old install intact, no staging/lock/marker left) and everything
    // else beside the tool cache are exactly as before
    expect(o.after).toEqual(o.before);
    expect(r.outputs['go-root']).toBeUndefined();
    expect(r.env.GOROOT).toBeUndefined();
    // a hostile archive is final: no second download
    expect(o.archiveRequests).toBe(1);
  }
);

test('the canaries were not touched outside the case folders either', () => {
  // an absolute entry with its leading "/" stripped would land in a case folder (covered above);
  // nothing named "evil" may exist anywhere under the test root
  const stray = listTree(root).filter((l) => /evil/.test(l));
  expect(stray).toEqual([]);
});
