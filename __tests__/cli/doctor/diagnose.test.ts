import { execFileSync } from 'node:child_process';
import { MACHINE_CHECK_IDS, diagnose, machineChecks, type MachineFacts } from '../../../src/cli/doctor/diagnose.js';
import { runRegistry } from '../../../src/verify/run-checks.js';
import { findingsTable } from '../../../src/cli/render.js';
import { releases } from '../../verify/checks/facts-fixture.js';

const NEW = { dir: '/usr/local/go/bin', real: '/usr/local/go/bin/go', root: '/usr/local/go', version: '1.22.12' };
const OLD = {
  dir: '/usr/lib/go-1.19/bin',
  real: '/usr/lib/go-1.19/bin/go',
  root: '/usr/lib/go-1.19',
  version: '1.19.8'
};

function machine(over: Partial<MachineFacts> = {}): MachineFacts {
  return {
    os: 'linux',
    goOnPath: [NEW],
    installs: [{ root: '/usr/local/go', version: '1.22.12', source: 'PATH' }],
    env: {},
    gopath: { dir: '/home/dev/go', binOnPath: true },
    ...over
  };
}

const ids = (m: MachineFacts) => diagnose(m).map((p) => p.check);

describe('doctor: diagnose', () => {
  test('a clean machine has no problems', () => {
    expect(diagnose(machine())).toEqual([]);
  });

  test('no go on PATH', () => {
    expect(ids(machine({ goOnPath: [] }))).toEqual(['no-go']);
  });

  test('shadowing: a later go on PATH never runs', () => {
    const [p] = diagnose(machine({ goOnPath: [OLD, NEW] }));
    expect(p.check).toBe('shadowed');
    expect(p.message).toBe(
      'go1.22.12 in /usr/local/go/bin is on PATH but never runs: go1.19.8 in /usr/lib/go-1.19/bin comes first'
    );
    expect(p.fix).toEqual({
      posix: `export PATH='/usr/local/go/bin'":$PATH"`,
      powershell: "$env:PATH = '/usr/local/go/bin;' + $env:PATH"
    });
  });

  test('shadowing by a newer go: the older one later on PATH is taken off PATH (the fix runs in bash)', () => {
    const [p] = diagnose(machine({ goOnPath: [NEW, OLD] }));
    expect(p.check).toBe('shadowed');
    const out = execFileSync('bash', ['-c', `${p.fix.posix}; printf %s "$PATH"`], {
      env: { PATH: '/usr/local/go/bin:/usr/lib/go-1.19/bin:/usr/bin:/bin', HOME: '/nonexistent' },
      encoding: 'utf8'
    });
    expect(out).toBe('/usr/local/go/bin:/usr/bin:/bin');
    expect(p.fix.powershell).toBe(
      "$env:PATH = ($env:PATH -split ';' | Where-Object { $_ -ne '/usr/lib/go-1.19/bin' }) -join ';'"
    );
  });

  test('shadowing: the repository asks for an installed Go that comes later', () => {
    const problems = diagnose(
      machine({
        goOnPath: [OLD],
        installs: [
          { root: '/usr/lib/go-1.19', version: '1.19.8', source: 'PATH' },
          { root: '/home/dev/sdk/go1.22.0', version: '1.22.0', source: 'golang.org/dl' }
        ],
        repo: { goLine: '1.22.0', file: 'go.mod', wanted: '1.22.0' }
      })
    );
    expect(problems.map((p) => p.check)).toEqual(['shadowed', 'repo-cannot-build']);
    expect(problems[0].fix.posix).toBe(`export PATH='/home/dev/sdk/go1.22.0/bin'":$PATH"`);
    // Go 1.19.8 cannot parse "go 1.22.0"
    expect(problems[1].message).toContain('cannot parse');
  });

  test('a stale GOROOT names its Go and fixes in both shells', () => {
    const [p] = diagnose(
      machine({
        env: { GOROOT: '/usr/lib/go-1.19' },
        installs: [
          { root: '/usr/local/go', version: '1.22.12', source: 'PATH' },
          { root: '/usr/lib/go-1.19', version: '1.19.8', source: 'GOROOT' }
        ]
      })
    );
    expect(p.check).toBe('stale-goroot');
    expect(p.message).toContain('GOROOT is /usr/lib/go-1.19 (go1.19.8)');
    expect(p.fix.posix).toBe('unset GOROOT');
    expect(p.fix.powershell).toContain('Remove-Item Env:GOROOT');
  });

  test('go env -w settings and GOTOOLCHAIN in the environment', () => {
    const m = machine({
      goenv: {
        file: '/home/dev/.config/go/env',
        settings: { GOTOOLCHAIN: 'go1.21.0', GOFLAGS: '-mod=vendor', GOPROXY: 'direct' }
      },
      env: { GOTOOLCHAIN: 'go1.23.0+auto' }
    });
    expect(ids(m)).toEqual(['goenv-gotoolchain', 'goenv-goflags', 'env-gotoolchain']);
    expect(diagnose(m)[0].fix).toEqual({ posix: 'go env -u GOTOOLCHAIN', powershell: 'go env -u GOTOOLCHAIN' });
  });

  test('GOPATH/bin missing from PATH', () => {
    const [p] = diagnose(machine({ gopath: { dir: 'C:\\Users\\dev\\go', binOnPath: false }, os: 'win32' }));
    expect(p.check).toBe('gopath-bin');
    expect(p.message).toContain('C:\\Users\\dev\\go\\bin');
    expect(p.fix.powershell).toBe("$env:PATH += ';' + (Join-Path (go env GOPATH) 'bin')");
  });

  test('versions against the support policy and the vulnerability database', () => {
    const m = machine({
      installs: [
        { root: '/usr/local/go', version: '1.22.12', source: 'PATH' },
        { root: '/opt/go1.22.3', version: '1.22.3', source: 'golang.org/dl' },
        { root: '/usr/lib/go-1.19', version: '1.19.8', source: 'the distribution package' }
      ],
      releases: releases('1.22.12', '1.22.3', '1.21.13', '1.19.13'),
      vulns: {
        '1.22.3': {
          status: 'checked',
          entriesRead: 2,
          matches: [
            {
              id: 'GO-2024-2887',
              aliases: [],
              summary: 's',
              module: 'stdlib',
              packages: [],
              fixedInMinor: '1.22.4',
              url: 'u'
            }
          ]
        }
      }
    });
    const problems = diagnose(m);
    expect(problems.map((p) => [p.check, p.message.split(' ')[0]])).toEqual([
      ['old-patch', 'go1.22.3'],
      ['vulnerable', 'go1.22.3'],
      ['unsupported', 'go1.19.8']
    ]);
    expect(problems[0].fix.posix).toBe('eval "$(setup-go-enforced use 1.22.12)"');
    expect(problems[1].fix.posix).toBe('eval "$(setup-go-enforced use 1.22.4)"');
    expect(problems[2].fix.powershell).toBe('setup-go-enforced use 1.22.12 --shell powershell | Invoke-Expression');
  });

  test('on the check engine: kinds weigh as the repository checks do; the table shows both fixes', () => {
    const m = machine({ goOnPath: [] });
    const out = runRegistry(machineChecks(), m, {
      overrides: new Map(),
      onMismatch: 'fail',
      consistency: 'compatible'
    });
    expect(out.findings.map((f) => [f.check, f.kind, f.severity])).toEqual([['no-go', 'break', 'error']]);
    expect(out.results.map((r) => r.id)).toEqual([...MACHINE_CHECK_IDS]);
    expect(findingsTable(out.findings, { color: false })).toEqual([
      expect.stringMatching(/^SEVERITY\s+KIND\s+CHECK\s+LOCATION\s+MESSAGE$/),
      expect.stringMatching(/^error\s+break\s+no-go\s+-\s+no go command on PATH$/),
      '    fix (POSIX): eval "$(setup-go-enforced use)"',
      '    fix (PowerShell): setup-go-enforced use --shell powershell | Invoke-Expression'
    ]);
  });

  test('advice (a patch behind) is a warning: doctor passes as check would', () => {
    const out = runRegistry(
      machineChecks(),
      machine({
        releases: releases('1.22.12', '1.22.3'),
        installs: [{ root: '/g', version: '1.22.3', source: 'PATH' }]
      }),
      { overrides: new Map(), onMismatch: 'fail', consistency: 'compatible' }
    );
    expect(out.findings.every((f) => f.severity === 'warning')).toBe(true);
    expect(out.errorCount).toBe(0);
  });
});
