/**
 * The runner host writes what @actions/core 3 writes: the same stdout commands and the same command
 * files (the heredoc delimiters aside, which are random), for the same calls. Both run here, one
 * after the other, on the same environment.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { jest } from '@jest/globals';
import * as core from '@actions/core';
import { actionsHost } from '../../src/hosts/actions-host.js';
import { readRawInputs } from '../../src/hosts/runner-inputs.js';
import type { Host } from '../../src/hosts/host.js';

const FILES = ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY'] as const;

/** What a set of calls wrote: stdout and each command file, delimiters replaced. */
async function capture(withFiles: boolean, calls: () => Promise<void> | void): Promise<Record<string, string>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'actions-host-'));
  const saved = { ...process.env };
  for (const f of FILES) delete process.env[f];
  if (withFiles) {
    for (const f of FILES) {
      const file = path.join(dir, f);
      process.env[f] = file;
      writeFileSync(file, '');
    }
  }
  const written: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    await calls();
  } finally {
    spy.mockRestore();
  }
  const out: Record<string, string> = {
    stdout: written.join(''),
    PATH: process.env.PATH ?? '',
    X: process.env.X ?? ''
  };
  if (withFiles) for (const f of FILES) out[f] = readFileSync(path.join(dir, f), 'utf8');
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
  return Object.fromEntries(
    Object.entries(out).map(([k, v]) => [k, v.replace(/ghadelimiter_[0-9a-f-]{36}/g, 'DELIM')])
  );
}

function ours(h: Host): void {
  h.setOutput('go-version', '1.19.8');
  h.setOutput('multi', 'a\nb');
  h.exportVariable('X', 'one two');
  h.addPath('/opt/go/bin');
  h.saveState('s', '{"a":1}');
  h.setSecret('s3cret-value');
  h.annotate({ level: 'error', message: 'go.mod: 50% done\nnext', file: 'a,b:c/go.mod', line: 3 });
  h.annotate({ level: 'warning', message: 'plain' });
  h.annotate({ level: 'notice', message: 'n', file: 'x.go' });
  h.warning('w');
  h.notice('no');
  h.debug('d');
  h.info('hello');
}

function theirs(): void {
  core.setOutput('go-version', '1.19.8');
  core.setOutput('multi', 'a\nb');
  core.exportVariable('X', 'one two');
  core.addPath('/opt/go/bin');
  core.saveState('s', '{"a":1}');
  core.setSecret('s3cret-value');
  core.error('go.mod: 50% done\nnext', { file: 'a,b:c/go.mod', startLine: 3 });
  core.warning('plain', undefined);
  core.notice('n', { file: 'x.go', startLine: undefined });
  core.warning('w');
  core.notice('no');
  core.debug('d');
  core.info('hello');
}

describe('actionsHost writes what @actions/core writes', () => {
  test.each([
    ['with the command files (GITHUB_OUTPUT, ...)', true],
    ['without them (the older stdout commands)', false]
  ])('%s', async (_name, withFiles) => {
    const mine = await capture(withFiles, () => ours(actionsHost()));
    const core3 = await capture(withFiles, theirs);
    expect(mine).toEqual(core3);
    expect(mine.stdout).toContain('::add-mask::s3cret-value');
  });

  test('the job summary: the Markdown and a line end, appended', async () => {
    const mine = await capture(true, async () => {
      await actionsHost().writeSummary('# one');
      await actionsHost().writeSummary('| a |');
    });
    const core3 = await capture(true, async () => {
      await core.summary.addRaw('# one', true).write();
      core.summary.emptyBuffer();
      await core.summary.addRaw('| a |', true).write();
      core.summary.emptyBuffer();
    });
    expect(mine.GITHUB_STEP_SUMMARY).toBe(core3.GITHUB_STEP_SUMMARY);
  });

  test('inputs as getInput reads them; state as getState', () => {
    const env = { 'INPUT_GO-VERSION': ' 1.22 \n', 'INPUT_CACHE-DEPENDENCY-PATH': 'a/go.sum\nb/go.sum', STATE_s: 'v' };
    const raw = readRawInputs(env);
    expect(raw['go-version']).toBe('1.22');
    expect(raw['cache-dependency-path']).toBe('a/go.sum\nb/go.sum');
    expect(raw['check-latest']).toBe('');
    expect(actionsHost(env).getState('s')).toBe('v');
    expect(actionsHost(env).getState('none')).toBe('');
  });
});
