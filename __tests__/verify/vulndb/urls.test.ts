import { InputError } from '../../../src/errors.js';
import { parseVulnDbUrl } from '../../../src/verify/vulndb/urls.js';

describe('parseVulnDbUrl', () => {
  test.each([
    ['https://vuln.go.dev', 'https://vuln.go.dev'],
    ['https://vuln.go.dev/', 'https://vuln.go.dev'],
    ['http://127.0.0.1:8080/vuln//', 'http://127.0.0.1:8080/vuln'],
    ['  https://mirror.example/go-vulndb  ', 'https://mirror.example/go-vulndb'],
    ['HTTPS://vuln.go.dev', 'HTTPS://vuln.go.dev'],
    ['file:///tmp/vulndb/', 'file:///tmp/vulndb'],
    ['file:///C:/vulndb', 'file:///C:/vulndb']
  ])('%j -> %j', (input, expected) => {
    expect(parseVulnDbUrl(input)).toBe(expected);
  });

  test.each([
    '',
    'vuln.go.dev',
    'ftp://vuln.go.dev',
    '/tmp/vulndb',
    'C:\\vulndb',
    'https://',
    'https:// bad host',
    'javascript:alert(1)'
  ])('%j -> InputError naming the input', (input) => {
    expect(() => parseVulnDbUrl(input)).toThrow(InputError);
    expect(() => parseVulnDbUrl(input)).toThrow(`input vulndb-url: "${input}" is not an http(s):// or file:// URL`);
  });

  test.each(['https://vuln.go.dev/?x=1', 'https://vuln.go.dev#top'])('%j -> InputError (query/fragment)', (input) => {
    expect(() => parseVulnDbUrl(input)).toThrow(/^input vulndb-url: .* without \?query or #fragment$/);
  });
});
