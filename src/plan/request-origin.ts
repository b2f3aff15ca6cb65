/**
 * Where a version request came from: facts (RequestOrigin) -> the display text of the
 * `resolved-from` output and messages, and the error location. Pure.
 */
import type { Where } from '../errors.js';
import type { RequestOrigin, VersionRequest } from './types.js';

/** "input go-version", "go.mod:5 toolchain go1.23.0", "go.mod:3 go 1.22", ".go-version:1". */
export function describeOrigin(request: Pick<VersionRequest, 'origin' | 'raw'>): string {
  const o = request.origin;
  if (o.kind === 'input') return 'input go-version';
  if (o.directive === 'toolchain') return `${o.file}:${o.line} toolchain ${request.raw}`;
  if (o.directive === 'go') {
    return o.line ? `${o.file}:${o.line} go ${request.raw}` : `${o.file} (no go line: Go assumes ${request.raw})`;
  }
  return o.line ? `${o.file}:${o.line}` : o.file;
}

/** Where an error about the request is reported: the input, or the file and line. */
export function originWhere(o: RequestOrigin): Where {
  return o.kind === 'input' ? { input: 'go-version' } : { file: o.file, line: o.line };
}

/** True when the request came from the go-version input (e.g. a matrix entry). */
export function fromVersionInput(request: Pick<VersionRequest, 'origin'> | undefined): boolean {
  return request?.origin.kind === 'input';
}

/** True when the request is a pin of a go.mod/go.work line (toolchain line, or a go line naming a release). */
export function isModFilePin(request: Pick<VersionRequest, 'origin'>): boolean {
  return request.origin.kind === 'file' && request.origin.directive !== undefined;
}
