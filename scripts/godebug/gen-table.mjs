/**
 * Generates src/go/godebug-table.ts, the GODEBUG settings table of every Go release read, from Go's
 * own src/internal/godebugs/table.go (`var All = []Info{...}` and, from Go 1.26, `var Removed =
 * []RemovedInfo{...}`). The output's header names the Go commit and path each release's rows were
 * read from (and how a release not read was made, from a backport note).
 *
 * Inputs, either or both:
 *   --sources <file> --git <dir> [--git <dir>...]
 *       <file> lists `<release> <commit> [note]` lines (scripts/godebug/sources.txt). Each commit is
 *       read from the first git directory (a clone or mirror of golang/go) that has it:
 *       `git show <commit>:src/internal/godebugs/table.go`, and `VERSION`, which must name the release
 *       when the commit has one.
 *   --release <release>=<path> [--note <release>=<text>]
 *       a table.go file on disk (e.g. from `git show go1.23.0:src/internal/godebugs/table.go`); the
 *       note says where it came from and is printed as its source.
 * Options:
 *   --backports <file>   security backports from doc/godebug.md (scripts/godebug/backports.json):
 *                        checked against the releases read; added to a patch release not read
 *   --out <file>         where to write (default: src/go/godebug-table.ts; `-` for stdout)
 *   --format ts|json     the TypeScript module (prettier-formatted) or the data as JSON
 *
 * Regenerate (see scripts/godebug/README.md):
 *   node scripts/godebug/gen-table.mjs --sources scripts/godebug/sources.txt \
 *     --backports scripts/godebug/backports.json --git <golang/go clone>
 *
 * Releases are spelled as Go does without "go" (1.21.0, 1.21rc2); this script orders only those two
 * forms (the TypeScript code uses src/go/gover.ts). Nothing of Go's source is copied into the
 * repository: only the rows, as data.
 *
 * Plain ESM JavaScript with JSDoc types: node runs it, the tests import its pure functions.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Where Go keeps the table. */
export const TABLE_PATH = 'src/internal/godebugs/table.go';

/** The module this script writes by default, in this repository (its prettier configuration applies). */
const DEFAULT_OUT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'src',
  'go',
  'godebug-table.ts'
);

/**
 * @typedef {{ name: string, package: string, changed?: number, old?: string, opaque?: boolean, immutable?: boolean }} Info
 * @typedef {{ name: string, removed: number, old?: string[] }} RemovedInfo
 * @typedef {{ all: Info[], removed?: RemovedInfo[] }} ParsedTable
 * @typedef {{ release: string, commit?: string, version?: string, path: string, note?: string, synthesized?: string }} Source
 * @typedef {{ release: string, text: string, source: Source }} ReleaseInput
 * @typedef {{ name: string, release: string, quote?: string }} Backport
 * @typedef {{ releases: string[], amends?: string, rows: Info[], dropped?: string[], removed?: RemovedInfo[] }} Table
 * @typedef {{ name: string, package: string, changed?: number, old?: string, opaque?: boolean, immutable?: boolean,
 *   since: number, firstRelease: string, backportedTo?: string[], removed?: number, refused?: string[] }} Setting
 * @typedef {{ sources: Source[], tables: Table[], settings: Setting[], backportSource?: string }} TableData
 */

// ---------------------------------------------------------------------------------------------
// Release names

/** A release as this script accepts it: 1.N.P or 1.NrcK. @param {string} release */
export function parseRelease(release) {
  const m = /^1\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*)|rc([1-9]\d*))$/.exec(release);
  if (!m) throw new Error(`release ${JSON.stringify(release)}: expected 1.N.P or 1.NrcK (Go's spelling without "go")`);
  return {
    minor: Number(m[1]),
    rc: m[3] !== undefined ? Number(m[3]) : undefined,
    patch: m[2] !== undefined ? Number(m[2]) : undefined
  };
}

/** Go's order for these two forms: 1.21rc1 < 1.21rc2 < 1.21.0 < 1.21.1 < 1.22rc1. @param {string} a @param {string} b */
export function compareReleases(a, b) {
  const x = parseRelease(a);
  const y = parseRelease(b);
  if (x.minor !== y.minor) return x.minor - y.minor;
  if ((x.rc === undefined) !== (y.rc === undefined)) return x.rc === undefined ? 1 : -1;
  return x.rc !== undefined && y.rc !== undefined ? x.rc - y.rc : (x.patch ?? 0) - (y.patch ?? 0);
}

/** "1.24" for 1.24.8 and 1.24rc1. @param {string} release */
function lineOf(release) {
  return `1.${parseRelease(release).minor}`;
}

// ---------------------------------------------------------------------------------------------
// Reading table.go

/**
 * Go tokens, without comments: identifiers, numbers, strings (interpreted and raw, unquoted) and
 * punctuation ("==" and "||" as one token).
 * @param {string} text @param {string} name
 * @returns {{ kind: 'ident'|'int'|'string'|'punct', text: string, line: number }[]}
 */
export function tokenizeGo(text, name) {
  /** @type {{ kind: 'ident'|'int'|'string'|'punct', text: string, line: number }[]} */
  const out = [];
  let i = 0;
  let line = 1;
  const fail = (/** @type {string} */ msg) => {
    throw new Error(`${name}:${line}: ${msg}`);
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) fail('unterminated /* comment');
      for (let j = i; j < end; j++) if (text[j] === '\n') line++;
      i = end + 2;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 256));
      out.push({ kind: 'ident', text: m ? m[0] : c, line });
      i += m ? m[0].length : 1;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+/.exec(text.slice(i, i + 64));
      out.push({ kind: 'int', text: m ? m[0] : c, line });
      i += m ? m[0].length : 1;
    } else if (c === '"') {
      let j = i + 1;
      let s = '';
      for (;;) {
        if (j >= text.length || text[j] === '\n') fail('unterminated string');
        const d = text[j];
        if (d === '"') break;
        if (d === '\\') {
          const e = text[j + 1];
          const simple = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'" };
          if (e in simple) {
            s += simple[/** @type {keyof typeof simple} */ (e)];
            j += 2;
          } else if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(j + 2, j + 4))) {
            s += String.fromCharCode(parseInt(text.slice(j + 2, j + 4), 16));
            j += 4;
          } else {
            fail(`unsupported escape \\${e} in a string`);
          }
          continue;
        }
        s += d;
        j++;
      }
      out.push({ kind: 'string', text: s, line });
      i = j + 1;
    } else if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) fail('unterminated raw string');
      const s = text.slice(i + 1, end);
      out.push({ kind: 'string', text: s, line });
      for (const ch of s) if (ch === '\n') line++;
      i = end + 1;
    } else if (text.startsWith('==', i) || text.startsWith('||', i) || text.startsWith('&&', i)) {
      out.push({ kind: 'punct', text: text.slice(i, i + 2), line });
      i += 2;
    } else {
      out.push({ kind: 'punct', text: c, line });
      i++;
    }
  }
  return out;
}

/**
 * Reads the settings of a table.go: the `All` list of Info literals and, when present, the `Removed`
 * list, whose Old predicates (a helper such as `one`/`zero` declared in the file, or a func literal)
 * must each be `s == "v"` comparisons joined by `||`; they become the list of old values.
 * Anything else (an unknown field, another predicate shape) is an error: the script must learn it.
 * @param {string} text @param {string} name for error messages
 * @returns {ParsedTable}
 */
export function parseTableGo(text, name = 'table.go') {
  const toks = tokenizeGo(text, name);
  let p = 0;
  const at = () =>
    toks[p] ?? { kind: 'punct', text: '<end of file>', line: toks.length ? toks[toks.length - 1].line : 1 };
  const fail = (/** @type {string} */ msg) => {
    throw new Error(`${name}:${at().line}: ${msg}`);
  };
  const expect = (/** @type {string} */ t) => {
    if (at().text !== t) fail(`expected ${JSON.stringify(t)}, found ${JSON.stringify(at().text)}`);
    p++;
  };
  const isKw = (/** @type {number} */ i, /** @type {string} */ t) =>
    toks[i] && toks[i].kind === 'ident' && toks[i].text === t;
  /** index after `var <name> = []<type> {` or -1 @param {string} varName @param {string} typeName */
  const findList = (varName, typeName) => {
    for (let i = 0; i + 6 < toks.length; i++) {
      if (
        isKw(i, 'var') &&
        isKw(i + 1, varName) &&
        toks[i + 2].text === '=' &&
        toks[i + 3].text === '[' &&
        toks[i + 4].text === ']' &&
        isKw(i + 5, typeName) &&
        toks[i + 6].text === '{'
      )
        return i + 7;
    }
    return -1;
  };

  /** Helper predicates declared as `func name(s string) bool { return <expr> }`. @type {Map<string, number>} */
  const funcs = new Map();
  for (let i = 0; i + 7 < toks.length; i++) {
    if (
      isKw(i, 'func') &&
      toks[i + 1].kind === 'ident' &&
      toks[i + 2].text === '(' &&
      toks[i + 3].kind === 'ident' &&
      isKw(i + 4, 'string') &&
      toks[i + 5].text === ')' &&
      isKw(i + 6, 'bool') &&
      toks[i + 7].text === '{'
    ) {
      funcs.set(toks[i + 1].text, i + 3);
    }
  }

  /** Reads `(s string) bool { return s == "a" || ... }` from the parameter name at p. */
  const predicateBody = () => {
    const param = at().text;
    p += 5; // param string ) bool {
    if (!isKw(p, 'return')) fail('expected a predicate of the form { return s == "v" || ... }');
    p++;
    /** @type {string[]} */
    const values = [];
    for (;;) {
      const a = at();
      const b = toks[p + 1];
      const c = toks[p + 2];
      if (
        a &&
        b &&
        c &&
        b.text === '==' &&
        ((a.text === param && a.kind === 'ident' && c.kind === 'string') ||
          (a.kind === 'string' && c.kind === 'ident' && c.text === param))
      ) {
        values.push(a.kind === 'string' ? a.text : c.text);
        p += 3;
      } else {
        fail(`unsupported Old predicate: expected ${param} == "value" comparisons joined by ||`);
      }
      if (at().text === '||') {
        p++;
        continue;
      }
      break;
    }
    if (at().text === ';') p++;
    expect('}');
    return values;
  };

  /** Reads `{ Field: value, ... }` literals up to the list's closing brace. @param {(field: string) => unknown} readValue */
  const readList = (readValue) => {
    /** @type {Record<string, unknown>[]} */
    const items = [];
    while (at().text !== '}') {
      expect('{');
      /** @type {Record<string, unknown>} */
      const item = {};
      while (at().text !== '}') {
        const field = at();
        if (field.kind !== 'ident') fail(`expected a field name, found ${JSON.stringify(field.text)}`);
        p++;
        expect(':');
        if (field.text in item) fail(`field ${field.text} given twice`);
        item[field.text] = readValue(field.text);
        if (at().text === ',') p++;
        else if (at().text !== '}') fail(`expected "," or "}", found ${JSON.stringify(at().text)}`);
      }
      p++;
      items.push(item);
      if (at().text === ',') p++;
      else if (at().text !== '}') fail(`expected "," or "}" after an element, found ${JSON.stringify(at().text)}`);
    }
    return items;
  };

  const start = findList('All', 'Info');
  if (start < 0) fail('no `var All = []Info{` list');
  p = start;
  const INFO_FIELDS = {
    Name: 'string',
    Package: 'string',
    Changed: 'int',
    Old: 'string',
    Opaque: 'bool',
    Immutable: 'bool'
  };
  const rawAll = readList((field) => {
    const want = INFO_FIELDS[/** @type {keyof typeof INFO_FIELDS} */ (field)];
    if (!want) fail(`unknown Info field ${field}: teach gen-table.mjs what it means`);
    const t = at();
    p++;
    if (want === 'string' && t.kind === 'string') return t.text;
    if (want === 'int' && t.kind === 'int') return Number(t.text);
    if (want === 'bool' && t.kind === 'ident' && (t.text === 'true' || t.text === 'false')) return t.text === 'true';
    return fail(`field ${field}: expected a ${want}, found ${JSON.stringify(t.text)}`);
  });
  /** @type {Info[]} */
  const all = [];
  const seen = new Set();
  for (const r of rawAll) {
    if (typeof r.Name !== 'string' || typeof r.Package !== 'string') fail('an Info without Name or Package');
    const name_ = /** @type {string} */ (r.Name);
    if (seen.has(name_)) fail(`setting ${name_} listed twice`);
    seen.add(name_);
    /** @type {Info} */
    const info = { name: name_, package: /** @type {string} */ (r.Package) };
    if (typeof r.Changed === 'number' && r.Changed !== 0) info.changed = r.Changed;
    if (typeof r.Old === 'string' && r.Old !== '') info.old = r.Old;
    if (r.Opaque === true) info.opaque = true;
    if (r.Immutable === true) info.immutable = true;
    all.push(info);
  }

  const removedStart = findList('Removed', 'RemovedInfo');
  if (removedStart < 0) return { all };
  p = removedStart;
  const rawRemoved = readList((field) => {
    const t = at();
    if (field === 'Name' && t.kind === 'string') {
      p++;
      return t.text;
    }
    if (field === 'Removed' && t.kind === 'int') {
      p++;
      return Number(t.text);
    }
    if (field === 'Old') {
      if (isKw(p, 'func')) {
        p++;
        expect('(');
        return predicateBody();
      }
      if (t.kind === 'ident') {
        const fp = funcs.get(t.text);
        if (fp === undefined) fail(`Old: ${t.text} is not a func(string) bool declared in this file`);
        const back = p + 1;
        p = /** @type {number} */ (fp);
        const values = predicateBody();
        p = back;
        return values;
      }
    }
    return fail(`unknown or malformed RemovedInfo field ${field}`);
  });
  /** @type {RemovedInfo[]} */
  const removed = rawRemoved.map((r) => {
    if (typeof r.Name !== 'string' || typeof r.Removed !== 'number') fail('a RemovedInfo without Name or Removed');
    /** @type {RemovedInfo} */
    const info = { name: /** @type {string} */ (r.Name), removed: /** @type {number} */ (r.Removed) };
    if (Array.isArray(r.Old)) info.old = r.Old;
    return info;
  });
  return { all, removed };
}

// ---------------------------------------------------------------------------------------------
// Building the data

const key = (/** @type {unknown} */ v) => JSON.stringify(v);

/**
 * Orders the releases, adds backported rows to releases not read, collapses consecutive releases of a
 * line with the same table, and writes each later table of a line as the rows it sets and drops.
 * @param {ReleaseInput[]} inputs @param {Backport[]} backports @param {string} [backportSource]
 * @returns {TableData}
 */
export function buildTableData(inputs, backports = [], backportSource) {
  /** @type {Map<string, { parsed: ParsedTable, source: Source }>} */
  const read = new Map();
  for (const input of inputs) {
    parseRelease(input.release);
    if (read.has(input.release)) throw new Error(`release ${input.release} given twice`);
    read.set(input.release, {
      parsed: parseTableGo(input.text, `${input.release}: ${input.source.path}`),
      source: input.source
    });
  }
  if (read.size === 0) throw new Error('no releases to read: give --sources and --git, or --release');

  const readOrder = [...read.keys()].sort(compareReleases);
  /** @type {Map<string, Backport[]>} */
  const byRelease = new Map();
  for (const b of backports) {
    parseRelease(b.release);
    const list = byRelease.get(b.release) ?? [];
    list.push(b);
    byRelease.set(b.release, list);
  }
  const points = [...new Set([...readOrder, ...byRelease.keys()])].sort(compareReleases);

  /** The row a backport adds: from the first table read after the release that lists the name. */
  const backportRow = (/** @type {Backport} */ b) => {
    for (const r of readOrder) {
      if (compareReleases(r, b.release) <= 0) continue;
      const row = /** @type {{ parsed: ParsedTable }} */ (read.get(r)).parsed.all.find((i) => i.name === b.name);
      if (row) return { row, from: r };
    }
    throw new Error(`backport ${b.name}@${b.release}: no release read after it lists ${b.name}`);
  };

  /** @type {{ release: string, parsed: ParsedTable, source: Source }[]} */
  const resolved = [];
  for (const release of points) {
    const prev = [...resolved].reverse().find((r) => lineOf(r.release) === lineOf(release));
    const got = read.get(release);
    const added = byRelease.get(release) ?? [];
    if (got) {
      for (const b of added) {
        if (!got.parsed.all.some((i) => i.name === b.name))
          throw new Error(`backport ${b.name}@${b.release}: the table read for ${release} does not list ${b.name}`);
        if (prev && prev.parsed.all.some((i) => i.name === b.name))
          throw new Error(`backport ${b.name}@${b.release}: ${prev.release} already lists ${b.name}`);
      }
      resolved.push({ release, parsed: got.parsed, source: got.source });
      continue;
    }
    if (!prev) throw new Error(`backport to ${release}: no release of the ${lineOf(release)} line read before it`);
    const all = [...prev.parsed.all];
    const notes = [];
    for (const b of added) {
      if (all.some((i) => i.name === b.name))
        throw new Error(`backport ${b.name}@${b.release}: ${prev.release} already lists it`);
      const { row, from } = backportRow(b);
      all.push(row);
      notes.push(`${b.name} (row as in ${from})`);
    }
    all.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    resolved.push({
      release,
      parsed: { all, ...(prev.parsed.removed ? { removed: prev.parsed.removed } : {}) },
      source: {
        release,
        path: TABLE_PATH,
        synthesized: `${prev.release}'s table plus ${notes.join(', ')}, per doc/godebug.md`
      }
    });
  }
  for (const r of resolved) {
    for (const later of resolved) {
      if (lineOf(later.release) !== lineOf(r.release) || compareReleases(later.release, r.release) <= 0) continue;
      for (const b of byRelease.get(r.release) ?? []) {
        if (!later.parsed.all.some((i) => i.name === b.name))
          throw new Error(`backport ${b.name}@${b.release}: ${later.release}, read after it, does not list ${b.name}`);
      }
    }
  }

  /** @type {Table[]} */
  const tables = [];
  /** @type {{ release: string, parsed: ParsedTable } | undefined} */
  let last;
  for (const r of resolved) {
    const sameLine = last !== undefined && lineOf(last.release) === lineOf(r.release);
    if (sameLine && last && key(last.parsed) === key(r.parsed)) {
      tables[tables.length - 1].releases.push(r.release);
      continue;
    }
    /** @type {Table} */
    let t;
    if (sameLine && last) {
      const before = new Map(last.parsed.all.map((i) => [i.name, i]));
      const now = new Set(r.parsed.all.map((i) => i.name));
      const dropped = last.parsed.all.filter((i) => !now.has(i.name)).map((i) => i.name);
      t = {
        releases: [r.release],
        amends: tables[tables.length - 1].releases[0],
        rows: r.parsed.all.filter((i) => key(before.get(i.name)) !== key(i)),
        ...(dropped.length ? { dropped } : {})
      };
    } else {
      t = { releases: [r.release], rows: r.parsed.all };
    }
    if (r.parsed.removed) t.removed = r.parsed.removed;
    tables.push(t);
    last = r;
  }

  return {
    sources: resolved.map((r) => r.source),
    tables,
    settings: summarize(resolved),
    ...(backportSource ? { backportSource } : {})
  };
}

/**
 * One row per setting over every release: its values in the newest table that lists it, the first
 * minor and release listing it, the patch releases that gained it after their line's .0 (backports),
 * and its removal (the newest Removed list naming it) with the old values refused after removal.
 * @param {{ release: string, parsed: ParsedTable }[]} resolved in Go's order
 * @returns {Setting[]}
 */
function summarize(resolved) {
  /** @type {Map<string, Setting>} */
  const out = new Map();
  /** @type {Map<string, string>} */
  const lineFirst = new Map();
  /** @type {Set<string>} */
  const seenInLine = new Set();
  for (const r of resolved) {
    const line = lineOf(r.release);
    if (!lineFirst.has(line)) lineFirst.set(line, r.release);
    for (const info of r.parsed.all) {
      const prior = out.get(info.name);
      const lineKey = `${line} ${info.name}`;
      /** @type {Setting} */
      const row = prior
        ? { ...prior, package: info.package }
        : { name: info.name, package: info.package, since: parseRelease(r.release).minor, firstRelease: r.release };
      for (const f of /** @type {const} */ (['changed', 'old', 'opaque', 'immutable'])) {
        if (info[f] !== undefined) /** @type {Record<string, unknown>} */ (row)[f] = info[f];
        else delete row[f];
      }
      if (!seenInLine.has(lineKey)) {
        seenInLine.add(lineKey);
        // A backport: first listed by a patch release after its line's .0 (an rc adding it is not one).
        const { patch } = parseRelease(r.release);
        if (patch !== undefined && patch > 0 && lineFirst.get(line) !== r.release)
          row.backportedTo = [...(row.backportedTo ?? []), r.release];
      }
      out.set(info.name, row);
    }
    for (const rem of r.parsed.removed ?? []) {
      const row = out.get(rem.name);
      if (!row)
        throw new Error(
          `${r.release}: Removed lists ${rem.name}, which no table read lists (read a release before its removal)`
        );
      row.removed = rem.removed;
      if (rem.old) row.refused = rem.old;
    }
  }
  return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Writing

/** One source line of the header. @param {Source} s */
function describeSource(s) {
  if (s.synthesized) return `${s.release}: not read; ${s.synthesized}`;
  const parts = [`${s.release}:`];
  if (s.commit) parts.push(`golang/go ${s.commit}`);
  if (s.version) parts.push(`(VERSION ${s.version})`);
  parts.push(s.path);
  if (s.note) parts.push(`- ${s.note}`);
  return parts.join(' ');
}

/** Words joined into lines of at most `width` characters (a longer word gets a line of its own). @param {string} text @param {number} width */
function wrapWords(text, width) {
  /** @type {string[]} */
  const lines = [];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** The TypeScript module, before prettier. @param {TableData} data @param {string} command */
export function renderModule(data, command) {
  const lit = (/** @type {unknown} */ v) => JSON.stringify(v, null, 2);
  const header = [
    '// GENERATED by scripts/godebug/gen-table.mjs: do not edit. Regenerate with:',
    ...wrapWords(command, 96).map((l) => `//   ${l}`),
    '//',
    "// The GODEBUG settings table of each Go release read, from Go's src/internal/godebugs/table.go",
    '// (`All`, and `Removed` where the release has it). Rows of each release were read from:',
    ...data.sources.map((s) => `//   ${describeSource(s)}`),
    ...(data.backportSource ? ['//', `// Backported rows: ${data.backportSource}.`] : []),
    '// A release not listed has the table of the newest listed release before it in its line.'
  ];
  return `${header.join('\n')}

/** A row of internal/godebugs.All. */
export interface GodebugInfo {
  /** the setting ("panicnil") */
  name: string;
  /** the package that uses it ("runtime") */
  package: string;
  /** the minor whose go line changed the default (21 means Go 1.21); absent when none did */
  changed?: number;
  /** the value that restores the behaviour before \`changed\` */
  old?: string;
  /** exports no runtime/metrics counter */
  opaque?: boolean;
  /** cannot change after the program starts */
  immutable?: boolean;
}

/** A row of internal/godebugs.Removed (Go 1.26 and later). */
export interface GodebugRemovedInfo {
  name: string;
  /** the minor that removed it */
  removed: number;
  /** the values its Old predicate reports as old (refused); absent when the release's list has no Old (Go 1.26) */
  old?: readonly string[];
}

/** The table of one or more consecutive releases of one minor line. */
export interface GodebugTable {
  /** the releases with exactly this table, oldest first */
  releases: readonly string[];
  /** the first release of the table this one amends (the previous table of the same line); absent for a line's first */
  amends?: string;
  /** every row of \`All\` when \`amends\` is absent; otherwise the rows that are new or differ from the amended table */
  rows: readonly GodebugInfo[];
  /** the settings the amended table lists and this one does not */
  dropped?: readonly string[];
  /** the complete \`Removed\` list; absent when the release has none */
  removed?: readonly GodebugRemovedInfo[];
}

/** One setting over every release read. */
export interface GodebugSetting {
  name: string;
  package: string;
  /** values as in the newest table listing the setting */
  changed?: number;
  old?: string;
  opaque?: boolean;
  immutable?: boolean;
  /** the first minor whose table lists it */
  since: number;
  /** the first release read that lists it */
  firstRelease: string;
  /** releases that added it in the middle of their line (security backports) */
  backportedTo?: readonly string[];
  /** the minor that removed it (internal/godebugs.Removed) */
  removed?: number;
  /** the old values refused once removed (Go 1.27's rule) */
  refused?: readonly string[];
}

/** Every table, by line and then release, oldest first. */
export const GODEBUG_TABLES: readonly GodebugTable[] = ${lit(data.tables)};

/** One row per setting, sorted by name. */
export const GODEBUG_SETTINGS: readonly GodebugSetting[] = ${lit(data.settings)};
`;
}

/** Collapses each row object onto one line, as Go's table has them. @param {string} ts */
function oneLineRows(ts) {
  return ts.replace(
    /\{\n\s+("name": (?:[^{}[\]]|\[[^{}[\]]*\])*?)\n\s*\}/g,
    (_m, /** @type {string} */ body) =>
      `{ ${body
        .replace(/\[\s+/g, '[')
        .replace(/\s+\]/g, ']')
        .replace(/,\n\s*/g, ', ')} }`
  );
}

/** prettier with this repository's configuration, wherever the output goes. @param {string} text */
async function formatTs(text) {
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(DEFAULT_OUT)) ?? {};
  return prettier.format(text, { ...options, filepath: DEFAULT_OUT });
}

// ---------------------------------------------------------------------------------------------
// Command line

/** @param {string[]} argv */
export function parseArgs(argv) {
  /** @type {{ sources?: string, git: string[], releases: [string, string][], notes: Map<string, string>, backports?: string, out: string, format: string }} */
  const o = { git: [], releases: [], notes: new Map(), out: DEFAULT_OUT, format: 'ts' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    i++;
    const pair = () => {
      const eq = value.indexOf('=');
      if (eq <= 0) throw new Error(`${flag} ${value}: expected <release>=<value>`);
      return /** @type {[string, string]} */ ([value.slice(0, eq), value.slice(eq + 1)]);
    };
    if (flag === '--sources') o.sources = value;
    else if (flag === '--git') o.git.push(value);
    else if (flag === '--release') o.releases.push(pair());
    else if (flag === '--note') o.notes.set(...pair());
    else if (flag === '--backports') o.backports = value;
    else if (flag === '--out') o.out = value;
    else if (flag === '--format') {
      if (value !== 'ts' && value !== 'json') throw new Error('--format: ts or json');
      o.format = value;
    } else throw new Error(`unknown flag ${flag}`);
  }
  return o;
}

/** `git show` of one file, or undefined when the commit lacks it. @param {string} dir @param {string} rev @param {string} file */
function gitShow(dir, rev, file) {
  try {
    return execFileSync('git', ['-C', dir, 'show', `${rev}:${file}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 8 << 20
    });
  } catch {
    return undefined;
  }
}

/** The inputs named by --sources (read from the --git directories) and --release. @param {ReturnType<typeof parseArgs>} o */
export function readInputs(o) {
  /** @type {ReleaseInput[]} */
  const inputs = [];
  if (o.sources) {
    if (o.git.length === 0) throw new Error('--sources needs at least one --git directory');
    for (const raw of readFileSync(o.sources, 'utf8').split('\n')) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      const m = /^(\S+)\s+([0-9a-f]{40})(?:\s+(.*))?$/.exec(line);
      if (!m)
        throw new Error(`${o.sources}: bad line ${JSON.stringify(line)}: expected <release> <40-hex commit> [note]`);
      const [, release, commit, note] = m;
      const dir = o.git.find((d) => gitShow(d, commit, TABLE_PATH) !== undefined);
      if (!dir) throw new Error(`${release}: commit ${commit} with ${TABLE_PATH} is in none of the --git directories`);
      const text = /** @type {string} */ (gitShow(dir, commit, TABLE_PATH));
      const version = gitShow(dir, commit, 'VERSION')?.split('\n')[0];
      if (version !== undefined && version !== `go${release}`)
        throw new Error(`${release}: VERSION at ${commit} is ${version}, not go${release}`);
      inputs.push({
        release,
        text,
        source: { release, commit, ...(version ? { version } : {}), path: TABLE_PATH, ...(note ? { note } : {}) }
      });
    }
  }
  for (const [release, file] of o.releases) {
    const note = o.notes.get(release);
    inputs.push({
      release,
      text: readFileSync(file, 'utf8'),
      source: { release, path: note ? TABLE_PATH : file, ...(note ? { note } : {}) }
    });
  }
  return inputs;
}

/** Runs the command line; returns what it wrote. @param {string[]} argv */
export async function main(argv) {
  const o = parseArgs(argv);
  const inputs = readInputs(o);
  /** @type {Backport[]} */
  let backports = [];
  let backportSource;
  if (o.backports) {
    const doc = JSON.parse(readFileSync(o.backports, 'utf8'));
    backports = doc.backports;
    backportSource = doc.source;
  }
  const data = buildTableData(inputs, backports, backportSource);
  // The command as run, with the --git directories (local paths) shown as what they must be.
  const shown = argv
    .filter((a, i) => a !== '--git' && argv[i - 1] !== '--git')
    .map((a) => (/\s/.test(a) ? JSON.stringify(a) : a));
  if (o.git.length > 0) shown.push('--git', '<golang/go clone>');
  const command = ['node scripts/godebug/gen-table.mjs', ...shown].join(' ');
  const text =
    o.format === 'json'
      ? `${JSON.stringify(data, null, 2)}\n`
      : await formatTs(oneLineRows(renderModule(data, command)));
  if (o.out === '-') process.stdout.write(text);
  else writeFileSync(o.out, text);
  return text;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`gen-table: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
