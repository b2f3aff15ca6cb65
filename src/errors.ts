/**
 * Errors meant for users, as data: what went wrong (`detail`) and where (an input, an environment
 * variable, or a file and line). The message is formatted once, here, from those fields; call sites
 * never write a location into the text. Modelled on golang.org/x/mod/modfile's Error
 * {Filename, Pos, Err} and ErrorList.
 *
 * Anything thrown that is not a UserError is a bug: the entry point logs its stack (debug) and
 * still ends with one error line.
 */

/** Where a user error is: the input or environment variable it came from, or a file and line. */
export interface Where {
  /** the action input (`go-version`) or CLI flag it came from */
  input?: string;
  /** the environment variable it came from (`GO_DOWNLOAD_BASE_URL`) */
  env?: string;
  /** repository-relative path with forward slashes, or an archive name */
  file?: string;
  /** 1-based line in `file` */
  line?: number;
  /** a downloaded archive (named in messages, never annotated as a repository file) */
  archive?: string;
}

/** "go.mod:3", "go.mod", "input go-version", "env GOWORK", or "" when nowhere in particular. */
export function formatWhere(w: Where): string {
  if (w.file) return w.line ? `${w.file}:${w.line}` : w.file;
  if (w.input) return `input ${w.input}`;
  if (w.env) return `env ${w.env}`;
  if (w.archive) return w.archive;
  return '';
}

/** "<where>: <detail>", or the detail alone when there is no location. */
export function formatMessage(detail: string, where: Where = {}): string {
  const at = formatWhere(where);
  return at ? `${at}: ${detail}` : detail;
}

/** A problem the user can fix: one line naming the input or file:line and what was expected. */
export class UserError extends Error {
  /** the message without its location */
  readonly detail: string;
  readonly input?: string;
  readonly env?: string;
  readonly file?: string;
  readonly line?: number;
  readonly archive?: string;

  constructor(detail: string, where: Where = {}) {
    super(formatMessage(detail, where));
    this.name = new.target.name;
    this.detail = detail;
    if (where.input !== undefined) this.input = where.input;
    if (where.env !== undefined) this.env = where.env;
    if (where.file !== undefined) this.file = where.file;
    if (where.line !== undefined) this.line = where.line;
    if (where.archive !== undefined) this.archive = where.archive;
  }

  /** Where this error is, as data. */
  get where(): Where {
    const { input, env, file, line, archive } = this;
    return { input, env, file, line, archive };
  }

  /** The same error at another place (e.g. a resolution failure attributed to the go.mod line). */
  at(where: Where): UserError {
    return new UserError(this.detail, where);
  }
}

/** A bad input value or a file in the repository that cannot be used. */
export class InputError extends UserError {
  override at(where: Where): InputError {
    return new InputError(this.detail, where);
  }
}

/** Several user errors found together (every unparsable file of a scan); each is reported. */
export class UserErrorList extends Error {
  constructor(readonly errors: UserError[]) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'UserErrorList';
  }
}

/** Collapses a message to one line (runs of blanks around line breaks become one space). */
export function oneLine(s: string): string {
  return s.replace(/\s*\r?\n\s*/g, ' ').trim();
}

/** The first line of what was thrown, for a warning that must stay one line. */
export function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split(/\r?\n/)[0];
}
