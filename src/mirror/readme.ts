/**
 * The README.md a mirror's folder holds: what is there and how to point the action and the CLI at
 * it. Written after the listing; the same text for the same mirror (no clock in it), so a refresh
 * that changes nothing rewrites nothing. Pure.
 */
import type { ListingRelease } from './listing.js';
import { formatBytes } from './summary.js';

export const README_FILE = 'README.md';

export interface ReadmeFacts {
  listing: readonly ListingRelease[];
  /** the upstream, without credentials */
  upstream: string;
  /** the vulnerability database copy, when there is one */
  vulndb?: { entries: number; upstream: string };
  /** the command line that refreshes it (flags as given, never a token) */
  refresh: string;
  toolVersion: string;
}

export function mirrorReadme(f: ReadmeFacts): string {
  const files = f.listing.flatMap((r) => r.files);
  const bytes = files.reduce((n, x) => n + x.size, 0);
  const rows = f.listing.map((r) => {
    const list = r.files.map(
      (x) => `${x.os}/${x.arch} (${x.filename.slice(`${r.version}.${x.os}-${x.arch}.`.length)})`
    );
    return `| ${r.version}${r.stable ? '' : ' (prerelease)'} | ${list.join(', ')} |`;
  });
  const example =
    f.listing
      .find((r) => r.stable)
      ?.version.replace(/^go/, '')
      .replace(/^(\d+\.\d+).*$/, '$1') ?? '1.26';
  const vulndbLine = f.vulndb
    ? `- \`vulndb/\`: a copy of the Go vulnerability database (\`index/modules.json\` and the ${f.vulndb.entries} \`ID/<id>.json\` entries of the standard library and the go command) from ${f.vulndb.upstream}\n`
    : '';
  const vulndbInput = f.vulndb
    ? `      vulndb-url: https://go-mirror.example.com/vulndb   # or file:///srv/go-mirror/vulndb\n`
    : '';
  return `# Go release mirror

Built by \`setup-go-enforced mirror\` ${f.toolVersion} from ${f.upstream}. Serve this folder as it is
with any static file server, object store or file share.

## What is here

${files.length} files of ${f.listing.length} releases, ${formatBytes(bytes)}:

| release | files |
| --- | --- |
${rows.join('\n')}

- each release file, verified against the upstream's sha256 and size as it was downloaded, and
  \`<file>.sha256\` beside it (\`sha256sum -c\` reads them)
- \`index.json\` and \`manifest.json\`: the same listing, in the shape of
  https://go.dev/dl/?mode=json&include=all, of exactly these files (\`index.json\` for HTTP,
  \`manifest.json\` for file://); it is replaced last, so readers never see a half-updated mirror
${vulndbLine}
## Use it

In a workflow (the URL where this folder is served, or file:// on a runner that has it):

\`\`\`yaml
  - uses: org/setup-go-enforced@v1
    with:
      go-download-base-url: https://go-mirror.example.com   # or file:///srv/go-mirror
${vulndbInput}\`\`\`

On a machine (\`GO_DOWNLOAD_BASE_URL\` does the same as the flag):

\`\`\`sh
eval "$(setup-go-enforced use ${example} --go-download-base-url https://go-mirror.example.com)"
\`\`\`

\`\`\`powershell
setup-go-enforced use ${example} --go-download-base-url https://go-mirror.example.com --shell powershell | Invoke-Expression
\`\`\`

## Refresh it

\`\`\`sh
${f.refresh}
\`\`\`

A refresh downloads only what is missing or changed; \`--prune\` removes what the selection no
longer holds (after the new listing is in place).
`;
}
