// A generated fleet of setup-go-enforced reports, for the dashboard's tests, demo and benchmark.
//
// generateFleet({ dir, reports, seed }) writes `reports` realistic schemaVersion 3 reports (the
// newest of each repository's jobs, older ones they replace, the legs of a few matrix jobs) under
// dir/<owner>/<name>/<workflow>-<job>/, plus, unless extras is false: schemaVersion 2 reports
// (dir/legacy/), junk (dir/junk/: not JSON, empty, not a report, an unknown schemaVersion, a local
// report without a repository, a bad generatedAt, a file whose name is not report-like), and one
// hostile repository whose name, messages, file names and run link carry markup and mentions.
// Go versions run across 1.21-1.27 (1.26 and 1.27 supported); some repositories are behind on
// patches, vulnerable, failing (a go line the installed Go refuses, or a run that stopped), or
// drifting (a version file older than the installed Go).
//
// The result's `truth` is what the generator chose, per repository and in total, computed from its
// own choices (never by reading the files back), so tests compare the dashboard against it.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The newest patch of each minor in the generated world; 1.26 and 1.27 are supported. */
export const NEWEST_PATCH = { 21: 13, 22: 12, 23: 12, 24: 11, 25: 7, 26: 4, 27: 1 };
export const SUPPORTED_MINORS = [27, 26];
const MINOR_WEIGHTS = [
  [21, 5],
  [22, 8],
  [23, 12],
  [24, 15],
  [25, 20],
  [26, 22],
  [27, 18]
];
const OWNERS = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark', 'wayne', 'wonka', 'tyrell', 'cyberdyne'];
const WORDS = [
  'api',
  'billing',
  'search',
  'gateway',
  'auth',
  'ledger',
  'worker',
  'cli',
  'proxy',
  'metrics',
  'queue',
  'store'
];
const DAY = 86_400_000;

/** The hostile repository: markup in every text a report carries. */
export const HOSTILE = {
  repository: 'evil/<script>window.__pwned=1</script>"><img src=x onerror="window.__pwned=2">',
  message:
    'pwn <script>window.__pwned=3</script><img src=x onerror=window.__pwned=4> | a `tick` @octocat #1 [x](javascript:alert(1))\nsecond line',
  file: '"><svg onload=window.__pwned=5>/go.mod',
  runUrl: 'javascript:window.__pwned=6'
};

/** mulberry32: a small seeded PRNG, [0, 1). @param {number} seed */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @typedef {object} Leg  what one report says (the generator's choice)
 * @property {string | null} installed
 * @property {'supported' | 'unsupported' | 'unknown'} support
 * @property {'latest' | 'behind' | 'unknown'} patch
 * @property {number} vulns
 * @property {number} errorCount
 * @property {boolean} stopped
 * @property {number} driftCount
 * @property {string[]} goLines     effective go-line versions
 */

/**
 * `reports`: how many schemaVersion 3 reports to write (default 100); or `repositories`: how many
 * repositories to write reports of (then `reports` is what that takes).
 * @param {{ dir: string, reports?: number, repositories?: number, seed?: number, now?: number, extras?: boolean, hostile?: boolean, huge?: boolean, symlinkOut?: string }} opts
 */
export function generateFleet(opts) {
  const dir = opts.dir;
  const repoTarget = opts.repositories;
  const target = repoTarget !== undefined ? Infinity : (opts.reports ?? 100);
  const rnd = prng(opts.seed ?? 1);
  const now = opts.now ?? Date.parse('2026-06-01T12:00:00Z');
  const extras = opts.extras ?? true;
  const hostile = opts.hostile ?? true;
  const pick = (/** @type {any[]} */ xs) => xs[Math.floor(rnd() * xs.length)];
  const int = (/** @type {number} */ lo, /** @type {number} */ hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const weighted = () => {
    let x = rnd() * 100;
    for (const [m, w] of MINOR_WEIGHTS) if ((x -= w) < 0) return m;
    return 27;
  };
  /** @type {string[]} */
  const files = [];
  /** @type {{ repository: string, workflow: string, job: string, legs: Leg[], ageSeconds: number }[]} */
  const rows = [];
  let written = 0;
  let superseded = 0;
  let runId = 9_000_000;

  const write = (/** @type {string} */ rel, /** @type {string} */ text) => {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    files.push(file);
    return file;
  };

  /** One report's choices. @param {{ minor?: number, failing?: boolean }} [force] @returns {Leg & { minor: number, patchN: number }} */
  const chooseLeg = (force = {}) => {
    const minor = force.minor ?? weighted();
    const newest = NEWEST_PATCH[/** @type {keyof typeof NEWEST_PATCH} */ (minor)];
    const behind = rnd() < 0.4;
    const patchN = behind ? int(0, newest - 1) : newest;
    const manifestRead = rnd() >= 0.05;
    const stopped = force.failing === undefined ? rnd() < 0.03 : false;
    const goBreak = force.failing ?? (!stopped && rnd() < 0.08);
    const vulnStatus = rnd() < 0.03 ? 'unknown' : 'checked';
    const vulns =
      stopped || vulnStatus !== 'checked'
        ? 0
        : behind && rnd() < 0.6
          ? int(1, 3)
          : !SUPPORTED_MINORS.includes(minor) && rnd() < 0.3
            ? int(1, 2)
            : 0;
    const drift = !stopped && rnd() < 0.12 ? int(1, 2) : 0;
    const nullGo = !goBreak && rnd() < 0.05;
    const goLines = stopped
      ? []
      : [
          goBreak
            ? `1.${minor + 1}`
            : nullGo
              ? '1.16'
              : `1.${Math.max(21, minor - int(0, 2))}${rnd() < 0.5 ? '.0' : ''}`,
          ...(rnd() < 0.3 ? [`1.${Math.max(21, minor - 1)}`] : [])
        ];
    return {
      minor,
      patchN,
      installed: stopped ? null : `1.${minor}.${patchN}`,
      support: stopped || !manifestRead ? 'unknown' : SUPPORTED_MINORS.includes(minor) ? 'supported' : 'unsupported',
      patch: stopped || !manifestRead ? 'unknown' : behind ? 'behind' : 'latest',
      vulns,
      errorCount: goBreak ? 1 : 0,
      stopped,
      driftCount: drift,
      goLines,
      nullGo,
      vulnStatus
    };
  };

  /**
   * The report JSON of a leg.
   * @param {any} leg @param {{ repository: string, workflow: string, job: string, runId: number, attempt: number, generatedAt: number, schema?: number, hostile?: boolean }} at
   */
  const reportOf = (leg, at) => {
    const hostileText = at.hostile ? HOSTILE.message : '';
    const version = leg.installed;
    const minor = `1.${leg.minor}`;
    /** @type {any[]} */
    const findings = [];
    const check = (
      /** @type {string} */ id,
      /** @type {string} */ status,
      /** @type {string} */ message,
      /** @type {any[]} */ fs = []
    ) => {
      findings.push(...fs);
      return { id, setting: 'default', status, message, findings: fs };
    };
    const checks = leg.stopped
      ? []
      : [
          check('installed-version', 'pass', `go${version} in /opt/hostedtoolcache/go/${version}/x64, first on PATH`),
          check('environment', 'pass', `previous Go none -> ${version}`),
          check('files', 'pass', `${leg.goLines.length + (leg.driftCount ? 1 : 0)} files read and parsed`),
          leg.errorCount
            ? check(
                'go-directive',
                'error',
                `go ${leg.goLines[0]} requires Go >= ${leg.goLines[0]}, but ${version} is installed`,
                [
                  {
                    check: 'go-directive',
                    kind: 'break',
                    severity: 'error',
                    message:
                      `go ${leg.goLines[0]} requires Go >= ${leg.goLines[0]}, but ${version} is installed: Go refuses to build it` +
                      (at.hostile ? ` ${hostileText}` : ''),
                    file: at.hostile ? HOSTILE.file : 'go.mod',
                    line: 3
                  }
                ]
              )
            : check('go-directive', 'pass', `${leg.goLines.length} go.mod/go.work files satisfied by ${version}`),
          check('toolchain-directive', 'pass', 'go.mod has no toolchain line'),
          check('workspace', 'pass', 'no go.work in scope'),
          leg.driftCount
            ? check(
                'version-files',
                'warning',
                `.go-version states Go 1.${leg.minor - 1}, older than the ${version} installed here`,
                Array.from({ length: leg.driftCount }, (_, i) => ({
                  check: 'version-files',
                  kind: 'drift',
                  severity: 'warning',
                  message: `${i === 0 ? '.go-version' : 'Dockerfile'} states Go 1.${leg.minor - 1}, older than the ${version} installed here${at.hostile ? ` ${hostileText}` : ''}`,
                  file: i === 0 ? '.go-version' : 'build/Dockerfile',
                  line: i === 0 ? 1 : 2
                }))
              )
            : check('version-files', 'pass', 'no version files in scope'),
          leg.support === 'unknown'
            ? check('supported-release', 'skipped', 'the release manifest was not read')
            : leg.support === 'supported'
              ? check('supported-release', 'pass', `Go ${minor} is supported`)
              : check(
                  'supported-release',
                  'warning',
                  `Go ${minor} is no longer supported (Go ${version}); supported minors: 1.27 and 1.26`,
                  [
                    {
                      check: 'supported-release',
                      kind: 'advice',
                      severity: 'warning',
                      message: `Go ${minor} is no longer supported (Go ${version}); supported minors: 1.27 and 1.26`
                    }
                  ]
                ),
          leg.patch === 'unknown'
            ? check('latest-patch', 'skipped', 'the release manifest was not read')
            : leg.patch === 'latest'
              ? check('latest-patch', 'pass', `Go ${version} is the newest release of ${minor}`)
              : check(
                  'latest-patch',
                  'warning',
                  `Go ${version} is not the newest release of ${minor}: ${minor}.${NEWEST_PATCH[/** @type {keyof typeof NEWEST_PATCH} */ (leg.minor)]} is available`,
                  [
                    {
                      check: 'latest-patch',
                      kind: 'advice',
                      severity: 'warning',
                      message: `Go ${version} is not the newest release of ${minor}: ${minor}.${NEWEST_PATCH[/** @type {keyof typeof NEWEST_PATCH} */ (leg.minor)]} is available`
                    }
                  ]
                ),
          leg.vulns
            ? check('vulnerabilities', 'warning', `${leg.vulns} known vulnerabilities affect Go ${version}`, [
                {
                  check: 'vulnerabilities',
                  kind: 'advice',
                  severity: 'warning',
                  message: `${leg.vulns} known vulnerabilities affect Go ${version}`
                }
              ])
            : check('vulnerabilities', leg.vulnStatus === 'checked' ? 'pass' : 'warning', 'no known vulnerability')
        ];
    const modules = leg.goLines.map((/** @type {string} */ g, /** @type {number} */ i) => ({
      path: i === 0 ? 'go.mod' : `svc/${WORDS[i % WORDS.length]}/go.mod`,
      kind: 'go.mod',
      go: i === 0 && leg.nullGo ? null : g,
      goLine: i === 0 && leg.nullGo ? null : 3,
      toolchain: null,
      toolchainLine: null,
      module: `example.com/${at.repository}${i ? `/svc${i}` : ''}`
    }));
    const matches = Array.from({ length: leg.vulns }, (_, i) => {
      const id = `GO-2026-${String(4000 + ((leg.minor * 7 + i * 13) % 500)).padStart(4, '0')}`;
      return {
        id,
        aliases: [`CVE-2026-${10000 + i}`],
        summary: `net/http: a problem ${i + 1}${at.hostile ? ` ${hostileText}` : ''}`,
        module: 'stdlib',
        packages: ['net/http'],
        fixedInMinor: `${minor}.${leg.patchN + 1}`,
        url: `https://pkg.go.dev/vuln/${id}`
      };
    });
    const errorCount = findings.filter((f) => f.severity === 'error').length;
    const report = {
      schemaVersion: at.schema ?? 3,
      ...(at.schema === 2
        ? {}
        : {
            generatedAt: new Date(at.generatedAt).toISOString(),
            source: {
              origin: 'runner',
              repository: at.repository,
              serverUrl: 'https://github.com',
              ref: 'refs/heads/main',
              sha: (at.runId * 2654435761).toString(16).padStart(40, '0').slice(-40),
              workflow: at.workflow,
              job: at.job,
              // strings, as the runner's environment has them (src/report/source.ts)
              runId: String(at.runId),
              runAttempt: String(at.attempt),
              runUrl: at.hostile
                ? HOSTILE.runUrl
                : `https://github.com/${at.repository}/actions/runs/${at.runId}${at.attempt > 1 ? `/attempts/${at.attempt}` : ''}`,
              event: 'push'
            },
            audit: null
          }),
      action: { name: 'setup-go-enforced', version: '1.0.0' },
      mode: 'install',
      request: leg.stopped
        ? null
        : { spec: leg.goLines[0] ?? minor, kind: 'minimum', from: 'go.mod:3', file: 'go.mod', line: 3 },
      resolution: version
        ? { version, sha256Verified: true, toolchainCacheHit: false, goRoot: `/opt/hostedtoolcache/go/${version}/x64` }
        : null,
      previousGo: null,
      environment: {},
      outputs: version ? { 'go-version': version } : {},
      checks,
      findings,
      consistent: errorCount === 0,
      errorCount,
      mismatchCount: errorCount,
      onMismatch: 'fail',
      consistency: 'compatible',
      error: leg.stopped
        ? {
            message: `go.mod:3: go 1.99 is not a released Go version (expected one of the manifest's)${at.hostile ? ` ${hostileText}` : ''}`,
            file: 'go.mod',
            line: 3
          }
        : null,
      root: leg.stopped ? null : 'go.mod',
      modules,
      versionFiles: leg.driftCount
        ? [
            {
              kind: '.go-version',
              file: '.go-version',
              line: 1,
              raw: `1.${leg.minor - 1}`,
              version: `1.${leg.minor - 1}`
            }
          ]
        : [],
      vulnerabilities: leg.stopped
        ? null
        : leg.vulnStatus === 'checked'
          ? { status: 'checked', entriesRead: 400, matches }
          : { status: 'unknown', reason: 'could not download the Go vulnerability database' },
      matrix: null,
      warnings: [],
      cache: null
    };
    return JSON.stringify(report, null, 2);
  };

  /** Writes one repository job: the newest report, maybe older ones and matrix legs. */
  const job = (
    /** @type {string} */ repository,
    /** @type {string} */ workflow,
    /** @type {string} */ jobName,
    /** @type {boolean} */ isHostile
  ) => {
    const base = `${isHostile ? 'evil/hostile' : repository}/${workflow}-${jobName}`;
    const ageMs = isHostile ? 3_600_000 : Math.floor(rnd() * 30 * DAY);
    const generatedAt = now - ageMs;
    const attempt = rnd() < 0.1 ? 2 : 1;
    const id = ++runId;
    const legs = [chooseLeg(isHostile ? { minor: 24, failing: true } : {})];
    if (isHostile)
      Object.assign(legs[0], {
        driftCount: 1,
        vulns: 1,
        vulnStatus: 'checked',
        support: 'unsupported',
        patch: 'behind',
        patchN: 3,
        installed: '1.24.3'
      });
    if (!isHostile && written + 2 <= target && rnd() < 0.03) {
      const other = chooseLeg({ minor: legs[0].minor === 27 ? 26 : 27 });
      legs.push(other);
    }
    legs.forEach((leg, i) => {
      write(
        `${base}/${i === 0 ? 'report.json' : `report-go${leg.installed ?? 'none'}.json`}`,
        reportOf(leg, {
          repository,
          workflow,
          job: jobName,
          runId: id,
          attempt,
          generatedAt: generatedAt - i * 1000,
          hostile: isHostile
        })
      );
      written++;
    });
    // older reports of the same job, which the newest replaces
    if (!isHostile && written < target && rnd() < 0.15) {
      const older = chooseLeg({ failing: true });
      write(
        `${base}/old/report.json`,
        reportOf(older, {
          repository,
          workflow,
          job: jobName,
          runId: id - 5000,
          attempt: 1,
          generatedAt: generatedAt - int(2, 40) * DAY
        })
      );
      written++;
      superseded++;
    }
    rows.push({ repository, workflow, job: jobName, legs, ageSeconds: Math.floor(ageMs / 1000) });
  };

  let n = 0;
  if (hostile && target > 0 && repoTarget !== 0) job(HOSTILE.repository, 'ci', 'test', true);
  const more = () => (repoTarget !== undefined ? n + (hostile ? 1 : 0) < repoTarget : written < target);
  while (more()) {
    n++;
    const repository = `${pick(OWNERS)}/${pick(WORDS)}-${pick(WORDS)}-${n}`;
    job(repository, 'ci', 'test', false);
    if (written < target && rnd() < 0.1) job(repository, 'lint', 'golangci', false);
  }

  /** @type {Record<string, number>} */
  const skippedByKind = {};
  let legacy = 0;
  if (extras) {
    legacy = Math.max(1, Math.round(written * 0.01));
    for (let i = 0; i < legacy; i++) {
      write(
        `legacy/old-${i}-report.json`,
        reportOf(chooseLeg(), {
          repository: `legacy/r${i}`,
          workflow: 'ci',
          job: 'test',
          runId: 1,
          attempt: 1,
          generatedAt: now - 90 * DAY,
          schema: 2
        })
      );
    }
    skippedByKind['schema-2'] = legacy;
    write('junk/not-json-report.json', 'this is not JSON {');
    write('junk/empty-report.json', '');
    write('junk/package-report.json', JSON.stringify({ name: 'not-a-report', version: '1.0.0' }));
    skippedByKind['not-json'] = 2;
    skippedByKind['not-a-report'] = 1;
    write(
      'junk/future-report.json',
      JSON.stringify({ schemaVersion: 99, action: { name: 'setup-go-enforced', version: '9.0.0' } })
    );
    skippedByKind['unknown-schema'] = 1;
    const local = JSON.parse(
      reportOf(chooseLeg(), { repository: 'x/y', workflow: 'ci', job: 'test', runId: 1, attempt: 1, generatedAt: now })
    );
    local.source = { origin: 'local' };
    write('junk/local-report.json', JSON.stringify(local));
    skippedByKind['no-repository'] = 1;
    const badTime = JSON.parse(
      reportOf(chooseLeg(), { repository: 'x/z', workflow: 'ci', job: 'test', runId: 1, attempt: 1, generatedAt: now })
    );
    badTime.generatedAt = 'yesterday';
    write('junk/bad-time-report.json', JSON.stringify(badTime));
    skippedByKind.invalid = 1;
    // not report-named: a folder argument does not read it (a glob does)
    write('junk/notes.json', JSON.stringify({ note: 'not a report' }));
    if (opts.huge) {
      write('junk/huge-report.json', `{"pad":"${'x'.repeat(5 * 1024 * 1024)}"}`);
      skippedByKind['too-large'] = 1;
    }
    if (opts.symlinkOut) {
      const link = path.join(dir, 'junk', 'outside-report.json');
      symlinkSync(opts.symlinkOut, link);
      skippedByKind['outside-root'] = 1;
    }
  }

  // The truth: per repository from the generator's own choices.
  /** @type {Map<string, Leg[]>} */
  const byRepo = new Map();
  for (const r of rows) byRepo.set(r.repository, [...(byRepo.get(r.repository) ?? []), ...r.legs]);
  const totals = {
    repositories: byRepo.size,
    rows: rows.reduce((a, r) => a + r.legs.length, 0),
    supported: 0,
    unsupported: 0,
    supportUnknown: 0,
    behindOnPatches: 0,
    vulnerable: 0,
    failing: 0,
    drifting: 0
  };
  for (const legs of byRepo.values()) {
    if (legs.some((l) => l.support === 'unsupported')) totals.unsupported++;
    else if (legs.some((l) => l.support === 'supported')) totals.supported++;
    else totals.supportUnknown++;
    if (legs.some((l) => l.patch === 'behind')) totals.behindOnPatches++;
    if (legs.some((l) => l.vulns > 0)) totals.vulnerable++;
    if (legs.some((l) => l.errorCount > 0 || l.stopped)) totals.failing++;
    if (legs.some((l) => l.driftCount > 0)) totals.drifting++;
  }
  return {
    dir,
    reports: written,
    files,
    truth: {
      totals,
      superseded,
      legacy,
      skippedByKind,
      rows: rows.map((r) => ({ ...r, legs: r.legs.map((l) => ({ ...l })) })),
      hostile: hostile ? HOSTILE : null
    }
  };
}
