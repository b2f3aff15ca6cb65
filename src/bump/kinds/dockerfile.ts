/**
 * Dockerfiles: the Go version of each `FROM golang:<tag>` the reader (go/readers/dockerfile.ts)
 * declares, located to its bytes. Pure.
 *
 * - A literal tag: the version part of the tag (`1.25` of `golang:1.25-alpine`), so registries,
 *   variants, `--platform=` flags and `AS` names stay as they are.
 * - A tag from a global `ARG` (`ARG GO_VERSION=1.25` ... `FROM golang:${GO_VERSION}-alpine`, or
 *   `ARG IMAGE=golang:1.25` ... `FROM ${IMAGE}`): the ARG default, and the FROM is kept. A
 *   `${GO_VERSION:-1.25}` default written in the FROM itself is rewritten there.
 * - A digest (`golang:1.25@sha256:...`) pins bytes the tag alone cannot name: reported, not guessed.
 * - A version assembled otherwise (two variables, an ARG whose default is itself a variable) is
 *   reported.
 * Images that state no version (`golang:alpine`, `golang:1-alpine`, `golang:latest`) are not
 * declarations: not rewritten and not reported.
 */
import { expandDockerVars, golangImageVersion, parseDockerfile } from '../../go/readers/dockerfile.js';
import { clipContent } from '../../text.js';
import type { LocatedFile, Site, Unrewritable } from '../types.js';
import { textLines, type TextLine } from './lines.js';

interface Word {
  text: string;
  /** offset in the file */
  at: number;
}

interface GlobalArg {
  name: string;
  /** the default as Docker reads it (quotes removed) */
  value: string;
  /** offset of the value (inside quotes) in the file */
  at: number;
  line: number;
}

function wordsOf(l: TextLine): Word[] {
  const out: Word[] = [];
  for (const m of l.text.matchAll(/\S+/g)) out.push({ text: m[0], at: l.start + (m.index ?? 0) });
  return out;
}

function unquoted(s: string): { text: string; skip: number } {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) {
    return { text: s.slice(1, -1), skip: 1 };
  }
  return { text: s, skip: 0 };
}

/** ARG defaults before the first FROM (the only ones a FROM sees), one line each. */
function globalArgs(lines: readonly TextLine[]): GlobalArg[] {
  const out: GlobalArg[] = [];
  for (const l of lines) {
    if (/^\s*FROM\s/i.test(l.text)) break;
    if (!/^\s*ARG\s/i.test(l.text)) continue;
    for (const w of wordsOf(l).slice(1)) {
      const eq = w.text.indexOf('=');
      if (eq <= 0) continue;
      const v = unquoted(w.text.slice(eq + 1));
      out.push({ name: w.text.slice(0, eq), value: v.text, at: w.at + eq + 1 + v.skip, line: l.number });
    }
  }
  return out;
}

/** The variables' values as the reader expands them (later ARGs see earlier ones). */
function argValues(args: readonly GlobalArg[]): Map<string, string> {
  const vars = new Map<string, string>();
  for (const a of args) {
    const v = expandDockerVars(a.value, vars);
    if (v !== undefined) vars.set(a.name, v);
  }
  return vars;
}

/** Where the tag of an image reference starts (after the `:` that follows the last `/`), or -1. */
function tagStart(image: string): number {
  const name = image.split('@')[0];
  const colon = name.indexOf(':', name.lastIndexOf('/') + 1);
  return colon < 0 ? -1 : colon + 1;
}

/** The version part of a literal tag: up to its first `-`. */
function versionPart(tag: string): string {
  const dash = tag.indexOf('-');
  return dash >= 0 ? tag.slice(0, dash) : tag;
}

const VAR_REF = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}$]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/;

/** The version tokens of a Dockerfile; the reader's declarations say which FROMs count. */
export function locateDockerfile(text: string, path: string): LocatedFile {
  const lines = textLines(text);
  const args = globalArgs(lines);
  const vars = argValues(args);
  const lastArg = (name: string): GlobalArg | undefined => args.filter((a) => a.name === name).pop();
  const sites: Site[] = [];
  const unrewritable: Unrewritable[] = [];
  const seen = new Set<number>();
  const addSite = (s: Site): void => {
    if (seen.has(s.start)) return;
    seen.add(s.start);
    sites.push(s);
  };

  /** A site for the version at the start of `value` (an ARG default or an inline default). */
  const atValue = (value: string, at: number, line: number, version: string, label: string): Site | undefined => {
    if (!value.startsWith(version)) return undefined;
    return {
      file: path,
      line,
      start: at,
      end: at + version.length,
      written: version,
      role: 'declaration',
      before: label,
      after: value.slice(version.length)
    };
  };

  for (const d of parseDockerfile(text, path)) {
    const l = lines[d.line - 1];
    const word = l && wordsOf(l).find((w) => golangImageVersion(expandDockerVars(w.text, vars) ?? '') === d.version);
    const report = (reason: string): void => {
      unrewritable.push({ file: path, line: d.line, what: d.raw, reason });
    };
    if (!word) {
      report('not found where the reader read it: not rewritten');
      continue;
    }
    if (word.text.includes('@')) {
      report('is pinned by digest: not rewritten (update the tag and its @sha256 digest together)');
      continue;
    }
    const image = word.text;
    const ts = tagStart(image);
    const tag = ts < 0 ? '' : image.slice(ts);
    if (ts >= 0 && !versionPart(tag).includes('$')) {
      const v = versionPart(tag);
      addSite({
        file: path,
        line: d.line,
        start: word.at + ts,
        end: word.at + ts + v.length,
        written: v,
        role: 'declaration',
        before: image.slice(0, ts),
        after: tag.slice(v.length)
      });
      continue;
    }
    // The version comes from a variable: the tag starts with it, or the whole image is one.
    const ref = VAR_REF.exec(ts >= 0 ? tag : image);
    const wholeImage = ts < 0;
    const rest = ref ? (wholeImage ? image : tag).slice(ref[0].length) : '';
    if (!ref || (wholeImage ? rest !== '' : rest !== '' && !rest.startsWith('-'))) {
      report('states its version through variables bump cannot follow: not rewritten');
      continue;
    }
    const name = ref[1] ?? ref[4];
    const arg = lastArg(name);
    const set = arg !== undefined && vars.has(name) && (ref[2] !== ':-' || vars.get(name) !== '');
    let site: Site | undefined;
    if (set && arg && !arg.value.includes('$')) {
      const vt = wholeImage ? tagStart(arg.value) : 0;
      if (vt >= 0) {
        const inArg = arg.value.slice(vt);
        site = atValue(inArg, arg.at + vt, arg.line, d.version, `ARG ${name}=${arg.value.slice(0, vt)}`);
      }
    } else if (!set && ref[3] !== undefined && !wholeImage) {
      const inline = ref[3];
      const offset = word.at + ts + ref[0].indexOf(inline, ref[0].indexOf('-'));
      site = atValue(inline, offset, d.line, d.version, `${image.slice(0, ts)}\${${name}${ref[2]}`);
    }
    if (site) addSite(site);
    else
      report(
        `states its version through \${${clipContent(name)}}, which bump cannot follow to one literal: not rewritten`
      );
  }
  return { sites, unrewritable };
}
