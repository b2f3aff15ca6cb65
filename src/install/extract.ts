/**
 * Archive extraction.
 *
 * tar.gz: ONE pass while downloading: source -> [transforms, e.g. VerifyingStream] -> gunzip ->
 * TarGuard -> stdin of `tar -x -f - -C <dest> --no-same-owner` (GNU tar and bsdtar). A hostile
 * entry is refused by the guard before tar sees its header.
 *
 * zip (Windows): after the download, with the fastest tool found: 7-Zip, then Windows' tar.exe
 * (bsdtar reads zip), else in process (zip-extract.ts: yauzl, guarded entry by entry), which also
 * serves Linux (tests, demo) when 7-Zip is missing. A tool's failure names the tool; its error
 * text is decoded in the console code page on Windows.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Writable, type Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import * as io from '@actions/io';
import { UserError } from '../errors.js';
import type { Platform } from '../go/types.js';
import { system32 } from '../system/platform.js';
import { TarGuard } from './tar-guard.js';
import { IN_PROCESS, extractZipInProcess } from './zip-extract.js';

export interface TarGzOptions {
  /** transforms over the compressed bytes before gunzip (e.g. a VerifyingStream) */
  transforms?: Transform[];
  /** the guard over the uncompressed tar bytes; default a new TarGuard */
  guard?: Transform;
  /** the tar command; default "tar" */
  tarCommand?: string;
}

/**
 * Feeds a child's stdin with backpressure. When the child stops reading (tar exits after the
 * end-of-archive blocks, or fails), the rest is drained and dropped instead of failing the
 * pipeline, so every byte still passes the checksum and the guard (which refuses anything but zero
 * padding after the end of the archive); tar's exit status decides about tar's own failures.
 */
class ChildStdinSink extends Writable {
  private gone = false;
  private pending: (() => void) | undefined;

  constructor(private readonly stdin: Writable) {
    super();
    stdin.on('error', () => this.release());
    stdin.on('close', () => this.release());
  }

  private release(): void {
    this.gone = true;
    const cb = this.pending;
    this.pending = undefined;
    cb?.();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (error?: Error | null) => void): void {
    if (this.gone || this.stdin.write(chunk)) {
      cb();
      return;
    }
    this.pending = cb;
    this.stdin.once('drain', () => {
      if (this.pending === cb) {
        this.pending = undefined;
        cb();
      }
    });
  }

  override _final(cb: (error?: Error | null) => void): void {
    if (!this.gone) this.stdin.end();
    cb();
  }
}

/** Errors that only say that a later stage went away; never the real cause. */
function isSecondary(e: Error): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return (
    code === 'EPIPE' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    code === 'ERR_STREAM_DESTROYED' ||
    e.name === 'AbortError'
  );
}

function lastLine(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.length ? lines[lines.length - 1] : '';
}

/**
 * The first real error among the stages: stream errors (guard, checksum, network, gunzip) beat
 * tar's exit status, which beats EPIPE / premature-close noise.
 */
export function firstRealError(streamErrors: Error[], tarError: Error | undefined): Error | undefined {
  return streamErrors.find((e) => !isSecondary(e)) ?? tarError ?? streamErrors[0];
}

/**
 * Streams a .tar.gz from `source` into `destDir` (which must exist) in one pass. Resolves when the
 * pipeline finished and tar exited 0; otherwise kills tar, waits for it, and rejects with the first
 * real error.
 */
export async function extractTarGzStream(source: Readable, destDir: string, opts: TarGzOptions = {}): Promise<void> {
  const tarCommand = opts.tarCommand ?? 'tar';
  const tar = spawn(tarCommand, ['-x', '-f', '-', '-C', destDir, '--no-same-owner'], {
    stdio: ['pipe', 'ignore', 'pipe'],
    windowsHide: true
  });
  let stderr = '';
  tar.stderr.setEncoding('utf8');
  tar.stderr.on('data', (d: string) => {
    if (stderr.length < 64 * 1024) stderr += d;
  });
  const exited = new Promise<Error | undefined>((resolve) => {
    tar.once('error', (e) => resolve(new Error(`could not run ${tarCommand}: ${e.message}`)));
    tar.once('close', (code, signal) => {
      if (code === 0) resolve(undefined);
      else {
        const why = lastLine(stderr) || (signal ? `killed by ${signal}` : `exit code ${code}`);
        resolve(new Error(`${tarCommand} failed to extract into ${destDir}: ${why}`));
      }
    });
  });

  const stages: (Readable | Transform | NodeJS.WritableStream)[] = [
    source,
    ...(opts.transforms ?? []),
    createGunzip(),
    opts.guard ?? new TarGuard()
  ];
  const streamErrors: Error[] = [];
  for (const s of stages) (s as Readable).on('error', (e: Error) => streamErrors.push(e));
  const sink = new ChildStdinSink(tar.stdin);
  // tar failed (bad data, disk full): stop the download at once instead of draining it
  void exited.then((e) => {
    if (e) sink.destroy(e);
  });

  let pipelineError: Error | undefined;
  try {
    await pipeline([...stages, sink] as unknown as Parameters<typeof pipeline>[0][]);
  } catch (e) {
    pipelineError = e as Error;
    if (!streamErrors.includes(pipelineError)) streamErrors.unshift(pipelineError);
    if (tar.exitCode === null && tar.signalCode === null) tar.kill('SIGKILL');
  }
  const tarError = await exited;
  if (!pipelineError && !tarError) return;
  throw firstRealError(streamErrors, tarError) ?? new Error(`extraction into ${destDir} failed`);
}

/** Zip extractors found on the machine (absolute paths). */
export interface ZipTools {
  /** 7-Zip (7z or 7za) */
  sevenZip?: string;
  /** Windows' own tar.exe (bsdtar), which reads zip; not Git's GNU tar */
  tarExe?: string;
}

export interface ZipCommand {
  tool: string;
  args: string[];
}

/**
 * The command that extracts `file` into `dest` with the best tool available (pure): 7-Zip, then
 * Windows' tar.exe; undefined means neither is there, and the in-process extractor
 * (zip-extract.ts) does it.
 */
export function chooseZipExtractor(available: ZipTools, file: string, dest: string): ZipCommand | undefined {
  if (available.sevenZip) return { tool: available.sevenZip, args: ['x', '-y', '-bd', `-o${dest}`, file] };
  if (available.tarExe) return { tool: available.tarExe, args: ['-xf', file, '-C', dest] };
  return undefined;
}

/** Looks for 7-Zip on PATH, and on Windows for Windows' own tar.exe in System32. */
export async function findZipTools(platformOs: string, env: NodeJS.ProcessEnv): Promise<ZipTools> {
  const which = async (name: string) => (await io.which(name, false)) || undefined;
  const sevenZip = (await which('7z')) ?? (await which('7za'));
  if (platformOs !== 'win32') return { sevenZip };
  const systemTar = system32(env, 'tar.exe');
  return { sevenZip, tarExe: existsSync(systemTar) ? systemTar : undefined };
}

/** A zip extractor failed or extracted nothing: one line naming the tool and the archive. */
export class ExtractError extends UserError {}

export interface ToolRun {
  /** the step's environment */
  env: NodeJS.ProcessEnv;
  /** decodes what the tool wrote to stderr (Windows: in the console code page) */
  decode: (bytes: Buffer) => Promise<string>;
}

/**
 * The environment of an extractor: on Linux and macOS with a UTF-8 character type, so tools that
 * convert names through the locale (p7zip) keep non-ASCII entry names (`Äfoo.go` is in Go's own
 * tree) on a runner whose locale is C or POSIX. Windows tools use the wide-character API.
 */
export function toolEnv(platformOs: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (platformOs === 'win32') return env;
  return { ...env, LC_ALL: 'C.UTF-8' };
}

/** Runs a command; rejects with one ExtractError (the tool, the archive, its last stderr line). */
function runTool(cmd: ZipCommand, archive: string, platformOs: string, run: ToolRun): Promise<void> {
  const name = toolName(cmd.tool);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd.tool, cmd.args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      windowsHide: true,
      env: toolEnv(platformOs, run.env)
    });
    const chunks: Buffer[] = [];
    let size = 0;
    child.stderr.on('data', (d: Buffer) => {
      if (size < 64 * 1024) chunks.push(d);
      size += d.length;
    });
    child.once('error', (e) =>
      reject(new ExtractError(`could not run ${name} (${cmd.tool}): ${e.message}`, { archive }))
    );
    child.once('close', (code, signal) => {
      if (code === 0) {
        resolve();
        return;
      }
      const status = signal ? `killed by ${signal}` : `exit code ${code}`;
      void run.decode(Buffer.concat(chunks)).then(
        (text) => reject(new ExtractError(`${name} failed to extract it: ${lastLine(text) || status}`, { archive })),
        () => reject(new ExtractError(`${name} failed to extract it: ${status}`, { archive }))
      );
    });
  });
}

/** "7z", "tar.exe": the tool as messages name it. */
export function toolName(tool: string): string {
  return path.win32.basename(tool);
}

/**
 * Extracts a zip archive into `destDir` (which must exist) with the best tool available, or in
 * process when there is none (zip-extract.ts). Returns the name of what extracted it.
 */
export async function extractZip(
  file: string,
  destDir: string,
  platform: Platform,
  opts: ToolRun & { tools?: ZipTools; archive?: string }
): Promise<string> {
  const archive = opts.archive ?? path.basename(file);
  const found = opts.tools ?? (await findZipTools(platform.os, opts.env));
  const cmd = chooseZipExtractor(found, file, destDir);
  if (!cmd) {
    await extractZipInProcess(file, destDir, { archive });
    return IN_PROCESS;
  }
  await runTool(cmd, archive, platform.os, opts);
  return toolName(cmd.tool);
}
