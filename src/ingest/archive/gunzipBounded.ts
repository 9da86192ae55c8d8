import { Gunzip } from 'fflate';

/** What a gzip file held: all of it, or as much as could be read before it ended or broke. */
export interface Gunzipped {
  bytes: Uint8Array;
  /** Set when the data stops early or is damaged: where, and why. `bytes` holds what came before. */
  damage?: { byteOffset: number; reason: 'cut' | 'damaged'; detail?: string };
  /** Set when the data inflates beyond the budget: inflating stopped at this compressed byte, `bytes` is empty. */
  overBudget?: { byteOffset: number };
}

/** Compressed bytes inflated per step: at most ~1032x this (deflate's best ratio) beyond the budget. */
const STEP = 128 * 1024;

/** 10-byte header, the 2 bytes of an empty final block, 8-byte trailer. */
const MIN_GZIP = 20;

class OverBudget extends Error {}

/**
 * Inflates a gzip file (all its members) in steps, so that:
 * - a gzip bomb stops at the budget instead of filling memory (the size in the trailer is
 *   only a claim, modulo 4 GiB);
 * - a file cut short, or damaged, keeps what inflated before the break, and the break is
 *   found: fflate does not always notice a cut, so each member's length is checked
 *   against the length its trailer records.
 */
export function gunzipBounded(gz: Uint8Array, budget: number): Gunzipped {
  const claimed = gz.length >= 4 ? new DataView(gz.buffer, gz.byteOffset + gz.length - 4).getUint32(0, true) : 0;
  // The trailer's size is right for every whole single-member file: one allocation then.
  const plausible = claimed <= budget && claimed <= gz.length * 1032;
  let out = new Uint8Array(plausible ? claimed : Math.min(budget, gz.length * 4));
  let written = 0;
  let memberStart = 0;
  const inflater = new Gunzip((chunk) => {
    if (written + chunk.length > budget) throw new OverBudget();
    if (written + chunk.length > out.length) {
      const grown = new Uint8Array(Math.min(budget, Math.max(out.length * 2, written + chunk.length)));
      grown.set(out.subarray(0, written));
      out = grown;
    }
    out.set(chunk, written);
    written += chunk.length;
  });
  inflater.onmember = () => (memberStart = written);

  let at = 0;
  let damage: Gunzipped['damage'];
  try {
    for (; at < gz.length; at += STEP) inflater.push(gz.subarray(at, Math.min(gz.length, at + STEP)), false);
    inflater.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof OverBudget) return { bytes: new Uint8Array(0), overBudget: { byteOffset: at } };
    const message = (error as Error).message;
    damage = /unexpected EOF/i.test(message)
      ? { byteOffset: gz.length, reason: 'cut' }
      : { byteOffset: Math.min(at, gz.length), reason: 'damaged', detail: message };
  }
  // A whole member ends with its length modulo 2^32; a cut file ends with whatever bytes
  // were there. Fewer than 20 bytes cannot hold a header, an empty stream and a trailer.
  if (!damage && (gz.length < MIN_GZIP || (written - memberStart) % 2 ** 32 !== claimed)) damage = { byteOffset: gz.length, reason: 'cut' };
  const bytes = written === out.length ? out : out.slice(0, written);
  return damage ? { bytes, damage } : { bytes };
}
