import {
  MAX_TIMEOUT_MS,
  parseKeyValues,
  readTelemetryConfig,
  secretsOf,
  type ConfigResult,
  type TelemetryConfig
} from '../../src/telemetry/config.js';

const on = (r: ConfigResult): TelemetryConfig => {
  if (r.kind !== 'on') throw new Error(`expected on, got ${JSON.stringify(r)}`);
  return r.config;
};

describe('readTelemetryConfig: endpoints', () => {
  test.each([
    {
      name: 'generic endpoint: /v1/traces and /v1/metrics appended',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' },
      traces: 'http://collector:4318/v1/traces',
      metrics: 'http://collector:4318/v1/metrics'
    },
    {
      name: 'generic endpoint with a path and a trailing slash: one slash in between',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otlp.example.com/otlp/' },
      traces: 'https://otlp.example.com/otlp/v1/traces',
      metrics: 'https://otlp.example.com/otlp/v1/metrics'
    },
    {
      name: 'signal-specific endpoints are used as they are',
      env: {
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://t:4318/custom',
        OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://m:4318'
      },
      traces: 'http://t:4318/custom',
      metrics: 'http://m:4318/'
    },
    {
      name: 'a signal-specific endpoint wins over the generic one',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://g:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://t:1/x' },
      traces: 'http://t:1/x',
      metrics: 'http://g:4318/v1/metrics'
    },
    {
      name: 'only a traces endpoint: no metrics',
      env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://t:4318/v1/traces' },
      traces: 'http://t:4318/v1/traces',
      metrics: undefined
    },
    {
      name: 'OTEL_METRICS_EXPORTER=none turns metrics off',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://g:4318', OTEL_METRICS_EXPORTER: 'none' },
      traces: 'http://g:4318/v1/traces',
      metrics: undefined
    },
    {
      name: 'an exporter list that names otlp keeps the signal',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://g:4318', OTEL_TRACES_EXPORTER: 'console, otlp' },
      traces: 'http://g:4318/v1/traces',
      metrics: 'http://g:4318/v1/metrics'
    },
    {
      name: 'an exporter this action does not have (prometheus) turns the signal off',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://g:4318', OTEL_METRICS_EXPORTER: 'prometheus' },
      traces: 'http://g:4318/v1/traces',
      metrics: undefined
    },
    {
      name: 'a query string of the generic endpoint stays after the path',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://g:4318/base?tenant=a' },
      traces: 'http://g:4318/base/v1/traces?tenant=a',
      metrics: 'http://g:4318/base/v1/metrics?tenant=a'
    }
  ])('$name', ({ env, traces, metrics }) => {
    const c = on(readTelemetryConfig(env));
    expect(c.traces?.url).toBe(traces);
    expect(c.metrics?.url).toBe(metrics);
  });

  test.each([
    { name: 'no endpoint', env: {} },
    { name: 'blank endpoint', env: { OTEL_EXPORTER_OTLP_ENDPOINT: '  ' } },
    {
      name: 'OTEL_SDK_DISABLED=true',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://g:4318', OTEL_SDK_DISABLED: 'TRUE' }
    },
    {
      name: 'both signals turned off',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://g:4318', OTEL_TRACES_EXPORTER: 'none', OTEL_METRICS_EXPORTER: 'none' }
    }
  ])('off: $name', ({ env }) => {
    expect(readTelemetryConfig(env)).toEqual({ kind: 'off' });
  });

  test('OTEL_SDK_DISABLED other than true does not disable', () => {
    expect(readTelemetryConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://g', OTEL_SDK_DISABLED: 'false' }).kind).toBe(
      'on'
    );
  });
});

describe('readTelemetryConfig: protocol, headers, compression, timeout, temporality', () => {
  const base = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://g:4318' };

  test('defaults: http/protobuf, no headers, no compression, the spec timeout capped, delta', () => {
    const c = on(readTelemetryConfig(base));
    expect(c.traces).toEqual({
      url: 'http://g:4318/v1/traces',
      protocol: 'http/protobuf',
      headers: {},
      compression: 'none',
      timeoutMs: MAX_TIMEOUT_MS
    });
    expect(c.temporality).toBe('delta');
    expect(c.resource).toEqual({});
    expect(c.serviceName).toBeUndefined();
  });

  test.each([
    { env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }, traces: 'http/json', metrics: 'http/json' },
    {
      env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/protobuf' },
      traces: 'http/json',
      metrics: 'http/protobuf'
    },
    { env: { OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json' }, traces: 'http/json', metrics: 'http/protobuf' }
  ])('protocol $env', ({ env, traces, metrics }) => {
    const c = on(readTelemetryConfig({ ...base, ...env }));
    expect([c.traces?.protocol, c.metrics?.protocol]).toEqual([traces, metrics]);
  });

  test('headers: percent-decoded, trimmed, = inside a value kept; the signal-specific ones win per name', () => {
    const c = on(
      readTelemetryConfig({
        ...base,
        OTEL_EXPORTER_OTLP_HEADERS: ' api-key = s3cr%3Dt%2C , Authorization=Basic%20dXNlcjpwYXNz,x-tenant=a=b,',
        OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'authorization=Bearer%20tok'
      })
    );
    expect(c.metrics?.headers).toEqual({
      'api-key': 's3cr=t,',
      Authorization: 'Basic dXNlcjpwYXNz',
      'x-tenant': 'a=b'
    });
    expect(c.traces?.headers).toEqual({ 'api-key': 's3cr=t,', 'x-tenant': 'a=b', authorization: 'Bearer tok' });
  });

  test.each([
    { env: {}, ms: MAX_TIMEOUT_MS },
    { env: { OTEL_EXPORTER_OTLP_TIMEOUT: '500' }, ms: 500 },
    { env: { OTEL_EXPORTER_OTLP_TIMEOUT: '60000' }, ms: MAX_TIMEOUT_MS },
    { env: { OTEL_EXPORTER_OTLP_TIMEOUT: '2000', OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '700' }, ms: 700 }
  ])('timeout $env -> traces $ms ms', ({ env, ms }) => {
    expect(on(readTelemetryConfig({ ...base, ...env })).traces?.timeoutMs).toBe(ms);
  });

  test.each([
    { env: { OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip' }, c: 'gzip' },
    { env: { OTEL_EXPORTER_OTLP_COMPRESSION: 'GZIP' }, c: 'gzip' },
    { env: { OTEL_EXPORTER_OTLP_COMPRESSION: 'none' }, c: 'none' },
    { env: { OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip', OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: 'none' }, c: 'none' }
  ])('compression $env -> $c', ({ env, c }) => {
    expect(on(readTelemetryConfig({ ...base, ...env })).traces?.compression).toBe(c);
  });

  test.each([
    { v: 'delta', t: 'delta' },
    { v: 'LowMemory', t: 'delta' },
    { v: 'cumulative', t: 'cumulative' }
  ])('temporality preference $v -> $t', ({ v, t }) => {
    const c = on(readTelemetryConfig({ ...base, OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: v }));
    expect(c.temporality).toBe(t);
  });

  test('OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (decoded)', () => {
    const c = on(
      readTelemetryConfig({
        ...base,
        OTEL_SERVICE_NAME: ' checkout ',
        OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=ci,team=go%20platform'
      })
    );
    expect(c.serviceName).toBe('checkout');
    expect(c.resource).toEqual({ 'deployment.environment.name': 'ci', team: 'go platform' });
  });
});

describe('readTelemetryConfig: malformed values name the variable, never the value', () => {
  const base = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://g:4318' };
  test.each([
    { env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'secretvalue:4318 with spaces' }, variable: 'OTEL_EXPORTER_OTLP_ENDPOINT' },
    { env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'ftp://secretvalue' }, variable: 'OTEL_EXPORTER_OTLP_ENDPOINT' },
    {
      env: { ...base, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'not a url secretvalue' },
      variable: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'
    },
    { env: { ...base, OTEL_EXPORTER_OTLP_HEADERS: 'secretvalue' }, variable: 'OTEL_EXPORTER_OTLP_HEADERS' },
    { env: { ...base, OTEL_EXPORTER_OTLP_HEADERS: '=secretvalue' }, variable: 'OTEL_EXPORTER_OTLP_HEADERS' },
    { env: { ...base, OTEL_EXPORTER_OTLP_HEADERS: 'k=secretvalue%E0%A4%A' }, variable: 'OTEL_EXPORTER_OTLP_HEADERS' },
    { env: { ...base, OTEL_EXPORTER_OTLP_HEADERS: 'bad name=secretvalue' }, variable: 'OTEL_EXPORTER_OTLP_HEADERS' },
    { env: { ...base, OTEL_EXPORTER_OTLP_HEADERS: 'k=secretvalue%0Abreak' }, variable: 'OTEL_EXPORTER_OTLP_HEADERS' },
    {
      env: { ...base, OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'secretvalue' },
      variable: 'OTEL_EXPORTER_OTLP_METRICS_HEADERS'
    },
    { env: { ...base, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, variable: 'OTEL_EXPORTER_OTLP_PROTOCOL' },
    { env: { ...base, OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'json' }, variable: 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL' },
    { env: { ...base, OTEL_EXPORTER_OTLP_COMPRESSION: 'br' }, variable: 'OTEL_EXPORTER_OTLP_COMPRESSION' },
    { env: { ...base, OTEL_EXPORTER_OTLP_TIMEOUT: '10s' }, variable: 'OTEL_EXPORTER_OTLP_TIMEOUT' },
    { env: { ...base, OTEL_EXPORTER_OTLP_TIMEOUT: '0' }, variable: 'OTEL_EXPORTER_OTLP_TIMEOUT' },
    {
      env: { ...base, OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'sometimes' },
      variable: 'OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE'
    },
    { env: { ...base, OTEL_RESOURCE_ATTRIBUTES: 'secretvalue' }, variable: 'OTEL_RESOURCE_ATTRIBUTES' }
  ])('$variable = $env', ({ env, variable }) => {
    const r = readTelemetryConfig(env);
    if (r.kind !== 'invalid') throw new Error(`expected invalid, got ${r.kind}`);
    expect(r.variable).toBe(variable);
    expect(r.reason.length).toBeGreaterThan(0);
    // Headers, endpoints and resource attributes may hold secrets: their values never appear.
    expect(r.reason).not.toContain('secretvalue');
  });
});

describe('parseKeyValues', () => {
  test.each([
    {
      text: 'a=1,b=2',
      out: [
        ['a', '1'],
        ['b', '2']
      ]
    },
    {
      text: ' a = 1 , , b=%20x%20 ',
      out: [
        ['a', '1'],
        ['b', ' x ']
      ]
    },
    { text: 'a=', out: [['a', '']] },
    { text: '', out: [] }
  ])('$text', ({ text, out }) => {
    expect(parseKeyValues('V', text, true)).toEqual(out);
  });
});

describe('secretsOf: what is masked', () => {
  test('every header value raw and decoded, the credential after a scheme, URL user and password', () => {
    const s = secretsOf({
      OTEL_EXPORTER_OTLP_HEADERS: 'api-key=s3cr%3Dt,authorization=Bearer%20tok123',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x=%zz-not-decodable',
      OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'https://user1:p%40ss@otlp.example.com/v1/metrics'
    });
    expect(s).toEqual(
      expect.arrayContaining([
        's3cr%3Dt',
        's3cr=t',
        'Bearer%20tok123',
        'Bearer tok123',
        'tok123',
        '%zz-not-decodable',
        'user1',
        'p%40ss',
        'p@ss'
      ])
    );
  });

  test('malformed configurations still list their secrets', () => {
    const r = readTelemetryConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'bad url', OTEL_EXPORTER_OTLP_HEADERS: 'k=v4lue' });
    expect(r.kind).toBe('invalid');
    expect(r.kind === 'invalid' && r.secrets).toContain('v4lue');
  });

  test('values too short to be a credential are not masked (a mask of "1" would star the whole log)', () => {
    expect(secretsOf({ OTEL_EXPORTER_OTLP_HEADERS: 'x-scope-orgid=1,x-team=ops,key=abcd' })).toEqual(['abcd']);
  });

  test('nothing to mask without headers or credentials', () => {
    expect(secretsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://g:4318' })).toEqual([]);
  });
});
