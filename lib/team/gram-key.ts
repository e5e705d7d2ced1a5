/**
 * Keyed gram hashes: what the team server stores and what a browser sends instead of the article.
 *
 * The engine's 4-gram hashes (fingerprint.ts) are a fast public mix of public word hashes, so anyone
 * holding them could hash a list of common phrases and read an article's phrases back in seconds.
 * Before a gram leaves the browser (or is stored on the server) it goes through AES-128 under the
 * team's secret gram key: a pseudorandom permutation, so without the key a hash says nothing about
 * its gram, and a list of guessed phrases cannot be hashed. The server keeps 32 bits of each output
 * (as the engine does, the browser checks every candidate by aligning its text, so a rare collision
 * costs one extra candidate, never a wrong passage). docs/PRIVACY.md says what this does and does not
 * hide, and from whom.
 *
 * AES rather than HMAC-SHA-256: the same pseudorandom function, but Node encrypts a whole batch of
 * blocks in one call (ECB, server/keyed-grams.ts) at ~1 GB/s, where one HMAC object per gram cost
 * ~2 µs (80 M grams at a million statements). WebCrypto has no ECB, so the browser encrypts one block
 * per call with AES-CBC and a zero IV, whose first output block is exactly the ECB block; a test pins
 * both paths to the same values.
 */

/** Bytes of the team's gram key (AES-128). */
export const GRAM_KEY_BYTES = 16;

/**
 * The block encrypted for a gram: the gram hash (big-endian) after a fixed domain tag, so the key
 * could later key other block kinds without their outputs colliding with grams'.
 */
export function gramBlock(gram: number, out: Uint8Array = new Uint8Array(16), offset = 0): Uint8Array {
  out.set(GRAM_TAG, offset);
  out[offset + 12] = (gram >>> 24) & 0xff;
  out[offset + 13] = (gram >>> 16) & 0xff;
  out[offset + 14] = (gram >>> 8) & 0xff;
  out[offset + 15] = gram & 0xff;
  return out;
}

/** "SLgram-v1" padded to 12 bytes. */
const GRAM_TAG = new Uint8Array([0x53, 0x4c, 0x67, 0x72, 0x61, 0x6d, 0x2d, 0x76, 0x31, 0, 0, 0]);

/** The keyed value of one encrypted block: its first 4 bytes as a signed 32-bit integer (PostgreSQL int4). */
export function keyedValue(cipher: Uint8Array, offset = 0): number {
  return (cipher[offset]! << 24) | (cipher[offset + 1]! << 16) | (cipher[offset + 2]! << 8) | cipher[offset + 3]! | 0;
}

/** Imports a raw gram key for WebCrypto. */
export async function importGramKey(raw: Uint8Array, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<CryptoKey> {
  if (raw.length !== GRAM_KEY_BYTES) throw new Error(`a gram key has ${GRAM_KEY_BYTES} bytes, not ${raw.length}`);
  return subtle.importKey('raw', raw as BufferSource, { name: 'AES-CBC' }, false, ['encrypt']);
}

const ZERO_IV = new Uint8Array(16);

/** Keyed values of `grams` with WebCrypto (the browser's path). Order is kept. */
export async function keyGrams(key: CryptoKey, grams: ArrayLike<number>, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<Int32Array> {
  const out = new Int32Array(grams.length);
  await Promise.all(
    Array.from({ length: grams.length }, async (_, i) => {
      const cipher = new Uint8Array(await subtle.encrypt({ name: 'AES-CBC', iv: ZERO_IV }, key, gramBlock(grams[i]! >>> 0) as BufferSource));
      out[i] = keyedValue(cipher);
    }),
  );
  return out;
}

/** Packs keyed grams for a request: little-endian int32s in base64 (a 1,500-word article: ~8 KB). */
export function packGrams(values: Int32Array): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setInt32(i * 4, values[i]!, true);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Unpacks {@link packGrams}; undefined when the text is not base64 of whole int32s. */
export function unpackGrams(packed: string): Int32Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(packed)) return undefined;
  let binary: string;
  try {
    binary = atob(packed);
  } catch {
    return undefined;
  }
  if (binary.length % 4 !== 0) return undefined;
  const out = new Int32Array(binary.length / 4);
  for (let i = 0; i < out.length; i++) {
    const b = i * 4;
    out[i] = binary.charCodeAt(b) | (binary.charCodeAt(b + 1) << 8) | (binary.charCodeAt(b + 2) << 16) | (binary.charCodeAt(b + 3) << 24);
  }
  return out;
}

/** Base64 of a raw key, as the server hands it to readers. */
export function encodeKey(raw: Uint8Array): string {
  return btoa(String.fromCharCode(...raw));
}

export function decodeKey(text: string): Uint8Array {
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
