import { decodeConsoleText } from '../../src/install/console-text.js';
import { parseChcp } from '../../src/system/platform.js';

describe('decodeConsoleText: a Windows tool error in the console code page', () => {
  // "Fehler: Datei »Äfoo.go« ..." as 7-Zip or tar.exe write it on a German (850) or US (437) runner
  test.each<[string, number[], number | undefined, string]>([
    ['cp437 umlauts', [0x45, 0x3a, 0x20, 0x8e, 0x84, 0x94, 0x81], 437, 'E: Ääöü'],
    ['cp850 umlauts and guillemets', [0xae, 0x8e, 0xaf, 0x20, 0xe1], 850, '«Ä» ß'],
    ['cp850 differs from 437 above 0x9b', [0x9b, 0x9d], 850, 'øØ'],
    ['cp437 box drawing and symbols', [0xc4, 0xf8, 0xfd], 437, '─°²'],
    ['cp1252 (ANSI)', [0x80, 0xe4], 1252, '€ä'],
    ['cp866 (Cyrillic OEM)', [0x8e, 0xe8, 0xa8, 0xa1, 0xaa, 0xa0], 866, 'Ошибка'],
    ['cp65001 (UTF-8)', [0xc3, 0x84], 65001, 'Ä'],
    ['unknown page: UTF-8', [0xc3, 0x84], 12345, 'Ä'],
    ['no page (not Windows, or chcp said 0): UTF-8', [0x41, 0xc3, 0x84], undefined, 'AÄ'],
    ['ASCII is ASCII everywhere', [0x6f, 0x6b], 437, 'ok']
  ])('%s', (_name, bytes, cp, want) => {
    expect(decodeConsoleText(Uint8Array.from(bytes), cp)).toBe(want);
  });

  test('every byte of the table pages decodes to one character', () => {
    for (const cp of [437, 850, 1252, 28591]) {
      const all = Uint8Array.from({ length: 256 }, (_, i) => i);
      expect([...decodeConsoleText(all, cp)]).toHaveLength(256);
    }
  });
});

describe('parseChcp', () => {
  test.each<[string, number | undefined]>([
    ['Active code page: 437\r\n', 437],
    ['Aktive Codepage: 850.\r\n', 850],
    ['Page de codes active : 1252\r\n', 1252],
    ['Active code page: 65001', 65001],
    ['Active code page: 0\r\n', 0],
    ['', undefined],
    ['no number', undefined]
  ])('%j -> %j', (out, want) => {
    expect(parseChcp(out)).toBe(want);
  });
});
