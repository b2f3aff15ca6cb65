import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { askDefaultGodebug, baseModText } from '../../src/audit/default-godebug.js';
import { auditUpgrade } from '../../src/audit/audit.js';
import { parseModFile } from '../../src/go/modfile.js';
import { input, pkg, side } from './fixture.js';

/**
 * A synthetic `go` (POSIX sh, as scripts/test-support/toolchains.mjs writes them) answering `go list -f
 * '{{.Dir}}\t{{.ImportPath}}\t{{.Name}}\t{{.DefaultGODEBUG}}'` as Go 1.27.0 would for a main
 * package under go 1.26.0 (tracebacklabels=0,x509sslcertoverrideplatform=0) and go 1.27.0 (empty),
 * with a godebug pin listed as Go lists explicit settings. It refuses to answer unless it runs
 * with GOTOOLCHAIN=local, GOPROXY=off, GOWORK=off and a -mod that writes nothing, and it logs its
 * arguments and the modfile it read.
 */
const SCRIPT = `#!/bin/sh
echo "ARGS $*" >> "$SYNTH_LOG"
echo "GOFLAGS $GOFLAGS" >> "$SYNTH_LOG"
[ "$GOTOOLCHAIN" = local ] || { echo "go: GOTOOLCHAIN=$GOTOOLCHAIN" >&2; exit 3; }
[ "$GOPROXY" = off ] || { echo "go: GOPROXY=$GOPROXY" >&2; exit 3; }
[ "$GOWORK" = off ] || { echo "go: GOWORK=$GOWORK" >&2; exit 3; }
case "$GOFLAGS" in -mod=readonly|-mod=vendor) ;; *) echo "go: GOFLAGS=$GOFLAGS" >&2; exit 3 ;; esac
[ -n "$SYNTH_FAIL" ] && { echo "go: updates to go.mod needed; to update it:" >&2; exit 1; }
[ "$1" = list ] || exit 2
shift
modfile=go.mod
while [ $# -gt 0 ]; do
  case "$1" in
    -e) shift ;;
    -modfile=*) modfile="\${1#-modfile=}"; shift
      [ -f "\${modfile%.mod}.sum" ] || { echo "go: missing \${modfile%.mod}.sum" >&2; exit 4; } ;;
    -f) shift 2 ;;
    --) shift; break ;;
    *) break ;;
  esac
done
echo "MODFILE $(tr '\\n' '|' < "$modfile")" >> "$SYNTH_LOG"
goline=$(sed -n 's/^go \\([0-9.]*\\).*/\\1/p' "$modfile" | head -n 1)
case "$goline" in
  1.26.0) value='tracebacklabels=0,x509sslcertoverrideplatform=0' ;;
  1.27.0) value='' ;;
  *) value='unexpected=1' ;;
esac
if grep -q 'tracebacklabels=1' "$modfile"; then
  value=$(echo "$value" | sed 's/tracebacklabels=0/tracebacklabels=1/')
  [ -z "$value" ] && value='tracebacklabels=1'
fi
here=$(pwd -P)
for p in "$@"; do
  rel="\${p#./}"
  if [ "$p" = . ]; then d="$here"; ip=example.com/m; else d="$here/$rel"; ip="example.com/m/$rel"; fi
  printf '%s\\t%s\\t%s\\t%s\\n' "$d" "$ip" main "$value"
done
`;

let tmp: string;
let repo: string;
let goBinary: string;
let log: string;

const HEAD_MOD =
  'module example.com/m\n\ngo 1.27.0\n\ngodebug (\n\ttracebacklabels=1\n)\n\nrequire example.com/x v1.0.0\n';
const BASE_MOD = 'module example.com/m\n\ngo 1.26.0\n\nrequire example.com/x v1.0.0\n';

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'audit-oracle-'));
  repo = path.join(tmp, 'repo');
  mkdirSync(path.join(repo, 'cmd', 'api'), { recursive: true });
  writeFileSync(path.join(repo, 'go.mod'), HEAD_MOD);
  writeFileSync(path.join(repo, 'go.sum'), 'example.com/x v1.0.0 h1:abc=\n');
  writeFileSync(path.join(repo, 'cmd', 'api', 'main.go'), 'package main\n');
  goBinary = path.join(tmp, 'bin', 'go');
  mkdirSync(path.dirname(goBinary));
  writeFileSync(goBinary, SCRIPT);
  chmodSync(goBinary, 0o755);
  log = path.join(tmp, 'go.log');
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

beforeEach(() => rmSync(log, { force: true }));

const head = parseModFile(HEAD_MOD, 'go.mod', 'go.mod');
const base = parseModFile(BASE_MOD, 'go.mod', 'go.mod');

function ask(over: Partial<Parameters<typeof askDefaultGodebug>[0]> = {}) {
  const debug: string[] = [];
  const env = {
    ...process.env,
    SYNTH_LOG: log,
    GOFLAGS: '-mod=mod',
    GOTOOLCHAIN: 'auto',
    GOPROXY: 'https://proxy.golang.org'
  };
  return askDefaultGodebug({
    goBinary,
    goVersion: '1.27.0',
    workspace: repo,
    module: head,
    base,
    packages: ['cmd/api'],
    tempDir: tmp,
    debug: (m) => debug.push(m),
    ...over,
    env: { ...env, ...over.env, SYNTH_LOG: log }
  }).then((answer) => ({ answer, debug }));
}

describe('askDefaultGodebug: the installed Go answers go list for both go lines', () => {
  test('the head go.mod, then a temporary -modfile with the base go and godebug lines', async () => {
    const { answer, debug } = await ask();
    expect(debug).toEqual([]);
    expect(answer).toEqual({
      module: 'go.mod',
      toolchain: '1.27.0',
      packages: [
        {
          dir: 'cmd/api',
          importPath: 'example.com/m/cmd/api',
          before: 'tracebacklabels=0,x509sslcertoverrideplatform=0',
          after: 'tracebacklabels=1'
        }
      ]
    });
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(
      /^ARGS list -e -f \{\{\.Dir\}\}\t\{\{\.ImportPath\}\}\t\{\{\.Name\}\}\t\{\{\.DefaultGODEBUG\}\} -- \.\/cmd\/api$/
    );
    expect(lines[1]).toBe('GOFLAGS -mod=readonly');
    expect(lines[3]).toMatch(/^ARGS list -e -modfile=.*\/base\.mod -f /);
    // the base modfile: the base's go line, the head's godebug entry blanked, the requirements kept
    expect(lines[5]).toBe('MODFILE module example.com/m||go 1.26.0||godebug (||)||require example.com/x v1.0.0|');
    // nothing left behind, the real go.mod untouched
    expect(readFileSync(path.join(repo, 'go.mod'), 'utf8')).toBe(HEAD_MOD);
    expect(existsSync(lines[3].replace(/^.*-modfile=(\S+).*$/, '$1'))).toBe(false);
  });

  test('the audit prefers the answer: the head pin and the go line flip as the installed Go reports them', async () => {
    const { answer } = await ask();
    const files = { 'main.go': 'package main\n' };
    const r = auditUpgrade(
      input(side([base], [], [pkg('cmd/api', files)]), side([head], [], [pkg('cmd/api', files)]), {
        defaultGodebug: answer ? [answer] : []
      })
    );
    const g = r.modules[0].godebug;
    expect(g.source).toBe('go list');
    expect(g.flips.map((f) => [f.name, f.before, f.after])).toEqual([
      ['tracebacklabels', '0', '1'],
      ['x509sslcertoverrideplatform', '0', undefined]
    ]);
  });

  test.each<[string, Partial<Parameters<typeof askDefaultGodebug>[0]>, string | undefined]>([
    ['a Go before 1.21 has no DefaultGODEBUG: not asked', { goVersion: '1.20.14' }, undefined],
    ['no main packages: not asked', { packages: [] }, undefined],
    [
      'a workspace cannot take -modfile: not asked',
      { module: { ...head, kind: 'go.work', path: 'go.work' } },
      undefined
    ],
    [
      'go fails (a go.sum that needs updating): the tables answer, one debug line',
      { env: { ...process.env, SYNTH_FAIL: '1', GOFLAGS: '' } },
      'go list -f {{.DefaultGODEBUG}} in go.mod failed (go: updates to go.mod needed; to update it:): using the GODEBUG tables'
    ]
  ])('%s', async (_name, over, debugLine) => {
    const { answer, debug } = await ask(over);
    expect(answer).toBeUndefined();
    expect(debug).toEqual(debugLine ? [debugLine] : []);
    // not asked: go never ran
    if (!debugLine) expect(existsSync(log)).toBe(false);
  });

  test('a vendored module runs with -mod=vendor', async () => {
    mkdirSync(path.join(repo, 'vendor'), { recursive: true });
    writeFileSync(path.join(repo, 'vendor', 'modules.txt'), '# example.com/x v1.0.0\n');
    try {
      const { answer } = await ask({ base: undefined });
      expect(answer?.packages).toEqual([
        { dir: 'cmd/api', importPath: 'example.com/m/cmd/api', after: 'tracebacklabels=1' }
      ]);
      expect(readFileSync(log, 'utf8').split('\n')[1]).toBe('GOFLAGS -mod=vendor');
    } finally {
      rmSync(path.join(repo, 'vendor'), { recursive: true, force: true });
    }
  });
});

describe('baseModText: the head go.mod with the base go and godebug lines', () => {
  test.each<[string, string, string, string]>([
    [
      'a single godebug line replaced',
      'module m\n\ngo 1.24.0\n\ngodebug panicnil=1\n',
      'module m\n\ngo 1.22.0\n\ngodebug default=go1.21\n',
      'module m\n\ngo 1.22.0\n\n\ngodebug (\n\tdefault=go1.21\n)\n'
    ],
    ['a base without a go line', 'module m\n\ngo 1.24.0\n', 'module m\n', 'module m\n\n\n'],
    ['a head without a go line', 'module m\n', 'module m\n\ngo 1.21\n', 'module m\n\ngo 1.21'],
    [
      'CRLF lines keep their CR',
      'module m\r\n\r\ngo 1.24.0\r\ngodebug x=1\r\n',
      'module m\r\n\r\ngo 1.23\r\n',
      'module m\r\n\r\ngo 1.23\r\n\r\n'
    ]
  ])('%s', (_name, headText, baseText, want) => {
    const h = parseModFile(headText, 'go.mod', 'go.mod');
    const b = parseModFile(baseText, 'go.mod', 'go.mod');
    expect(baseModText(headText, h, b)).toBe(want);
  });
});
