/**
 * Reading a file to rewrite and writing it back, never half-written. Edge module: the file system.
 *
 * A file is read only when it is a regular file (not a symlink: the link would be replaced by a
 * file) whose real path is inside the repository, at most 1 MiB, and valid UTF-8 (what is written
 * back must be the same bytes apart from the versions); system/workspace-files.ts makes the safety
 * checks. The write goes to a temporary file in the same folder with the same mode, which is
 * synced and then renamed over the file, right after checking that the file is still the one read
 * (same inode, size, modification time and bytes). A file that changed is left alone.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  lstatSync,
  openSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  writeSync,
  type Stats
} from 'node:fs';
import path from 'node:path';
import { showPath } from '../text.js';
import { isInside, readWorkspaceFile, type WorkspaceRoot } from '../system/workspace-files.js';
import { realPathOf } from '../system/fs-probe.js';

export interface Snapshot {
  abs: string;
  /** the bytes as read */
  bytes: Buffer;
  /** the file starts with a UTF-8 byte order mark (kept when writing) */
  bom: boolean;
  /** the text without the byte order mark */
  text: string;
  stat: Pick<Stats, 'dev' | 'ino' | 'size' | 'mtimeMs' | 'mode'>;
}

export type ReadOutcome =
  | { ok: true; snapshot: Snapshot }
  /** `missing`: removed since the walk; `linkInside`: a symlink to a file inside the repository */
  | { ok: false; missing?: true; linkInside?: true; reason: string };
export type WriteOutcome = { ok: true } | { ok: false; reason: string };

function code(e: unknown): string {
  return (e as NodeJS.ErrnoException | undefined)?.code ?? 'error';
}

const CHANGED = 'changed on disk while bump ran: left alone';

/** Reads `abs` (inside `root`) for rewriting; every refusal is data. */
export function readForRewrite(root: WorkspaceRoot, abs: string): ReadOutcome {
  let st: Stats;
  try {
    st = lstatSync(abs);
  } catch (e) {
    if (code(e) === 'ENOENT') return { ok: false, missing: true, reason: 'was removed while bump ran' };
    return { ok: false, reason: `cannot be read (${code(e)}): not rewritten` };
  }
  if (st.isSymbolicLink()) {
    const real = realPathOf(abs);
    let target = '?';
    try {
      target = showPath(readlinkSync(abs));
    } catch {
      // shown as "?"
    }
    if (real === undefined || !isInside(root.real, real)) {
      return { ok: false, reason: `is a symlink to ${target}, outside the repository: not rewritten` };
    }
    return {
      ok: false,
      linkInside: true,
      reason: `is a symlink (to ${target}): not rewritten; its target is, where it is in scope`
    };
  }
  if (!st.isFile()) return { ok: false, reason: 'is not a regular file: not rewritten' };
  const got = readWorkspaceFile(root, abs);
  if (got.status === 'missing') return { ok: false, missing: true, reason: 'was removed while bump ran' };
  if (got.status !== 'read') return { ok: false, reason: `${got.reason.replace(/: not read$/, '')}: not rewritten` };
  let bytes: Buffer;
  try {
    bytes = readFileSync(abs);
  } catch (e) {
    return { ok: false, reason: `cannot be read (${code(e)}): not rewritten` };
  }
  const decoded = bytes.toString('utf8');
  if (!Buffer.from(decoded, 'utf8').equals(bytes)) return { ok: false, reason: 'is not valid UTF-8: not rewritten' };
  const bom = decoded.charCodeAt(0) === 0xfeff;
  const text = bom ? decoded.slice(1) : decoded;
  if (text !== got.text || bytes.length !== st.size) return { ok: false, reason: CHANGED };
  return { ok: true, snapshot: { abs, bytes, bom, text, stat: st } };
}

/** True when the file at the snapshot's path is still the one read. */
function unchanged(s: Snapshot): boolean {
  let st: Stats;
  try {
    st = lstatSync(s.abs);
  } catch {
    return false;
  }
  const same =
    st.isFile() &&
    st.dev === s.stat.dev &&
    st.ino === s.stat.ino &&
    st.size === s.stat.size &&
    st.mtimeMs === s.stat.mtimeMs;
  if (!same) return false;
  try {
    return readFileSync(s.abs).equals(s.bytes);
  } catch {
    return false;
  }
}

/**
 * Writes `text` (with the byte order mark the file had) over the snapshot's file through a
 * temporary file and a rename, when the file did not change since it was read.
 */
export function writeIfUnchanged(s: Snapshot, text: string): WriteOutcome {
  if (!unchanged(s)) return { ok: false, reason: CHANGED };
  const dir = path.dirname(s.abs);
  const tmp = path.join(dir, `.${path.basename(s.abs)}.bump-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const data = Buffer.from(`${s.bom ? '\uFEFF' : ''}${text}`, 'utf8');
  try {
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      let n = 0;
      while (n < data.length) n += writeSync(fd, data, n, data.length - n);
      fchmodSync(fd, s.stat.mode & 0o7777);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // Checked again right before the rename: the window is the rename itself.
    if (!unchanged(s)) {
      rmSync(tmp, { force: true });
      return { ok: false, reason: CHANGED };
    }
    renameSync(tmp, s.abs);
    return { ok: true };
  } catch (e) {
    rmSync(tmp, { force: true });
    return { ok: false, reason: `could not be written (${code(e)}): left alone` };
  }
}
