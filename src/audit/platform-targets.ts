/**
 * Where the Go of a bump must run, and whether it can: the runner (RUNNER_OS, RUNNER_ARCH, ImageOS,
 * os.release() on self-hosted runners) and the Dockerfile images that build the module (a Windows
 * container tells its Windows version by its tag; a Linux container runs on its host's kernel,
 * which the image does not tell). Each OS or port requirement that differs between the Go before
 * and after (go/release-changes.ts platformChanges) is checked against every target of its OS with
 * platformVerdict at the requirement's release. Pure.
 */
import type { VersionDeclaration } from '../go/types.js';
import { compareGo, lang } from '../go/gover.js';
import { platformChanges, platformVerdict, type PlatformTarget } from '../go/release-changes.js';
import { clipContent } from '../text.js';
import type { AuditPlatformChange, AuditPlatformTarget, RunnerTarget } from './types.js';

/** A target with its label and, for an image, its Dockerfile line. */
export interface LabelledTarget {
  label: string;
  target: PlatformTarget;
  file?: string;
  line?: number;
}

const RUNNER_OS: Readonly<Record<string, PlatformTarget['os']>> = {
  linux: 'linux',
  windows: 'windows',
  macos: 'darwin'
};

const RUNNER_ARCH: Readonly<Record<string, string>> = { x64: 'amd64', arm64: 'arm64', x86: '386', arm: 'arm' };

/** The runner as a platform target, or undefined when RUNNER_OS names no OS Go's requirements cover. */
export function runnerTarget(r: RunnerTarget): LabelledTarget | undefined {
  const os = RUNNER_OS[r.os.trim().toLowerCase()];
  if (!os) return undefined;
  const arch = r.arch ? (RUNNER_ARCH[r.arch.trim().toLowerCase()] ?? r.arch.trim().toLowerCase()) : undefined;
  const release = r.release?.trim() || undefined;
  const target: PlatformTarget = {
    os,
    ...(arch ? { arch } : {}),
    ...(r.imageOS ? { imageOS: r.imageOS.trim() } : {}),
    ...(release && os === 'windows' ? { windowsVersion: release } : {}),
    ...(release && os === 'darwin' ? { darwinRelease: release } : {}),
    ...(release && os === 'linux' ? { kernel: release } : {})
  };
  const name = clipContent(r.imageOS?.trim() || r.os.trim());
  const detail = release ? ` (${os === 'linux' ? 'kernel ' : ''}${clipContent(release)})` : '';
  return { label: `runner ${name}${detail}`, target };
}

/** A Dockerfile's golang image as a target: a Windows container by its tag, else Linux. */
export function imageTarget(d: VersionDeclaration): LabelledTarget {
  const windows = /windowsservercore|nanoserver/i.test(d.raw);
  return {
    label: `image ${d.raw}`,
    target: { os: windows ? 'windows' : 'linux', image: d.raw },
    file: d.file,
    line: d.line
  };
}

/**
 * The requirements that differ between `fromGo` and `toGo`, each with the verdict for every target
 * of its OS (and architecture, for a port). A requirement no target runs is left out, unless there
 * are no targets at all.
 */
export function platformDelta(fromGo: string, toGo: string, targets: readonly LabelledTarget[]): AuditPlatformChange[] {
  const out: AuditPlatformChange[] = [];
  for (const r of platformChanges(fromGo, toGo)) {
    const relevant = targets.filter((t) => t.target.os === r.os && (r.arch === undefined || t.target.arch === r.arch));
    if (relevant.length === 0 && targets.length > 0) continue;
    const applies = compareGo(lang(toGo), r.release) >= 0;
    const verdicts: AuditPlatformTarget[] = applies
      ? relevant.map((t) => {
          const v = platformVerdict(r.release, t.target);
          const at = t.file !== undefined ? { file: t.file, ...(t.line !== undefined ? { line: t.line } : {}) } : {};
          if (v.kind === 'ok') {
            return {
              target: t.label,
              ...at,
              verdict: 'ok',
              ...(v.notes.length > 0 ? { reason: v.notes.join('; ') } : {})
            };
          }
          return { target: t.label, ...at, verdict: v.kind, reason: v.reason };
        })
      : [];
    out.push({ ...r, applies, targets: verdicts });
  }
  return out;
}
