/**
 * Runs a `go` binary and reads what it says about itself. Always with GOTOOLCHAIN=local so that
 * a go.mod cannot make it switch to (or download) another toolchain while we ask.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fromToolchain } from '../go/gover.js';

const run = promisify(execFile);

export interface GoSelfReport {
  /** first line of `go version` */
  versionLine?: string;
  /** parsed from `go version` */
  version?: string;
  env: Record<string, string>;
  /** "<go binary>: <reason>" when go could not be run or failed */
  error?: string;
  /** the reason alone (first line of stderr, else of the error) */
  errorDetail?: string;
}

/** Parses `go version go1.22.3 linux/amd64` (or `go version devel ...`) to "1.22.3". */
export function parseGoVersionLine(line: string): string | undefined {
  const m = /^go version (\S+)/.exec(line.trim());
  return m ? fromToolchain(m[1]) : undefined;
}

/**
 * Runs `go version` and `go env <names...>` of `goBinary` with `env` (GOTOOLCHAIN forced to local).
 * Never throws: a failure is reported in `error`.
 */
export async function askGo(
  goBinary: string,
  envNames: string[],
  env: NodeJS.ProcessEnv,
  cwd?: string
): Promise<GoSelfReport> {
  const childEnv = { ...env, GOTOOLCHAIN: 'local' };
  const opts = { env: childEnv, cwd, timeout: 30_000, windowsHide: true };
  try {
    const [v, e] = await Promise.all([
      run(goBinary, ['version'], opts),
      envNames.length ? run(goBinary, ['env', ...envNames], opts) : Promise.resolve({ stdout: '' })
    ]);
    const versionLine = v.stdout.split(/\r?\n/)[0].trim();
    const values = e.stdout.split(/\r?\n/);
    const out: Record<string, string> = {};
    envNames.forEach((name, i) => (out[name] = (values[i] ?? '').trim()));
    return { versionLine, version: parseGoVersionLine(versionLine), env: out };
  } catch (err) {
    const e = err as { message?: string; stderr?: string };
    const detail = (e.stderr || e.message || String(err)).trim().split(/\r?\n/)[0];
    return { env: {}, error: `${goBinary}: ${detail}`, errorDetail: detail };
  }
}
