/**
 * A test hook that makes "a file changed while bump ran" deterministic: with
 * SETUP_GO_ENFORCED_TEST_BUMP_PAUSE=<folder> in the environment, bump writes `<folder>/paused` once
 * every file is read and planned, and waits until `<folder>/resume` exists before it writes
 * anything. A test changes a file in between. Without the variable (every real run) nothing
 * happens. Edge module: the file system.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const BUMP_PAUSE_ENV = 'SETUP_GO_ENFORCED_TEST_BUMP_PAUSE';

/** How long a paused bump waits for the resume file at most. */
const MAX_WAIT_MS = 120_000;

export async function pauseBeforeWrite(env: NodeJS.ProcessEnv): Promise<void> {
  const dir = (env[BUMP_PAUSE_ENV] ?? '').trim();
  if (dir === '') return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'paused'), String(process.pid));
  const until = Date.now() + MAX_WAIT_MS;
  while (!existsSync(path.join(dir, 'resume')) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
