import { samePath } from '../src/paths.js';

describe('samePath', () => {
  test.each([
    // the checks: no os, the shape of the path decides
    ['/opt/hostedtoolcache/go/1.19.8/x64', '/opt/hostedtoolcache/go/1.19.8/x64/', undefined, true],
    ['/opt/a/../go', '/opt/go', undefined, true],
    ['/opt/Go', '/opt/go', undefined, false],
    ['C:\\hostedtoolcache\\windows\\go\\1.19.8\\x64', 'c:/hostedtoolcache/windows/go/1.19.8/x64/', undefined, true],
    ['C:\\', 'c:/', undefined, true],
    ['\\\\server\\share\\go', '//SERVER/share/go', undefined, true],
    ['/a/b', '/a/c', undefined, false],
    // doctor: the machine's os
    ['/home/u/go/bin', '/home/u/go/bin/', 'linux', true],
    ['/home/U/go', '/home/u/go', 'darwin', false],
    ['a\\b', 'a/b', 'linux', false],
    ['C:\\Users\\me\\go\\bin', 'c:\\users\\ME\\go\\bin\\', 'win32', true],
    ['C:\\Go\\..\\Go', 'C:/Go', 'win32', true],
    ['D:\\Go', 'C:\\Go', 'win32', false]
  ])('%j ~ %j (os %j) -> %j', (a, b, os, same) => {
    expect(samePath(a, b, os)).toBe(same);
    expect(samePath(b, a, os)).toBe(same);
  });
});
