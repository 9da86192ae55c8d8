/**
 * Windows-1252 to UTF-8, done here because hosts disagree: browsers follow the WHATWG
 * table, but Node 20's `TextDecoder('windows-1252')` decodes as ISO-8859-1, turning
 * “quotes”, € and … (bytes 0x80–0x9F) into invisible C1 control characters.
 */
const HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** The UTF-8 bytes of each of the 256 byte values. */
const UTF8: Uint8Array[] = Array.from({ length: 256 }, (_, b) => new TextEncoder().encode(String.fromCharCode(b >= 0x80 && b < 0xa0 ? HIGH[b - 0x80]! : b)));

export function windows1252ToUtf8(bytes: Uint8Array): Uint8Array {
  let size = 0;
  for (let i = 0; i < bytes.length; i++) size += UTF8[bytes[i]!]!.length;
  if (size === bytes.length) return bytes.slice(); // all ASCII
  const out = new Uint8Array(size);
  let o = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) out[o++] = b;
    else {
      const u = UTF8[b]!;
      for (let k = 0; k < u.length; k++) out[o++] = u[k]!;
    }
  }
  return out;
}
