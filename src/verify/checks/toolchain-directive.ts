/**
 * toolchain-directive: the main module's or workspace's `toolchain` line (if any, and not
 * `default`) names the checked Go. Toolchain lines of other modules are ignored, as Go ignores
 * them. A toolchain older than its own go line is a warning (Go ignores it too).
 */
import type { Facts, Finding } from '../../model.js';
import { compareGo, fromToolchain, lang } from '../../go/gover.js';
import { at, howObtained } from './common.js';

/** True when check-latest moved a toolchain pin to a newer patch of the same minor. */
function movedByCheckLatest(facts: Facts, pinned: string): boolean {
  const r = facts.request;
  return (
    r !== undefined &&
    r.spec.kind === 'minimum' &&
    // raw is the pin as written ("go1.22.3" or "toolchain go1.22.3"); from names the directive.
    (r.raw.trim().startsWith('toolchain') || /(^|\s)toolchain\s/.test(r.from)) &&
    lang(pinned) === lang(facts.version) &&
    compareGo(facts.version, pinned) > 0
  );
}

export function checkToolchainDirective(facts: Facts): Finding[] {
  const root = facts.root;
  const tc = root?.toolchain;
  if (!root || !tc || tc.value === 'default') return [];
  const out: Finding[] = [];
  const where = at(root.path, tc.line);
  const pinned = fromToolchain(tc.value);
  if (pinned === undefined) {
    return [
      {
        check: 'toolchain-directive',
        severity: 'error',
        message: `${where}toolchain ${tc.value} is not a toolchain name (expected go1.X.Y or default)`,
        file: root.path,
        line: tc.line
      }
    ];
  }
  if (root.go && compareGo(pinned, root.go.value) < 0) {
    out.push({
      check: 'toolchain-directive',
      severity: 'warning',
      message: `${where}toolchain ${tc.value} is older than the go line (go ${root.go.value}), so Go ignores it; remove it or raise it`,
      file: root.path,
      line: tc.line
    });
  }
  if (compareGo(pinned, facts.version) !== 0) {
    if (movedByCheckLatest(facts, pinned)) {
      out.push({
        check: 'toolchain-directive',
        severity: 'warning',
        message: `${where}toolchain ${tc.value} pins ${pinned}, but check-latest ${howObtained(facts)} ${facts.version}, the newest patch of ${lang(pinned)}; update the line (go get toolchain@go${facts.version}) so local builds match CI`,
        file: root.path,
        line: tc.line
      });
    } else {
      out.push({
        check: 'toolchain-directive',
        severity: 'error',
        message: `${where}toolchain ${tc.value} names ${pinned}, but ${facts.version} is ${howObtained(facts)}`,
        file: root.path,
        line: tc.line
      });
    }
  }
  return out;
}
