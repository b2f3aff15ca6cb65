import { execFileSync } from 'node:child_process';
import { activationLines, type Activation } from '../../src/cli/activate.js';

const A: Activation = {
  pathFront: ['/home/u/.cache/setup-go-enforced/tool-cache/go/1.22.3/x64/bin', '/home/u/go/bin'],
  set: { GOROOT: '/home/u/.cache/setup-go-enforced/tool-cache/go/1.22.3/x64', GOTOOLCHAIN: 'local' }
};

describe('activationLines', () => {
  test('posix: export lines that bash evaluates to the right PATH and GOROOT', () => {
    const lines = activationLines(A, 'posix');
    expect(lines).toEqual([
      "export GOROOT='/home/u/.cache/setup-go-enforced/tool-cache/go/1.22.3/x64'",
      "export GOTOOLCHAIN='local'",
      `export PATH='/home/u/.cache/setup-go-enforced/tool-cache/go/1.22.3/x64/bin:/home/u/go/bin'":$PATH"`
    ]);
    const out = execFileSync('bash', ['-c', `${lines.join('\n')}\nprintf '%s\\n' "$GOROOT" "\${PATH%%:*}"`], {
      env: { PATH: '/usr/bin:/bin' },
      encoding: 'utf8'
    });
    expect(out).toBe(`${A.set.GOROOT}\n${A.pathFront[0]}\n`);
  });

  test('posix quoting survives quotes and spaces', () => {
    const odd: Activation = { pathFront: ["/opt/it's here/bin"], set: { GOROOT: "/opt/it's here" } };
    const out = execFileSync(
      'bash',
      ['-c', `${activationLines(odd, 'posix').join('\n')}\nprintf '%s|%s' "$GOROOT" "\${PATH%%:*}"`],
      {
        env: { PATH: '/usr/bin' },
        encoding: 'utf8'
      }
    );
    expect(out).toBe("/opt/it's here|/opt/it's here/bin");
  });

  test('PowerShell: $env: assignments, PATH prepended with ;', () => {
    const win: Activation = {
      pathFront: [
        'C:\\Users\\u\\AppData\\Local\\setup-go-enforced\\tool-cache\\go\\1.22.3\\x64\\bin',
        "C:\\Users\\o'neil\\go\\bin"
      ],
      set: {
        GOROOT: 'C:\\Users\\u\\AppData\\Local\\setup-go-enforced\\tool-cache\\go\\1.22.3\\x64',
        GOTOOLCHAIN: 'local'
      }
    };
    expect(activationLines(win, 'powershell')).toEqual([
      "$env:GOROOT = 'C:\\Users\\u\\AppData\\Local\\setup-go-enforced\\tool-cache\\go\\1.22.3\\x64'",
      "$env:GOTOOLCHAIN = 'local'",
      "$env:PATH = 'C:\\Users\\u\\AppData\\Local\\setup-go-enforced\\tool-cache\\go\\1.22.3\\x64\\bin;C:\\Users\\o''neil\\go\\bin;' + $env:PATH"
    ]);
  });

  test('cmd.exe: set "NAME=value"', () => {
    const win: Activation = { pathFront: ['C:\\go\\bin'], set: { GOROOT: 'C:\\go' } };
    expect(activationLines(win, 'cmd')).toEqual(['set "GOROOT=C:\\go"', 'set "PATH=C:\\go\\bin;%PATH%"']);
  });
});
