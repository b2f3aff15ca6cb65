/**
 * The runner, through @actions/core: inputs, outputs, exported environment and PATH,
 * annotations, the job summary, the log. The only module that imports @actions/core.
 */
import * as core from '@actions/core';
import { INPUT_NAMES, type RawInputs } from '../inputs/inputs.js';

export function readRawInputs(): RawInputs {
  const raw: RawInputs = {};
  for (const name of INPUT_NAMES) raw[name] = core.getInput(name);
  return raw;
}

export function setOutput(name: string, value: string): void {
  core.setOutput(name, value);
}

export function exportVariable(name: string, value: string): void {
  core.exportVariable(name, value);
}

/** Prepends to PATH for later steps and for this process. */
export function addPath(dir: string): void {
  core.addPath(dir);
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  file?: string;
  line?: number;
}

export function annotate(a: Annotation): void {
  const props = a.file ? { file: a.file, startLine: a.line } : undefined;
  if (a.level === 'error') core.error(a.message, props);
  else if (a.level === 'warning') core.warning(a.message, props);
  else core.notice(a.message, props);
}

export function info(message: string): void {
  core.info(message);
}

export function warning(message: string): void {
  core.warning(message);
}

export function debug(message: string): void {
  core.debug(message);
}

export function setSecret(value: string): void {
  if (value) core.setSecret(value);
}

/** Appends Markdown to the job summary, when the runner provides one. */
export async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(markdown, true).write();
}

/** Marks the step failed (exit code 1) without an annotation of its own. */
export function setExitFailure(): void {
  process.exitCode = 1;
}
