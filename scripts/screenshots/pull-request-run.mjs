// The pull request the screenshots show, run for real: a git repository for acme/shop whose pull
// request #128 moves go.mod from go 1.24.0 to go 1.26.0 (and the Dockerfile and the lint workflow
// with it) but forgets deploy/worker.Dockerfile and .go-version, checked out as actions/checkout
// does (HEAD is the merge commit, its first parent the base), then the bundled action
// (dist/index.js, through scripts/test-support/run-action.mjs) installing Go 1.26.0 from the local
// mirror (a synthetic toolchain, the fixture manifest, a small vulnerability database), with the
// runner's environment of a pull_request run. The run fails: two statements cannot build the
// module any more. Its job summary, annotations, JSON report and audit-file are what the pages
// render; nothing is made up after the run.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runAction, DEFAULT_DIST } from '../test-support/run-action.mjs';
import { startMirror } from '../test-support/mirror.mjs';
import { HOST_GOARCH, buildSyntheticToolchain } from '../test-support/toolchains.mjs';
import { buildFixtureManifest } from '../test-support/manifest-fixture.mjs';
import { buildVulnDb } from '../test-support/vulndb-fixture.mjs';

export const REPOSITORY = 'acme/shop';
export const PULL_NUMBER = 128;
export const PULL_TITLE = 'Bump Go to 1.26';
export const HEAD_BRANCH = 'bump-go-1.26';
export const WORKFLOW = 'ci';
export const JOB = 'go';
export const RUN_ID = '19633004417';
export const INSTALLED = '1.26.0';

const MAIN_GO = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("shop")\n}\n';

/** The base branch (main): a service on Go 1.24.0. */
export const BASE_FILES = {
  'go.mod': 'module example.com/shop\n\ngo 1.24.0\n',
  'cmd/shop/main.go': MAIN_GO,
  'cmd/migrate/main.go': '//go:debug tlssha1=1\n\n' + MAIN_GO,
  Dockerfile: [
    'FROM golang:1.24-bookworm AS build',
    'WORKDIR /src',
    'COPY . .',
    'RUN CGO_ENABLED=0 go build -o /out/shop ./cmd/shop',
    '',
    'FROM gcr.io/distroless/static-debian12',
    'COPY --from=build /out/shop /shop',
    'ENTRYPOINT ["/shop"]',
    ''
  ].join('\n'),
  'deploy/worker.Dockerfile': [
    '# The queue worker, built by the deploy pipeline.',
    '',
    'FROM golang:1.24-alpine AS build',
    'WORKDIR /src',
    'COPY . .',
    'RUN go build -o /out/worker ./cmd/shop',
    ''
  ].join('\n'),
  '.go-version': '1.24.13\n',
  // the workflow whose job this run is: the action reads go.mod
  '.github/workflows/ci.yml': [
    'name: ci',
    'on: [push, pull_request]',
    'permissions:',
    '  contents: read',
    'jobs:',
    '  go:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v5',
    '        with:',
    '          fetch-depth: 2',
    '      - uses: org/setup-go-enforced@v1',
    '      - run: go test ./...',
    ''
  ].join('\n'),
  // another workflow that states a Go of its own
  '.github/workflows/lint.yml': [
    'name: lint',
    'on: [push, pull_request]',
    'permissions:',
    '  contents: read',
    'jobs:',
    '  golangci:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v5',
    '      - uses: actions/setup-go@v6',
    '        with:',
    "          go-version: '1.24'",
    '      - uses: golangci/golangci-lint-action@v8',
    ''
  ].join('\n')
};

/** The pull request: the go line, a godebug line, the main image and the workflow move. */
export const HEAD_CHANGES = {
  'go.mod': 'module example.com/shop\n\ngo 1.26.0\n\ngodebug updatemaxprocs=0\n',
  Dockerfile: BASE_FILES.Dockerfile.replace('golang:1.24-bookworm', 'golang:1.26-bookworm'),
  '.github/workflows/lint.yml': BASE_FILES['.github/workflows/lint.yml'].replace("'1.24'", "'1.26'")
};

/** Vulnerability entries in the shape of the Go database (invented ids of the year 2099). */
export const VULNS = [
  {
    id: 'GO-2099-0101',
    aliases: ['CVE-2099-31001'],
    summary: 'Request smuggling through invalid chunked data in net/http',
    ranges: [['0', '1.24.2']],
    packages: ['net/http']
  },
  {
    id: 'GO-2099-0102',
    aliases: ['CVE-2099-31002'],
    summary: 'Sensitive headers kept on a cross-origin redirect in net/http',
    ranges: [['0', '1.24.4']],
    packages: ['net/http']
  },
  {
    id: 'GO-2099-0103',
    aliases: ['CVE-2099-31003'],
    summary: 'Excessive CPU use parsing crafted certificates in crypto/x509',
    ranges: [
      ['0', '1.25.6'],
      ['1.26.0-0', '1.26.2']
    ],
    packages: ['crypto/x509']
  },
  {
    id: 'GO-2099-0104',
    aliases: ['CVE-2099-31004'],
    summary: 'Unbounded memory use reading crafted archives in archive/tar',
    ranges: [['0', '1.24.0']],
    packages: ['archive/tar']
  }
];

/**
 * @typedef {object} PullRequestRun
 * @property {import('../test-support/run-action.mjs').RunResult} run
 * @property {any} report          the JSON report
 * @property {string} audit        the audit-file (the pull-request comment)
 * @property {string} diff         git diff of the pull request (base..head)
 * @property {Record<string, string>} headFiles  every file of the head, by path
 * @property {string} baseSha
 * @property {string} mergeSha
 * @property {string} headSha
 */

/**
 * @param {{ scratch: string, dist?: string }} o  scratch: an empty folder for the repository,
 *   the mirror's archives, the tool cache and RUNNER_TEMP
 * @returns {Promise<PullRequestRun>}
 */
export async function runPullRequest({ scratch, dist = DEFAULT_DIST }) {
  const repo = path.join(scratch, 'shop');
  mkdirSync(repo, { recursive: true });
  const git = (/** @type {string[]} */ ...args) =>
    execFileSync('git', args, {
      cwd: repo,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Dana Developer',
        GIT_AUTHOR_EMAIL: 'dana@example.com',
        GIT_COMMITTER_NAME: 'Dana Developer',
        GIT_COMMITTER_EMAIL: 'dana@example.com',
        GIT_AUTHOR_DATE: '2026-11-30T09:00:00Z',
        GIT_COMMITTER_DATE: '2026-11-30T09:00:00Z',
        GIT_CONFIG_NOSYSTEM: '1',
        HOME: scratch
      }
    }).trim();
  const write = (/** @type {Record<string, string>} */ files) => {
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
      writeFileSync(path.join(repo, rel), text);
    }
  };
  git('init', '-q', '-b', 'main');
  write(BASE_FILES);
  git('add', '-A');
  git('commit', '-q', '-m', 'shop: Go 1.24');
  const baseSha = git('rev-parse', 'HEAD');
  git('checkout', '-q', '-b', HEAD_BRANCH);
  write(HEAD_CHANGES);
  git('add', '-A');
  git('commit', '-q', '-m', PULL_TITLE);
  const headSha = git('rev-parse', 'HEAD');
  // actions/checkout of refs/pull/128/merge: the merge commit, detached
  git('checkout', '-q', 'main');
  git('merge', '-q', '--no-ff', '-m', `Merge ${headSha} into ${baseSha}`, HEAD_BRANCH);
  const mergeSha = git('rev-parse', 'HEAD');
  git('checkout', '-q', '--detach', mergeSha);
  const diff = git('diff', '--no-color', '--no-prefix', '-U3', `${baseSha}..${headSha}`);

  const mirror = await startMirror();
  try {
    const goos = { win32: 'windows', darwin: 'darwin' }[/** @type {string} */ (process.platform)] ?? 'linux';
    const archive = await buildSyntheticToolchain({
      version: INSTALLED,
      os: /** @type {'linux'} */ (goos),
      arch: HOST_GOARCH,
      outDir: path.join(scratch, 'archives')
    });
    mirror.addFile(archive.filename, archive.path);
    mirror.setManifest(
      buildFixtureManifest({
        files: {
          [INSTALLED]: [
            { os: goos, arch: HOST_GOARCH, filename: archive.filename, sha256: archive.sha256, size: archive.size }
          ]
        }
      })
    );
    mirror.setVulnDir((await buildVulnDb(path.join(scratch, 'vulndb'), VULNS)).dir);

    const temp = path.join(scratch, 'runner-temp');
    const auditFile = path.join(temp, 'go-audit.md');
    const run = await runAction({
      distPath: dist,
      workspace: repo,
      toolCache: path.join(scratch, 'toolcache'),
      temp,
      inputs: {
        'go-download-base-url': mirror.url,
        'vulndb-url': `${mirror.url}/vuln`,
        'audit-file': auditFile,
        cache: 'false'
      },
      env: {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_BASE_REF: 'main',
        GITHUB_HEAD_REF: HEAD_BRANCH,
        GITHUB_REF: `refs/pull/${PULL_NUMBER}/merge`,
        GITHUB_REF_NAME: `${PULL_NUMBER}/merge`,
        GITHUB_SHA: mergeSha,
        GITHUB_REPOSITORY: REPOSITORY,
        GITHUB_REPOSITORY_OWNER: REPOSITORY.split('/')[0],
        GITHUB_WORKFLOW: WORKFLOW,
        GITHUB_JOB: JOB,
        GITHUB_RUN_ID: RUN_ID,
        GITHUB_RUN_NUMBER: '412',
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_ACTOR: 'dana-dev',
        ImageOS: 'ubuntu24',
        ImageVersion: '20261124.1.0',
        RUNNER_NAME: 'GitHub Actions 1000001'
      }
    });
    if (run.signal || (run.code !== 0 && run.code !== 1)) {
      throw new Error(`the action crashed (code ${run.code}, signal ${run.signal}):\n${run.stderr}`);
    }
    const report = JSON.parse(readFileSync(run.outputs.report, 'utf8'));
    const audit = readFileSync(auditFile, 'utf8');
    /** @type {Record<string, string>} */
    const headFiles = {};
    for (const rel of git('ls-files').split('\n')) headFiles[rel] = readFileSync(path.join(repo, rel), 'utf8');
    return { run, report, audit, diff, headFiles, baseSha, mergeSha, headSha };
  } finally {
    await mirror.close();
  }
}
