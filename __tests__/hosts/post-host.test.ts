import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { jest } from '@jest/globals';
import { postHost } from '../../src/hosts/post-host.js';
import { parseAnnotations } from '../../scripts/test-support/run-action.mjs';

describe('postHost (the post step without @actions/core)', () => {
  test('state from STATE_*, annotations escaped as @actions/core does, summary appended', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'post-host-'));
    const summary = path.join(dir, 'summary.md');
    const host = postHost({ STATE_x: '{"a":1}', GITHUB_STEP_SUMMARY: summary });
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      expect(host.getState('x')).toBe('{"a":1}');
      expect(host.getState('missing')).toBe('');
      host.warning('50% done\nsecond line');
      host.notice('key a,b: exists');
      host.annotate({ level: 'warning', message: 'm', file: 'a,b:c.go', line: 3 });
      host.info('plain');
    } finally {
      spy.mockRestore();
    }
    expect(parseAnnotations(written.join(''))).toEqual([
      { level: 'warning', message: '50% done\nsecond line' },
      { level: 'notice', message: 'key a,b: exists' },
      { level: 'warning', message: 'm', file: 'a,b:c.go', line: 3 }
    ]);
    expect(written.at(-1)).toBe(`plain${os.EOL}`);
    await host.writeSummary('# one\n');
    await host.writeSummary('# two\n');
    expect(readFileSync(summary, 'utf8')).toBe(`# one\n${os.EOL}# two\n${os.EOL}`); // as @actions/core's addRaw(text, true)
    // a post host has no outputs, env exports or PATH to change: the type says so
    expect('setOutput' in host).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
