/**
 * Cross-process lock for one install in a (possibly shared) tool cache.
 *
 * The lock is a directory created with an atomic `mkdir`; inside it `owner.json` names the holder
 * ({ pid, hostname, startedAt, token }) and its mtime is the heartbeat, touched every few seconds by
 * an unref'd timer. A waiter takes the lock over when the holder is on this host and its pid is
 * gone (a SIGKILLed job frees the lock at the next poll), or when the heartbeat is older than
 * `staleMs` (a holder on another host, or a hung one). Take-overs are serialized by a short-lived
 * `<lockDir>.takeover` directory so two waiters never both remove a lock.
 */
import { UserError } from '../errors.js';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface LockOptions {
  /** give up after this long (one-line error naming the lock) */
  timeoutMs: number;
  /** a heartbeat older than this marks the lock stale */
  staleMs: number;
  /** how often waiters look again */
  pollMs: number;
}

export interface LockHandle {
  /** stops the heartbeat and removes the lock (only if still ours); idempotent */
  release(): Promise<void>;
}

export interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
  token: string;
}

export const DEFAULT_LOCK_OPTIONS: LockOptions = { timeoutMs: 10 * 60_000, staleMs: 60_000, pollMs: 250 };

const OWNER_FILE = 'owner.json';
/** a take-over directory older than this was left by a killed waiter */
const TAKEOVER_STALE_MS = 10_000;
/**
 * a lock directory still without owner file after this long was left by a holder killed between
 * its mkdir and writing owner.json (a live holder writes it at once)
 */
const OWNERLESS_STALE_MS = 5_000;

/** The lock could not be taken in time: one line naming the lock and its holder. */
export class LockError extends UserError {}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function errCode(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

/** True when a process with this pid exists on this host (EPERM: exists, not ours). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errCode(e) === 'EPERM';
  }
}

interface Observed {
  owner?: LockOwner;
  /** ms since the last heartbeat (owner file mtime, else the directory's mtime) */
  ageMs: number;
}

async function observe(lockDir: string): Promise<Observed | undefined> {
  const ownerPath = path.join(lockDir, OWNER_FILE);
  try {
    const [text, st] = await Promise.all([fs.readFile(ownerPath, 'utf8'), fs.stat(ownerPath)]);
    let owner: LockOwner | undefined;
    try {
      owner = JSON.parse(text) as LockOwner;
    } catch {
      owner = undefined; // being written
    }
    return { owner, ageMs: Date.now() - st.mtimeMs };
  } catch (e) {
    if (errCode(e) !== 'ENOENT') throw e;
  }
  try {
    const st = await fs.stat(lockDir);
    return { ageMs: Date.now() - st.mtimeMs };
  } catch (e) {
    if (errCode(e) === 'ENOENT') return undefined; // released meanwhile
    throw e;
  }
}

/** Why an observed lock may be taken over, or undefined when it is held. */
function staleReason(o: Observed, staleMs: number): string | undefined {
  const owner = o.owner;
  if (owner && owner.hostname === os.hostname() && owner.pid !== process.pid && !pidAlive(owner.pid)) {
    return `holder pid ${owner.pid} is gone`;
  }
  if (!owner && o.ageMs > Math.min(staleMs, OWNERLESS_STALE_MS)) return `no owner for ${Math.round(o.ageMs / 1000)} s`;
  if (o.ageMs > staleMs) return `no heartbeat for ${Math.round(o.ageMs / 1000)} s`;
  return undefined;
}

/** Removes `lockDir` if it still shows the same owner, under the take-over mutex. */
async function takeOver(lockDir: string, seen: Observed, staleMs: number): Promise<void> {
  const mutex = `${lockDir}.takeover`;
  try {
    await fs.mkdir(mutex);
  } catch (e) {
    if (errCode(e) !== 'EEXIST') throw e;
    const st = await fs.stat(mutex).catch(() => undefined);
    if (st && Date.now() - st.mtimeMs > TAKEOVER_STALE_MS) await fs.rm(mutex, { recursive: true, force: true });
    return; // someone else is taking over; look again at the next poll
  }
  try {
    const now = await observe(lockDir);
    if (!now) return;
    const same = now.owner?.token === seen.owner?.token;
    if (same && staleReason(now, staleMs)) await fs.rm(lockDir, { recursive: true, force: true });
  } finally {
    await fs.rm(mutex, { recursive: true, force: true });
  }
}

/**
 * Removes `lockDir` when its holder is gone by the rules a waiter uses to take a lock over (its pid
 * is dead on this host, it never wrote an owner, or its heartbeat stopped). Never waits. For a job
 * that finds a complete install beside the lock of a job killed after writing the marker: without
 * this, that lock would stay until the next install of the same version.
 */
export async function removeAbandonedLock(lockDir: string): Promise<void> {
  const staleMs = DEFAULT_LOCK_OPTIONS.staleMs;
  const seen = await observe(lockDir).catch(() => undefined);
  if (!seen || !staleReason(seen, staleMs)) return;
  await takeOver(lockDir, seen, staleMs);
}

/**
 * Acquires the lock directory `lockDir` (its parent is created when missing), waiting and polling
 * while another live holder has it. Rejects with a one-line LockError after `timeoutMs`.
 */
export async function acquireLock(lockDir: string, opts: Partial<LockOptions> = {}): Promise<LockHandle> {
  const o = { ...DEFAULT_LOCK_OPTIONS, ...opts };
  const started = Date.now();
  const me: LockOwner = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    token: randomBytes(8).toString('hex')
  };
  let last: Observed | undefined;
  for (;;) {
    try {
      await fs.mkdir(lockDir);
      return await own(lockDir, me, o.staleMs);
    } catch (e) {
      const code = errCode(e);
      if (code === 'ENOENT') {
        await fs.mkdir(path.dirname(lockDir), { recursive: true });
        continue;
      }
      if (code !== 'EEXIST') throw e;
    }
    last = await observe(lockDir);
    if (!last) continue;
    if (staleReason(last, o.staleMs)) {
      await takeOver(lockDir, last, o.staleMs);
      continue;
    }
    if (Date.now() - started >= o.timeoutMs) {
      const who = last.owner
        ? ` (held by pid ${last.owner.pid} on ${last.owner.hostname} since ${last.owner.startedAt})`
        : '';
      throw new LockError(
        `timed out after ${Math.round(o.timeoutMs / 1000)} s waiting for the install lock ${lockDir}${who}`
      );
    }
    await sleep(o.pollMs);
  }
}

async function own(lockDir: string, me: LockOwner, staleMs: number): Promise<LockHandle> {
  const ownerPath = path.join(lockDir, OWNER_FILE);
  const tmp = `${ownerPath}.${me.token}`;
  await fs.writeFile(tmp, JSON.stringify(me));
  await fs.rename(tmp, ownerPath);

  const beatMs = Math.max(20, Math.min(5_000, Math.floor(staleMs / 3)));
  const timer = setInterval(() => {
    const now = new Date();
    fs.utimes(ownerPath, now, now).catch(() => undefined);
  }, beatMs);
  timer.unref();

  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      const seen = await observe(lockDir).catch(() => undefined);
      if (seen?.owner?.token === me.token) await fs.rm(lockDir, { recursive: true, force: true });
    }
  };
}
