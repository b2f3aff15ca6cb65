import { auditFindings, auditUpgrade } from '../../src/audit/audit.js';
import { AUDIT_CHECK_IDS, type AuditFinding } from '../../src/audit/types.js';
import { decl, input, mod, side, vuln } from './fixture.js';

const brief = (fs: AuditFinding[]): string[] => fs.map((f) => `${f.check} ${f.file ?? '-'}:${f.line ?? '-'}`);

describe('auditFindings: one class per concern, each advice, at the changed line', () => {
  test('go 1.22 -> 1.24 with an image left behind and vulnerabilities', () => {
    const base = side([mod('go.mod', 'go 1.22')], [decl('Dockerfile', 'Dockerfile', '1.22', 'golang:1.22', 4)]);
    const head = side([mod('go.mod', 'go 1.24')], [decl('Dockerfile', 'Dockerfile', '1.22', 'golang:1.22', 4)]);
    const r = auditUpgrade(
      input(base, head, {
        vulnerabilities: [
          {
            version: '1.22.12',
            facts: { status: 'checked', entriesRead: 2, matches: [vuln('GO-2025-1'), vuln('GO-2025-2')] }
          },
          { version: '1.24.13', facts: { status: 'checked', entriesRead: 2, matches: [] } }
        ]
      })
    );
    const fs = auditFindings(r);
    expect(brief(fs)).toEqual([
      'audit-godebug go.mod:3',
      'audit-language go.mod:3',
      'audit-vet go.mod:3',
      'audit-platform go.mod:3',
      'audit-vulnerabilities go.mod:3',
      'audit-support go.mod:3',
      'audit-left-behind Dockerfile:4'
    ]);
    expect(fs.every((f) => f.kind === 'advice')).toBe(true);
    expect(fs.every((f) => (AUDIT_CHECK_IDS as readonly string[]).includes(f.check))).toBe(true);
    const by = (id: string): string => fs.find((f) => f.check === id)?.message ?? '';
    expect(by('audit-godebug')).toMatch(
      /^go 1\.22 -> 1\.24 \(Go 1\.22\.12 -> 1\.24\.13\): 18 GODEBUG defaults change \(/
    );
    expect(by('audit-vet')).toMatch(/go test now runs tests, printf and buildtag, which can fail it/);
    expect(by('audit-platform')).toBe(
      'go.mod go 1.22 -> 1.24: Go 1.24 requires Linux kernel 3.2 (runner ubuntu24: meets it; image golang:1.22: not known)'
    );
    expect(by('audit-vulnerabilities')).toBe(
      'go.mod go 1.22 -> 1.24 (Go 1.22.12 -> 1.24.13): fixes 2 known vulnerabilities (GO-2025-1 and GO-2025-2)'
    );
    expect(by('audit-left-behind')).toBe('golang:1.22 still states Go 1.22; go.mod moved to 1.24.13');
  });

  test('a Windows runner below Server 2016 does not meet Go 1.21; a Server 2016 image does', () => {
    const base = side(
      [mod('go.mod', 'go 1.20')],
      [decl('Dockerfile', 'win/Dockerfile', '1.20', 'golang:1.20-windowsservercore-1809', 7)]
    );
    const head = side(
      [mod('go.mod', 'go 1.21.0')],
      [decl('Dockerfile', 'win/Dockerfile', '1.21.0', 'golang:1.21.0-nanoserver-ltsc2016', 7)]
    );
    // ltsc2016 is Windows Server 2016 (10.0.14393), which meets Go 1.21's Windows 10 / Server 2016 minimum.
    const ok = auditFindings(
      auditUpgrade(input(base, head, { runner: { os: 'Windows', arch: 'X64', release: '6.3.9600' } }))
    );
    expect(brief(ok.filter((f) => f.check === 'audit-platform'))).toEqual(['audit-platform go.mod:3']);
    const runnerLine = ok.find((f) => f.check === 'audit-platform' && f.file === 'go.mod')?.message;
    expect(runnerLine).toMatch(/runner Windows \(6\.3\.9600\): does not meet it/);
    expect(runnerLine).toMatch(/image golang:1\.21\.0-nanoserver-ltsc2016: meets it/);
  });

  test('a toolchain-only bump between supported minors: godebug and vet at the toolchain line, no support finding', () => {
    const r = auditUpgrade(
      input(
        side([mod('go.mod', 'go 1.21', 'toolchain go1.26.3')]),
        side([mod('go.mod', 'go 1.21', 'toolchain go1.27.0')])
      )
    );
    const fs = auditFindings(r);
    expect(brief(fs)).toEqual(['audit-godebug go.mod:4', 'audit-vet go.mod:4']);
    expect(fs[0].message).toBe(
      'toolchain go1.26.3 -> go1.27.0 (Go 1.26.3 -> 1.27.0): 7 GODEBUG defaults change (asynctimerchan, gotypesalias, tls10server, tls3des, tlsrsakex, tlsunsafeekm and 1 more), 7 by the toolchain alone'
    );
  });

  test('nothing changed: no findings; no base: one advice without a location', () => {
    expect(
      auditFindings(auditUpgrade(input(side([mod('go.mod', 'go 1.24.0')]), side([mod('go.mod', 'go 1.24.0')]))))
    ).toEqual([]);
    const fs = auditFindings(
      auditUpgrade({
        base: {
          status: 'no-base',
          ref: 'HEAD^1',
          reason: 'the base "HEAD^1" is not in this checkout (a shallow clone).',
          advice: 'Use fetch-depth: 0.'
        },
        head: side([mod('go.mod', 'go 1.24')]),
        platform: { os: 'linux', arch: 'x64' }
      })
    );
    expect(fs).toEqual([
      {
        check: 'audit-base',
        kind: 'advice',
        message:
          'upgrade audit skipped: the base "HEAD^1" is not in this checkout (a shallow clone). Use fetch-depth: 0.'
      }
    ]);
  });

  test('an image that moved with its module adds no finding of its own', () => {
    const r = auditUpgrade(
      input(
        side([mod('go.mod', 'go 1.23')], [decl('Dockerfile', 'Dockerfile', '1.23')]),
        side([mod('go.mod', 'go 1.24')], [decl('Dockerfile', 'Dockerfile', '1.24')])
      )
    );
    expect(auditFindings(r).filter((f) => f.file === 'Dockerfile')).toEqual([]);
  });
});
