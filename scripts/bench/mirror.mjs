// Bench part (i): `setup-go-enforced mirror` against its floor. N archive-sized files (default 8
// of 80 MiB, random bytes: the mirror verifies sha256 and size, it does not unpack; generated once
// and cached with their sha256 beside them) are fetched (1) with `curl -sS -o` one after another,
// the floor; (2) with `mirror --jobs 1`; (3) with `mirror --jobs 4` (the default); each from two
// servers: the loopback test mirror (scripts/test-support/mirror.mjs; CPU-bound: the client's HTTP stack and
// sha256 against curl's), and the same files paced to --rate-mb MiB/s per connection (default
// 40; network-bound, as go.dev's CDN or an artifact store is: where concurrency pays). Also a
// second run that finds everything in place (the state file) and one that hashes every file again
// (--rehash). Goal: the default (--jobs 4) no slower than the curl floor on the paced server.
// Every mirror run starts from an empty DIR and checks its listing.
//
// Standalone: node scripts/bench/mirror.mjs [--cli dist/cli.js] [--files N] [--size-mb M]
//   [--rate-mb R] [--runs K]
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFixtureManifest } from '../test-support/manifest-fixture.mjs';
import { formatBytes, formatMs, median, table, timeCommand } from '../test-support/measure.mjs';
import { startMirror } from '../test-support/mirror.mjs';
import { builtArchive, publishArchive } from '../test-support/toolchains.mjs';

const MiB = 1024 * 1024;

/**
 * Random bytes of `size` written to `file` in 1 MiB chunks.
 * @param {string} file @param {number} size
 */
async function writeRandom(file, size) {
  const out = createWriteStream(file);
  for (let left = size; left > 0; left -= MiB) {
    const chunk = randomBytes(Math.min(MiB, left));
    if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
  }
  await new Promise((resolve, reject) => out.end((/** @type {unknown} */ e) => (e ? reject(e) : resolve(undefined))));
}

/**
 * The N archives (go1.25.<i>.linux-amd64.tar.gz), built once into `cacheDir`.
 * @param {string} cacheDir @param {number} n @param {number} sizeMb
 */
async function archives(cacheDir, n, sizeMb) {
  const dir = path.join(cacheDir, `mirror-archives-${sizeMb}mb`);
  mkdirSync(dir, { recursive: true });
  const out = [];
  for (let i = 0; i < n; i++) {
    const file = path.join(dir, `go1.25.${i}.linux-amd64.tar.gz`);
    // sizes differ a little, as real archives do
    out.push(
      (await builtArchive(file)) ?? (await publishArchive(file, (p) => writeRandom(p, sizeMb * MiB + i * 4096)))
    );
  }
  return out;
}

/** @param {string} file */
function sha256(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/**
 * A static server of `files` and the listing (`/?mode=json&include=all`) that sends each response at
 * most `bytesPerSec` (per connection, as a CDN limits one connection).
 * @param {{ filename: string, path: string, size: number }[]} files @param {unknown} manifest @param {number} bytesPerSec
 */
async function startPaced(files, manifest, bytesPerSec) {
  const byName = new Map(files.map((f) => [f.filename, f]));
  const listing = Buffer.from(JSON.stringify(manifest));
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://paced.invalid');
    if (u.pathname === '/' && u.searchParams.get('mode') === 'json') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(listing.length) });
      res.end(listing);
      return;
    }
    const f = byName.get(decodeURIComponent(u.pathname.slice(1)));
    if (!f) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(f.size) });
    const rs = createReadStream(f.path, { highWaterMark: 256 * 1024 });
    const start = Date.now();
    let sent = 0;
    rs.on('data', (chunk) => {
      sent += chunk.length;
      res.write(chunk);
      const wait = start + (sent / bytesPerSec) * 1000 - Date.now();
      if (wait > 0) {
        rs.pause();
        setTimeout(() => rs.resume(), wait);
      }
    });
    rs.on('end', () => res.end());
    rs.on('error', () => res.destroy());
    res.on('close', () => rs.destroy());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined)))
  };
}

/**
 * @param {{ cli: string, cacheDir: string, scratch: string, files?: number, sizeMb?: number, runs?: number, rateMb?: number,
 *   add: (f: import('./context.mjs').Figure) => void, skip: (id: string, name: string, goal: string, note: string) => void }} ctx
 */
export async function benchMirror(ctx) {
  const n = ctx.files ?? 8;
  const sizeMb = ctx.sizeMb ?? 80;
  const runs = ctx.runs ?? 3;
  const name = `mirror ${n} archives of ${sizeMb} MiB`;
  if (!existsSync(ctx.cli)) {
    console.log(`(i) skipped: ${ctx.cli} is missing (build it: npm run build)`);
    ctx.skip('mirror-ratio', name, '<= 1.0x curl', `${ctx.cli} missing`);
    return;
  }
  const curlCheck = await timeCommand('curl', ['--version']).catch(() => ({ code: 1 }));
  if (curlCheck.code !== 0) {
    console.log('(i) skipped: curl is not on PATH');
    ctx.skip('mirror-ratio', name, '<= 1.0x curl', 'curl missing');
    return;
  }
  console.log(`(i) ${name}: generating (cached in ${ctx.cacheDir})...`);
  const files = await archives(ctx.cacheDir, n, sizeMb);
  const total = files.reduce((s, f) => s + f.size, 0);
  /** @type {Record<string, { os: string, arch: string, filename: string, sha256: string, size: number }[]>} */
  const overrides = {};
  for (const f of files) {
    const version = f.filename.slice(2, -'.linux-amd64.tar.gz'.length);
    overrides[version] = [{ os: 'linux', arch: 'amd64', filename: f.filename, sha256: f.sha256, size: f.size }];
  }
  const manifest = buildFixtureManifest({ files: overrides });
  const loopback = await startMirror({ manifest });
  for (const f of files) loopback.addFile(f.filename, f.path);
  const rate = (ctx.rateMb ?? 40) * MiB;
  const paced = await startPaced(files, manifest, rate);
  const versions = Object.keys(overrides).join(',');
  const env = { ...process.env, GO_DOWNLOAD_BASE_URL: undefined, GO_DOWNLOAD_TOKEN: undefined };
  /** @param {string} from @param {string} dir @param {string[]} extra */
  const mirror = (from, dir, extra) =>
    timeCommand(
      process.execPath,
      [
        ctx.cli,
        'mirror',
        dir,
        '--from',
        from,
        '--versions',
        versions,
        '--platforms',
        'linux/amd64',
        '--json',
        ...extra
      ],
      { env, timeoutMs: 30 * 60_000 }
    );
  /** @param {Awaited<ReturnType<typeof timeCommand>>} r @param {string} dir @param {string} label */
  const expectComplete = (r, dir, label) => {
    if (r.code !== 0)
      throw new Error(`${label}: mirror exited ${r.code}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    const listing = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8'));
    const listed = listing.flatMap((/** @type {{ files: { filename: string }[] }} */ x) => x.files);
    if (listed.length !== n) throw new Error(`${label}: the listing holds ${listed.length} files, expected ${n}`);
    return JSON.parse(r.stdout);
  };
  /** @param {string} from */
  const curl = async (from) => {
    const dest = mkdtempSync(path.join(ctx.scratch, 'curl-'));
    const script = 'for f in $FILES; do curl -sS -o "$DEST/$f" "$URL/$f" || exit 1; done';
    const c = await timeCommand('sh', ['-c', script], {
      env: { ...process.env, FILES: files.map((f) => f.filename).join(' '), DEST: dest, URL: from }
    });
    if (c.code !== 0) throw new Error(`curl failed: ${c.stderr.trim()}`);
    if (sha256(path.join(dest, files[0].filename)) !== files[0].sha256) throw new Error('curl fetched other bytes');
    rmSync(dest, { recursive: true, force: true });
    return c.durationMs;
  };
  /** @param {string} from @param {string} jobs */
  const fresh = async (from, jobs) => {
    const dir = mkdtempSync(path.join(ctx.scratch, `mirror-j${jobs}-`));
    const r = await mirror(from, dir, ['--jobs', jobs]);
    const summary = expectComplete(r, dir, `mirror --jobs ${jobs}`);
    if (summary.added.length !== n) throw new Error(`mirror --jobs ${jobs} added ${summary.added.length} of ${n}`);
    return { ms: r.durationMs, dir };
  };
  try {
    // Warm the page cache so no side pays for the first read of the archives.
    for (const f of files) readFileSync(f.path);
    const note = `median of ${runs}; ${formatBytes(total)} in all`;
    for (const [label, from] of /** @type {const} */ ([
      ['loopback', loopback.url],
      [`paced ${ctx.rateMb ?? 40} MiB/s`, paced.url]
    ])) {
      /** @type {number[]} */ const curlMs = [];
      /** @type {number[]} */ const jobs1 = [];
      /** @type {number[]} */ const jobs4 = [];
      /** @type {number[]} */ const noop = [];
      /** @type {number[]} */ const rehash = [];
      for (let i = 0; i < runs; i++) {
        curlMs.push(await curl(from));
        const one = await fresh(from, '1');
        jobs1.push(one.ms);
        rmSync(one.dir, { recursive: true, force: true });
        const four = await fresh(from, '4');
        jobs4.push(four.ms);
        if (label === 'loopback') {
          const again = await mirror(from, four.dir, []);
          if (expectComplete(again, four.dir, 'second run').added.length !== 0)
            throw new Error('the second run downloaded');
          noop.push(again.durationMs);
          const re = await mirror(from, four.dir, ['--rehash']);
          if (expectComplete(re, four.dir, '--rehash run').added.length !== 0)
            throw new Error('the --rehash run downloaded');
          rehash.push(re.durationMs);
        }
        rmSync(four.dir, { recursive: true, force: true });
      }
      const c = median(curlMs);
      const j1 = median(jobs1);
      const j4 = median(jobs4);
      const id = label === 'loopback' ? 'loopback' : 'paced';
      const fig = (
        /** @type {string} */ key,
        /** @type {string} */ what,
        /** @type {number} */ ms,
        /** @type {string} */ extra
      ) =>
        ctx.add({
          id: `mirror-${id}-${key}`,
          name: `${label}: ${what}`,
          value: ms,
          unit: 'ms',
          display: formatMs(ms),
          goal: '-',
          pass: null,
          note: `${note}${extra}`
        });
      fig('curl', `${n} x ${sizeMb} MiB, curl -sS -o one after another`, c, '');
      fig('jobs1', 'mirror --jobs 1', j1, `; ${(j1 / c).toFixed(2)}x curl`);
      fig('jobs4', 'mirror (--jobs 4)', j4, `; ${(j4 / c).toFixed(2)}x curl`);
      ctx.add({
        id: `mirror-${id}-ratio`,
        name: `${label}: mirror (--jobs 4) / curl one after another`,
        value: j4 / c,
        unit: 'x',
        display: `${(j4 / c).toFixed(2)}x`,
        goal: id === 'paced' ? '<= 1.0x' : '-',
        pass: id === 'paced' ? j4 / c <= 1.0 : null
      });
      if (noop.length > 0) {
        fig('noop', 'second run, nothing to do (state file)', median(noop), '');
        fig('rehash', 'second run with --rehash (every file hashed)', median(rehash), '');
      }
    }
  } finally {
    await loopback.close();
    await paced.close();
  }
}

// Standalone.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const flag = (/** @type {string} */ f) => {
    const i = args.indexOf(f);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'sge-bench-mirror-'));
  /** @type {import('./context.mjs').Figure[]} */
  const figures = [];
  benchMirror({
    cli: path.resolve(flag('--cli') ?? path.join(root, 'dist', 'cli.js')),
    cacheDir: flag('--cache') ?? path.join(os.tmpdir(), 'setup-go-enforced-fixtures'),
    scratch,
    files: Number(flag('--files') ?? 8),
    sizeMb: Number(flag('--size-mb') ?? 80),
    runs: Number(flag('--runs') ?? 3),
    rateMb: Number(flag('--rate-mb') ?? 40),
    add: (f) => figures.push(f),
    skip: (id, name, goal, note) =>
      figures.push({ id, name, value: null, unit: '', display: 'skipped', goal, pass: null, note })
  })
    .then(() => {
      console.log(
        table(
          ['figure', 'value', 'goal', 'result', 'note'],
          figures.map((f) => [
            f.name,
            f.display,
            f.goal,
            f.pass === null ? '-' : f.pass ? 'PASS' : 'FAIL',
            f.note ?? ''
          ])
        )
      );
    })
    .catch((e) => {
      console.error(`bench mirror: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    })
    .finally(() => rmSync(scratch, { recursive: true, force: true }));
}
