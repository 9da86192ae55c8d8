import { Unzip, UnzipInflate } from 'fflate';

/** A zip entry whose data inflates to more than its directory declares. */
export interface ZipOverrun {
  name: string;
  declared: number;
  /** Where the entry's local header starts in the zip, when the directory says. */
  byteOffset?: number;
}

/** Compressed bytes handed to the stream at a time. */
const PUSH = 1 << 20;

/**
 * The entries that inflate to more bytes than the archive's directory declares. fflate's
 * unzipSync inflates each entry into a buffer of exactly its declared size and stops
 * there, so such an entry (a damaged or crafted archive) would lose its end without a
 * word. Here every entry is inflated once more as a stream, counting bytes and keeping
 * none, and stopped as soon as it passes its declared size: memory stays at one chunk.
 */
export function zipOverruns(zip: Uint8Array, declared: ReadonlyMap<string, number>): ZipOverrun[] {
  const overruns: ZipOverrun[] = [];
  const unzip = new Unzip((file) => {
    const size = declared.get(file.name);
    if (size === undefined || file.compression !== 8 && file.compression !== 0) return;
    let inflated = 0;
    let over = false;
    file.ondata = (error, chunk) => {
      if (error || over) return;
      inflated += chunk.length;
      if (inflated > size) {
        over = true;
        overruns.push({ name: file.name, declared: size });
        file.terminate();
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  for (let at = 0; at < zip.length; at += PUSH) unzip.push(zip.subarray(at, Math.min(zip.length, at + PUSH)), at + PUSH >= zip.length);
  if (overruns.length === 0) return overruns;
  const offsets = localHeaderOffsets(zip);
  return overruns.map((o) => (offsets.has(o.name) ? { ...o, byteOffset: offsets.get(o.name) } : o));
}

/** Entry name → offset of its local header, from the central directory (not zip64). */
function localHeaderOffsets(zip: Uint8Array): Map<string, number> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const names = new TextDecoder();
  const found = new Map<string, number>();
  let end = -1;
  for (let at = zip.length - 22; at >= 0 && zip.length - at <= 65_557; at--) {
    if (view.getUint32(at, true) === 0x06054b50) (end = at), (at = -1);
  }
  if (end < 0) return found;
  let at = view.getUint32(end + 16, true);
  for (let i = view.getUint16(end + 10, true); i > 0 && at + 46 <= zip.length && view.getUint32(at, true) === 0x02014b50; i--) {
    const n = view.getUint16(at + 28, true);
    found.set(names.decode(zip.subarray(at + 46, at + 46 + n)), view.getUint32(at + 42, true));
    at += 46 + n + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return found;
}
