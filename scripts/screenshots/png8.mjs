// Rewrites a screenshot as a 256-colour (palette) PNG, which is about 2.5 times smaller for pages
// of text: chromium writes 24-bit PNGs with a couple of thousand colours, nearly all of them the
// anti-aliased edges of glyphs. The palette is the 256 most frequent colours; every other colour
// becomes the nearest of them (a shade of a glyph's edge next to another shade). Lossless when the
// image has 256 colours or fewer. Pure JavaScript (node:zlib): no image tool needs to be installed.
import { readFileSync, writeFileSync } from 'node:fs';
import zlib from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CRC_TABLE = Array.from({ length: 256 }, (_x, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** @param {Buffer} buf */
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** @param {string} type @param {Buffer} data */
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/** @param {number} a @param {number} b @param {number} c */
function paeth(a, b, c) {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * The pixels of an 8-bit RGB or RGBA, non-interlaced PNG (what chromium writes).
 * @param {Buffer} png
 * @returns {{ width: number, height: number, channels: number, pixels: Buffer } | undefined}
 */
export function decodePng(png) {
  if (!png.subarray(0, 8).equals(SIGNATURE)) return undefined;
  /** @type {Buffer[]} */
  const idat = [];
  let ihdr;
  for (let i = 8; i < png.length;) {
    const len = png.readUInt32BE(i);
    const type = png.toString('latin1', i + 4, i + 8);
    const data = png.subarray(i + 8, i + 8 + len);
    if (type === 'IHDR') ihdr = data;
    else if (type === 'IDAT') idat.push(data);
    i += 12 + len;
  }
  if (!ihdr) return undefined;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const [depth, colorType, , , interlace] = [ihdr[8], ihdr[9], ihdr[10], ihdr[11], ihdr[12]];
  if (depth !== 8 || interlace !== 0 || (colorType !== 2 && colorType !== 6)) return undefined;
  const channels = colorType === 2 ? 3 : 4;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = pixels.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? row[x - channels] : 0;
      const b = prev[x];
      const c = x >= channels ? prev[x - channels] : 0;
      const p = filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : 0;
      row[x] = (src[x] + p) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

/**
 * Rewrites `file` as a palette PNG; leaves it alone when it is not an 8-bit RGB(A) PNG, has
 * transparency, or would not get smaller.
 * @param {string} file
 * @returns {{ before: number, after: number, colors: number, lossless: boolean }}
 */
export function toPalettePng(file) {
  const png = readFileSync(file);
  const img = decodePng(png);
  const none = { before: png.length, after: png.length, colors: 0, lossless: true };
  if (!img) return none;
  const { width, height, channels, pixels } = img;
  /** @type {Map<number, number>} */
  const counts = new Map();
  for (let i = 0; i < pixels.length; i += channels) {
    if (channels === 4 && pixels[i + 3] !== 255) return none;
    const key = (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const palette = [...counts.entries()]
    .sort((x, y) => y[1] - x[1] || x[0] - y[0])
    .slice(0, 256)
    .map(([key]) => key);
  /** @type {Map<number, number>} */
  const index = new Map(palette.map((key, k) => [key, k]));
  const rgb = palette.map((key) => [(key >> 16) & 0xff, (key >> 8) & 0xff, key & 0xff]);
  const nearest = (/** @type {number} */ key) => {
    const r = (key >> 16) & 0xff;
    const g = (key >> 8) & 0xff;
    const b = key & 0xff;
    let best = 0;
    let bestD = Infinity;
    for (let k = 0; k < rgb.length; k++) {
      const dr = rgb[k][0] - r;
      const dg = rgb[k][1] - g;
      const db = rgb[k][2] - b;
      // weighted for the eye's sensitivity (green most, blue least)
      const d = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    return best;
  };
  for (const key of counts.keys()) if (!index.has(key)) index.set(key, nearest(key));
  const raw = Buffer.alloc(height * (width + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      raw[y * (width + 1) + 1 + x] = /** @type {number} */ (
        index.get((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2])
      );
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 3; // palette
  const out = Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('PLTE', Buffer.from(rgb.flat())),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9, memLevel: 9 })),
    chunk('IEND', Buffer.alloc(0))
  ]);
  if (out.length >= png.length) return none;
  writeFileSync(file, out);
  return { before: png.length, after: out.length, colors: counts.size, lossless: counts.size <= 256 };
}
