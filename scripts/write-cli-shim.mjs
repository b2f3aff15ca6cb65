// Writes dist/cli.js, the `bin` of package.json: a shebang line and an import of the CLI bundle
// (dist/cli/index.js, built by ncc with its chunks), so `npx github:<owner>/setup-go-enforced check`
// and `node dist/cli.js` run without a build step.
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
writeFileSync(
  file,
  "#!/usr/bin/env node\n// The setup-go-enforced command line (see the README, 'On your machine').\nimport './cli/index.js';\n"
);
chmodSync(file, 0o755);
