/**
 * What the main step hands to the post step through the runner's state (pure): the paths, keys
 * and lookup results of both entries, the dependency files, and when the restore began.
 */
import { isObject } from '../json.js';
import type { LookupResult } from './keys.js';

export const STATE_NAME = 'setup-go-enforced-cache';

export interface EntryState {
  path: string;
  /** modules: the key; build: the key a new entry is saved under */
  saveKey: string;
  result: LookupResult;
  matchedKey?: string;
}

export interface CacheState {
  v: 1;
  /** cache-save input */
  save: boolean;
  /** entries used since this time (ms since the epoch) count as used by the job */
  since: number;
  workspace: string;
  runnerOs: string;
  /** absolute paths of the dependency files the modules key was computed from */
  dependencyFiles: string[];
  modules?: EntryState;
  build?: EntryState;
}

export function encodeState(s: CacheState): string {
  return JSON.stringify(s);
}

/** The state, or undefined when there is none or it is not ours (e.g. main failed before it). */
export function decodeState(text: string): CacheState | undefined {
  if (!text) return undefined;
  let s: unknown;
  try {
    s = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(s)) return undefined;
  const o = s as Partial<CacheState>;
  const entryOk = (e: unknown): boolean =>
    e === undefined || (isObject(e) && typeof e.path === 'string' && typeof e.saveKey === 'string');
  if (
    o.v !== 1 ||
    typeof o.save !== 'boolean' ||
    typeof o.since !== 'number' ||
    typeof o.workspace !== 'string' ||
    typeof o.runnerOs !== 'string' ||
    !Array.isArray(o.dependencyFiles) ||
    !entryOk(o.modules) ||
    !entryOk(o.build)
  )
    return undefined;
  return o as CacheState;
}
