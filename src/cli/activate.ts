/**
 * The lines that activate an installed Go in the current shell, for `use`: nothing is written to
 * the system or user PATH. POSIX shells (`eval "$(setup-go-enforced use)"`), PowerShell
 * (`... | Invoke-Expression`) and cmd.exe (`for /f "delims=" %i in ('setup-go-enforced use --shell
 * cmd') do %i`). Pure: values are quoted for the shell they are printed for.
 */
import type { Shell } from './args.js';

export interface Activation {
  /** folders to put in front of PATH, first one first */
  pathFront: string[];
  /** variables to set */
  set: Record<string, string>;
}

/** POSIX single quotes: 'it'\''s'. */
export function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** PowerShell single quotes: 'it''s'. */
export function psQuote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** cmd.exe: set "NAME=value" (quotes keep spaces and special characters, % doubled not needed in set). */
function cmdSet(name: string, value: string): string {
  return `set "${name}=${value.replace(/"/g, '')}"`;
}

export function activationLines(a: Activation, shell: Shell): string[] {
  const names = Object.keys(a.set).sort();
  switch (shell) {
    case 'posix':
      return [
        ...names.map((n) => `export ${n}=${shQuote(a.set[n])}`),
        ...(a.pathFront.length ? [`export PATH=${shQuote(a.pathFront.join(':'))}":$PATH"`] : [])
      ];
    case 'powershell':
      return [
        ...names.map((n) => `$env:${n} = ${psQuote(a.set[n])}`),
        ...(a.pathFront.length ? [`$env:PATH = ${psQuote(a.pathFront.join(';') + ';')} + $env:PATH`] : [])
      ];
    case 'cmd':
      return [
        ...names.map((n) => cmdSet(n, a.set[n])),
        ...(a.pathFront.length ? [`set "PATH=${a.pathFront.join(';').replace(/"/g, '')};%PATH%"`] : [])
      ];
  }
}
