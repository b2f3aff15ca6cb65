/**
 * verify mode: a go on PATH that is a symlink into its GOROOT (Debian's /usr/bin/go, Homebrew)
 * passes installed-version. Uses Debian's Go 1.19 when installed (skipped otherwise).
 */
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findOnPath } from '../../src/install/stage.js';
import { runContext } from '../run-context-fixture.js';
import { checkInstalledVersion } from '../../src/verify/checks/installed-version.js';
import type { Facts } from '../../src/verify/facts.js';
import { DEFAULT_SWITCHING } from '../../src/plan/toolchain-switching.js';

const REAL_GO = '/usr/lib/go-1.19/bin/go';
const describeReal = existsSync(REAL_GO) && process.platform === 'linux' ? describe : describe.skip;

describeReal('findOnPath', () => {
  let dir: string;
  const savedPath = process.env.PATH;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'find-on-path-'));
    symlinkSync(REAL_GO, path.join(dir, 'go'));
  });

  afterAll(() => {
    process.env.PATH = savedPath;
    rmSync(dir, { recursive: true, force: true });
  });

  test('a symlinked go on PATH is checked against its real GOROOT', async () => {
    process.env.PATH = dir;
    const env = { PATH: dir, HOME: os.tmpdir(), GOTOOLCHAIN: 'local' };
    const ctx = runContext({
      env,
      raw: { mode: 'verify' },
      platform: { os: 'linux', arch: process.arch },
      dirs: { toolCache: dir, temp: dir, workspace: dir }
    });
    const outcome = await findOnPath(ctx, { switching: DEFAULT_SWITCHING, manifestUrl: '', warnings: [] });
    expect(outcome.version).toMatch(/^1\.19/);
    const facts = { mode: 'verify', version: outcome.version, installed: outcome.installed } as unknown as Facts;
    expect(checkInstalledVersion(facts)).toEqual([]);
  });
});
