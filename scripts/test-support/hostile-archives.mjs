// Builders of raw tar archives (good and hostile) for tests: plain 512-byte ustar headers written
// by hand, so that entries a normal tar writer refuses to create ("..", absolute paths, devices,
// fifos, links outside, GNU long names, pax path overrides) can be produced.
// Plain ESM, no dependencies beyond node:zlib.
import { gzipSync } from 'node:zlib';

const BLOCK = 512;

function writeString(buf, off, len, text) {
  const b = Buffer.from(text, 'utf8');
  if (b.length > len) throw new Error(`field too long: ${text}`);
  b.copy(buf, off);
}

function writeOctal(buf, off, len, n) {
  const text = n.toString(8).padStart(len - 1, '0');
  if (text.length > len - 1) throw new Error(`number too large for octal field: ${n}`);
  buf.write(`${text}\0`, off, len, 'latin1');
}

/**
 * One 512-byte tar header.
 * opts: name, type ('0','5','2','1','3','4','6','x','g','L','K',...), size, linkname, mode,
 * prefix (ustar), gnu (GNU magic instead of POSIX ustar), base256 (size in base-256),
 * checksumDelta (add to the correct checksum to corrupt it).
 */
export function tarHeader(opts) {
  const {
    name,
    type = '0',
    size = 0,
    linkname = '',
    mode = type === '5' ? 0o755 : 0o644,
    prefix = '',
    gnu = false,
    base256 = false,
    checksumDelta = 0
  } = opts;
  const h = Buffer.alloc(BLOCK);
  writeString(h, 0, 100, name);
  writeOctal(h, 100, 8, mode);
  writeOctal(h, 108, 8, 0);
  writeOctal(h, 116, 8, 0);
  if (base256) {
    h[124] = 0x80;
    let n = BigInt(size);
    for (let i = 135; i > 124; i--) {
      h[i] = Number(n & 0xffn);
      n >>= 8n;
    }
  } else {
    writeOctal(h, 124, 12, size);
  }
  writeOctal(h, 136, 12, 1700000000);
  h[156] = type === '\0' ? 0 : type.charCodeAt(0);
  writeString(h, 157, 100, linkname);
  if (gnu) h.write('ustar  \0', 257, 8, 'latin1');
  else h.write('ustar\u000000', 257, 8, 'latin1');
  writeString(h, 265, 32, 'root');
  writeString(h, 297, 32, 'root');
  if (prefix) writeString(h, 345, 155, prefix);
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  writeOctal(h, 148, 7, sum + checksumDelta);
  h[155] = 0x20;
  return h;
}

function pad(data) {
  const rest = data.length % BLOCK;
  return rest === 0 ? data : Buffer.concat([data, Buffer.alloc(BLOCK - rest)]);
}

/**
 * Header + data (padded). `data` is a string or Buffer; size defaults to its length.
 * @param {Record<string, unknown> & { name: string }} opts
 * @param {Buffer | string} [data]
 * @returns {Buffer}
 */
export function tarEntry(opts, data = Buffer.alloc(0)) {
  const body = Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8');
  const size = opts.size ?? body.length;
  return Buffer.concat([tarHeader({ ...opts, size }), pad(body)]);
}

/** One pax record "<len> key=value\n". */
export function paxRecord(key, value) {
  const rest = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(rest) + 1;
  while (String(len).length + Buffer.byteLength(rest) !== len) len++;
  return `${len}${rest}`;
}

/**
 * A pax extended ('x') or global ('g') header entry with the given records.
 * @param {Record<string, string>} records
 * @param {string} [type]
 */
export function paxEntry(records, type = 'x') {
  const body = Buffer.from(
    Object.entries(records)
      .map(([k, v]) => paxRecord(k, v))
      .join(''),
    'utf8'
  );
  return tarEntry({ name: type === 'g' ? 'pax_global_header' : 'PaxHeaders/x', type }, body);
}

/**
 * A GNU long name ('L') or long link name ('K') entry.
 * @param {string} name
 * @param {string} [type]
 */
export function gnuLongEntry(name, type = 'L') {
  return tarEntry({ name: '././@LongLink', type, gnu: true }, Buffer.from(`${name}\0`, 'utf8'));
}

/**
 * Concatenates entries and appends the two zero blocks (unless eof: false).
 * @param {Buffer[]} parts
 * @param {{ eof?: boolean }} [opts]
 * @returns {Buffer}
 */
export function tarArchive(parts, { eof = true } = {}) {
  return Buffer.concat([...parts, eof ? Buffer.alloc(2 * BLOCK) : Buffer.alloc(0)]);
}

const goDir = () => tarEntry({ name: 'go/', type: '5' });

/** A small, valid Go-like archive built by hand (uncompressed tar bytes). */
export function goodTar() {
  const long = `go/src/${'very-long-folder-name/'.repeat(6)}file.go`; // > 100 chars: GNU long name
  const longPax = `go/src/${'another-long-folder-name/'.repeat(6)}pax.go`; // > 100 chars: pax path
  return tarArchive([
    goDir(),
    tarEntry({ name: 'go/VERSION' }, 'go1.22.3\ntime 2024-05-01T00:00:00Z\n'),
    tarEntry({ name: 'go/bin/', type: '5' }),
    tarEntry({ name: 'go/bin/go', mode: 0o755 }, Buffer.alloc(3000, 7)),
    tarEntry({ name: 'go/bin/gofmt-link', type: '2', linkname: 'go' }),
    tarEntry({ name: 'go/misc/hard', type: '1', linkname: 'go/VERSION' }),
    tarEntry({ name: 'file.go', prefix: 'go/src/pkg' }, 'package pkg\n'),
    gnuLongEntry(long),
    tarEntry({ name: long.slice(0, 99) }, 'package long\n'),
    paxEntry({ path: longPax, mtime: '1700000000.5' }),
    tarEntry({ name: longPax.slice(0, 99) }, 'package pax\n'),
    tarEntry({ name: 'go/big', base256: true }, Buffer.alloc(1025, 1))
  ]);
}

/**
 * Hostile archives (uncompressed tar bytes), keyed by a short description. Each must be refused.
 * @returns {Record<string, Buffer>}
 */
export function hostileTars() {
  const ok = tarEntry({ name: 'go/ok' }, 'ok');
  return {
    'dot-dot entry': tarArchive([goDir(), tarEntry({ name: 'go/../evil' }, 'x')]),
    'leading dot-dot': tarArchive([goDir(), tarEntry({ name: '../evil' }, 'x')]),
    'absolute path': tarArchive([goDir(), tarEntry({ name: '/tmp/evil' }, 'x')]),
    'windows drive path': tarArchive([goDir(), tarEntry({ name: 'C:\\evil' }, 'x')]),
    'backslash dot-dot': tarArchive([goDir(), tarEntry({ name: 'go\\..\\..\\evil' }, 'x')]),
    'no go top folder': tarArchive([tarEntry({ name: 'other/', type: '5' }), tarEntry({ name: 'other/x' }, 'x')]),
    'character device': tarArchive([goDir(), tarEntry({ name: 'go/tty', type: '3' })]),
    'block device': tarArchive([goDir(), tarEntry({ name: 'go/sda', type: '4' })]),
    fifo: tarArchive([goDir(), tarEntry({ name: 'go/pipe', type: '6' })]),
    'hardlink outside': tarArchive([goDir(), tarEntry({ name: 'go/h', type: '1', linkname: '/etc/passwd' })]),
    'hardlink dot-dot': tarArchive([goDir(), tarEntry({ name: 'go/h', type: '1', linkname: 'go/../../etc/passwd' })]),
    'symlink absolute': tarArchive([goDir(), tarEntry({ name: 'go/l', type: '2', linkname: '/etc' })]),
    'symlink outside': tarArchive([goDir(), tarEntry({ name: 'go/bin/l', type: '2', linkname: '../../etc' })]),
    'write through symlink': tarArchive([
      goDir(),
      tarEntry({ name: 'go/l', type: '2', linkname: 'bin' }),
      tarEntry({ name: 'go/l/x' }, 'x')
    ]),
    'gnu long name dot-dot': tarArchive([
      goDir(),
      gnuLongEntry(`go/${'a/'.repeat(60)}../../${'../'.repeat(60)}evil`),
      ok
    ]),
    'gnu long link outside': tarArchive([
      goDir(),
      gnuLongEntry('/etc/shadow', 'K'),
      tarEntry({ name: 'go/s', type: '2', linkname: 'x' })
    ]),
    'pax path override': tarArchive([goDir(), paxEntry({ path: '../x' }), ok]),
    'pax linkpath override': tarArchive([
      goDir(),
      paxEntry({ linkpath: '/etc' }),
      tarEntry({ name: 'go/l', type: '2', linkname: 'ok' })
    ]),
    'pax global path': tarArchive([paxEntry({ path: 'go/x' }, 'g'), goDir(), ok]),
    'pax sparse': tarArchive([goDir(), paxEntry({ 'GNU.sparse.name': '../x', 'GNU.sparse.major': '1' }), ok]),
    'pax size hides a header': tarArchive([
      goDir(),
      paxEntry({ size: '0' }),
      tarEntry({ name: 'go/a', size: 512 }, tarHeader({ name: '../evil' })),
      tarEntry({ name: '../evil2' })
    ]),
    'bad checksum': tarArchive([goDir(), tarEntry({ name: 'go/x', checksumDelta: 1 }, 'x')]),
    'NUL in pax path': tarArchive([goDir(), paxEntry({ path: 'go/a\0../../x' }), ok]),
    'sparse type S': tarArchive([goDir(), tarEntry({ name: 'go/s', type: 'S' })]),
    'data after end': Buffer.concat([tarArchive([goDir(), ok]), tarEntry({ name: '../late' }, 'x')]),
    'lone zero block then entry': Buffer.concat([
      goDir(),
      Buffer.alloc(512),
      tarEntry({ name: '../x' }),
      Buffer.alloc(1024)
    ]),
    'dangling pax header': tarArchive([goDir(), ok, paxEntry({ path: 'go/x' })]),
    'truncated entry': tarArchive([goDir(), tarEntry({ name: 'go/x' }, Buffer.alloc(4000)).subarray(0, 1500)], {
      eof: false
    }),
    'symlink top folder': tarArchive([tarEntry({ name: 'go', type: '2', linkname: '/usr' })]),
    'empty archive': tarArchive([])
  };
}

/** gzip of a tar (for end-to-end mirrors). */
export function gzipTar(tar) {
  return gzipSync(tar);
}
