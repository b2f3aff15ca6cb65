/**
 * Text that a Windows console program wrote to a pipe is in the console's code page (437 or 850 on
 * most runners, a DBCS page in East Asia), not UTF-8. Decoded with iconv-lite, which knows the OEM,
 * ANSI and DBCS pages; an unknown page (or none) is read as UTF-8. Pure. Loaded only when a Windows
 * tool failed (installer.ts imports it on that path), so its tables cost nothing otherwise.
 */
import iconv from 'iconv-lite';

/** iconv-lite's name of a Windows code page ("cp437", "windows1252", "utf8"). */
function encodingOf(codePage: number): string | undefined {
  if (codePage === 65001) return 'utf8';
  for (const name of [`cp${codePage}`, `windows${codePage}`]) if (iconv.encodingExists(name)) return name;
  return undefined;
}

/**
 * `bytes` as text in Windows code page `codePage` (undefined or unknown: UTF-8, where a byte that
 * is not UTF-8 becomes U+FFFD).
 */
export function decodeConsoleText(bytes: Uint8Array, codePage: number | undefined): string {
  const encoding = (codePage !== undefined && encodingOf(codePage)) || 'utf8';
  return iconv.decode(Buffer.from(bytes), encoding);
}
