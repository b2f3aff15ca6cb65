/**
 * makePlan over a workspace and a file:// mirror folder: where the version comes from (read under
 * the workspace rules), when the manifest is read, GOWORK, check-latest on a go.mod pin.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../../src/errors.js';
import { type RawInputs } from '../../src/inputs/inputs.js';
import { makePlan } from '../../src/plan/stage.js';
import { describeOrigin } from '../../src/plan/request-origin.js';
import { buildFixtureManifest } from '../../scripts/test-support/manifest-fixture.mjs';
import { runContext } from '../run-context-fixture.js';

const SECRET = 'plan-stage-secret-7f3e';
let dir: string;
let mirror: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'plan-stage-'));
  mirror = path.join(dir, 'mirror');
  mkdirSync(mirror);
  writeFileSync(path.join(mirror, 'manifest.json'), JSON.stringify(buildFixtureManifest()));
  writeFileSync(path.join(dir, 'secret'), `${SECRET}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ws(files: Record<string, string | { link: string }>): string {
  const w = mkdtempSync(path.join(dir, 'ws-'));
  for (const [rel, spec] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(w, rel)), { recursive: true });
    if (typeof spec === 'string') writeFileSync(path.join(w, rel), spec);
    else symlinkSync(spec.link, path.join(w, rel));
  }
  return w;
}

function plan(
  workspace: string,
  raw: RawInputs = {},
  env: NodeJS.ProcessEnv = {},
  toolCache = path.join(dir, 'empty-tc')
) {
  return makePlan(
    runContext({
      raw: { 'go-download-base-url': pathToFileURL(mirror).href, ...raw },
      env,
      dirs: { workspace, toolCache }
    })
  );
}

test('go.mod with a go line naming a release: exactly it, from the manifest', async () => {
  const p = await plan(ws({ 'go.mod': 'module m\n\ngo 1.26.6\n' }));
  expect(p.resolution?.version).toBe('1.26.6');
  expect(p.resolution?.file?.filename).toBe('go1.26.6.linux-amd64.tar.gz');
  expect(describeOrigin(p.request!)).toBe('go.mod:3 go 1.26.6');
  expect(p.releases).toBeDefined();
});

test('check-latest moves the go.mod pin to the newest patch of its minor', async () => {
  const p = await plan(ws({ 'go.mod': 'module m\n\ngo 1.26.6\n' }), { 'check-latest': 'true' });
  expect(p.resolution?.version).toBe('1.26.7');
});

test('GOWORK names the workspace file, whatever its name', async () => {
  const p = await plan(
    ws({ 'go.mod': 'module m\n\ngo 1.22\n', 'ci/go.work.ci': 'go 1.23.4\n\nuse ../\n' }),
    {},
    { GOWORK: 'ci/go.work.ci' }
  );
  expect(p.resolution?.version).toBe('1.23.4');
  expect(describeOrigin(p.request!)).toBe('ci/go.work.ci:1 go 1.23.4');
});

test('GOWORK=off skips go.work', async () => {
  const p = await plan(ws({ 'go.mod': 'module m\n\ngo 1.22\n', 'go.work': 'go 1.23.4\n' }), {}, { GOWORK: 'off' });
  expect(p.resolution?.version).toBe('1.22.12');
});

test('an exact version in the tool cache: no manifest read', async () => {
  const tc = path.join(dir, 'tc-hit');
  mkdirSync(path.join(tc, 'go', '1.22.3', 'x64', 'bin'), { recursive: true });
  writeFileSync(path.join(tc, 'go', '1.22.3', 'x64', 'bin', 'go'), '');
  writeFileSync(path.join(tc, 'go', '1.22.3', 'x64.complete'), '');
  const p = await plan(ws({}), { 'go-version': '1.22.3', 'go-download-base-url': 'file:///does/not/exist' }, {}, tc);
  expect(p.resolution).toEqual({ version: '1.22.3', fromCacheOnly: true, warnings: [] });
  expect(p.releases).toBeUndefined();
});

test.each<[string, Record<string, string | { link: string }>, RawInputs, RegExp]>([
  [
    'a go.mod linked outside the workspace',
    { 'go.mod': { link: '../secret' } },
    {},
    /^go\.mod: is a symlink to \.\.\/secret, outside the workspace: not read$/
  ],
  [
    'a go-version-file outside the workspace',
    {},
    { 'go-version-file': '../secret' },
    /^input go-version-file: \.\.\/secret is outside the workspace/
  ],
  [
    'a go-version-file linked to /proc/self/environ',
    { '.go-version': { link: '/proc/self/environ' } },
    { 'go-version-file': '.go-version' },
    /outside the workspace: not read$/
  ],
  ['no version source', {}, {}, /^input go-version: no Go version to install/]
])('%s: one InputError, nothing of the content', async (_name, files, raw, message) => {
  let err: unknown;
  try {
    await plan(ws(files), raw, { SGE_SECRET: SECRET });
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(InputError);
  expect((err as Error).message).toMatch(message);
  expect((err as Error).message).not.toContain(SECRET);
});

test('verify mode without a version source: nothing requested, no error', async () => {
  const p = await plan(ws({}), { mode: 'verify' });
  expect(p.request).toBeUndefined();
});
