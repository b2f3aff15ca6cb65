import type { Finding } from '../../src/verify/findings.js';
import { relativeFile, toAnnotations } from '../../src/report/annotations.js';

const finding = (severity: Finding['severity'], i: number, file?: string): Finding => ({
  check: 'go-directive',
  kind: severity === 'error' ? 'break' : 'drift',
  severity,
  message: `${severity} ${i}`,
  ...(file ? { file, line: i + 1 } : {})
});

describe('toAnnotations', () => {
  test('a finding with a file keeps its path and line; one without has neither', () => {
    expect(toAnnotations([finding('error', 2, 'svc/go.mod'), finding('warning', 0)])).toEqual([
      { level: 'error', message: 'error 2', file: 'svc/go.mod', line: 3 },
      { level: 'warning', message: 'warning 0' }
    ]);
  });

  test.each<[number, number, number, string | undefined]>([
    [0, 0, 0, undefined],
    [3, 3, 0, undefined],
    [10, 10, 0, undefined],
    [11, 9, 1, '2 more errors: see the job summary'],
    [40, 9, 1, '31 more errors: see the job summary']
  ])('%i errors -> %i with a file and %i summary annotation', (n, withFile, summaries, text) => {
    const out = toAnnotations(Array.from({ length: n }, (_, i) => finding('error', i, `m${i}/go.mod`)));
    expect(out.length).toBeLessThanOrEqual(10);
    expect(out.filter((a) => a.file)).toHaveLength(withFile);
    const extra = out.filter((a) => !a.file);
    expect(extra).toHaveLength(summaries);
    if (text) expect(extra[0]).toEqual({ level: 'error', message: text });
    expect(out.slice(0, withFile).map((a) => a.file)).toEqual(
      Array.from({ length: withFile }, (_, i) => `m${i}/go.mod`)
    );
  });

  test('warnings are capped on their own, errors first', () => {
    const findings = [
      ...Array.from({ length: 15 }, (_, i) => finding('warning', i, 'a/go.mod')),
      ...Array.from({ length: 12 }, (_, i) => finding('error', i, 'b/go.mod'))
    ];
    const out = toAnnotations(findings);
    expect(out.map((a) => a.level)).toEqual([...Array(10).fill('error'), ...Array(10).fill('warning')]);
    expect(out[9].message).toBe('3 more errors: see the job summary');
    expect(out[19].message).toBe('6 more warnings: see the job summary');
  });

  test('paths become relative to the workspace with forward slashes', () => {
    const out = toAnnotations(
      [
        finding('error', 0, '/home/runner/work/r/r/svc/go.mod'),
        finding('error', 1, 'svc\\api\\go.mod'),
        finding('error', 2, './go.mod')
      ],
      '/home/runner/work/r/r/'
    );
    expect(out.map((a) => a.file)).toEqual(['svc/go.mod', 'svc/api/go.mod', 'go.mod']);
  });

  test.each([
    ['D:\\a\\r\\r\\svc\\go.mod', 'd:\\a\\r\\r', 'svc/go.mod'],
    ['/elsewhere/go.mod', '/home/runner/work', '/elsewhere/go.mod'],
    ['/home/runner/workspace/go.mod', '/home/runner/work', '/home/runner/workspace/go.mod']
  ])('relativeFile(%s, %s) = %s', (file, root, rel) => {
    expect(relativeFile(file, root)).toBe(rel);
  });
});
