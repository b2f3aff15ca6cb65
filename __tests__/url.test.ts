import { InputError } from '../src/errors.js';
import { displayUrl, parseBaseUrl, parseUrl } from '../src/url.js';

describe('parseBaseUrl: every base URL a user gives (go-download-base-url, vulndb-url, --from)', () => {
  const vulndb = { input: 'vulndb-url' } as const;

  test.each([
    ['https://vuln.go.dev', 'https://vuln.go.dev'],
    ['https://vuln.go.dev/', 'https://vuln.go.dev'],
    ['http://127.0.0.1:8080/vuln//', 'http://127.0.0.1:8080/vuln'],
    ['  https://mirror.example/go-vulndb  ', 'https://mirror.example/go-vulndb'],
    ['HTTPS://vuln.go.dev', 'HTTPS://vuln.go.dev'],
    ['file:///tmp/vulndb/', 'file:///tmp/vulndb'],
    ['file:///C:/vulndb', 'file:///C:/vulndb'],
    ['file:///', 'file:///']
  ])('%j -> %j', (input, expected) => {
    expect(parseBaseUrl(vulndb, input)).toBe(expected);
  });

  test.each(['', 'vuln.go.dev', '/tmp/vulndb', 'C:\\vulndb', 'https://', 'https:// bad host', 'javascript:alert(1)'])(
    '%j -> not a URL, naming the input',
    (input) => {
      expect(() => parseBaseUrl(vulndb, input)).toThrow(InputError);
      expect(() => parseBaseUrl(vulndb, input)).toThrow(
        `input vulndb-url: "${input.trim()}" is not a URL (expected https://host/path or file:///folder)`
      );
    }
  );

  test('another scheme is named', () => {
    expect(() => parseBaseUrl({ env: 'GO_DOWNLOAD_BASE_URL' }, 'ftp://x/go')).toThrow(
      'env GO_DOWNLOAD_BASE_URL: "ftp://x/go" has an unsupported scheme ftp: (expected http(s):// or file://)'
    );
  });

  test.each(['https://vuln.go.dev/?x=1', 'https://vuln.go.dev#top', 'https://go.example/dl?'])(
    '%j -> refused: paths are appended to a base',
    (input) => {
      expect(() => parseBaseUrl(vulndb, input)).toThrow(/^input vulndb-url: .* without \?query or #fragment$/);
    }
  );
});

describe('parseUrl', () => {
  test.each([
    ['https://go.dev/dl/', undefined, 'https://go.dev/dl/'],
    ['../x', 'https://go.dev/dl/y', 'https://go.dev/x'],
    ['not a url', undefined, undefined]
  ])('%j (base %j) -> %j', (text, base, href) => {
    expect(parseUrl(text, base)?.href).toBe(href);
  });
});

describe('displayUrl: no credentials, query or fragment in logs and reports', () => {
  test.each([
    ['https://user:secret@otlp.example.com:4318/v1/traces?token=abc#x', 'https://otlp.example.com:4318/v1/traces'],
    ['https://u:p@mirror.example/go/', 'https://mirror.example/go'],
    ['file:///srv/mirror', 'file:///srv/mirror']
  ])('%s -> %s', (url, shown) => {
    expect(displayUrl(url)).toBe(shown);
  });

  test('not a URL: the fallback, never the text (it may hold a secret)', () => {
    expect(displayUrl('not a url')).toBe('(the URL)');
    expect(displayUrl('x y', '(the endpoint)')).toBe('(the endpoint)');
  });
});
