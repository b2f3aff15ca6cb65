/**
 * Text that a Windows console program wrote to a pipe is in the console's code page (437 or 850
 * on most runners, a DBCS page in East Asia), not UTF-8. This decodes it (pure): the pages the
 * WHATWG decoder knows through TextDecoder, and the two OEM pages it lacks (437, 850) by table.
 */

/** 0x80-0x9F of code page 1252 (Windows' Western ANSI page; 0xA0-0xFF equal Latin-1). */
const CP1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Bytes 0x80-0xFF of code page 437 (US OEM), 850 (Western European OEM) and 1252 (Western ANSI,
 * by table because Node's TextDecoder decodes "windows-1252" as Latin-1), 16 per line.
 */
const OEM_HIGH: Record<number, string> = {
  437:
    'ÇüéâäàåçêëèïîìÄÅ' +
    'ÉæÆôöòûùÿÖÜ¢£¥₧ƒ' +
    'áíóúñÑªº¿⌐¬½¼¡«»' +
    '░▒▓│┤╡╢╖╕╣║╗╝╜╛┐' +
    '└┴┬├─┼╞╟╚╔╩╦╠═╬╧' +
    '╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀' +
    'αßΓπΣσµτΦΘΩδ∞φε∩' +
    '≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0',
  850:
    'ÇüéâäàåçêëèïîìÄÅ' +
    'ÉæÆôöòûùÿÖÜø£Ø×ƒ' +
    'áíóúñÑªº¿®¬½¼¡«»' +
    '░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐' +
    '└┴┬├─┼ãÃ╚╔╩╦╠═╬¤' +
    'ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀' +
    'ÓßÔÒõÕµþÞÚÛÙýÝ¯´' +
    '\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0',
  1252: CP1252_C1 + Array.from({ length: 96 }, (_, i) => String.fromCharCode(0xa0 + i)).join(''),
  28591: Array.from({ length: 128 }, (_, i) => String.fromCharCode(0x80 + i)).join('')
};

/** Windows code page -> WHATWG encoding label, for the pages TextDecoder reads. */
function whatwgLabel(codePage: number): string | undefined {
  if (codePage === 65001) return 'utf-8';
  if (codePage >= 1250 && codePage <= 1258) return `windows-${codePage}`;
  if (codePage >= 28592 && codePage <= 28606) return `iso-8859-${codePage - 28590}`;
  const named: Record<number, string> = {
    866: 'ibm866',
    874: 'windows-874',
    932: 'shift_jis',
    936: 'gbk',
    949: 'euc-kr',
    950: 'big5',
    10000: 'macintosh',
    20866: 'koi8-r',
    21866: 'koi8-u',
    54936: 'gb18030'
  };
  return named[codePage];
}

/**
 * `bytes` as text in Windows code page `codePage` (undefined or unknown: UTF-8, where a byte that
 * is not UTF-8 becomes U+FFFD).
 */
export function decodeConsoleText(bytes: Uint8Array, codePage: number | undefined): string {
  const table = codePage === undefined ? undefined : OEM_HIGH[codePage];
  if (table) {
    let out = '';
    for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : table[b - 0x80];
    return out;
  }
  const label = (codePage !== undefined && whatwgLabel(codePage)) || 'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
