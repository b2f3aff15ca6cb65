import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Facts, VulnFacts, VulnMatch } from '../../../src/verify/facts.js';
import { checkVulnerabilities } from '../../../src/verify/checks/vulnerabilities.js';
import { loadVulnFacts } from '../../../src/verify/vulndb/load.js';
import { buildVulnDb } from '../../../scripts/test-support/vulndb-fixture.mjs';
import { testFetchJson } from '../vulndb/vuln-server.js';
import { DEFAULT_SWITCHING } from '../../../src/plan/toolchain-switching.js';

function facts(version: string, vulns?: VulnFacts): Facts {
  return {
    mode: 'install',
    version,
    env: {},
    workspace: { modules: [], useTargets: [], declarations: [], problems: [] },
    switching: DEFAULT_SWITCHING,
    ...(vulns ? { vulns } : {})
  };
}

function match(id: string, extra: Partial<VulnMatch> = {}): VulnMatch {
  return {
    id,
    aliases: [],
    summary: `summary of ${id}`,
    module: 'stdlib',
    packages: [],
    url: `https://pkg.go.dev/vuln/${id}`,
    ...extra
  };
}

/** The parts of a finding message: id, aliases, summary, and what fixes it. */
function parse(message: string): { id: string; aliases: string[]; summary: string; fix: Record<string, string> } {
  const m =
    /^(\S+?)(?: \(([^)]*)\))?: (.*); (?:fixed in (\S+)|no fix in (\S+): upgrade to (\S+)|(no fix released yet))$/.exec(
      message
    );
  if (!m) throw new Error(`unparsable: ${message}`);
  const [, id, aliases, summary, fixedIn, noFixIn, upgradeTo, none] = m;
  const fix: Record<string, string> = fixedIn
    ? { fixedIn }
    : noFixIn
      ? { noFixIn, upgradeTo }
      : none
        ? { none: 'yes' }
        : {};
  return { id, aliases: aliases ? aliases.split(', ') : [], summary, fix };
}

describe('checkVulnerabilities', () => {
  test.each<[string, string, VulnMatch, ReturnType<typeof parse>]>([
    [
      'fixed in the installed minor',
      '1.22.3',
      match('GO-2024-2887', {
        aliases: ['CVE-2024-24790'],
        summary: 'Unexpected behavior in net/netip',
        fixedInMinor: '1.22.4',
        newestFix: '1.22.4'
      }),
      {
        id: 'GO-2024-2887',
        aliases: ['CVE-2024-24790'],
        summary: 'Unexpected behavior in net/netip',
        fix: { fixedIn: '1.22.4' }
      }
    ],
    [
      'no fix in this minor',
      '1.21.13',
      match('GO-2099-0001', { aliases: ['CVE-2099-0001', 'GHSA-aaaa-bbbb'], newestFix: '1.22.4' }),
      {
        id: 'GO-2099-0001',
        aliases: ['CVE-2099-0001', 'GHSA-aaaa-bbbb'],
        summary: 'summary of GO-2099-0001',
        fix: { noFixIn: '1.21', upgradeTo: '1.22.4' }
      }
    ],
    [
      'no fix at all, no aliases',
      '1.22rc1',
      match('GO-2099-0007'),
      { id: 'GO-2099-0007', aliases: [], summary: 'summary of GO-2099-0007', fix: { none: 'yes' } }
    ],
    [
      'rc fix',
      '1.23rc1',
      match('GO-2099-0006', { fixedInMinor: '1.23rc2', newestFix: '1.23rc2' }),
      { id: 'GO-2099-0006', aliases: [], summary: 'summary of GO-2099-0006', fix: { fixedIn: '1.23rc2' } }
    ]
  ])('%s', (_name, version, m, expected) => {
    const findings = checkVulnerabilities(facts(version, { status: 'checked', matches: [m], entriesRead: 3 }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ check: 'vulnerabilities', kind: 'advice' });
    expect(findings[0].file).toBeUndefined();
    expect(parse(findings[0].message)).toEqual(expected);
  });

  test('one finding per match, in order', () => {
    const matches = [
      match('GO-2024-2887', { fixedInMinor: '1.22.4' }),
      match('GO-2024-2963', { fixedInMinor: '1.22.5' })
    ];
    const findings = checkVulnerabilities(facts('1.22.3', { status: 'checked', matches, entriesRead: 7 }));
    expect(findings.map((f) => parse(f.message).id)).toEqual(['GO-2024-2887', 'GO-2024-2963']);
    expect(findings.map((f) => parse(f.message).fix)).toEqual([{ fixedIn: '1.22.4' }, { fixedIn: '1.22.5' }]);
  });

  test('unknown -> one warning with the reason', () => {
    const findings = checkVulnerabilities(
      facts('1.22.3', { status: 'unknown', reason: 'cannot read https://x/index/modules.json: HTTP 503' })
    );
    expect(findings).toEqual([
      {
        check: 'vulnerabilities',
        kind: 'advice',
        message: 'vulnerabilities: unknown: cannot read https://x/index/modules.json: HTTP 503'
      }
    ]);
  });

  test.each<[string, VulnFacts | undefined]>([
    ['checked, nothing found', { status: 'checked', matches: [], entriesRead: 12 }],
    ['skipped', { status: 'skipped', reason: 'check is off' }],
    ['absent', undefined]
  ])('%s -> no finding', (_name, vulns) => {
    expect(checkVulnerabilities(facts('1.22.3', vulns))).toEqual([]);
  });
});

describe('checkVulnerabilities on the default fixture database (file://)', () => {
  let dir: string;
  let fileUrl: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vulndb-check-'));
    ({ fileUrl } = await buildVulnDb(dir));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('1.22.3: ids, aliases and fixes in the messages', async () => {
    const vulns = await loadVulnFacts('1.22.3', { baseUrl: fileUrl, fetchJson: testFetchJson });
    const parsed = checkVulnerabilities(facts('1.22.3', vulns)).map((f) => parse(f.message));
    expect(parsed.map((p) => [p.id, p.aliases, p.fix])).toEqual([
      ['GO-2024-2887', ['CVE-2024-24790'], { fixedIn: '1.22.4' }],
      ['GO-2024-2888', ['CVE-2024-24789'], { fixedIn: '1.22.4' }],
      ['GO-2024-2963', ['CVE-2024-24791'], { fixedIn: '1.22.5' }],
      ['GO-2099-0001', ['CVE-2099-0001'], { noFixIn: '1.22', upgradeTo: '1.23.0' }],
      ['GO-2099-0002', ['CVE-2099-0002'], { fixedIn: '1.22.5' }],
      ['GO-2099-0007', [], { none: 'yes' }]
    ]);
  });

  test('1.23rc1: the prerelease regression, the unfixed one, and one fixed only in 1.23.0', async () => {
    const vulns = await loadVulnFacts('1.23rc1', { baseUrl: fileUrl, fetchJson: testFetchJson });
    const parsed = checkVulnerabilities(facts('1.23rc1', vulns)).map((f) => parse(f.message));
    expect(parsed.map((p) => [p.id, p.fix])).toEqual([
      ['GO-2099-0001', { fixedIn: '1.23.0' }],
      ['GO-2099-0006', { fixedIn: '1.23rc2' }],
      ['GO-2099-0007', { none: 'yes' }]
    ]);
  });
});
