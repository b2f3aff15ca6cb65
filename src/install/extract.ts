/**
 * Archive extraction.
 *
 * tar.gz: ONE pass while downloading: source -> [transforms, e.g. VerifyingStream] -> gunzip ->
 * TarGuard -> stdin of `tar -x -f - -C <dest> --no-same-owner` (GNU tar and bsdtar). A hostile
 * entry is refused by the guard before tar sees its header.
 *
 * zip (Windows): after the download, with the fastest tool found: 7-Zip, then Windows' tar.exe
 * (bsdtar reads zip), then PowerShell's ZipFile.ExtractToDirectory. `unzip` is a last resort so the
 * same code runs on Linux (tests, demo).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Writable, type Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import * as io from '@actions/io';
import type { Platform } from '../model.js';
import { TarGuard } from './tar-guard.js';

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
  sevenZip?: string;
  /** Windows' own tar.exe (bsdtar), which reads zip; not Git's GNU tar */
  tarExe?: string;
  pwsh?: string;
  powershell?: string;
  /** Info-ZIP unzip (Linux/macOS fallback) */
  unzip?: string;
}

export interface ZipCommand {
  tool: string;
  args: string[];
}

/** PowerShell single-quoted string literal. */
function psQuote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/**
 * The command to extract `file` into `dest` with the best available tool (pure). Throws when none
 * is available.
 */
export function chooseZipExtractor(available: ZipTools, file: string, dest: string): ZipCommand {
  if (available.sevenZip) return { tool: available.sevenZip, args: ['x', '-y', '-bd', `-o${dest}`, file] };
  if (available.tarExe) return { tool: available.tarExe, args: ['-xf', file, '-C', dest] };
  const ps = available.pwsh ?? available.powershell;
  if (ps) {
    const script =
      `$ErrorActionPreference = 'Stop'; Add-Type -AssemblyName System.IO.Compression.FileSystem; ` +
      `[System.IO.Compression.ZipFile]::ExtractToDirectory(${psQuote(file)}, ${psQuote(dest)})`;
    return {
      tool: ps,
      args: ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', script]
    };
  }
  if (available.unzip) return { tool: available.unzip, args: ['-q', '-o', file, '-d', dest] };
  throw new Error(`no zip extractor found to unpack ${file} (looked for 7z, tar.exe, pwsh, powershell, unzip)`);
}

/** Looks for zip extractors on PATH (and Windows' own tar.exe in System32). */
export async function findZipTools(platformOs: string, env: NodeJS.ProcessEnv = process.env): Promise<ZipTools> {
  const which = async (name: string) => (await io.which(name, false)) || undefined;
  if (platformOs === 'win32') {
    const systemTar = path.win32.join(env.SystemRoot || env.windir || 'C:\\Windows', 'System32', 'tar.exe');
    return {
      sevenZip: await which('7z'),
      tarExe: existsSync(systemTar) ? systemTar : undefined,
      pwsh: await which('pwsh'),
      powershell: await which('powershell')
    };
  }
  return { sevenZip: (await which('7z')) ?? (await which('7za')), unzip: await which('unzip') };
}

/** Runs a command; rejects with one line (the tool, the exit status, its last stderr line). */
function runTool(cmd: ZipCommand, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd.tool, cmd.args, { stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      if (stderr.length < 64 * 1024) stderr += d;
    });
    child.once('error', (e) => reject(new Error(`could not run ${cmd.tool} to extract ${what}: ${e.message}`)));
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else {
        const why = lastLine(stderr) || (signal ? `killed by ${signal}` : `exit code ${code}`);
        reject(new Error(`${path.basename(cmd.tool)} failed to extract ${what}: ${why}`));
      }
    });
  });
}

/** Extracts a zip archive into `destDir` (which must exist) with the best tool available. */
export async function extractZip(file: string, destDir: string, platform: Platform, tools?: ZipTools): Promise<void> {
  const found = tools ?? (await findZipTools(platform.os));
  await runTool(chooseZipExtractor(found, file, destDir), path.basename(file));
}
