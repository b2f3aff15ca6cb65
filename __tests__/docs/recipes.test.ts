// The workflow recipes (examples/workflows/*.yml) and the documentation agree: every recipe block
// of README.md and docs/**/*.md (`<!-- recipe: examples/workflows/NAME.yml -->` and a ```yaml
// fence) shows its file exactly, every marker names a file that exists, and every recipe is shown
// or linked somewhere. And the recipes use only what exists: the action's inputs and outputs
// (action.yml) and the CLI's commands and flags.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { markdownFiles, syncRecipes } from '../../scripts/sync-recipes.mjs';
import { USAGE } from '../../src/cli/args.js';
import { OWN_COMMANDS } from '../../src/cli/commands.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const RECIPES_DIR = 'examples/workflows';
const recipes = readdirSync(path.join(root, RECIPES_DIR))
  .filter((n) => n.endsWith('.yml'))
  .sort()
  .map((n) => `${RECIPES_DIR}/${n}`);
const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
};

describe('recipe blocks in the documentation', () => {
  const result = syncRecipes({ root, check: true });

  test('every recipe block shows its file exactly', () => {
    const problems = [
      ...result.errors,
      ...result.stale.map((b) => `${b.doc}:${b.line}: the fence differs from ${b.recipe}`)
    ];
    if (problems.length > 0) {
      throw new Error(`${problems.join('\n')}\n\nRun npm run docs:sync to copy the recipes into the documentation.`);
    }
  });

  test('every recipe marker names an existing file under examples/workflows/', () => {
    const missing = result.markers
      .filter((m) => !recipes.includes(path.posix.normalize(m.recipe)))
      .map((m) => `${m.doc}:${m.line}: ${m.recipe} is not a file of ${RECIPES_DIR}/*.yml`);
    expect(missing).toEqual([]);
  });

  test('every recipe is shown (a recipe block) or linked from README.md or a docs page', () => {
    const reached = new Set(result.markers.map((m) => path.posix.normalize(m.recipe)));
    for (const doc of markdownFiles(root)) {
      const text = readFileSync(path.join(root, doc), 'utf8');
      const targets = [
        ...[...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+["'][^)]*["'])?\s*\)/g)].map((m) => m[1]),
        ...[...text.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1])
      ];
      for (const target of targets) {
        const bare = decodeURI(target.replace(/[#?].*$/, ''));
        const abs = /^[a-z][a-z0-9+.-]*:/i.test(bare)
          ? /\/(examples\/workflows\/[^/]+\.yml)$/.exec(bare)?.[1]
          : path.posix.normalize(path.posix.join(path.posix.dirname(doc), bare));
        if (abs) reached.add(abs);
      }
    }
    const orphans = recipes.filter((r) => !reached.has(r));
    expect(orphans).toEqual([]);
  });
});

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  jobs: Record<string, { steps?: Step[] }>;
}

const ACTION = /(^|\/)setup-go-enforced@/;
const CLI_COMMANDS = ['check', 'doctor', 'use', 'plan', 'audit', ...Object.keys(OWN_COMMANDS)];

describe.each(recipes)('%s', (recipe) => {
  const text = readFileSync(path.join(root, recipe), 'utf8');
  const workflow = parse(text) as Workflow;
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps ?? []);

  test('starts with a comment that says what it is for', () => {
    expect(text).toMatch(/^# \S/);
  });

  test('passes only inputs that action.yml declares, reads only outputs it declares', () => {
    const actionSteps = steps.filter((s) => s.uses && ACTION.test(s.uses));
    const problems: string[] = [];
    for (const s of actionSteps) {
      for (const input of Object.keys(s.with ?? {})) {
        if (!(input in action.inputs)) problems.push(`input ${input} (step ${s.id ?? s.uses})`);
      }
    }
    const ids = new Set(actionSteps.map((s) => s.id).filter(Boolean));
    for (const m of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      if (ids.has(m[1]) && !(m[2] in action.outputs)) problems.push(`output ${m[2]} of step ${m[1]}`);
    }
    expect(problems).toEqual([]);
  });

  test('runs only CLI commands and flags that exist', () => {
    const problems: string[] = [];
    for (const s of steps) {
      if (!s.run) continue;
      const script = s.run.replace(/\\\n/g, ' ');
      for (const m of script.matchAll(/setup-go-enforced\s+([a-z][\w-]*)([^\n|;&]*)/g)) {
        const [, command, rest] = m;
        if (!CLI_COMMANDS.includes(command)) {
          problems.push(`unknown command ${command}`);
          continue;
        }
        const usage = OWN_COMMANDS[command]?.usage ?? USAGE;
        for (const f of rest.matchAll(/(?:^|\s)(--[a-z][a-z0-9-]*)/g)) {
          if (!new RegExp(`${f[1]}(?![a-z0-9-])`).test(usage)) problems.push(`${command} ${f[1]}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

test('the recipes folder holds the documented recipes', () => {
  for (const name of [
    'basic',
    'version-file',
    'required-check',
    'matrix',
    'private-mirror',
    'pr-audit',
    'bump',
    'fleet-report',
    'fleet-dashboard',
    'telemetry',
    'mirror'
  ]) {
    expect(existsSync(path.join(root, RECIPES_DIR, `${name}.yml`))).toBe(true);
  }
});
