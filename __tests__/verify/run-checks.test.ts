import { InputError } from '../../src/errors.js';
import { readFileSync } from 'node:fs';
import { AUDIT_CHECK_IDS, CHECK_IDS, type CheckId } from '../../src/verify/checks/ids.js';
import { type CheckFinding, type SeveritySetting } from '../../src/verify/findings.js';
import {
  parseChecksInput,
  parseConsistency,
  parseOnMismatch,
  runChecks,
  severityOf,
  type CheckOptions
} from '../../src/verify/run-checks.js';
import { CHECKS, checksInOrder } from '../../src/verify/checks/registry.js';
import { decl, facts, mod, releases } from './checks/facts-fixture.js';

const opts = (over: Partial<CheckOptions> = {}): CheckOptions => ({
  overrides: new Map(),
  onMismatch: 'fail',
  consistency: 'compatible',
  ...over
});

describe('parseChecksInput', () => {
  test.each<[string, [CheckId, SeveritySetting][]]>([
    ['', []],
    ['go-directive: warning', [['go-directive', 'warning']]],
    [
      '\n# comment\nlatest-patch: off\n\n  version-files :  ERROR  # trailing\r\n',
      [
        ['latest-patch', 'off'],
        ['version-files', 'error']
      ]
    ],
    [
      'vulnerabilities: error\nsupported-release: off',
      [
        ['vulnerabilities', 'error'],
        ['supported-release', 'off']
      ]
    ]
  ])('%j', (text, entries) => {
    expect([...parseChecksInput(text)]).toEqual(entries);
  });

  test.each<[string, RegExp]>([
    [
      'go-version: off',
      /^input checks: line 1: unknown check "go-version" \(expected one of installed-version, .*audit-left-behind\)$/
    ],
    ['\ngo-directive: fatal', /^input checks: line 2: unknown severity "fatal"/],
    ['go-directive warning', /^input checks: line 1: .*is not "<check-id>: off\|warning\|error"/],
    ['go-directive: off\ngo-directive: error', /^input checks: line 2: go-directive is already set on line 1$/],
    ['go-directive:', /^input checks: line 1: unknown severity ""/]
  ])('%j is rejected', (text, message) => {
    expect(() => parseChecksInput(text)).toThrow(InputError);
    expect(() => parseChecksInput(text)).toThrow(message);
  });
});

describe('parseOnMismatch', () => {
  test.each([
    ['', 'fail'],
    ['fail', 'fail'],
    [' warn ', 'warn'],
    ['WARN', 'warn']
  ])('%j -> %s', (text, value) => {
    expect(parseOnMismatch(text)).toBe(value);
  });

  test('anything else names the input', () => {
    expect(() => parseOnMismatch('ignore')).toThrow(
      /^input on-mismatch: "ignore" is not valid \(expected fail or warn\)$/
    );
  });
});

describe('parseConsistency', () => {
  test.each([
    ['', 'compatible'],
    ['compatible', 'compatible'],
    [' EXACT ', 'exact']
  ])('%j -> %s', (text, value) => {
    expect(parseConsistency(text)).toBe(value);
  });

  test('anything else names the input', () => {
    expect(() => parseConsistency('strict')).toThrow(
      /^input consistency: "strict" is not valid \(expected compatible or exact\)$/
    );
  });
});

describe('severityOf: kind, then consistency, then the checks input', () => {
  const f = (kind: CheckFinding['kind']): CheckFinding => ({ check: 'version-files', kind, message: 'm' });
  test.each<[CheckFinding['kind'], 'compatible' | 'exact', 'error' | 'warning' | undefined, string]>([
    ['break', 'compatible', undefined, 'error'],
    ['break', 'exact', undefined, 'error'],
    ['drift', 'compatible', undefined, 'warning'],
    ['drift', 'exact', undefined, 'error'],
    ['advice', 'compatible', undefined, 'warning'],
    ['advice', 'exact', undefined, 'warning'],
    ['break', 'compatible', 'warning', 'warning'],
    ['drift', 'compatible', 'error', 'error'],
    ['advice', 'exact', 'error', 'error'],
    ['drift', 'exact', 'warning', 'warning']
  ])('%s, consistency %s, setting %s -> %s', (kind, consistency, setting, want) => {
    expect(severityOf(f(kind), consistency, setting)).toBe(want);
  });
});

describe('the registry', () => {
  test('one entry per check id, in the order of CHECK_IDS', () => {
    expect(Object.keys(CHECKS).sort()).toEqual([...CHECK_IDS].sort());
    expect(checksInOrder().map(([id]) => id)).toEqual([...CHECK_IDS]);
  });

  test("action.yml's checks input lists exactly these ids", () => {
    const yml = readFileSync(new URL('../../action.yml', import.meta.url), 'utf8');
    const listed = /Ids: ([a-z, -]+)\./.exec(yml)?.[1].split(', ');
    expect(listed).toEqual([...CHECK_IDS]);
  });
});

describe('runChecks', () => {
  const ahead = facts({
    releases: releases('1.22.12', '1.21.13'),
    vulns: { status: 'checked', matches: [], entriesRead: 10 },
    workspace: {
      modules: [mod('go.mod', '1.22'), mod('svc/go.mod', '1.23'), mod('old/go.mod')],
      useTargets: [],
      declarations: [decl('.go-version', '.go-version', '1.22')],
      problems: []
    }
  });

  test('runs every registered check in registry order', () => {
    const out = runChecks(ahead, opts());
    expect(out.results.map((r) => r.id)).toEqual([...CHECK_IDS]);
  });

  test('a module ahead of the installed Go is an error; the missing go line is a warning', () => {
    const out = runChecks(ahead, opts());
    const gd = out.results.find((r) => r.id === 'go-directive')!;
    expect(gd.status).toBe('error');
    expect(gd.findings.map((f) => [f.file, f.severity])).toEqual([
      ['svc/go.mod', 'error'],
      ['old/go.mod', 'warning']
    ]);
    expect(gd.message).toMatch(/\(\+1 more\)$/);
    expect(out.consistent).toBe(false);
    expect(out.errorCount).toBe(1);
    expect(out.mismatchCount).toBe(1);
    // every other check passes; the audit classes are skipped without an audit
    const others = out.results.filter((r) => r.id !== 'go-directive');
    const checks = CHECK_IDS.length - AUDIT_CHECK_IDS.length - 1;
    expect(others.filter((r) => !r.id.startsWith('audit-')).map((r) => r.status)).toEqual(Array(checks).fill('pass'));
    expect(others.filter((r) => r.id.startsWith('audit-')).map((r) => r.status)).toEqual(
      Array(AUDIT_CHECK_IDS.length).fill('skipped')
    );
  });

  test('on-mismatch warn turns errors into warnings but stays inconsistent', () => {
    const out = runChecks(ahead, opts({ onMismatch: 'warn' }));
    expect(out.findings.every((f) => f.severity === 'warning')).toBe(true);
    expect(out.results.find((r) => r.id === 'go-directive')!.status).toBe('warning');
    expect(out.consistent).toBe(false);
    expect(out.errorCount).toBe(0);
    expect(out.mismatchCount).toBe(1);
  });

  test('severity override warning makes the run consistent', () => {
    const out = runChecks(ahead, opts({ overrides: new Map([['go-directive', 'warning']]) }));
    expect(out.consistent).toBe(true);
    expect(out.errorCount).toBe(0);
    expect(out.results.find((r) => r.id === 'go-directive')).toMatchObject({ setting: 'warning', status: 'warning' });
  });

  test('off drops the check and its findings', () => {
    const out = runChecks(ahead, opts({ overrides: new Map([['go-directive', 'off']]) }));
    expect(out.results.find((r) => r.id === 'go-directive')).toMatchObject({ status: 'off', findings: [] });
    expect(out.findings.some((f) => f.check === 'go-directive')).toBe(false);
    expect(out.consistent).toBe(true);
  });

  test('an error setting makes every finding of that check an error', () => {
    const f = facts({ version: '1.22.3', releases: releases('1.22.12', '1.21.13') });
    const out = runChecks(f, opts({ overrides: new Map([['latest-patch', 'error']]) }));
    expect(out.results.find((r) => r.id === 'latest-patch')!.status).toBe('error');
    const all = runChecks(ahead, opts({ overrides: new Map([['go-directive', 'error']]) }));
    expect(all.results.find((r) => r.id === 'go-directive')!.findings.map((x) => x.severity)).toEqual([
      'error',
      'error'
    ]);
  });

  test('consistency exact turns drift into errors, not advice', () => {
    const drift = facts({
      version: '1.22.12',
      releases: releases('1.22.12', '1.22.3', '1.21.13'),
      workspace: {
        modules: [mod('go.mod', '1.22')],
        useTargets: [],
        declarations: [decl('.go-version', '.go-version', '1.22.3')],
        problems: []
      }
    });
    const compatible = runChecks(drift, opts());
    expect(compatible.findings.map((f) => [f.check, f.kind, f.severity])).toEqual([
      ['version-files', 'drift', 'warning']
    ]);
    expect(compatible.consistent).toBe(true);
    const exact = runChecks(drift, opts({ consistency: 'exact' }));
    expect(exact.findings.map((f) => [f.check, f.kind, f.severity])).toEqual([['version-files', 'drift', 'error']]);
    expect(exact.consistent).toBe(false);
    const stale = runChecks(
      { ...drift, version: '1.22.3', workspace: { ...drift.workspace, declarations: [] } },
      opts({ consistency: 'exact' })
    );
    expect(stale.findings.map((f) => [f.check, f.kind, f.severity])).toEqual([['latest-patch', 'advice', 'warning']]);
  });

  test.each<[string, Parameters<typeof facts>[0], Partial<Record<string, string>>]>([
    [
      'plan mode: no installed Go',
      { mode: 'plan', installed: undefined },
      { 'installed-version': 'skipped', environment: 'skipped', vulnerabilities: 'skipped' }
    ],
    ['no manifest', { releases: undefined }, { 'supported-release': 'skipped', 'latest-patch': 'skipped' }],
    [
      'a go that did not say its version (verify mode, it could not run)',
      {
        mode: 'verify',
        version: '',
        installed: { expected: '', expectedRoot: '/opt/go', error: 'go: cannot find GOROOT directory: /old' }
      },
      {
        'installed-version': 'error',
        'go-directive': 'skipped',
        'toolchain-directive': 'skipped',
        'version-files': 'skipped',
        godebug: 'skipped',
        'supported-release': 'skipped',
        'latest-patch': 'skipped',
        vulnerabilities: 'skipped'
      }
    ],
    ['no vulnerability facts', { vulns: undefined }, { vulnerabilities: 'skipped' }],
    [
      'vulnerabilities skipped by the collector',
      { vulns: { status: 'skipped', reason: 'turned off' } },
      { vulnerabilities: 'skipped' }
    ]
  ])('%s -> skipped with a reason', (_name, over, statuses) => {
    const out = runChecks(
      facts({ releases: releases('1.22.12'), vulns: { status: 'checked', matches: [], entriesRead: 1 }, ...over }),
      opts()
    );
    for (const r of out.results) {
      // without an audit its classes are skipped
      const expected = statuses[r.id] ?? (r.id.startsWith('audit-') ? 'skipped' : 'pass');
      expect([r.id, r.status]).toEqual([r.id, expected]);
      if (r.status === 'skipped') expect(r.message).not.toBe('');
    }
  });

  test('the environment result carries the previous Go when it passes', () => {
    const out = runChecks(facts({ env: { previousGo: { path: '/usr/bin/go', version: '1.21.5' } } }), opts());
    expect(out.results.find((r) => r.id === 'environment')!.message).toContain('1.21.5 (/usr/bin/go) -> 1.22.12');
  });
});
