/**
 * The worked example of docs/audit.md: a service moving from go 1.24.0 to go 1.26.0 in a pull
 * request. docs-example.test.ts renders it and checks that the document shows exactly that.
 * Vulnerability ids are placeholders (GO-0000-...), not entries of the database.
 */
import { auditUpgrade } from '../../src/audit/audit.js';
import type { AuditResult } from '../../src/audit/types.js';
import type { ModFile } from '../../src/go/types.js';
import { decl, input, mod, pkg, side, vuln } from './fixture.js';

function shop(...lines: string[]): ModFile {
  return { ...mod('go.mod', ...lines), module: { value: 'example.com/shop', line: 1 } };
}

export function docExample(): AuditResult {
  const packages = [
    pkg('cmd/shop', { 'main.go': 'package main\n' }),
    pkg('cmd/migrate', { 'main.go': '//go:debug tlssha1=1\n\npackage main\n' })
  ];
  const base = side(
    [shop('go 1.24.0')],
    [
      decl('Dockerfile', 'Dockerfile', '1.24', 'golang:1.24-bookworm', 1),
      decl('Dockerfile', 'deploy/worker.Dockerfile', '1.24', 'golang:1.24-alpine', 3),
      decl('.go-version', '.go-version', '1.24.13'),
      decl('workflow', '.github/workflows/ci.yml', '1.24', '1.24', 21)
    ],
    packages
  );
  const head = side(
    [shop('go 1.26.0', 'godebug updatemaxprocs=0')],
    [
      decl('Dockerfile', 'Dockerfile', '1.26', 'golang:1.26-bookworm', 1),
      decl('Dockerfile', 'deploy/worker.Dockerfile', '1.24', 'golang:1.24-alpine', 3),
      decl('.go-version', '.go-version', '1.24.13'),
      decl('workflow', '.github/workflows/ci.yml', '1.26', '1.26', 21)
    ],
    packages
  );
  return auditUpgrade(
    input(base, head, {
      base: { status: 'read', ref: 'HEAD^1', sha: '9f3c2a41d7e6b5c8a0f1e2d3c4b5a6978877665a', side: base },
      vulnerabilities: [
        {
          version: '1.24.0',
          facts: {
            status: 'checked',
            entriesRead: 2,
            matches: [
              vuln('GO-0000-0001', 'Example entry fixed in a later release', '1.24.2'),
              vuln('GO-0000-0002', 'Example entry of net/http')
            ]
          }
        },
        { version: '1.26.0', facts: { status: 'checked', entriesRead: 2, matches: [] } }
      ]
    })
  );
}
