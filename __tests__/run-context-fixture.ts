/** A RunContext for stage tests: a memory host over `env`, the inputs parsed from `raw`. */
import { memoryHost } from '../src/hosts/host.js';
import { parseInputs, type RawInputs } from '../src/inputs/inputs.js';
import type { RunContext } from '../src/run-context.js';
import type { RunnerDirs } from '../src/system/platform.js';

export function runContext(
  o: {
    raw?: RawInputs;
    env?: NodeJS.ProcessEnv;
    dirs?: Partial<RunnerDirs>;
    platform?: { os: string; arch: string };
  } = {}
): RunContext & { host: ReturnType<typeof memoryHost> } {
  const env = o.env ?? {};
  const platform = o.platform ?? { os: 'linux', arch: 'x64' };
  return {
    host: memoryHost(env),
    inputs: parseInputs(o.raw ?? {}, env),
    platform,
    arch: platform.arch,
    dirs: { toolCache: '/tc', temp: '/tmp', workspace: '/ws', hosted: false, ...o.dirs }
  };
}
