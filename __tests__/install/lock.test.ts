import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { acquireLock, pidAlive } from '../../src/install/lock.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lock-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const FAST = { timeoutMs: 10_000, staleMs: 30_000, pollMs: 20 };

test('two acquirers in one process are serialized', async () => {
  const lockDir = path.join(dir, 'x64.lock');
  const events: string[] = [];
  let inside = 0;
  let maxInside = 0;
  const worker = async (name: string) => {
    const lock = await acquireLock(lockDir, FAST);
    inside++;
    maxInside = Math.max(maxInside, inside);
    events.push(`${name} in`);
    await new Promise((r) => setTimeout(r, 100));
    events.push(`${name} out`);
    inside--;
    await lock.release();
  };
  await Promise.all([worker('a'), worker('b'), worker('c')]);
  expect(maxInside).toBe(1);
  expect(events).toHaveLength(6);
  for (let i = 0; i < 6; i += 2) expect(events[i].split(' ')[0]).toBe(events[i + 1].split(' ')[0]);
  expect(existsSync(lockDir)).toBe(false);
});

test('the holder is recorded in owner.json and release is idempotent', async () => {
  const lockDir = path.join(dir, 'nested', 'missing', 'x64.lock');
  const lock = await acquireLock(lockDir, FAST);
  const owner = JSON.parse(readFileSync(path.join(lockDir, 'owner.json'), 'utf8'));
  expect(owner.pid).toBe(process.pid);
  expect(owner.hostname).toBe(os.hostname());
  expect(Number.isNaN(Date.parse(owner.startedAt))).toBe(false);
  await lock.release();
  await lock.release();
  expect(existsSync(lockDir)).toBe(false);
});

test('a live holder makes the next acquirer time out with one line naming the lock', async () => {
  const lockDir = path.join(dir, 'x64.lock');
  const lock = await acquireLock(lockDir, FAST);
  try {
    const err = await acquireLock(lockDir, { ...FAST, timeoutMs: 300 }).then(
      () => undefined,
      (e: Error) => e
    );
    expect(err?.message).toContain(lockDir);
    expect(err?.message).toContain(`pid ${process.pid}`);
    expect(err?.message).not.toContain('\n');
  } finally {
    await lock.release();
  }
});

test('a lock left by a SIGKILLed process on this host is taken over at once', async () => {
  const lockDir = path.join(dir, 'x64.lock');
  const script = `
    const fs = require('fs'), os = require('os'), path = require('path');
    const d = process.argv[1];
    fs.mkdirSync(d);
    fs.writeFileSync(path.join(d, 'owner.json'), JSON.stringify({ pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString(), token: 'child' }));
    process.stdout.write('locked\\n');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['-e', script, lockDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => (d.toString().includes('locked') ? resolve() : undefined));
    child.once('exit', () => reject(new Error('child exited early')));
  });
  expect(pidAlive(child.pid!)).toBe(true);
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
  expect(existsSync(lockDir)).toBe(true);

  const started = Date.now();
  const lock = await acquireLock(lockDir, { timeoutMs: 5_000, staleMs: 60_000, pollMs: 50 });
  expect(Date.now() - started).toBeLessThan(1_500);
  expect(JSON.parse(readFileSync(path.join(lockDir, 'owner.json'), 'utf8')).pid).toBe(process.pid);
  await lock.release();
});

test('several waiters taking over a dead holder lock still get it one at a time', async () => {
  const lockDir = path.join(dir, 'x64.lock');
  mkdirSync(lockDir);
  const ownerFile = path.join(lockDir, 'owner.json');
  writeFileSync(
    ownerFile,
    JSON.stringify({ pid: 1, hostname: 'gone-host', startedAt: '2026-01-01T00:00:00Z', token: 'dead' })
  );
  const old = new Date(Date.now() - 60_000);
  utimesSync(ownerFile, old, old);
  let inside = 0;
  let maxInside = 0;
  await Promise.all(
    [1, 2, 3, 4].map(async () => {
      const lock = await acquireLock(lockDir, { timeoutMs: 5_000, staleMs: 5_000, pollMs: 10 });
      inside++;
      maxInside = Math.max(maxInside, inside);
      await new Promise((r) => setTimeout(r, 50));
      inside--;
      await lock.release();
    })
  );
  expect(maxInside).toBe(1);
  expect(existsSync(lockDir)).toBe(false);
});

test('a lock of another host without heartbeat for staleMs is taken over', async () => {
  const lockDir = path.join(dir, 'x64.lock');
  mkdirSync(lockDir);
  const ownerFile = path.join(lockDir, 'owner.json');
  writeFileSync(
    ownerFile,
    JSON.stringify({ pid: 1, hostname: 'another-host', startedAt: '2026-01-01T00:00:00Z', token: 't' })
  );
  const old = new Date(Date.now() - 10_000);
  utimesSync(ownerFile, old, old);
  const lock = await acquireLock(lockDir, { timeoutMs: 2_000, staleMs: 5_000, pollMs: 20 });
  expect(JSON.parse(readFileSync(ownerFile, 'utf8')).pid).toBe(process.pid);
  await lock.release();
});

test('a lock of another host with a fresh heartbeat is not taken over', async () => {
  const lockDir = path.join(dir, 'x64.lock');
  mkdirSync(lockDir);
  writeFileSync(
    path.join(lockDir, 'owner.json'),
    JSON.stringify({ pid: 1, hostname: 'another-host', startedAt: '2026-01-01T00:00:00Z', token: 't' })
  );
  await expect(acquireLock(lockDir, { timeoutMs: 300, staleMs: 60_000, pollMs: 20 })).rejects.toThrow(/another-host/);
  expect(JSON.parse(readFileSync(path.join(lockDir, 'owner.json'), 'utf8')).token).toBe('t');
});

test('the heartbeat keeps a long-held lock fresh', async () => {
  const lockDir = path.join(dir, 'x64.lock');
  const lock = await acquireLock(lockDir, { timeoutMs: 1_000, staleMs: 400, pollMs: 20 });
  try {
    await new Promise((r) => setTimeout(r, 1_000));
    // held longer than staleMs, but the heartbeat keeps it: the waiter must time out, not take over
    await expect(acquireLock(lockDir, { timeoutMs: 400, staleMs: 400, pollMs: 20 })).rejects.toMatchObject({
      name: 'LockError',
      message: expect.stringMatching(/timed out/)
    });
  } finally {
    await lock.release();
  }
});
