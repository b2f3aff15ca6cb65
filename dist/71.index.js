export const id = 71;
export const ids = [71];
export const modules = {

/***/ 6071:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  exportStepTelemetry: () => (/* binding */ exportStepTelemetry)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/version.ts + 1 modules
var version = __webpack_require__(1013);
// EXTERNAL MODULE: ./src/url.ts
var src_url = __webpack_require__(7666);
;// CONCATENATED MODULE: ./src/telemetry/config.ts

/** The spec's default timeout per export. */
const DEFAULT_TIMEOUT_MS = 10_000;
/** The longest one signal's export may take (both are sent at the same time). */
const MAX_TIMEOUT_MS = 3_000;
/** A malformed value, by the variable that holds it. */
class Malformed extends Error {
    variable;
    reason;
    constructor(variable, reason) {
        super(`${variable}: ${reason}`);
        this.variable = variable;
        this.reason = reason;
    }
}
const PREFIX = 'OTEL_EXPORTER_OTLP_';
const SIGNAL_NAME = { traces: 'TRACES', metrics: 'METRICS' };
function value(env, name) {
    const v = env[name]?.trim();
    return v ? v : undefined;
}
/** The per-signal variable when set, else the generic one: [variable name, value]. */
function perSignal(env, signal, suffix) {
    const specific = `${PREFIX}${SIGNAL_NAME[signal]}_${suffix}`;
    const generic = `${PREFIX}${suffix}`;
    const s = value(env, specific);
    if (s !== undefined)
        return [specific, s];
    const g = value(env, generic);
    return g !== undefined ? [generic, g] : undefined;
}
function decode(variable, text, what) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        throw new Malformed(variable, `${what} is not valid percent-encoding`);
    }
}
/** RFC 9110 token: what a header name may be. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** What Node accepts in a header value: tab, visible ASCII, space, and Latin-1. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
/**
 * `k=v,k2=v2` (OTEL_EXPORTER_OTLP_HEADERS, OTEL_RESOURCE_ATTRIBUTES): keys and values trimmed,
 * values percent-decoded; empty entries skipped. Throws Malformed naming `variable`.
 */
function parseKeyValues(variable, text, isHeader) {
    const out = [];
    const entries = text.split(',');
    for (let i = 0; i < entries.length; i++) {
        const entry = entries[i].trim();
        if (entry === '')
            continue;
        const eq = entry.indexOf('=');
        const n = i + 1;
        if (eq <= 0)
            throw new Malformed(variable, `entry ${n} is not key=value`);
        const key = decode(variable, entry.slice(0, eq).trim(), `the key of entry ${n}`);
        const v = decode(variable, entry.slice(eq + 1).trim(), `the value of entry ${n}`);
        if (key === '')
            throw new Malformed(variable, `entry ${n} has an empty key`);
        if (isHeader && !TOKEN.test(key))
            throw new Malformed(variable, `entry ${n} is not a valid header name`);
        if (isHeader && !HEADER_VALUE.test(v)) {
            throw new Malformed(variable, `the value of entry ${n} has characters a header cannot carry`);
        }
        out.push([key, v]);
    }
    return out;
}
/**
 * Values shorter than this are not masked: no credential is that short, and a mask of "1" (a
 * tenant id, say) would star every 1 in the rest of the job's log (@actions/toolkit's advice).
 */
const MIN_MASKED = 4;
/**
 * Every value a header variable may hold, decoded and raw, well formed or not, and the user name
 * and password of any endpoint URL: what must be masked before anything is logged.
 */
function secretsOf(env) {
    const out = new Set();
    const add = (s) => {
        const t = s.trim();
        if (t.length < MIN_MASKED)
            return;
        out.add(t);
        // "Bearer <token>", "Basic <credentials>": the credential alone as well.
        const parts = t.split(/\s+/);
        if (parts.length === 2 && parts[1].length >= MIN_MASKED)
            out.add(parts[1]);
    };
    for (const signal of ['', 'TRACES_', 'METRICS_']) {
        const text = env[`${PREFIX}${signal}HEADERS`];
        if (text) {
            for (const entry of text.split(',')) {
                const eq = entry.indexOf('=');
                if (eq < 0)
                    continue;
                const raw = entry.slice(eq + 1);
                add(raw);
                add(decoded(raw.trim()));
            }
        }
        // an endpoint that is not a URL is reported as malformed, never printed
        const endpoint = (0,src_url/* parseUrl */.Dl)(env[`${PREFIX}${signal}ENDPOINT`]?.trim() ?? '');
        for (const part of endpoint ? [endpoint.username, endpoint.password].filter(Boolean) : []) {
            add(part);
            add(decoded(part));
        }
    }
    return [...out];
}
function endpointOf(env, signal) {
    const specific = `${PREFIX}${SIGNAL_NAME[signal]}_ENDPOINT`;
    const generic = `${PREFIX}ENDPOINT`;
    const s = value(env, specific);
    const g = s === undefined ? value(env, generic) : undefined;
    const variable = s !== undefined ? specific : generic;
    const text = s ?? g;
    if (text === undefined)
        return undefined;
    const u = (0,src_url/* parseUrl */.Dl)(text);
    if (!u)
        throw new Malformed(variable, 'not a URL');
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
        throw new Malformed(variable, 'not an http:// or https:// URL');
    }
    // The generic endpoint is a base: the signal's path is appended ("with a / in between").
    if (s === undefined)
        u.pathname = `${u.pathname.replace(/\/+$/, '')}/v1/${signal}`;
    return u.href;
}
function protocolOf(env, signal) {
    const p = perSignal(env, signal, 'PROTOCOL');
    if (!p)
        return 'http/protobuf';
    const [variable, v] = p;
    if (v === 'http/protobuf' || v === 'http/json')
        return v;
    if (v === 'grpc')
        throw new Malformed(variable, 'grpc is not supported (http/protobuf or http/json)');
    throw new Malformed(variable, 'neither http/protobuf nor http/json');
}
function compressionOf(env, signal) {
    const c = perSignal(env, signal, 'COMPRESSION');
    if (!c)
        return 'none';
    const v = c[1].toLowerCase();
    if (v === 'gzip' || v === 'none')
        return v;
    throw new Malformed(c[0], 'neither gzip nor none');
}
function timeoutOf(env, signal) {
    const t = perSignal(env, signal, 'TIMEOUT');
    const ms = t ? Number(t[1]) : DEFAULT_TIMEOUT_MS;
    if (t && (!/^[0-9]+$/.test(t[1]) || ms <= 0))
        throw new Malformed(t[0], 'not a positive number of milliseconds');
    return Math.min(ms, MAX_TIMEOUT_MS);
}
function headersOf(env, signal) {
    const out = {};
    // The generic headers first; the signal's own win for the same (case-insensitive) name.
    for (const variable of [`${PREFIX}HEADERS`, `${PREFIX}${SIGNAL_NAME[signal]}_HEADERS`]) {
        const text = value(env, variable);
        if (text === undefined)
            continue;
        for (const [k, v] of parseKeyValues(variable, text, true)) {
            for (const existing of Object.keys(out))
                if (existing.toLowerCase() === k.toLowerCase())
                    delete out[existing];
            out[k] = v;
        }
    }
    return out;
}
/**
 * OTEL_TRACES_EXPORTER / OTEL_METRICS_EXPORTER: the signal is sent when the list names `otlp` (or
 * is unset); `none`, or only exporters this action does not have (prometheus, console, zipkin), turn
 * it off.
 */
function exporterOn(env, signal) {
    const v = value(env, `OTEL_${SIGNAL_NAME[signal]}_EXPORTER`);
    if (v === undefined)
        return true;
    return v
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .includes('otlp');
}
function signalConfig(env, signal) {
    if (!exporterOn(env, signal))
        return undefined;
    const url = endpointOf(env, signal);
    if (url === undefined)
        return undefined;
    return {
        url,
        protocol: protocolOf(env, signal),
        headers: headersOf(env, signal),
        compression: compressionOf(env, signal),
        timeoutMs: timeoutOf(env, signal)
    };
}
function temporalityOf(env) {
    const variable = `${PREFIX}METRICS_TEMPORALITY_PREFERENCE`;
    const v = value(env, variable)?.toLowerCase();
    if (v === undefined || v === 'delta' || v === 'lowmemory')
        return 'delta';
    if (v === 'cumulative')
        return 'cumulative';
    throw new Malformed(variable, 'none of cumulative, delta, lowmemory');
}
function resourceOf(env) {
    const text = value(env, 'OTEL_RESOURCE_ATTRIBUTES');
    return text === undefined ? {} : Object.fromEntries(parseKeyValues('OTEL_RESOURCE_ATTRIBUTES', text, false));
}
/** The environment -> off, invalid (which variable, why), or what to send where. */
function readTelemetryConfig(env) {
    if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true')
        return { kind: 'off' };
    const secrets = secretsOf(env);
    try {
        const traces = signalConfig(env, 'traces');
        const metrics = signalConfig(env, 'metrics');
        if (!traces && !metrics)
            return { kind: 'off' };
        const config = {
            resource: resourceOf(env),
            temporality: temporalityOf(env)
        };
        if (traces)
            config.traces = traces;
        if (metrics)
            config.metrics = metrics;
        const serviceName = value(env, 'OTEL_SERVICE_NAME');
        if (serviceName !== undefined)
            config.serviceName = serviceName;
        return { kind: 'on', config, secrets };
    }
    catch (e) {
        if (e instanceof Malformed)
            return { kind: 'invalid', variable: e.variable, reason: e.reason, secrets };
        throw e;
    }
}
/** Percent-decoded `s`, or `s` itself when it is not valid percent-encoding (then the raw value is masked). */
function decoded(s) {
    try {
        return decodeURIComponent(s);
    }
    catch {
        return s;
    }
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./src/system/retry.ts
var retry = __webpack_require__(9871);
;// CONCATENATED MODULE: ./src/telemetry/export.ts
/**
 * The edge of telemetry: POSTs the encoded signals to their OTLP/HTTP endpoints, both at once,
 * each within its time limit (config.ts caps it), with at most one more try inside that limit for a
 * refused or reset connection and for the statuses OTLP calls retryable (429, 502, 503, 504). Never
 * throws: every failure is an outcome with a one-line reason that names no header and no URL
 * credentials.
 */





/** A failed try; `retry` when OTLP says another may succeed. */
class TryError extends Error {
    retry;
    constructor(message, retry) {
        super(message);
        this.retry = retry;
    }
}
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const agents = { http: new external_node_http_.Agent({ keepAlive: false }), https: new external_node_https_.Agent({ keepAlive: false }) };
const httpPost = (url, headers, body, timeoutMs) => new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const req = (secure ? external_node_https_ : external_node_http_).request(url, {
        method: 'POST',
        headers: { ...headers, 'content-length': String(body.length) },
        agent: secure ? agents.https : agents.http
    });
    let status = 0;
    const timer = setTimeout(() => {
        req.destroy(new TryError(`no answer within ${timeoutMs} ms`, false));
    }, timeoutMs);
    timer.unref();
    req.on('response', (res) => {
        status = res.statusCode ?? 0;
        // The body (an ExportServiceResponse, maybe a partial success) is not needed.
        res.resume();
        res.on('end', () => {
            clearTimeout(timer);
            resolve(status);
        });
        res.on('error', (e) => {
            clearTimeout(timer);
            reject(e);
        });
    });
    req.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
    });
    req.end(body);
});
function reasonOf(e) {
    const err = e;
    const msg = err?.message || String(e);
    return err?.code && !msg.includes(err.code) ? `${msg} (${err.code})` : msg;
}
/** Sends one signal; the outcome, never a throw. */
async function sendSignal(req, post = httpPost) {
    const url = (0,src_url/* displayUrl */.Qy)(req.url, '(the endpoint)');
    try {
        const body = req.compression === 'gzip' ? (0,external_node_zlib_.gzipSync)(req.body) : req.body;
        const headers = {
            ...req.headers,
            'content-type': req.contentType,
            'user-agent': 'setup-go-enforced-otlp-exporter'
        };
        if (req.compression === 'gzip')
            headers['content-encoding'] = 'gzip';
        await (0,retry/* retrying */.R$)({ tries: 2, totalMs: req.timeoutMs, baseDelayMs: 200, timeoutMs: req.timeoutMs }, async (_n, timeoutMs) => {
            const status = await post(new URL(req.url), headers, body, timeoutMs);
            if (status >= 200 && status < 300)
                return;
            const text = `HTTP ${status}${external_node_http_.STATUS_CODES[status] ? ` ${external_node_http_.STATUS_CODES[status]}` : ''}`;
            throw new TryError(text, RETRYABLE_STATUS.has(status));
        }, (e) => ({ retry: e instanceof TryError ? e.retry : (0,retry/* isTransientError */.bV)(e) }));
        return { signal: req.signal, url, ok: true };
    }
    catch (e) {
        return { signal: req.signal, url, ok: false, reason: reasonOf(e) };
    }
}
/** Sends every signal at the same time. */
function sendAll(reqs, post = httpPost) {
    return Promise.all(reqs.map((r) => sendSignal(r, post)));
}

;// CONCATENATED MODULE: ./src/telemetry/facts.ts
const PHASES = ['plan', 'install', 'scan', 'checks'];
function cacheResult(report, entry) {
    const c = report.cache;
    if (!c)
        return 'off';
    if (c.status === 'skipped')
        return 'skipped';
    return c[entry]?.result ?? 'none';
}
function plural(n, noun) {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
/** Where a stopped run stopped: the input, variable or file:line the error names (no message text). */
function stoppedWhere(report) {
    const e = report.error;
    if (!e)
        return '';
    if (e.input)
        return ` (input ${e.input})`;
    if (e.env)
        return ` (${e.env})`;
    if (e.file)
        return ` (${e.file}${e.line ? `:${e.line}` : ''})`;
    return '';
}
function runFacts(report) {
    const counts = { error: 0, warning: 0, break: 0, drift: 0, advice: 0 };
    if (!report) {
        return {
            result: 'error',
            errorType: 'no_report',
            statusMessage: 'the run ended without a report',
            cacheModules: 'off',
            cacheBuild: 'off',
            counts,
            groups: [],
            errorFindings: []
        };
    }
    const groups = new Map();
    const errorFindings = [];
    for (const f of report.findings) {
        counts[f.severity]++;
        counts[f.kind]++;
        const key = `${f.check}\0${f.kind}\0${f.severity}`;
        const g = groups.get(key);
        if (g)
            g.count++;
        else
            groups.set(key, { check: f.check, kind: f.kind, severity: f.severity, count: 1 });
        if (f.severity === 'error') {
            const e = { check: f.check, kind: f.kind };
            if (f.file)
                e.file = f.file;
            if (f.line)
                e.line = f.line;
            errorFindings.push(e);
        }
    }
    const facts = {
        result: 'success',
        mode: report.mode,
        consistency: report.consistency,
        onMismatch: report.onMismatch,
        cacheModules: cacheResult(report, 'modules'),
        cacheBuild: cacheResult(report, 'build'),
        counts,
        groups: [...groups.values()],
        errorFindings
    };
    if (report.request) {
        facts.goRequested = report.request.spec;
        facts.requestKind = report.request.kind;
        facts.resolvedFrom = report.request.from;
    }
    if (report.resolution) {
        facts.goInstalled = report.resolution.version;
        facts.toolchainCacheHit = report.resolution.toolchainCacheHit;
        facts.sha256Verified = report.resolution.sha256Verified;
        if (report.resolution.downloadedBytes !== undefined)
            facts.downloadedBytes = report.resolution.downloadedBytes;
    }
    if (report.previousGo?.version)
        facts.goPrevious = report.previousGo.version;
    if (report.error) {
        const timings = report.timings ?? {};
        facts.result = 'failure';
        facts.errorType = 'run_stopped';
        facts.stoppedIn = PHASES.find((p) => timings[p] === undefined) ?? 'report';
        facts.statusMessage = `stopped in ${facts.stoppedIn}${stoppedWhere(report)}`;
    }
    else if (report.errorCount > 0) {
        facts.result = 'failure';
        facts.errorType = 'error_findings';
        facts.statusMessage = plural(report.errorCount, 'error finding');
    }
    return facts;
}

;// CONCATENATED MODULE: ./src/telemetry/ids.ts
/**
 * Trace and span ids: the OpenTelemetry Collector's GitHub receiver's deterministic ids of a
 * workflow run (receiver/githubreceiver/trace_event_handling.go), W3C Trace Context's traceparent
 * (https://www.w3.org/TR/trace-context/#traceparent-header), and random ids. Pure; the randomness
 * is the caller's.
 */

const INT64_MAX = (1n << 63n) - 1n;
/** A decimal integer as Go's %d prints the int64 it parses to; undefined for anything else. */
function goInt(text) {
    const t = text?.trim();
    if (!t || !/^[0-9]+$/.test(t))
        return undefined;
    const n = BigInt(t);
    return n <= INT64_MAX ? n.toString() : undefined;
}
function sha256Hex(input) {
    return (0,external_node_crypto_.createHash)('sha256').update(input, 'utf8').digest('hex');
}
/**
 * The receiver's ids of a run: trace id = sha256("<runID><runAttempt>t") hex [0:32], the run's
 * root span id = sha256("<runID><runAttempt>s") hex [16:32]. Undefined unless both are integers
 * (GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT).
 */
function receiverRunIds(runId, runAttempt) {
    const id = goInt(runId);
    const attempt = goInt(runAttempt);
    if (id === undefined || attempt === undefined)
        return undefined;
    return {
        traceId: sha256Hex(`${id}${attempt}t`).slice(0, 32),
        rootSpanId: sha256Hex(`${id}${attempt}s`).slice(16, 32)
    };
}
const HEX = /^[0-9a-f]+$/;
const allZero = (s) => /^0+$/.test(s);
/**
 * A traceparent value as W3C Trace Context level 1 parses it: version 00 exactly
 * `00-<32 hex>-<16 hex>-<2 hex>`; a later version (not ff) at least that, and anything after the
 * flags only after a `-`. Lowercase hex only; an all-zero trace or span id is invalid.
 * Undefined when it is not valid (the trace then starts afresh, as the specification says).
 */
function parseTraceparent(text) {
    if (text === undefined)
        return undefined;
    const s = text.trim();
    if (s.length < 55)
        return undefined;
    const version = s.slice(0, 2);
    if (!HEX.test(version) || version === 'ff')
        return undefined;
    if (version === '00' && s.length !== 55)
        return undefined;
    if (s.length > 55 && s[55] !== '-')
        return undefined;
    if (s[2] !== '-' || s[35] !== '-' || s[52] !== '-')
        return undefined;
    const traceId = s.slice(3, 35);
    const spanId = s.slice(36, 52);
    const flags = s.slice(53, 55);
    if (!HEX.test(traceId) || !HEX.test(spanId) || !HEX.test(flags))
        return undefined;
    if (allZero(traceId) || allZero(spanId))
        return undefined;
    return { traceId, spanId, sampled: (parseInt(flags, 16) & 1) === 1 };
}
/** `00-<trace id>-<span id>-<01|00>`. */
function formatTraceparent(traceId, spanId, sampled) {
    return `00-${traceId}-${spanId}-${sampled ? '01' : '00'}`;
}
function randomHex(random, bytes) {
    // An all-zero id is invalid; drawing again is all but never needed.
    for (let i = 0; i < 8; i++) {
        const b = random(bytes);
        if (b.length !== bytes)
            throw new Error(`expected ${bytes} random bytes, got ${b.length}`);
        const hex = Buffer.from(b).toString('hex');
        if (!allZero(hex))
            return hex;
    }
    throw new Error('the random source gives only zeros');
}
function randomTraceId(random) {
    return randomHex(random, 16);
}
function randomSpanId(random) {
    return randomHex(random, 8);
}

// EXTERNAL MODULE: ./src/report/source.ts
var source = __webpack_require__(5689);
;// CONCATENATED MODULE: ./src/telemetry/source.ts

/** The report's source when it has one, else the runner's variables, else a local run. */
function runSource(report, env) {
    return report?.source ?? (0,source/* runnerSource */.oA)(env) ?? { origin: 'local' };
}
function nonEmpty(s) {
    const t = s?.trim();
    return t ? t : undefined;
}
/**
 * owner/name split; the ref's short name and type (refs/heads/x: branch x; refs/tags/v: tag v); a
 * pull request's head branch (`headRef`, GITHUB_HEAD_REF) for refs/pull/<n>/..., and its number.
 */
function repositoryFacts(s, headRef) {
    const out = {};
    const slash = s.repository?.indexOf('/') ?? -1;
    if (s.repository && slash > 0) {
        out.owner = s.repository.slice(0, slash);
        out.name = s.repository.slice(slash + 1);
    }
    else if (s.repository) {
        out.name = s.repository;
    }
    if (s.repository && s.serverUrl)
        out.url = `${s.serverUrl.replace(/\/+$/, '')}/${s.repository}`;
    const ref = s.ref ?? '';
    const pull = /^refs\/pull\/([0-9]+)\//.exec(ref);
    if (ref.startsWith('refs/heads/')) {
        out.refName = ref.slice('refs/heads/'.length);
        out.refType = 'branch';
    }
    else if (ref.startsWith('refs/tags/')) {
        out.refName = ref.slice('refs/tags/'.length);
        out.refType = 'tag';
    }
    else if (pull) {
        out.changeId = pull[1];
        const head = nonEmpty(headRef);
        if (head) {
            out.refName = head;
            out.refType = 'branch';
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./src/telemetry/resource.ts

const SCOPE_NAME = 'setup-go-enforced';
function scopeOf(actionVersion) {
    return { name: SCOPE_NAME, version: actionVersion };
}
/**
 * The service name as the GitHub receiver derives it from a repository when nothing configures
 * one: the repository's name, lowercase, `_` as `-`.
 */
function receiverServiceName(repositoryName) {
    return repositoryName.toLowerCase().replace(/_/g, '-');
}
/** Attributes without the undefined ones, in order. */
function attrs(entries) {
    const out = {};
    for (const [k, v] of Object.entries(entries))
        if (v !== undefined && v !== '')
            out[k] = v;
    return out;
}
function resource_resourceOf(source, user, serviceName) {
    const repo = repositoryFacts(source);
    const derived = attrs({
        'service.name': repo.name ? receiverServiceName(repo.name) : 'unknown_service',
        'vcs.provider.name': source.origin === 'runner' && repo.name ? 'github' : undefined,
        'vcs.owner.name': repo.owner,
        'vcs.repository.name': repo.name,
        'vcs.repository.url.full': repo.url,
        'cicd.pipeline.name': source.workflow
    });
    const out = { ...derived, ...user };
    if (serviceName)
        out['service.name'] = serviceName;
    return out;
}

;// CONCATENATED MODULE: ./src/telemetry/metrics.ts


const METRIC_RUNS = 'setup_go_enforced.runs';
const METRIC_FINDINGS = 'setup_go_enforced.findings';
const METRIC_INSTALL_DURATION = 'setup_go_enforced.install.duration';
function runMetrics(input) {
    const { facts: f, startMs, endMs, temporality } = input;
    const repo = repositoryFacts(input.source);
    const repository = attrs({ 'vcs.owner.name': repo.owner, 'vcs.repository.name': repo.name });
    const sum = (name, description, unit) => ({
        name,
        description,
        unit,
        temporality,
        monotonic: true,
        points: []
    });
    const point = (attributes, value) => ({
        attributes,
        startMs,
        timeMs: endMs,
        value
    });
    const runs = sum(METRIC_RUNS, 'Runs of the setup-go-enforced main step', '{run}');
    runs.points.push(point({
        ...attrs({
            'setup_go_enforced.go.installed': f.goInstalled,
            'setup_go_enforced.go.requested': f.goRequested,
            'setup_go_enforced.mode': f.mode,
            'cicd.pipeline.result': f.result
        }),
        ...repository
    }, 1));
    const findings = sum(METRIC_FINDINGS, 'Findings of the consistency checks', '{finding}');
    for (const g of f.groups) {
        findings.points.push(point({
            'setup_go_enforced.finding.check': g.check,
            'setup_go_enforced.finding.kind': g.kind,
            'setup_go_enforced.finding.severity': g.severity,
            ...attrs({ 'setup_go_enforced.go.installed': f.goInstalled }),
            ...repository
        }, g.count));
    }
    const out = [runs];
    if (findings.points.length > 0)
        out.push(findings);
    const installMs = input.report?.timings?.install;
    if (typeof installMs === 'number' && f.goInstalled) {
        const install = sum(METRIC_INSTALL_DURATION, 'Time the install phase took', 'ms');
        install.points.push(point({
            'setup_go_enforced.go.installed': f.goInstalled,
            ...attrs({
                'setup_go_enforced.go.toolchain_cache_hit': f.toolchainCacheHit,
                'setup_go_enforced.mode': f.mode
            })
        }, Math.round(installMs)));
        out.push(install);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/telemetry/model.ts
/**
 * The plain telemetry model the encoders take: spans and sums as OTLP has them, without the SDK.
 * spans.ts and metrics.ts build it from a run; otlp-json.ts and otlp-protobuf.ts turn it into a
 * request body. Times are milliseconds since the epoch; ids are lowercase hex (32 digits for a
 * trace, 16 for a span). Pure.
 */
/** Milliseconds since the epoch -> nanoseconds, as OTLP's fixed64 times are. */
function nanos(ms) {
    return BigInt(Math.round(ms * 1000)) * 1000n;
}
/** OTLP's SpanKind (opentelemetry/proto/trace/v1/trace.proto). */
const SPAN_KIND = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };
/** OTLP's Status.StatusCode. */
const STATUS_CODE = { unset: 0, ok: 1, error: 2 };
/** OTLP's AggregationTemporality (opentelemetry/proto/metrics/v1/metrics.proto). */
const TEMPORALITY = { delta: 1, cumulative: 2 };

;// CONCATENATED MODULE: ./src/telemetry/otlp-json.ts
/**
 * The model -> OTLP/HTTP JSON bodies (pure), in the OTLP JSON mapping of protobuf
 * (opentelemetry-proto docs/specification.md, "JSON Protobuf Encoding"): lowerCamelCase field
 * names, trace and span ids as lowercase hex (not base64), enums as integers, 64-bit integers as
 * decimal strings; fields at their default value left out.
 */

const JSON_CONTENT_TYPE = 'application/json';
function anyValue(v) {
    if (typeof v === 'string')
        return { stringValue: v };
    if (typeof v === 'boolean')
        return { boolValue: v };
    if (Number.isSafeInteger(v))
        return { intValue: String(v) };
    return { doubleValue: v };
}
function keyValues(attributes) {
    return Object.entries(attributes).map(([key, value]) => ({ key, value: anyValue(value) }));
}
/** The object without the keys whose value is undefined (a default left out). */
function defined(o) {
    const out = {};
    for (const [k, v] of Object.entries(o))
        if (v !== undefined)
            out[k] = v;
    return out;
}
const time = (ms) => nanos(ms).toString();
function span(s) {
    return defined({
        traceId: s.traceId,
        spanId: s.spanId,
        traceState: s.traceState || undefined,
        parentSpanId: s.parentSpanId || undefined,
        name: s.name,
        kind: SPAN_KIND[s.kind],
        startTimeUnixNano: time(s.startMs),
        endTimeUnixNano: time(s.endMs),
        attributes: keyValues(s.attributes),
        events: s.events.map((e) => ({ timeUnixNano: time(e.timeMs), name: e.name, attributes: keyValues(e.attributes) })),
        droppedEventsCount: s.droppedEvents || undefined,
        links: s.links.map((l) => defined({
            traceId: l.traceId,
            spanId: l.spanId,
            traceState: l.traceState || undefined,
            attributes: keyValues(l.attributes)
        })),
        status: defined({ message: s.status.message || undefined, code: STATUS_CODE[s.status.code] || undefined })
    });
}
function metric(m) {
    return defined({
        name: m.name,
        description: m.description || undefined,
        unit: m.unit || undefined,
        sum: defined({
            dataPoints: m.points.map((p) => ({
                attributes: keyValues(p.attributes),
                startTimeUnixNano: time(p.startMs),
                timeUnixNano: time(p.timeMs),
                asInt: String(Math.round(p.value))
            })),
            aggregationTemporality: TEMPORALITY[m.temporality],
            isMonotonic: m.monotonic || undefined
        })
    });
}
const scope = (s) => defined({ name: s.name || undefined, version: s.version || undefined });
const encoder = new TextEncoder();
function encodeTracesJson(batch) {
    const body = {
        resourceSpans: [
            {
                resource: { attributes: keyValues(batch.resource) },
                scopeSpans: [{ scope: scope(batch.scope), spans: batch.spans.map(span) }]
            }
        ]
    };
    return encoder.encode(JSON.stringify(body));
}
function encodeMetricsJson(batch) {
    const body = {
        resourceMetrics: [
            {
                resource: { attributes: keyValues(batch.resource) },
                scopeMetrics: [{ scope: scope(batch.scope), metrics: batch.metrics.map(metric) }]
            }
        ]
    };
    return encoder.encode(JSON.stringify(body));
}

;// CONCATENATED MODULE: ./src/telemetry/protobuf-writer.ts
/**
 * The protocol buffers wire format, as much as OTLP needs (pure): varints, fixed64, doubles and
 * length-delimited fields (strings, bytes, embedded messages). A message is built as a list of
 * fields and serialized at once; an embedded message is serialized before its parent writes its
 * length. https://protobuf.dev/programming-guides/encoding/
 */
const WIRE_VARINT = 0;
const WIRE_I64 = 1;
const WIRE_LEN = 2;
const utf8 = new TextEncoder();
/** An unsigned varint (bigint for 64-bit values). */
function varint(out, value) {
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
        out.push(Number(v & 0x7fn) | 0x80);
        v >>= 7n;
    }
    out.push(Number(v));
}
function tag(out, field, wire) {
    varint(out, (field << 3) | wire);
}
/** A message under construction. Scalar fields equal to their default are written only when asked. */
class ProtoWriter {
    bytes = [];
    /** uint32, int64, enum (negative values as 64-bit two's complement, as int64 wants). */
    varint(field, value, always = false) {
        if (!always && BigInt(value) === 0n)
            return this;
        tag(this.bytes, field, WIRE_VARINT);
        varint(this.bytes, value);
        return this;
    }
    bool(field, value, always = false) {
        if (!always && !value)
            return this;
        return this.varint(field, value ? 1 : 0, true);
    }
    /** fixed64 and sfixed64: 8 bytes, little-endian. */
    fixed64(field, value, always = false) {
        if (!always && value === 0n)
            return this;
        tag(this.bytes, field, WIRE_I64);
        const b = new DataView(new ArrayBuffer(8));
        b.setBigUint64(0, BigInt.asUintN(64, value), true);
        for (let i = 0; i < 8; i++)
            this.bytes.push(b.getUint8(i));
        return this;
    }
    double(field, value, always = false) {
        if (!always && value === 0 && !Object.is(value, -0))
            return this;
        tag(this.bytes, field, WIRE_I64);
        const b = new DataView(new ArrayBuffer(8));
        b.setFloat64(0, value, true);
        for (let i = 0; i < 8; i++)
            this.bytes.push(b.getUint8(i));
        return this;
    }
    bytesField(field, value, always = false) {
        if (!always && value.length === 0)
            return this;
        tag(this.bytes, field, WIRE_LEN);
        varint(this.bytes, value.length);
        for (const byte of value)
            this.bytes.push(byte);
        return this;
    }
    string(field, value, always = false) {
        return this.bytesField(field, utf8.encode(value), always);
    }
    /** An embedded message, written even when empty (its presence can matter). */
    message(field, value) {
        return this.bytesField(field, value.finish(), true);
    }
    finish() {
        return Uint8Array.from(this.bytes);
    }
}
/** Lowercase hex -> bytes (trace and span ids). */
function hexBytes(hex) {
    return Uint8Array.from(Buffer.from(hex, 'hex'));
}

;// CONCATENATED MODULE: ./src/telemetry/otlp-protobuf.ts
/**
 * The model -> OTLP/HTTP protobuf bodies (pure): ExportTraceServiceRequest and
 * ExportMetricsServiceRequest, field numbers as in opentelemetry-proto
 * (opentelemetry/proto/{common,resource,trace,metrics}/v1/*.proto). Times are fixed64 nanoseconds.
 */


const PROTOBUF_CONTENT_TYPE = 'application/x-protobuf';
/** AnyValue: oneof string_value = 1, bool_value = 2, int_value = 3, double_value = 4. */
function otlp_protobuf_anyValue(v) {
    const w = new ProtoWriter();
    if (typeof v === 'string')
        return w.string(1, v, true);
    if (typeof v === 'boolean')
        return w.bool(2, v, true);
    if (Number.isSafeInteger(v))
        return w.varint(3, v, true);
    return w.double(4, v, true);
}
/** repeated KeyValue { key = 1; value = 2 } as field `field` of `w`. */
function otlp_protobuf_keyValues(w, field, attributes) {
    for (const [key, value] of Object.entries(attributes)) {
        w.message(field, new ProtoWriter().string(1, key).message(2, otlp_protobuf_anyValue(value)));
    }
}
/** Resource { attributes = 1 }. */
function resource(attributes) {
    const w = new ProtoWriter();
    otlp_protobuf_keyValues(w, 1, attributes);
    return w;
}
/** InstrumentationScope { name = 1; version = 2 }. */
function otlp_protobuf_scope(s) {
    return new ProtoWriter().string(1, s.name).string(2, s.version);
}
/**
 * Span { trace_id = 1; span_id = 2; trace_state = 3; parent_span_id = 4; name = 5; kind = 6;
 * start_time_unix_nano = 7; end_time_unix_nano = 8; attributes = 9; events = 11;
 * dropped_events_count = 12; links = 13; status = 15 }.
 */
function otlp_protobuf_span(s) {
    const w = new ProtoWriter()
        .bytesField(1, hexBytes(s.traceId))
        .bytesField(2, hexBytes(s.spanId))
        .string(3, s.traceState ?? '');
    if (s.parentSpanId)
        w.bytesField(4, hexBytes(s.parentSpanId));
    w.string(5, s.name, true).varint(6, SPAN_KIND[s.kind]).fixed64(7, nanos(s.startMs)).fixed64(8, nanos(s.endMs));
    otlp_protobuf_keyValues(w, 9, s.attributes);
    for (const e of s.events) {
        // Event { time_unix_nano = 1; name = 2; attributes = 3 }
        const ew = new ProtoWriter().fixed64(1, nanos(e.timeMs)).string(2, e.name);
        otlp_protobuf_keyValues(ew, 3, e.attributes);
        w.message(11, ew);
    }
    w.varint(12, s.droppedEvents);
    for (const l of s.links) {
        // Link { trace_id = 1; span_id = 2; trace_state = 3; attributes = 4 }
        const lw = new ProtoWriter()
            .bytesField(1, hexBytes(l.traceId))
            .bytesField(2, hexBytes(l.spanId))
            .string(3, l.traceState ?? '');
        otlp_protobuf_keyValues(lw, 4, l.attributes);
        w.message(13, lw);
    }
    // Status { message = 2; code = 3 }
    w.message(15, new ProtoWriter().string(2, s.status.message ?? '').varint(3, STATUS_CODE[s.status.code]));
    return w;
}
/**
 * ExportTraceServiceRequest { resource_spans = 1 }; ResourceSpans { resource = 1;
 * scope_spans = 2 }; ScopeSpans { scope = 1; spans = 2 }.
 */
function encodeTracesProtobuf(batch) {
    const scopeSpans = new ProtoWriter().message(1, otlp_protobuf_scope(batch.scope));
    for (const s of batch.spans)
        scopeSpans.message(2, otlp_protobuf_span(s));
    const resourceSpans = new ProtoWriter().message(1, resource(batch.resource)).message(2, scopeSpans);
    return new ProtoWriter().message(1, resourceSpans).finish();
}
/**
 * Metric { name = 1; description = 2; unit = 3; sum = 7 }; Sum { data_points = 1;
 * aggregation_temporality = 2; is_monotonic = 3 }; NumberDataPoint { start_time_unix_nano = 2;
 * time_unix_nano = 3; as_int = 6 (sfixed64); attributes = 7 }.
 */
function otlp_protobuf_metric(m) {
    const sum = new ProtoWriter();
    for (const p of m.points) {
        const pw = new ProtoWriter()
            .fixed64(2, nanos(p.startMs))
            .fixed64(3, nanos(p.timeMs))
            .fixed64(6, BigInt(Math.round(p.value)), true);
        otlp_protobuf_keyValues(pw, 7, p.attributes);
        sum.message(1, pw);
    }
    sum.varint(2, TEMPORALITY[m.temporality]).bool(3, m.monotonic);
    return new ProtoWriter().string(1, m.name).string(2, m.description).string(3, m.unit).message(7, sum);
}
/**
 * ExportMetricsServiceRequest { resource_metrics = 1 }; ResourceMetrics { resource = 1;
 * scope_metrics = 2 }; ScopeMetrics { scope = 1; metrics = 2 }.
 */
function encodeMetricsProtobuf(batch) {
    const scopeMetrics = new ProtoWriter().message(1, otlp_protobuf_scope(batch.scope));
    for (const m of batch.metrics)
        scopeMetrics.message(2, otlp_protobuf_metric(m));
    const resourceMetrics = new ProtoWriter().message(1, resource(batch.resource)).message(2, scopeMetrics);
    return new ProtoWriter().message(1, resourceMetrics).finish();
}

;// CONCATENATED MODULE: ./src/telemetry/spans.ts



/** Error findings beyond this many are counted (droppedEventsCount), not sent. */
const MAX_EVENTS = 100;
const MAIN_SPAN_NAME = 'setup-go-enforced';
const POST_SPAN_NAME = 'setup-go-enforced cache save';
/** The child span of each timing, by its key in report.timings. */
const PHASE_SPAN_NAMES = {
    plan: 'plan',
    install: 'install',
    scan: 'scan',
    checks: 'checks',
    cache: 'cache restore'
};
const NS = 'setup_go_enforced';
/** The CICD and VCS attributes of a step's span. */
function runAttributes(source, headRef) {
    const repo = repositoryFacts(source, headRef);
    return attrs({
        'cicd.pipeline.name': source.workflow,
        'cicd.pipeline.run.id': source.runId,
        'cicd.pipeline.run.url.full': source.runUrl,
        'cicd.pipeline.task.name': source.job,
        'vcs.owner.name': repo.owner,
        'vcs.repository.name': repo.name,
        'vcs.repository.url.full': repo.url,
        'vcs.ref.head.name': repo.refName,
        'vcs.ref.head.type': repo.refType,
        'vcs.ref.head.revision': source.sha,
        'vcs.change.id': repo.changeId
    });
}
/** The action's own attributes of the main step's span (namespace setup_go_enforced.*). */
function factAttributes(f) {
    return attrs({
        [`${NS}.mode`]: f.mode,
        [`${NS}.consistency`]: f.consistency,
        [`${NS}.on_mismatch`]: f.onMismatch,
        [`${NS}.go.requested`]: f.goRequested,
        [`${NS}.go.request_kind`]: f.requestKind,
        [`${NS}.go.resolved_from`]: f.resolvedFrom,
        [`${NS}.go.installed`]: f.goInstalled,
        [`${NS}.go.previous`]: f.goPrevious,
        [`${NS}.go.toolchain_cache_hit`]: f.toolchainCacheHit,
        [`${NS}.go.sha256_verified`]: f.sha256Verified,
        [`${NS}.go.downloaded_bytes`]: f.downloadedBytes,
        [`${NS}.cache.modules.result`]: f.cacheModules,
        [`${NS}.cache.build.result`]: f.cacheBuild,
        [`${NS}.findings.error`]: f.counts.error,
        [`${NS}.findings.warning`]: f.counts.warning,
        [`${NS}.findings.break`]: f.counts.break,
        [`${NS}.findings.drift`]: f.counts.drift,
        [`${NS}.findings.advice`]: f.counts.advice,
        [`${NS}.stopped_in`]: f.stoppedIn
    });
}
function base(input, spanId, parentSpanId, name, startMs, endMs) {
    const s = {
        traceId: input.context.traceId,
        spanId,
        name,
        kind: 'internal',
        startMs,
        endMs: Math.max(startMs, endMs),
        attributes: {},
        events: [],
        droppedEvents: 0,
        links: [],
        status: { code: 'unset' }
    };
    if (parentSpanId)
        s.parentSpanId = parentSpanId;
    if (input.context.traceState)
        s.traceState = input.context.traceState;
    return s;
}
function findingEvents(f, timeMs) {
    const events = f.errorFindings.slice(0, MAX_EVENTS).map((e) => ({
        name: 'finding',
        timeMs,
        attributes: attrs({
            [`${NS}.finding.check`]: e.check,
            [`${NS}.finding.kind`]: e.kind,
            [`${NS}.finding.severity`]: 'error',
            'code.file.path': e.file,
            'code.line.number': e.line
        })
    }));
    return { events, dropped: f.errorFindings.length - events.length };
}
/** The main step's span and its children, the step's span first. */
function mainStepSpans(input) {
    const { report, facts, endMs } = input;
    const timings = report?.timings ?? {};
    const total = timings.total;
    const startMs = typeof total === 'number' && total >= 0 ? endMs - total : Math.min(input.fallbackStartMs, endMs);
    const step = base(input, input.stepSpanId, input.context.parentSpanId, MAIN_SPAN_NAME, startMs, endMs);
    step.attributes = {
        ...runAttributes(input.source, input.headRef),
        'cicd.pipeline.result': facts.result,
        'cicd.pipeline.task.run.result': facts.result,
        ...(facts.errorType ? { 'error.type': facts.errorType } : {}),
        ...factAttributes(facts)
    };
    if (facts.result !== 'success')
        step.status = { code: 'error', message: facts.statusMessage };
    const children = [];
    const child = (key, from, ms) => {
        const s = base(input, input.newSpanId(), step.spanId, PHASE_SPAN_NAMES[key] ?? key, from, from + ms);
        children.push(s);
        return s;
    };
    let cursor = startMs;
    let installEnd;
    let checksEnd;
    for (const phase of PHASES) {
        const ms = timings[phase];
        if (typeof ms === 'number') {
            const s = child(phase, cursor, ms);
            if (phase === 'install') {
                installEnd = s.endMs;
                s.attributes = attrs({
                    [`${NS}.go.installed`]: facts.goInstalled,
                    [`${NS}.go.toolchain_cache_hit`]: facts.toolchainCacheHit,
                    [`${NS}.go.downloaded_bytes`]: facts.downloadedBytes
                });
            }
            if (phase === 'checks')
                checksEnd = s.endMs;
            cursor = s.endMs;
            continue;
        }
        if (facts.stoppedIn === phase) {
            const s = child(phase, cursor, Math.max(0, endMs - cursor));
            s.status = { code: 'error', message: facts.statusMessage };
        }
        break;
    }
    if (typeof timings.cache === 'number' && installEnd !== undefined) {
        const s = child('cache', installEnd, timings.cache);
        s.attributes = attrs({
            [`${NS}.cache.modules.result`]: facts.cacheModules,
            [`${NS}.cache.build.result`]: facts.cacheBuild
        });
    }
    const { events, dropped } = findingEvents(facts, checksEnd ?? endMs);
    step.events = events;
    step.droppedEvents = dropped;
    return [step, ...children];
}
/** The post step's span: the cache save, a sibling of the main step's span. */
function postStepSpan(input) {
    const s = base(input, input.spanId, input.context.parentSpanId, POST_SPAN_NAME, input.startMs, input.endMs);
    const saves = input.saves ?? [];
    const outcome = (entry) => saves.find((r) => r.entry === entry)?.outcome;
    const saved = saves.filter((r) => r.outcome === 'saved');
    const failed = input.saves === undefined || saves.some((r) => r.outcome === 'failed');
    s.attributes = {
        ...runAttributes(input.source, input.headRef),
        'cicd.pipeline.task.run.result': failed ? 'failure' : 'success',
        ...attrs({
            [`${NS}.cache.modules.save`]: outcome('modules') ?? 'none',
            [`${NS}.cache.build.save`]: outcome('build') ?? 'none',
            [`${NS}.cache.saved_bytes`]: saved.reduce((n, r) => n + (r.bytes ?? 0), 0)
        })
    };
    if (failed)
        s.status = { code: 'error', message: 'cache save failed' };
    if (input.mainSpanId)
        s.links = [{ traceId: input.context.traceId, spanId: input.mainSpanId, attributes: {} }];
    return s;
}

// EXTERNAL MODULE: ./src/json.ts
var json = __webpack_require__(8301);
;// CONCATENATED MODULE: ./src/telemetry/trace-context.ts
/**
 * Where a step's spans hang (pure): a TRACEPARENT in the environment wins; on a runner without one,
 * the trace the Collector's GitHub receiver builds for the same run (its trace id, under the run's
 * root span); elsewhere a new trace. And what the main step hands to the post step, so that the
 * post step's span joins the same trace whatever a later step did to TRACEPARENT.
 */


/** W3C: at most 512 characters of tracestate are propagated. */
const MAX_TRACESTATE = 512;
/**
 * TRACEPARENT (valid) -> its trace, under its span; else GITHUB_RUN_ID/ATTEMPT (integers) -> the
 * receiver's trace id, under the run's root span; else a random trace id without a parent.
 */
function parentContext(vars, random) {
    const given = parseTraceparent(vars.traceparent);
    const invalid = vars.traceparent !== undefined && vars.traceparent.trim() !== '' && !given;
    const flag = invalid ? { invalidTraceparent: true } : {};
    if (given) {
        const ts = vars.tracestate?.trim();
        return {
            traceId: given.traceId,
            parentSpanId: given.spanId,
            sampled: given.sampled,
            ...(ts && ts.length <= MAX_TRACESTATE ? { traceState: ts } : {}),
            origin: 'traceparent'
        };
    }
    const run = receiverRunIds(vars.runId, vars.runAttempt);
    if (run)
        return { traceId: run.traceId, parentSpanId: run.rootSpanId, sampled: true, origin: 'github-run', ...flag };
    return { traceId: randomTraceId(random), sampled: true, origin: 'new', ...flag };
}
const TELEMETRY_STATE = 'setup-go-enforced-telemetry';
function encodeTelemetryState(s) {
    return JSON.stringify(s);
}
const isHex = (v, len) => typeof v === 'string' && new RegExp(`^[0-9a-f]{${len}}$`).test(v);
/** The state, or undefined when there is none or it is not ours. */
function decodeTelemetryState(text) {
    if (!text)
        return undefined;
    let o;
    try {
        o = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (!(0,json/* isObject */.G)(o) || o.v !== 1 || !isHex(o.traceId, 32) || !isHex(o.mainSpanId, 16))
        return undefined;
    if (typeof o.sampled !== 'boolean')
        return undefined;
    if (o.parentSpanId !== undefined && !isHex(o.parentSpanId, 16))
        return undefined;
    if (o.traceState !== undefined && typeof o.traceState !== 'string')
        return undefined;
    const s = { v: 1, traceId: o.traceId, sampled: o.sampled, mainSpanId: o.mainSpanId };
    if (o.parentSpanId !== undefined)
        s.parentSpanId = o.parentSpanId;
    if (typeof o.traceState === 'string')
        s.traceState = o.traceState;
    return s;
}

;// CONCATENATED MODULE: ./src/telemetry/export-step.ts
/**
 * The telemetry of a step, end to end: read the configuration, mask the header values, find the
 * trace context, build the spans and counters, encode them as each endpoint wants, send them, and
 * say in one warning what could not be sent. The main step also passes its span on: TRACEPARENT for
 * later steps (GITHUB_ENV) and the step state for the post step. Loaded only when an endpoint is
 * set (requested.ts). Never throws and never changes the step's result.
 */













const defaultDeps = () => ({
    now: Date.now,
    random: (n) => (0,external_node_crypto_.randomBytes)(n),
    processStart: performance.timeOrigin,
    actionVersion: version/* ACTION_VERSION */.Y
});
function tracesRequest(c, batch) {
    const json = c.protocol === 'http/json';
    return {
        signal: 'traces',
        url: c.url,
        body: json ? encodeTracesJson(batch) : encodeTracesProtobuf(batch),
        contentType: json ? JSON_CONTENT_TYPE : PROTOBUF_CONTENT_TYPE,
        headers: c.headers,
        compression: c.compression,
        timeoutMs: c.timeoutMs
    };
}
function metricsRequest(c, batch) {
    const json = c.protocol === 'http/json';
    return {
        signal: 'metrics',
        url: c.url,
        body: json ? encodeMetricsJson(batch) : encodeMetricsProtobuf(batch),
        contentType: json ? JSON_CONTENT_TYPE : PROTOBUF_CONTENT_TYPE,
        headers: c.headers,
        compression: c.compression,
        timeoutMs: c.timeoutMs
    };
}
function contextFrom(host, source, random) {
    const ctx = parentContext({
        traceparent: host.env.TRACEPARENT,
        tracestate: host.env.TRACESTATE,
        runId: source.runId,
        runAttempt: source.runAttempt
    }, random);
    if (ctx.invalidTraceparent) {
        host.warning('telemetry: TRACEPARENT is not a W3C traceparent: ignored, the spans start a trace of their own');
    }
    return ctx;
}
/** The requests of the main step, after it passed its span on. */
function mainRequests(host, config, report, deps) {
    const source = runSource(report, host.env);
    const context = contextFrom(host, source, deps.random);
    const stepSpanId = randomSpanId(deps.random);
    // Later steps nest under this step's span; the post step joins the same trace.
    host.exportVariable('TRACEPARENT', formatTraceparent(context.traceId, stepSpanId, context.sampled));
    host.saveState(TELEMETRY_STATE, encodeTelemetryState({
        v: 1,
        traceId: context.traceId,
        ...(context.parentSpanId ? { parentSpanId: context.parentSpanId } : {}),
        sampled: context.sampled,
        ...(context.traceState ? { traceState: context.traceState } : {}),
        mainSpanId: stepSpanId
    }));
    const facts = runFacts(report);
    const endMs = deps.now();
    const spans = mainStepSpans({
        report,
        facts,
        source,
        headRef: host.env.GITHUB_HEAD_REF,
        context,
        stepSpanId,
        endMs,
        fallbackStartMs: deps.processStart,
        newSpanId: () => randomSpanId(deps.random)
    });
    const resource = resource_resourceOf(source, config.resource, config.serviceName);
    const scope = scopeOf(deps.actionVersion);
    const reqs = [];
    if (config.traces && context.sampled)
        reqs.push(tracesRequest(config.traces, { resource, scope, spans }));
    if (config.metrics) {
        const metrics = runMetrics({
            report,
            facts,
            source,
            temporality: config.temporality,
            startMs: spans[0].startMs,
            endMs
        });
        reqs.push(metricsRequest(config.metrics, { resource, scope, metrics }));
    }
    return reqs;
}
/** The request of the post step: its span, in the main step's trace when the state has it. */
function postRequests(host, config, step, deps) {
    if (!config.traces)
        return [];
    const source = runSource(undefined, host.env);
    const state = decodeTelemetryState(host.getState(TELEMETRY_STATE));
    const context = state
        ? {
            traceId: state.traceId,
            sampled: state.sampled,
            origin: 'main-step',
            ...(state.parentSpanId ? { parentSpanId: state.parentSpanId } : {}),
            ...(state.traceState ? { traceState: state.traceState } : {})
        }
        : contextFrom(host, source, deps.random);
    if (!context.sampled)
        return [];
    const span = postStepSpan({
        saves: step.saves,
        source,
        headRef: host.env.GITHUB_HEAD_REF,
        context,
        mainSpanId: state?.mainSpanId,
        spanId: randomSpanId(deps.random),
        startMs: step.startedAt,
        endMs: deps.now()
    });
    const resource = resource_resourceOf(source, config.resource, config.serviceName);
    return [tracesRequest(config.traces, { resource, scope: scopeOf(deps.actionVersion), spans: [span] })];
}
async function exportStepTelemetry(host, step, deps = defaultDeps()) {
    try {
        const cfg = readTelemetryConfig(host.env);
        if (cfg.kind === 'off')
            return;
        // Header values are secrets: masked before anything could print them.
        for (const s of cfg.secrets)
            host.setSecret(s);
        if (cfg.kind === 'invalid') {
            host.warning(`telemetry: ${cfg.variable}: ${cfg.reason}; nothing is exported`);
            return;
        }
        const reqs = step.step === 'main'
            ? mainRequests(host, cfg.config, step.report, deps)
            : postRequests(host, cfg.config, step, deps);
        if (reqs.length === 0)
            return;
        const outcomes = await sendAll(reqs, deps.post);
        const failed = [];
        for (const o of outcomes) {
            if (o.ok)
                host.debug(`telemetry: ${o.signal} exported to ${o.url}`);
            else
                failed.push(`${o.signal} to ${o.url}: ${o.reason}`);
        }
        if (failed.length > 0)
            host.warning(`telemetry: not exported: ${failed.join('; ')}`);
    }
    catch (e) {
        host.warning(`telemetry: not exported: ${e instanceof Error ? e.message : String(e)}`);
    }
}


/***/ })

};
