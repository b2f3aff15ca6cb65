/** The action's inputs as the runner passes them (INPUT_*), read as @actions/core's getInput reads them. */
import { INPUT_NAMES, type RawInputs } from '../inputs/inputs.js';
import { inputValue } from './workflow-commands.js';

export function readRawInputs(env: NodeJS.ProcessEnv = process.env): RawInputs {
  const raw: RawInputs = {};
  for (const name of INPUT_NAMES) raw[name] = inputValue(env, name);
  return raw;
}
