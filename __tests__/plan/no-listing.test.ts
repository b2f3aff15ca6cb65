import { HttpError, NotJsonError, authHeaders } from '../../src/system/http.js';
import { InputError } from '../../src/errors.js';
import type { VersionRequest, VersionSpec } from '../../src/plan/types.js';
import { listingAbsent } from '../../src/plan/mirror-files.js';
import { exactVersionWithoutListing, knownWithoutListing, parseSha256File } from '../../src/plan/no-listing.js';

const HEX = 'ab'.repeat(32);

describe('no listing', () => {
  test.each([
    [`${HEX}\n`, HEX],
    [`${HEX}  go1.22.3.linux-amd64.tar.gz\n`, HEX],
    [`  ${HEX.toUpperCase()}`, HEX],
    ['', undefined],
    ['<html>not found</html>', undefined],
    [`${HEX}ff`, undefined]
  ])('parseSha256File(%j)', (text, expected) => expect(parseSha256File(text)).toBe(expected));

  test.each([
    ['404', new HttpError('the Go release manifest not found at u (HTTP 404)', 'u', 404), true],
    ['410', new HttpError('gone', 'u', 410), true],
    ['not JSON', new NotJsonError('the Go release manifest at u is not JSON: <html>', 'u'), true],
    ['500 after retries', new HttpError('could not download ... (3 tries)', 'u', 500, 3), false],
    ['connection refused', new HttpError('could not download ...: ECONNREFUSED (3 tries)', 'u', undefined, 3), false],
    ['another error', new Error('x'), false]
  ])('listingAbsent: %s -> %s', (_name, err, expected) => expect(listingAbsent(err)).toBe(expected));

  test('the Microsoft build URL is known to have no listing', () => {
    expect(knownWithoutListing('https://aka.ms/golang/release/latest')).toBe(true);
    expect(knownWithoutListing('https://AKA.ms/golang/release/latest/')).toBe(true);
    expect(knownWithoutListing('https://go.dev/dl')).toBe(false);
  });

  const req = (raw: string, over: Partial<VersionRequest> = {}): VersionRequest => ({
    spec: { kind: 'exact', version: raw },
    raw,
    origin: { kind: 'input' },
    ...over
  });
  test.each<[string, VersionSpec, VersionRequest, string | RegExp]>([
    ['exact', { kind: 'exact', version: '1.22.3' }, req('1.22.3'), '1.22.3'],
    [
      'minor from the input',
      { kind: 'minor', lang: '1.22' },
      req('1.22'),
      /^input go-version: "1\.22" is not an exact/
    ],
    ['alias', { kind: 'alias', alias: 'stable' }, req('stable'), /^input go-version: "stable"/],
    [
      'go line of a file',
      { kind: 'minimum', minimum: '1.22' },
      req('go 1.22', { origin: { kind: 'file', format: 'go.mod', file: 'svc/go.mod', line: 3, directive: 'go' } }),
      /^svc\/go\.mod:3: "go 1\.22" is not an exact version/
    ]
  ])('exactVersionWithoutListing: %s', (_name, spec, request, expected) => {
    if (typeof expected === 'string') {
      expect(exactVersionWithoutListing(spec, request, 'https://m', 'HTTP 404')).toBe(expected);
    } else {
      let err: unknown;
      try {
        exactVersionWithoutListing(spec, request, 'https://m', 'HTTP 404');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(expected);
    }
  });
});

describe('authHeaders with go-download-token', () => {
  const mirror = { baseUrl: 'https://mirror.example.com:8443/golang', token: 'secret' };
  test.each<[string, string, string | undefined, Record<string, string>]>([
    [
      'the mirror: its token',
      'https://mirror.example.com:8443/golang/go1.22.3.linux-amd64.tar.gz',
      'gh',
      { Authorization: 'Bearer secret' }
    ],
    [
      'another path on the mirror host',
      'https://mirror.example.com:8443/other',
      undefined,
      { Authorization: 'Bearer secret' }
    ],
    ['another port: nothing', 'https://mirror.example.com/golang/x', 'gh', {}],
    ['http instead of https: nothing', 'http://mirror.example.com:8443/golang/x', 'gh', {}],
    ['another host: nothing', 'https://dl.google.com/go/x', 'gh', {}],
    [
      'github.com: the GitHub token, never the mirror token',
      'https://github.com/x',
      'gh',
      { Authorization: 'token gh' }
    ]
  ])('%s', (_name, url, token, expected) => {
    expect(authHeaders(url, token, 'https://github.com', mirror)).toEqual(expected);
  });

  test('a token with its scheme is sent as given; an empty one is no token', () => {
    const url = 'https://mirror.example.com:8443/golang/x';
    expect(authHeaders(url, '', undefined, { ...mirror, token: 'Basic dTpw' })).toEqual({
      Authorization: 'Basic dTpw'
    });
    expect(authHeaders(url, '', undefined, { ...mirror, token: '  ' })).toEqual({});
  });
});
