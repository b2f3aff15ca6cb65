/**
 * A pass-through stream over *uncompressed* tar bytes that parses every header as it flows by and
 * applies the archive rules to each entry BEFORE that entry's header reaches the extractor, so a
 * hostile entry is never written. Data blocks are passed on as slices of the incoming chunks
 * (no copies). Understands ustar (with prefix), GNU long names ('L'/'K'), pax ('x': path,
 * linkpath, size; 'g'), base-256 sizes, padding and the end-of-archive zero blocks.
 *
 * Anything a tar reader could interpret differently from this parser is refused rather than
 * guessed at: bad header checksums, malformed numbers or pax records, conflicting or dangling
 * metadata headers, data after the end-of-archive marker, sparse files.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { ArchiveRules, type ArchiveEntry } from './archive-rules.js';

const BLOCK = 512;
/** Largest pax / GNU long-name payload accepted (a path never needs this much). */
const MAX_META = 1 << 20;

export interface TarGuardOptions {
  /** archive name for messages, e.g. "go1.22.3.linux-amd64.tar.gz" */
  archive?: string;
}

type State = 'header' | 'meta' | 'data' | 'eof';

interface Pending {
  /** pax 'x' records of interest */
  paxPath?: string;
  paxLinkpath?: string;
  paxSize?: number;
  /** GNU 'L' / 'K' */
  longName?: string;
  longLink?: string;
  seen: Set<string>;
}

const TYPE_DETAIL: Record<string, string> = {
  '3': 'character device',
  '4': 'block device',
  '6': 'fifo',
  S: 'GNU sparse file',
  V: 'GNU volume header',
  M: 'GNU multi-volume continuation',
  D: 'GNU dump directory',
  N: 'GNU old long name'
};

/** NUL-terminated string field. */
function cstring(buf: Buffer, start: number, len: number): string {
  const end = buf.indexOf(0, start);
  const stop = end === -1 || end > start + len ? start + len : end;
  return buf.toString('utf8', start, stop);
}

/** Strict octal numeric field (leading spaces/zeros, trailing NUL/space); undefined if malformed. */
function octal(buf: Buffer, start: number, len: number): number | undefined {
  const text = buf
    .toString('latin1', start, start + len)
    .replace(/^ +/, '')
    .replace(/[\0 ]+$/, '');
  if (!/^[0-7]+$/.test(text)) return undefined;
  const n = parseInt(text, 8);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Size field: octal or GNU base-256 (high bit of the first byte). undefined if malformed/negative. */
function sizeField(buf: Buffer): number | undefined {
  const first = buf[124];
  if (first & 0x80) {
    if (first & 0x40) return undefined; // negative
    let n = first & 0x3f;
    for (let i = 125; i < 136; i++) {
      n = n * 256 + buf[i];
      if (!Number.isSafeInteger(n)) return undefined;
    }
    return n;
  }
  return octal(buf, 124, 12);
}

function isZeroBlock(block: Buffer): boolean {
  for (let i = 0; i < BLOCK; i += 8) {
    // compare 8 bytes at a time; blocks are short, this is only for EOF detection
    if (block.readBigUInt64LE(i) !== 0n) return false;
  }
  return true;
}

function checksumOk(block: Buffer): boolean {
  const stored = octal(block, 148, 8);
  if (stored === undefined) return false;
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i];
  return sum === stored;
}

function padded(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}

/** Parses pax records "<len> <key>=<value>\n"; throws a plain Error with the reason if malformed. */
export function parsePax(data: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let pos = 0;
  while (pos < data.length) {
    const sp = data.indexOf(0x20, pos);
    if (sp === -1 || sp - pos > 20) throw new Error('malformed pax record length');
    const lenText = data.toString('latin1', pos, sp);
    if (!/^[1-9][0-9]*$/.test(lenText)) throw new Error('malformed pax record length');
    const len = Number(lenText);
    const end = pos + len;
    if (end > data.length || data[end - 1] !== 0x0a) throw new Error('pax record runs past its header');
    const record = data.toString('utf8', sp + 1, end - 1);
    const eq = record.indexOf('=');
    if (eq <= 0) throw new Error('pax record without key');
    out.set(record.slice(0, eq), record.slice(eq + 1));
    pos = end;
  }
  return out;
}

export class TarGuard extends Transform {
  private readonly rules: ArchiveRules;
  private readonly archive: string;
  private state: State = 'header';
  /** partial header block across chunks */
  private readonly hdr = Buffer.alloc(BLOCK);
  private hdrFill = 0;
  /** data + padding bytes of the current entry still to pass through */
  private remaining = 0;
  /** metadata entry being read */
  private metaType = '';
  private metaSize = 0;
  private metaParts: Buffer[] = [];
  private metaFill = 0;
  /** bytes of metadata entries held back until the entry they describe is checked */
  private held: Buffer[] = [];
  private pending: Pending = { seen: new Set() };
  private sawZeroBlock = false;
  private finished = false;
  /** bytes of the tar stream before the current chunk */
  private base = 0;
  /** offset in the tar stream of the header block being checked (for messages) */
  private offset = 0;

  constructor(opts: TarGuardOptions = {}) {
    super();
    this.archive = opts.archive ?? 'tar archive';
    this.rules = new ArchiveRules(this.archive);
  }

  /** Number of real entries (files, folders, links) checked so far. */
  get entries(): number {
    return this.rules.entries;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      this.process(chunk);
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }

  override _flush(cb: TransformCallback): void {
    try {
      if (this.state === 'data' || this.state === 'meta' || this.hdrFill !== 0) {
        this.rules.fail(`tar archive is truncated (stream ended inside an entry after byte ${this.base})`);
      }
      if (this.held.length > 0 || this.pending.seen.size > 0) {
        this.rules.fail('tar archive ends after a metadata header without the entry it describes');
      }
      if (!this.finished) {
        this.finished = true;
        this.rules.finish();
      }
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }

  private process(chunk: Buffer): void {
    let pos = 0;
    const len = chunk.length;
    while (pos < len) {
      switch (this.state) {
        case 'data': {
          const n = Math.min(this.remaining, len - pos);
          this.push(pos === 0 && n === len ? chunk : chunk.subarray(pos, pos + n));
          pos += n;
          this.remaining -= n;
          if (this.remaining === 0) this.state = 'header';
          break;
        }
        case 'header': {
          this.offset = this.base + pos - this.hdrFill;
          let block: Buffer;
          if (this.hdrFill === 0 && len - pos >= BLOCK) {
            block = chunk.subarray(pos, pos + BLOCK);
            pos += BLOCK;
          } else {
            const n = Math.min(BLOCK - this.hdrFill, len - pos);
            chunk.copy(this.hdr, this.hdrFill, pos, pos + n);
            this.hdrFill += n;
            pos += n;
            if (this.hdrFill < BLOCK) break;
            this.hdrFill = 0;
            block = Buffer.from(this.hdr);
          }
          this.onHeader(block);
          break;
        }
        case 'meta': {
          const need = padded(this.metaSize) - this.metaFill;
          const n = Math.min(need, len - pos);
          this.metaParts.push(Buffer.from(chunk.subarray(pos, pos + n)));
          this.metaFill += n;
          pos += n;
          if (this.metaFill === padded(this.metaSize)) this.onMetaComplete();
          break;
        }
        case 'eof': {
          const rest = pos === 0 ? chunk : chunk.subarray(pos);
          if (rest.some((b) => b !== 0)) {
            this.rules.fail('tar archive has data after its end-of-archive marker');
          }
          this.push(rest);
          pos = len;
          break;
        }
      }
    }
    this.base += len;
  }

  private onHeader(block: Buffer): void {
    if (isZeroBlock(block)) {
      if (this.held.length > 0 || this.pending.seen.size > 0) {
        this.rules.fail('tar archive ends after a metadata header without the entry it describes');
      }
      if (this.sawZeroBlock) {
        this.state = 'eof';
      } else {
        this.sawZeroBlock = true;
        // after a zero block only another zero block may follow: the entries are complete
        this.finished = true;
        this.rules.finish();
      }
      this.push(block);
      return;
    }
    if (this.sawZeroBlock) {
      this.rules.fail(`tar archive has a header after a zero block (byte ${this.offset})`);
    }
    if (!checksumOk(block)) {
      this.rules.fail(`tar header at byte ${this.offset} has a bad checksum (corrupt or not a tar archive)`);
    }
    const size = sizeField(block);
    if (size === undefined) this.rules.fail(`tar header at byte ${this.offset} has a malformed size field`);
    const typeflag = block[156] === 0 ? '\0' : String.fromCharCode(block[156]);

    if (typeflag === 'x' || typeflag === 'g' || typeflag === 'L' || typeflag === 'K') {
      if (size > MAX_META) {
        this.rules.fail(`tar metadata header '${typeflag}' at byte ${this.offset} is too large (${size} bytes)`);
      }
      if (typeflag !== 'g') {
        if (this.pending.seen.has(typeflag)) {
          this.rules.fail(`tar archive has two '${typeflag}' headers for one entry (byte ${this.offset})`);
        }
        this.pending.seen.add(typeflag);
      }
      this.held.push(block);
      this.metaType = typeflag;
      this.metaSize = size;
      this.metaParts = [];
      this.metaFill = 0;
      if (size === 0) this.onMetaComplete();
      else this.state = 'meta';
      return;
    }

    this.onEntry(block, typeflag, size);
  }

  private onMetaComplete(): void {
    const raw = Buffer.concat(this.metaParts);
    this.held.push(raw);
    const data = raw.subarray(0, this.metaSize);
    this.state = 'header';
    const t = this.metaType;
    if (t === 'L' || t === 'K') {
      const nul = data.indexOf(0);
      const name = data.toString('utf8', 0, nul === -1 ? data.length : nul);
      if (t === 'L') this.pending.longName = name;
      else this.pending.longLink = name;
      return;
    }
    let records: Map<string, string>;
    try {
      records = parsePax(data);
    } catch (e) {
      this.rules.fail(`tar pax header '${t}': ${(e as Error).message}`);
    }
    for (const [key, value] of records) {
      if (key.startsWith('GNU.sparse.')) this.rules.fail(`tar pax header describes a sparse file (${key})`);
      if (t === 'g') {
        if (key === 'path' || key === 'linkpath' || key === 'size') {
          this.rules.fail(`tar global pax header sets "${key}" for every entry`);
        }
        continue;
      }
      if (key === 'path' || key === 'linkpath') {
        if (value === '' || value.includes('\0')) this.rules.fail(`tar pax header has an empty or NUL ${key}`);
        if (key === 'path') this.pending.paxPath = value;
        else this.pending.paxLinkpath = value;
      } else if (key === 'size') {
        if (!/^(0|[1-9][0-9]*)$/.test(value) || !Number.isSafeInteger(Number(value))) {
          this.rules.fail(`tar pax header has a malformed size "${value.slice(0, 30)}"`);
        }
        this.pending.paxSize = Number(value);
      }
    }
  }

  private onEntry(block: Buffer, typeflag: string, headerSize: number): void {
    const p = this.pending;
    let name = cstring(block, 0, 100);
    const magic = block.toString('latin1', 257, 265);
    if (magic === 'ustar\u000000') {
      const prefix = cstring(block, 345, 155);
      if (prefix !== '') name = `${prefix}/${name}`;
    }
    const linkname = cstring(block, 157, 100);
    if (p.paxPath !== undefined && p.longName !== undefined && p.paxPath !== p.longName) {
      this.rules.fail(`tar entry has both a pax path and a GNU long name that differ (byte ${this.offset})`);
    }
    if (p.paxLinkpath !== undefined && p.longLink !== undefined && p.paxLinkpath !== p.longLink) {
      this.rules.fail(`tar entry has both a pax linkpath and a GNU long link name that differ (byte ${this.offset})`);
    }
    const path = p.paxPath ?? p.longName ?? name;
    const linkTarget = p.paxLinkpath ?? p.longLink ?? linkname;
    const size = p.paxSize ?? headerSize;

    const entry: ArchiveEntry = { path, type: 'other', mode: octal(block, 100, 8) };
    switch (typeflag) {
      case '0':
      case '\0':
      case '7':
        entry.type = path.endsWith('/') ? 'dir' : 'file';
        break;
      case '1':
        entry.type = 'hardlink';
        entry.linkTarget = linkTarget;
        break;
      case '2':
        entry.type = 'symlink';
        entry.linkTarget = linkTarget;
        break;
      case '5':
        entry.type = 'dir';
        break;
      default:
        entry.detail = TYPE_DETAIL[typeflag] ?? `entry of tar type ${JSON.stringify(typeflag)}`;
    }
    if (entry.type !== 'file' && entry.type !== 'other' && size !== 0) {
      this.rules.fail(`tar ${entry.type} entry ${JSON.stringify(path.slice(0, 200))} has a data size of ${size}`);
    }
    this.rules.check(entry);

    for (const b of this.held) this.push(b);
    this.held = [];
    this.pending = { seen: new Set() };
    this.push(block);
    this.remaining = padded(size);
    if (this.remaining > 0) this.state = 'data';
  }
}
