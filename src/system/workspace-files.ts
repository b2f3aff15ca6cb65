/**
 * Reading files a pull request controls, safely. Edge module: the file system.
 *
 * A file is read only when its real path (after every symlink) is inside the workspace, it is a
 * regular file, and it is at most `maxBytes` long. Anything else is refused without reading a
 * byte of it: a link to /proc/self/environ or to a runner's credentials, a FIFO, a device or socket,
 * a 50 MiB go.mod. The checks are made on the open descriptor (fstat), and on Linux the
 * descriptor's own path (/proc/self/fd) is checked to be inside the workspace again, so swapping a
 * link between the check and the read does not help. FIFOs are opened non-blocking.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  readlinkSync,
  realpathSync,
  type Stats
} from 'node:fs';
import path from 'node:path';
import { showPath } from '../text.js';
import { realPathOf } from './fs-probe.js';

/** Largest go.mod, go.work, version file, Dockerfile or workflow that is read (1 MiB). */
export const MAX_FILE_BYTES = 1024 * 1024;

export type FileRead =
  /** read: the text (a leading byte order mark removed) */
  | { status: 'read'; text: string }
  /** nothing at that path */
  | { status: 'missing' }
  /** not read on purpose (outside the workspace, not a regular file, too large): a warning */
  | { status: 'refused'; reason: string }
  /** could not be read although it should be (a broken link, a link loop, a folder, no permission) */
  | { status: 'unreadable'; reason: string };

/** The workspace whose files may be read: its real path, resolved once. */
export interface WorkspaceRoot {
  /** as given */
  dir: string;
  /** after symlinks */
  real: string;
}

export function workspaceRoot(dir: string): WorkspaceRoot {
  return { dir, real: realPathOf(dir) ?? path.resolve(dir) };
}

/** True when `p` is `root` or below it (both absolute, already resolved). */
export function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function code(e: unknown): string {
  return (e as NodeJS.ErrnoException | undefined)?.code ?? 'error';
}

function linkText(abs: string): string {
  try {
    return showPath(readlinkSync(abs));
  } catch {
    return '?';
  }
}

const KIND_OF: [(s: Stats) => boolean, string][] = [
  [(s) => s.isFIFO(), 'a FIFO'],
  [(s) => s.isSocket(), 'a socket'],
  [(s) => s.isCharacterDevice(), 'a character device'],
  [(s) => s.isBlockDevice(), 'a block device']
];

function kindOf(s: Stats): string {
  return KIND_OF.find(([is]) => is(s))?.[1] ?? 'not a regular file';
}

/** The path an open descriptor refers to (Linux /proc), or undefined where the system cannot tell. */
function openedPath(fd: number): string | undefined {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return undefined;
  }
}

/**
 * Reads `abs` (a path inside `root.dir`) under the rules above. Never throws for a file-system
 * reason: every outcome is data. With `prefix`, a longer file is not refused: its first `maxBytes`
 * are read (for a Go file's header, see go/source-header.ts).
 */
export function readWorkspaceFile(
  root: WorkspaceRoot,
  abs: string,
  maxBytes: number = MAX_FILE_BYTES,
  opts: { prefix?: boolean } = {}
): FileRead {
  let isLink = false;
  try {
    isLink = lstatSync(abs).isSymbolicLink();
  } catch (e) {
    if (code(e) === 'ENOENT') return { status: 'missing' };
    return { status: 'unreadable', reason: `cannot be read (${code(e)})` };
  }
  let real: string;
  try {
    real = realpathSync.native(abs);
  } catch (e) {
    const c = code(e);
    if (c === 'ELOOP') return { status: 'unreadable', reason: 'is a symlink loop (ELOOP)' };
    if (c === 'ENOENT' && isLink) {
      return { status: 'unreadable', reason: `is a symlink to ${linkText(abs)}, which does not exist` };
    }
    return { status: 'unreadable', reason: `cannot be read (${c})` };
  }
  if (!isInside(root.real, real)) {
    const where = isLink ? `a symlink to ${linkText(abs)}` : `resolves to ${showPath(real)}`;
    return { status: 'refused', reason: `is ${where}, outside the workspace: not read` };
  }
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
    fd = openSync(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { status: 'unreadable', reason: `cannot be read (${code(e)})` };
  }
  try {
    const opened = openedPath(fd);
    if (opened !== undefined && !isInside(root.real, opened)) {
      return { status: 'refused', reason: `changed while being read (now ${showPath(opened)}): not read` };
    }
    const st = fstatSync(fd);
    if (st.isDirectory()) return { status: 'unreadable', reason: 'is a folder, not a file (EISDIR)' };
    if (!st.isFile()) return { status: 'refused', reason: `is ${kindOf(st)}: not read` };
    if (st.size > maxBytes && !opts.prefix) {
      return { status: 'refused', reason: `is ${st.size} bytes, more than the ${maxBytes} read at most: not read` };
    }
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n === buf.length) break;
    }
    if (n > maxBytes && !opts.prefix) {
      return { status: 'refused', reason: `grew beyond the ${maxBytes} bytes read at most: not read` };
    }
    let text = buf.subarray(0, Math.min(n, maxBytes)).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { status: 'read', text };
  } catch (e) {
    return { status: 'unreadable', reason: `cannot be read (${code(e)})` };
  } finally {
    closeSync(fd);
  }
}
