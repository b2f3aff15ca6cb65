export const id = 999;
export const ids = [999];
export const modules = {

/***/ 2999:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  collectAudit: () => (/* binding */ collectAudit)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: ./src/plan/gowork.ts
var gowork = __webpack_require__(6324);
// EXTERNAL MODULE: ./src/audit/requested.ts
var requested = __webpack_require__(6195);
// EXTERNAL MODULE: ./src/audit/base-ref.ts
var base_ref = __webpack_require__(8722);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: ./src/go/source-header.ts
var source_header = __webpack_require__(711);
// EXTERNAL MODULE: ./src/verify/workspace-scan.ts
var workspace_scan = __webpack_require__(5428);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
// EXTERNAL MODULE: ./src/verify/scope.ts
var verify_scope = __webpack_require__(1817);
// EXTERNAL MODULE: ./src/audit/git.ts
var git = __webpack_require__(1063);
;// CONCATENATED MODULE: ./src/audit/cat-file.ts
/**
 * Reads blobs of a repository through ONE `git cat-file --batch` process: object ids go in on stdin
 * (never paths, which may hold any byte), and each answer on stdout is `<oid> blob <size>\n`, the
 * content and a newline, or `<oid> missing\n`. Requests may be pipelined; answers come in order.
 * Edge module: a child process. The caller asks only for blobs whose size it knows (git ls-tree -l)
 * and accepts, so what is buffered is bounded; nothing read is ever printed.
 */


class BlobReader {
    proc;
    chunks = [];
    length = 0;
    pending = [];
    failure;
    timer;
    /** Starts `git -C dir cat-file --batch`; it is stopped after `timeoutMs` or by close(). */
    constructor(dir, timeoutMs = 60_000) {
        this.proc = (0,external_node_child_process_.spawn)('git', ['-C', dir, 'cat-file', '--batch'], { env: (0,git/* gitEnv */.gE)(), windowsHide: true, stdio: 'pipe' });
        this.proc.stdout.on('data', (c) => {
            this.chunks.push(c);
            this.length += c.length;
            this.drain();
        });
        this.proc.stderr.resume();
        this.proc.stdin.on('error', (e) => this.fail(new Error(`git cat-file: ${e.message}`)));
        this.proc.on('error', (e) => this.fail(new Error(`git cat-file: ${e.message}`)));
        this.proc.on('close', (code) => this.fail(new Error(`git cat-file ended (${code ?? 'signal'})`)));
        this.timer = setTimeout(() => {
            this.fail(new Error(`git cat-file took more than ${Math.round(timeoutMs / 1000)} s`));
            this.proc.kill();
        }, timeoutMs);
        this.timer.unref?.();
    }
    /** The content of blob `oid`, or undefined when git says it is missing. */
    read(oid) {
        if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(oid))
            return Promise.reject(new Error('not an object id'));
        if (this.failure)
            return Promise.reject(this.failure);
        return new Promise((resolve, reject) => {
            this.pending.push({ oid, resolve, reject });
            this.proc.stdin.write(`${oid}\n`);
        });
    }
    /** Ends the process (stdin closed; killed if it lingers). */
    close() {
        clearTimeout(this.timer);
        if (!this.failure)
            this.failure = new Error('closed');
        this.proc.stdin.end();
        this.proc.kill();
    }
    buffer() {
        if (this.chunks.length !== 1)
            this.chunks = [Buffer.concat(this.chunks, this.length)];
        return this.chunks[0] ?? Buffer.alloc(0);
    }
    consume(n) {
        const b = this.buffer();
        this.chunks = [b.subarray(n)];
        this.length -= n;
    }
    drain() {
        while (this.pending.length > 0 && this.length > 0) {
            const b = this.buffer();
            const nl = b.indexOf(0x0a);
            if (nl < 0)
                return;
            const header = b.subarray(0, nl).toString('latin1');
            const p = this.pending[0];
            if (/ missing$/.test(header) || / ambiguous$/.test(header)) {
                this.consume(nl + 1);
                this.pending.shift();
                p.resolve(undefined);
                continue;
            }
            const m = /^([0-9a-f]+) (\S+) (\d+)$/.exec(header);
            if (!m || m[1] !== p.oid) {
                this.fail(new Error('git cat-file: unexpected answer'));
                this.proc.kill();
                return;
            }
            const size = Number(m[3]);
            if (this.length < nl + 1 + size + 1)
                return;
            const content = Buffer.from(b.subarray(nl + 1, nl + 1 + size));
            this.consume(nl + 1 + size + 1);
            this.pending.shift();
            p.resolve(content);
        }
    }
    fail(e) {
        if (!this.failure)
            this.failure = e;
        clearTimeout(this.timer);
        for (const p of this.pending.splice(0))
            p.reject(this.failure);
    }
}

// EXTERNAL MODULE: ./src/audit/packages.ts
var audit_packages = __webpack_require__(1654);
// EXTERNAL MODULE: ./src/audit/refs.ts
var refs = __webpack_require__(7709);
// EXTERNAL MODULE: ./src/go/readers/registry.ts
var registry = __webpack_require__(102);
;// CONCATENATED MODULE: ./src/audit/side-files.ts


/** Parses every file with the scan's own reader; what does not parse becomes a problem (never throws for file content). */
async function parseSideFiles(files) {
    const out = { modules: [], declarations: [], problems: [] };
    for (const f of files) {
        const read = await (0,registry/* readRepositoryFile */.tz)(f.kind, f.text, f.path);
        out.modules.push(...read.modules);
        out.declarations.push(...read.declarations);
        if (read.problem)
            out.problems.push({ ...read.problem, file: f.path });
    }
    (0,verify_scope/* sortByPath */.$y)(out.modules, (m) => m.path);
    (0,verify_scope/* sortByPath */.$y)(out.declarations, (d) => d.file, (a, b) => a.line - b.line);
    return out;
}
/** The main module or workspace, as the go command picks it in the workspace root under GOWORK. */
function rootPath(modules, gowork) {
    const work = gowork.mode === 'file' ? modules.find((m) => m.kind === 'go.work' && m.path === gowork.file) : undefined;
    return (work ?? modules.find((m) => m.path === 'go.mod'))?.path;
}

;// CONCATENATED MODULE: ./src/audit/tree-select.ts



/** `<mode> SP <type> SP <oid> SP+ <size> TAB <path>` (one NUL-terminated record), or undefined. */
function parseTreeRecord(rec) {
    const tab = rec.indexOf('\t');
    if (tab < 0)
        return undefined;
    const m = /^(\d{6}) (\S+) ([0-9a-f]{40}(?:[0-9a-f]{24})?) +(\d+|-)$/.exec(rec.slice(0, tab));
    if (!m)
        return undefined;
    const path = rec.slice(tab + 1);
    if (path === '')
        return undefined;
    return { mode: m[1], type: m[2], oid: m[3], ...(m[4] !== '-' ? { size: Number(m[4]) } : {}), path };
}
const REGULAR = new Set(['100644', '100755']);
/** The entries the audit reads, and the ones it refuses. */
function selectTree(entries, opts) {
    const scope = (0,verify_scope/* makeScope */.h)(opts.patterns ?? []);
    const folders = new Map();
    folders.set('', { enter: true, covered: false, depth: 0 });
    const deep = new Set();
    const problems = [];
    /** Whether the scan enters folder `dir` (every folder above it entered too), memoized. */
    const folder = (dir) => {
        const known = folders.get(dir);
        if (known)
            return known;
        const parent = folder((0,audit_packages/* dirOf */.Rw)(dir));
        const name = dir.slice(dir.lastIndexOf('/') + 1);
        let state;
        if (!parent.enter)
            state = { enter: false, covered: false, depth: parent.depth + 1 };
        else {
            const d = scope.enterDir(dir, name, parent.covered);
            state = { ...d, depth: parent.depth + 1 };
            if (d.enter && state.depth > opts.maxDepth) {
                state = { enter: false, covered: false, depth: state.depth };
                if (!deep.has(dir)) {
                    deep.add(dir);
                    problems.push({ kind: 'skipped', file: dir, message: `more than ${opts.maxDepth} folders deep: not read` });
                }
            }
        }
        folders.set(dir, state);
        return state;
    };
    const files = [];
    const goByDir = new Map();
    for (const e of entries) {
        const dir = (0,audit_packages/* dirOf */.Rw)(e.path);
        const name = e.path.slice(e.path.lastIndexOf('/') + 1);
        const isWork = e.path === opts.goworkFile;
        const kind = isWork ? 'go.work' : (0,registry/* kindOfPath */.Bs)(e.path);
        const f = folder(dir);
        if (kind !== undefined && (isWork || (f.enter && scope.includeFile(e.path, f.covered)))) {
            if (e.mode === '120000') {
                problems.push({ kind: 'refused', file: e.path, message: 'is a symbolic link in the base commit: not read' });
            }
            else if (e.mode === '160000' || e.type !== 'blob') {
                problems.push({
                    kind: 'refused',
                    file: e.path,
                    message: 'is a submodule in the base commit, not a file: not read'
                });
            }
            else if (!REGULAR.has(e.mode) || e.size === undefined) {
                problems.push({ kind: 'refused', file: e.path, message: 'is not a regular file in the base commit: not read' });
            }
            else if (e.size > opts.maxFileBytes) {
                problems.push({
                    kind: 'refused',
                    file: e.path,
                    message: `is ${e.size} bytes, more than the ${opts.maxFileBytes} read at most: not read`
                });
            }
            else
                files.push({ path: e.path, kind, oid: e.oid, size: e.size });
            continue;
        }
        if (!(0,audit_packages/* isGoFileName */.ow)(name) || (0,audit_packages/* isTestFileName */.wt)(name) || !f.enter)
            continue;
        if (!REGULAR.has(e.mode) || e.type !== 'blob' || e.size === undefined || e.size > opts.maxFileBytes)
            continue;
        if (dir !== '' && !dir.split('/').every(audit_packages/* isPackageFolderName */.yA))
            continue;
        const list = goByDir.get(dir) ?? [];
        list.push({ path: e.path, oid: e.oid, size: e.size });
        goByDir.set(dir, list);
    }
    (0,verify_scope/* sortByPath */.$y)(files, (x) => x.path);
    const goFolders = [...goByDir.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([dir, list]) => ({ dir, files: list.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) }));
    return { files, goFolders, problems };
}

;// CONCATENATED MODULE: ./src/audit/base-tree.ts
/**
 * Reads the base side of the audit from the git checkout: resolves the base ref to a commit, lists
 * its tree (`git ls-tree -r -z -l --full-tree`), keeps what the scan would read there plus the Go
 * files of main packages (tree-select.ts), and reads them through ONE `git cat-file --batch`
 * process (cat-file.ts), bounded like the scan (verify/workspace-scan.ts DEFAULT_SCAN_LIMITS: 1 MiB a
 * file, 64 MiB in all). The files are parsed with the scan's readers (side-files.ts); a Go file
 * gives only its header (HEADER_BYTES), and a folder's files are read only once its first file says
 * `package main`. Symbolic links, submodules and files above the limit are refused unread, exactly
 * as a pull request's working tree is treated. Nothing of a file's content is printed.
 *
 * A checkout without the base commit (actions/checkout's depth 1) gives a `no-base` result with the
 * advice to fetch more history, never an error. Edge module: runs git.
 */











/** Lists the tree of `sha`, record by record, at most `max` entries. */
function listTree(dir, sha, max) {
    return new Promise((resolve) => {
        const proc = (0,external_node_child_process_.spawn)('git', ['-C', dir, 'ls-tree', '-r', '-z', '-l', '--full-tree', sha], {
            env: (0,git/* gitEnv */.gE)(),
            windowsHide: true,
            stdio: ['ignore', 'pipe', 'pipe']
        });
        const entries = [];
        let rest = '';
        let truncated = false;
        let stderr = '';
        proc.stdout.setEncoding('utf8');
        proc.stdout.on('data', (chunk) => {
            if (truncated)
                return;
            const parts = (rest + chunk).split('\0');
            rest = parts.pop() ?? '';
            for (const p of parts) {
                const e = parseTreeRecord(p);
                if (!e)
                    continue;
                if (entries.length >= max) {
                    truncated = true;
                    proc.kill();
                    return;
                }
                entries.push(e);
            }
        });
        proc.stderr.setEncoding('utf8');
        proc.stderr.on('data', (c) => {
            if (stderr.length < 4096)
                stderr += c;
        });
        proc.on('error', (e) => resolve({ entries, truncated, error: e.message }));
        proc.on('close', (code) => {
            if (code !== 0 && !truncated)
                resolve({ entries, truncated, error: stderr.trim().split('\n')[0] || `exit ${code}` });
            else
                resolve({ entries, truncated });
        });
    });
}
/** Why the base is not here, with the advice that helps. */
async function notFound(dir, ref, label) {
    if (await (0,git/* isShallow */.fE)(dir)) {
        return {
            status: 'no-base',
            ref: label,
            reason: `the base ${(0,src_text/* quoteContent */.od)(label, 100)} is not in this checkout (a shallow clone).`,
            advice: refs/* FETCH_DEPTH_ADVICE */.AC
        };
    }
    return {
        status: 'no-base',
        ref: label,
        reason: `${(0,src_text/* quoteContent */.od)(ref, 100)} names no commit in this checkout.`,
        advice: 'Fetch the base branch (or check out with fetch-depth: 0), or set audit-base to a commit that is there.'
    };
}
/** Reads the base side at `ref` from the checkout in `dir`. Never throws for what is in the repository. */
async function readBaseTree(dir, ref, opts = {}) {
    const label = opts.label ?? ref;
    const bad = (0,refs/* checkBaseRef */.fg)(ref);
    if (bad)
        return { status: 'no-base', ref: label, reason: `the base ref ${(0,src_text/* quoteContent */.od)(ref, 100)} ${bad}.` };
    if (!(await (0,git/* isGitCheckout */.dl)(dir))) {
        return { status: 'no-base', ref: label, reason: 'the workspace is not a git checkout.' };
    }
    const sha = await (0,git/* resolveCommit */.WL)(dir, ref);
    if (!sha)
        return notFound(dir, ref, label);
    const limits = { ...workspace_scan/* DEFAULT_SCAN_LIMITS */.H, ...opts.limits };
    const tree = await listTree(dir, sha, opts.maxEntries ?? 2_000_000);
    if (tree.error)
        return { status: 'no-base', ref: label, reason: `git ls-tree failed: ${tree.error}` };
    const goworkFile = opts.gowork?.mode === 'file' ? opts.gowork.file : undefined;
    const selection = selectTree(tree.entries, {
        patterns: opts.patterns,
        goworkFile,
        maxDepth: limits.maxDepth,
        maxFileBytes: limits.maxFileBytes
    });
    const problems = [...selection.problems];
    if (tree.truncated) {
        problems.push({
            kind: 'skipped',
            file: '.',
            message: `more than ${opts.maxEntries ?? 2_000_000} entries in the base tree: the rest not read`
        });
    }
    const reader = new BlobReader(dir, opts.timeoutMs ?? 60_000);
    let spent = 0;
    let budgetNoted = false;
    const take = (size, file) => {
        if (spent + size <= limits.maxTotalBytes) {
            spent += size;
            return true;
        }
        if (!budgetNoted) {
            budgetNoted = true;
            problems.push({
                kind: 'skipped',
                file,
                message: `${limits.maxTotalBytes} bytes read in all: this and later files not read`
            });
        }
        return false;
    };
    const text = (b) => {
        const s = b.toString('utf8');
        return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
    };
    const files = [];
    const packages = [];
    try {
        // Pipelined: every request goes in at once (answers come in order), within the byte budget.
        const wanted = [];
        for (const f of selection.files) {
            if (!take(f.size, f.path))
                break;
            wanted.push(f);
        }
        const blobs = await Promise.all(wanted.map((f) => reader.read(f.oid)));
        wanted.forEach((f, i) => {
            const b = blobs[i];
            if (!b)
                problems.push({ kind: 'unreadable', file: f.path, message: 'is missing from the base commit' });
            else
                files.push({ path: f.path, kind: f.kind, text: text(b) });
        });
        const parsed = await parseSideFiles(files);
        problems.push(...parsed.problems);
        const dirs = (0,audit_packages/* goModDirsOf */.io)(parsed.modules);
        for (const folder of selection.goFolders) {
            if (budgetNoted)
                break;
            if ((0,audit_packages/* ownerDir */.Ft)(folder.dir, dirs) === undefined)
                continue;
            const read = [];
            let decided;
            let undecided = 0;
            for (const f of folder.files) {
                if (decided === 'other' || (decided === undefined && undecided >= audit_packages/* MAX_UNDECIDED_FILES */.je))
                    break;
                if (!take(f.size, f.path))
                    break;
                const b = await reader.read(f.oid);
                if (!b)
                    continue;
                const header = (0,source_header/* readSourceHeader */.JE)(b.subarray(0, source_header/* HEADER_BYTES */.q2).toString('utf8'));
                read.push({ file: f.path, header });
                if (decided === undefined) {
                    const p = (0,audit_packages/* packageOf */.wg)(header);
                    if (p === 'undecided')
                        undecided++;
                    else
                        decided = p;
                }
            }
            if (decided === 'main')
                packages.push((0,audit_packages/* packageSources */.b2)(folder.dir, read));
        }
        const root = rootPath(parsed.modules, opts.gowork ?? { mode: 'file', file: 'go.work' });
        (0,verify_scope/* sortByPath */.$y)(problems, (p) => p.file, (a, b) => (a.line ?? 0) - (b.line ?? 0));
        return {
            status: 'read',
            ref: label,
            sha,
            side: {
                modules: parsed.modules,
                declarations: parsed.declarations,
                packages,
                ...(root ? { root } : {}),
                problems
            }
        };
    }
    catch (err) {
        return { status: 'no-base', ref: label, reason: `the base could not be read: ${err.message}` };
    }
    finally {
        reader.close();
    }
}

// EXTERNAL MODULE: ./src/audit/audit.ts + 5 modules
var audit = __webpack_require__(1684);
;// CONCATENATED MODULE: ./src/audit/stage.ts
/**
 * The upgrade audit's edges in a run: whether it was asked for (a pull request, or the audit-base
 * input), the base side read with git, the vulnerabilities of the Go that builds before and after,
 * and the runner it runs on; then the pure audit (audit.ts). Never throws for what is in the
 * repository: a base that cannot be read is a `no-base` result (one advice finding).
 */






/** The runner as its environment says; the OS release only on self-hosted runners (hosted images are known). */
function runnerOf(env) {
    if (!env.RUNNER_OS)
        return undefined;
    return {
        os: env.RUNNER_OS,
        ...(env.RUNNER_ARCH ? { arch: env.RUNNER_ARCH } : {}),
        ...(env.ImageOS ? { imageOS: env.ImageOS } : {}),
        ...(env.RUNNER_ENVIRONMENT ? { environment: env.RUNNER_ENVIRONMENT } : {}),
        ...(env.RUNNER_ENVIRONMENT === 'self-hosted' ? { release: external_node_os_default().release() } : {})
    };
}
/**
 * The audit of this run, or undefined when none was asked for. `vulnsOf` reads what the
 * vulnerability database knows of a version (the verify stage's reader).
 */
async function collectAudit(ctx, facts, vulnsOf) {
    const { inputs, host } = ctx;
    const env = host.env;
    if (!(0,requested/* auditRequested */.C)(inputs.auditBase, env))
        return undefined;
    const workspace = ctx.dirs.workspace;
    const base = await (0,base_ref/* chooseBase */.b)(workspace, {
        input: inputs.auditBase,
        eventName: env.GITHUB_EVENT_NAME,
        baseRef: env.GITHUB_BASE_REF
    });
    const patterns = inputs.modules.length ? inputs.modules : undefined;
    const read = await readBaseTree(workspace, base.ref, {
        patterns,
        gowork: (0,gowork/* goWorkOf */.P)(env.GOWORK, workspace),
        label: base.label
    });
    const head = {
        modules: facts.workspace.modules,
        declarations: facts.workspace.declarations,
        packages: facts.goPackages ?? [],
        ...(facts.root ? { root: facts.root.path } : {})
    };
    const first = (0,audit/* auditUpgrade */.c3)({
        base: read,
        head,
        releases: facts.releases,
        platform: ctx.platform,
        runner: runnerOf(env)
    });
    // The vulnerabilities of each Go that builds, before and after (only when the versions changed).
    if (inputs.checks.get('audit-vulnerabilities') === 'off' || inputs.mode === 'plan')
        return first;
    const versions = new Set();
    for (const m of first.modules) {
        if (m.build.before?.version)
            versions.add(m.build.before.version);
        if (m.build.after?.version)
            versions.add(m.build.after.version);
    }
    if (versions.size === 0)
        return first;
    const vulnerabilities = await Promise.all([...versions].map(async (version) => ({ version, facts: await vulnsOf(version) })));
    return (0,audit/* auditUpgrade */.c3)({
        base: read,
        head,
        releases: facts.releases,
        platform: ctx.platform,
        runner: runnerOf(env),
        vulnerabilities
    });
}


/***/ })

};
