/**
 * Plan: which Go the run is about. Reads the version source (input or file), lists the tool cache,
 * fetches the manifest at most once (not at all for an exact cached version), and resolves.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError, UserError, type Where } from '../errors.js';
import { type Platform, type Release, type Resolution, type VersionRequest, type VersionSpec } from '../model.js';
import type { Inputs } from '../inputs/inputs.js';
import { chooseRequest, isToolchainPin, versionFileKind, type VersionFileKind } from '../plan/source.js';
import { applyCheckLatest, needsManifest, resolveFromCache, resolveSpec } from '../plan/resolve.js';
import { parseManifest } from '../go/manifest.js';
import { fetchJson, manifestUrl } from '../edge/http.js';
import { timeoutFromSetting } from '../edge/retry.js';
import { listCachedVersions } from '../install/installer.js';

export interface Plan {
  /** absent only in verify mode without any version source */
  request?: VersionRequest;
  /** the spec after check-latest was applied */
  spec?: VersionSpec;
  resolution?: Resolution;
  /** the manifest, when it was read */
  releases?: Release[];
  manifestUrl: string;
  warnings: string[];
}

export interface PlanContext {
  inputs: Inputs;
  platform: Platform;
  /** tool cache arch folder */
  arch: string;
  workspace: string;
  toolCache: string;
  env: NodeJS.ProcessEnv;
}

function toPosixRelative(workspace: string, file: string): string {
  const rel = path.relative(workspace, file);
  return (rel.startsWith('..') || path.isAbsolute(rel) ? file : rel).split(path.sep).join('/');
}

/** The file's text, or undefined when it does not exist. Otherwise an error at `where`, naming `name`. */
async function readIfExists(file: string, where: Where, name = ''): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError(`${name ? `${name} ` : ''}cannot be read: ${(err as Error).message}`, where);
  }
}

/** A resolution failure (no such release) names where the version came from: the input or file:line. */
function withOrigin(err: unknown, request: VersionRequest): unknown {
  if (!(err instanceof UserError) || err.file || err.input) return err;
  return err.at(request.file ? { file: request.file, line: request.line } : { input: 'go-version' });
}

/** The files the request may come from: the go-version-file input, else go.work, else go.mod. */
async function versionSources(ctx: PlanContext): Promise<{ path: string; text: string; kind: VersionFileKind }[]> {
  const { inputs, workspace, env } = ctx;
  if (inputs.goVersion) return [];
  if (inputs.goVersionFile) {
    const abs = path.resolve(workspace, inputs.goVersionFile);
    const text = await readIfExists(abs, { input: 'go-version-file' }, inputs.goVersionFile);
    if (text === undefined) {
      throw new InputError(`${inputs.goVersionFile} does not exist (looked at ${abs})`, { input: 'go-version-file' });
    }
    return [{ path: toPosixRelative(workspace, abs), text, kind: versionFileKind(abs) }];
  }
  const gowork = (env.GOWORK ?? '').trim();
  const candidates: string[] = [];
  if (gowork !== 'off')
    candidates.push(gowork && gowork !== 'auto' ? path.resolve(workspace, gowork) : path.join(workspace, 'go.work'));
  candidates.push(path.join(workspace, 'go.mod'));
  for (const abs of candidates) {
    const text = await readIfExists(abs, { file: toPosixRelative(workspace, abs) });
    if (text !== undefined) return [{ path: toPosixRelative(workspace, abs), text, kind: versionFileKind(abs) }];
  }
  return [];
}

async function readManifest(url: string, env: NodeJS.ProcessEnv): Promise<Release[]> {
  const json = await fetchJson(url, {
    what: 'the Go release manifest',
    retry: { timeoutMs: timeoutFromSetting(env.SETUP_GO_HTTP_TIMEOUT_MS) }
  });
  return parseManifest(json, url);
}

export async function makePlan(ctx: PlanContext): Promise<Plan> {
  const { inputs, platform } = ctx;
  const warnings: string[] = [];
  const url = manifestUrl(inputs.downloadBaseUrl);
  const files = await versionSources(ctx);
  if (!inputs.goVersion && files.length === 0) {
    if (inputs.mode === 'verify') return { manifestUrl: url, warnings };
    throw new InputError(
      `no Go version to install: set input go-version or go-version-file, or add go.mod or go.work to the workspace root (${ctx.workspace})`,
      { input: 'go-version' }
    );
  }
  const request = chooseRequest({ goVersionInput: inputs.goVersion, goVersionFileInput: inputs.goVersionFile, files });
  warnings.push(...request.warnings);
  const spec = applyCheckLatest(request.spec, inputs.checkLatest, isToolchainPin(request));

  if (inputs.mode === 'verify') {
    // verify downloads nothing; the manifest only feeds the support and patch checks.
    const releases = await readManifest(url, ctx.env).catch((err: Error) => {
      warnings.push(
        `the Go release manifest could not be read, so supported-release and latest-patch are skipped: ${err.message}`
      );
      return undefined;
    });
    return { request, spec, releases, manifestUrl: url, warnings };
  }

  const cached = await listCachedVersions(ctx.toolCache, platform, ctx.arch);
  if (inputs.mode === 'install' && !needsManifest(spec, cached, inputs.checkLatest) && spec.kind === 'exact') {
    return {
      request,
      spec,
      resolution: { version: spec.version, fromCacheOnly: true, warnings: [] },
      manifestUrl: url,
      warnings
    };
  }

  let releases: Release[];
  try {
    releases = await readManifest(url, ctx.env);
  } catch (err) {
    const fallback = resolveFromCache(spec, cached);
    if (fallback === undefined) throw err;
    const why = `${(err as Error).message}; using Go ${fallback} from the tool cache instead (newest cached match for ${request.raw})`;
    warnings.push(why);
    return {
      request,
      spec,
      resolution: { version: fallback, fromCacheOnly: true, warnings: [why] },
      manifestUrl: url,
      warnings
    };
  }
  let picked: ReturnType<typeof resolveSpec>;
  try {
    picked = resolveSpec(spec, releases, platform);
  } catch (err) {
    throw withOrigin(err, request);
  }
  const { version, file } = picked;
  return {
    request,
    spec,
    releases,
    resolution: { version, file, fromCacheOnly: false, warnings: [] },
    manifestUrl: url,
    warnings
  };
}
