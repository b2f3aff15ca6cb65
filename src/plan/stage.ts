/**
 * Plan: which Go the run is about. Reads the version source (input or file), lists the tool cache,
 * fetches the manifest at most once (not at all for an exact cached version), and resolves.
 */
import path from 'node:path';
import { InputError, UserError, type Where } from '../errors.js';
import { type Release } from '../go/types.js';
import { type Resolution, type VersionRequest, type VersionSpec } from './types.js';
import type { Inputs } from '../inputs/inputs.js';
import type { RunContext } from '../run-context.js';
import { chooseRequest, type VersionSourceFile } from './source.js';
import { versionSourceKind } from '../go/readers/registry.js';
import { isModFilePin, originWhere } from './request-origin.js';
import { goWorkOf } from './gowork.js';
import { isInside, readWorkspaceFile, workspaceRoot, type WorkspaceRoot } from '../system/workspace-files.js';
import { applyCheckLatest, needsManifest, resolveFromCache, resolveSpec } from './resolve.js';
import { parseManifest } from '../go/manifest.js';
import { authHeaders, fetchJson, manifestUrl, staticListingUrl } from '../system/http.js';
import { retryFromEnv } from '../system/retry.js';
import { listCachedVersions } from '../install/tool-cache.js';
import { archiveWithoutListing, knownWithoutListing, resolutionWithoutListing } from './no-listing.js';
import { listingAbsent, readSha256File, sha256FileUrl } from './mirror-files.js';
import { decideSwitching, type ToolchainSwitching } from './toolchain-switching.js';

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
  /** the GOTOOLCHAIN later steps run with (toolchain-switching, the job's GOTOOLCHAIN, local) */
  switching: ToolchainSwitching;
}

/** The repository-relative posix path of `file`, or undefined when it is outside the workspace. */
function toPosixRelative(workspace: string, file: string): string | undefined {
  const root = path.resolve(workspace);
  return isInside(root, file) ? path.relative(root, file).split(path.sep).join('/') : undefined;
}

/** A resolution failure (no such release) names where the version came from: the input or file:line. */
function withOrigin(err: unknown, request: VersionRequest): unknown {
  if (!(err instanceof UserError) || err.file || err.input) return err;
  return err.at(originWhere(request.origin));
}

/**
 * The text of a version source file under the workspace rules (system/workspace-files.ts), or
 * undefined when there is none. A file that is refused or unreadable is an error at `where`: the
 * version cannot come from it, and nothing of its content is shown.
 */
function readSource(root: WorkspaceRoot, abs: string, where: Where, name: string): string | undefined {
  const got = readWorkspaceFile(root, abs);
  if (got.status === 'read') return got.text;
  if (got.status === 'missing') return undefined;
  throw new InputError(where.file ? got.reason : `${name} ${got.reason}`, where);
}

/** The files the request may come from: the go-version-file input, else the GOWORK file or go.work, else go.mod. */
function versionSources(ctx: RunContext): VersionSourceFile[] {
  const { inputs } = ctx;
  const { workspace } = ctx.dirs;
  const env = ctx.host.env;
  if (inputs.goVersion) return [];
  const root = workspaceRoot(workspace);
  if (inputs.goVersionFile) {
    const abs = path.resolve(workspace, inputs.goVersionFile);
    const rel = toPosixRelative(workspace, abs);
    if (rel === undefined) {
      throw new InputError(`${inputs.goVersionFile} is outside the workspace (${workspace}): not read`, {
        input: 'go-version-file'
      });
    }
    const text = readSource(root, abs, { input: 'go-version-file' }, inputs.goVersionFile);
    if (text === undefined) {
      throw new InputError(`${inputs.goVersionFile} does not exist (looked at ${abs})`, { input: 'go-version-file' });
    }
    return [{ path: rel, text, kind: versionSourceKind(abs) }];
  }
  const gowork = goWorkOf(env.GOWORK, workspace);
  if (gowork.mode === 'outside') {
    throw new InputError(`${gowork.path} is outside the workspace (${workspace}): not read`, { env: 'GOWORK' });
  }
  const candidates: { rel: string; kind: 'go.work' | 'go.mod' }[] = [];
  if (gowork.mode === 'file') candidates.push({ rel: gowork.file, kind: 'go.work' });
  candidates.push({ rel: 'go.mod', kind: 'go.mod' });
  for (const c of candidates) {
    const text = readSource(root, path.join(workspace, ...c.rel.split('/')), { file: c.rel }, c.rel);
    if (text !== undefined) return [{ path: c.rel, text, kind: c.kind }];
  }
  return [];
}

type MirrorInputs = Pick<Inputs, 'downloadBaseUrl' | 'token' | 'goDownloadToken'>;

/** Headers for the download mirror: go-download-token to its host only, the token to GitHub hosts only. */
function mirrorHeaders(inputs: MirrorInputs, env: NodeJS.ProcessEnv): Record<string, string> {
  return authHeaders(manifestUrl(inputs.downloadBaseUrl), inputs.token, env.GITHUB_SERVER_URL, {
    baseUrl: inputs.downloadBaseUrl,
    token: inputs.goDownloadToken
  });
}

/**
 * The release manifest of the mirror the inputs name (the plan's, and the CLI's doctor): go.dev's
 * `?mode=json&include=all` listing, else a static mirror's `<base>/index.json`. When neither is
 * there, the error of the first request (the no-listing path reads it).
 */
export async function readManifest(inputs: MirrorInputs, env: NodeJS.ProcessEnv): Promise<Release[]> {
  const read = async (url: string): Promise<Release[]> => {
    const json = await fetchJson(url, {
      what: 'the Go release manifest',
      headers: mirrorHeaders(inputs, env),
      retry: retryFromEnv(env)
    });
    return parseManifest(json, url);
  };
  const url = manifestUrl(inputs.downloadBaseUrl);
  const fallback = staticListingUrl(inputs.downloadBaseUrl);
  try {
    return await read(url);
  } catch (err) {
    if (!fallback || !listingAbsent(err)) throw err;
    try {
      return await read(fallback);
    } catch (second) {
      if (listingAbsent(second)) throw err;
      throw second;
    }
  }
}

export async function makePlan(ctx: RunContext): Promise<Plan> {
  const plan = await planVersion(ctx);
  return {
    ...plan,
    switching: decideSwitching(ctx.inputs.toolchainSwitching, ctx.host.env.GOTOOLCHAIN, ctx.inputs.mode)
  };
}

async function planVersion(ctx: RunContext): Promise<Omit<Plan, 'switching'>> {
  const { inputs, platform } = ctx;
  const warnings: string[] = [];
  const url = manifestUrl(inputs.downloadBaseUrl);
  const files = versionSources(ctx);
  if (!inputs.goVersion && files.length === 0) {
    if (inputs.mode === 'verify') return { manifestUrl: url, warnings };
    throw new InputError(
      `no Go version to install: set input go-version or go-version-file, or add go.mod or go.work to the workspace root (${ctx.dirs.workspace})`,
      { input: 'go-version' }
    );
  }
  const request = await chooseRequest({
    goVersionInput: inputs.goVersion,
    goVersionFileInput: inputs.goVersionFile,
    files
  });
  warnings.push(...request.warnings);
  const spec = applyCheckLatest(request.spec, inputs.checkLatest, isModFilePin(request));

  if (inputs.mode === 'verify') {
    // verify downloads nothing; the manifest only feeds the support and patch checks.
    const releases = await readManifest(inputs, ctx.host.env).catch((err: Error) => {
      warnings.push(
        `the Go release manifest could not be read, so supported-release and latest-patch are skipped: ${err.message}`
      );
      return undefined;
    });
    return { request, spec, releases, manifestUrl: url, warnings };
  }

  const cached = await listCachedVersions(ctx.dirs.toolCache, platform, ctx.arch);
  if (inputs.mode === 'install' && !needsManifest(spec, cached, inputs.checkLatest) && spec.kind === 'exact') {
    return {
      request,
      spec,
      resolution: { version: spec.version, fromCacheOnly: true, warnings: [] },
      manifestUrl: url,
      warnings
    };
  }

  // A mirror without a listing: an exact version is downloaded by its file name (no-listing.ts).
  const headers = mirrorHeaders(inputs, ctx.host.env);
  const withoutListing = async (why: string): Promise<Omit<Plan, 'switching'>> => {
    const from = inputs.downloadBaseFrom;
    const archive = archiveWithoutListing(spec, request, platform, inputs.downloadBaseUrl, why, from);
    const shaUrl = sha256FileUrl(inputs.downloadBaseUrl, archive.filename);
    const sha256 = await readSha256File(shaUrl, headers, retryFromEnv(ctx.host.env), from);
    const r = resolutionWithoutListing(
      { ...archive, shaUrl },
      sha256,
      platform,
      inputs.allowMissingChecksum,
      why,
      from
    );
    const resolution = { version: r.version, file: r.file, fromCacheOnly: false, warnings: r.warnings };
    return { request, spec, resolution, manifestUrl: url, warnings: [...warnings, ...r.warnings] };
  };
  if (knownWithoutListing(inputs.downloadBaseUrl)) return withoutListing('it serves files only');

  let releases: Release[];
  try {
    releases = await readManifest(inputs, ctx.host.env);
  } catch (err) {
    if (listingAbsent(err)) return withoutListing((err as Error).message);
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
