import { InputError } from '../../src/errors.js';
import {
  DEFAULT_DOWNLOAD_BASE_URL,
  DEFAULT_VULNDB_URL,
  INPUT_NAMES,
  parseInputs,
  type RawInputs
} from '../../src/inputs/inputs.js';
import { readFileSync } from 'node:fs';

describe('parseInputs', () => {
  test('defaults: what the action does with every input empty', () => {
    const i = parseInputs({});
    expect(i).toMatchObject({
      goVersion: '',
      goVersionFile: '',
      checkLatest: false,
      downloadBaseUrl: DEFAULT_DOWNLOAD_BASE_URL,
      cache: true,
      mode: 'install',
      onMismatch: 'fail',
      consistency: 'compatible',
      modules: [],
      reportFile: '',
      sarifFile: '',
      matrixRange: 'all',
      vulndbUrl: DEFAULT_VULNDB_URL,
      allowMissingChecksum: false
    });
    expect([...i.checks]).toEqual([]);
  });

  test.each<[RawInputs, Record<string, unknown>]>([
    [{ 'check-latest': 'True' }, { checkLatest: true }],
    [{ cache: 'FALSE' }, { cache: false }],
    [{ mode: 'verify' }, { mode: 'verify' }],
    [{ consistency: 'exact' }, { consistency: 'exact' }],
    [{ modules: 'svc/**\n# comment\n\n!svc/testdata/**\n' }, { modules: ['svc/**', '!svc/testdata/**'] }],
    [
      { 'go-download-base-url': 'https://mirror.example.com/golang/' },
      { downloadBaseUrl: 'https://mirror.example.com/golang' }
    ],
    [
      { 'go-version': ' 1.22 ', 'go-version-file': ' go.mod ' },
      { goVersion: '1.22', goVersionFile: 'go.mod' }
    ],
    [{ 'sarif-file': 'out/x.sarif' }, { sarifFile: 'out/x.sarif' }]
  ])('%j', (raw, want) => {
    expect(parseInputs(raw)).toMatchObject(want);
  });

  test('GO_DOWNLOAD_BASE_URL applies when the input is empty; the input wins', () => {
    expect(parseInputs({}, { GO_DOWNLOAD_BASE_URL: 'file:///opt/mirror' }).downloadBaseUrl).toBe('file:///opt/mirror');
    expect(
      parseInputs({ 'go-download-base-url': 'https://a.example' }, { GO_DOWNLOAD_BASE_URL: 'https://b.example' })
        .downloadBaseUrl
    ).toBe('https://a.example');
  });

  test.each<[RawInputs, Record<string, string | undefined>, RegExp]>([
    [{ 'check-latest': 'yes' }, {}, /^input check-latest: "yes" is not a boolean/],
    [{ mode: 'deploy' }, {}, /^input mode: "deploy" is not valid \(expected one of install, verify, plan\)$/],
    [{ consistency: 'strict' }, {}, /^input consistency: /],
    [{ 'matrix-range': 'some' }, {}, /^input matrix-range: /],
    [{ 'go-download-base-url': 'ftp://x' }, {}, /^input go-download-base-url: "ftp:\/\/x" has an unsupported scheme/],
    [{}, { GO_DOWNLOAD_BASE_URL: 'not a url' }, /^env GO_DOWNLOAD_BASE_URL: "not a url" is not a URL/],
    [{ checks: 'nope: off' }, {}, /^input checks: line 1: unknown check "nope"/],
    [{ 'vulndb-url': 'https://x/?q=1' }, {}, /^input vulndb-url: /]
  ])('%j %j -> one InputError naming it', (raw, env, message) => {
    let err: unknown;
    try {
      parseInputs(raw, env);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(message);
  });

  test('every input of action.yml is read, and only those', () => {
    const yml = readFileSync(new URL('../../action.yml', import.meta.url), 'utf8');
    const section = yml.slice(yml.indexOf('\ninputs:'), yml.indexOf('\noutputs:'));
    const declared = [...section.matchAll(/^ {2}([a-z-]+):$/gm)].map((m) => m[1]);
    expect([...INPUT_NAMES].sort()).toEqual(declared.sort());
  });
});
