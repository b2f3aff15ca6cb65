import { decideSwitching } from '../../src/plan/toolchain-switching.js';

describe('decideSwitching: the input, else the job, else local (install mode exports)', () => {
  test.each([
    // [input, job GOTOOLCHAIN, mode, setting, from, exported, replaced]
    [undefined, undefined, 'install', 'local', 'default', true, undefined],
    [undefined, 'auto', 'install', 'auto', 'environment', false, undefined],
    [undefined, 'go1.26.0+auto', 'install', 'go1.26.0+auto', 'environment', false, undefined],
    ['local', 'auto', 'install', 'local', 'input', true, 'auto'],
    ['auto', undefined, 'install', 'auto', 'input', true, undefined],
    ['auto', 'auto', 'install', 'auto', 'input', true, undefined],
    ['path', 'local', 'install', 'path', 'input', true, 'local'],
    [undefined, 'nonsense', 'install', 'local', 'default', true, 'nonsense'],
    // verify and plan export nothing: the job's GOTOOLCHAIN is what Go does
    ['local', 'auto', 'verify', 'auto', 'environment', false, undefined],
    [undefined, undefined, 'verify', 'local', 'default', false, undefined],
    ['auto', undefined, 'plan', 'local', 'default', false, undefined]
  ] as const)('input %s, job %s, %s -> %s from %s', (asked, job, mode, raw, from, exported, replaced) => {
    const d = decideSwitching(asked, job, mode);
    expect(d.setting.raw).toBe(raw);
    expect(d.from).toBe(from);
    expect(d.exported).toBe(exported);
    expect(d.replaced).toBe(replaced);
    expect(d.asked).toBe(asked);
  });

  test('a GOTOOLCHAIN Go rejects is marked invalid', () => {
    expect(decideSwitching(undefined, 'go1.22+banana', 'verify').invalid).toBe('go1.22+banana');
  });
});
