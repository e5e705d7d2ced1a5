import { createCipheriv } from 'node:crypto';
import { statementFingerprints, wordHashes } from '../lib/engine/index';
import { gramBlock, GRAM_KEY_BYTES, keyedValue } from '../lib/team/gram-key';

/**
 * The server's bulk path of lib/team/gram-key.ts: one AES-128-ECB call encrypts every gram of a batch
 * (ECB is exactly "the block cipher applied to each block", which is the pseudorandom function we
 * want here; its usual weakness, equal blocks giving equal outputs, is the point of a fingerprint).
 */
export function keyGramsBulk(key: Uint8Array, grams: ArrayLike<number>): Int32Array {
  if (key.length !== GRAM_KEY_BYTES) throw new Error(`a gram key has ${GRAM_KEY_BYTES} bytes, not ${key.length}`);
  const blocks = new Uint8Array(grams.length * 16);
  for (let i = 0; i < grams.length; i++) gramBlock(grams[i]! >>> 0, blocks, i * 16);
  const cipher = createCipheriv('aes-128-ecb', key, null);
  cipher.setAutoPadding(false);
  const out = Buffer.concat([cipher.update(blocks), cipher.final()]);
  const values = new Int32Array(grams.length);
  for (let i = 0; i < grams.length; i++) values[i] = keyedValue(out, i * 16);
  return values;
}

/**
 * Keyed fingerprints of statements: the engine's winnowed 4-grams of each text (the same the
 * extension's index stores), keyed in one call for the whole batch. Returns one array per text,
 * distinct values.
 */
export function keyedFingerprints(key: Uint8Array, texts: ReadonlyArray<{ text: string; lang?: string }>): Int32Array[] {
  return keyedFingerprintsOfTokens(
    key,
    texts.map((t) => wordHashes(t.text, t.lang)),
  );
}

/** keyedFingerprints from the texts' word hashes (wordHashes), when the caller needs those too. */
export function keyedFingerprintsOfTokens(key: Uint8Array, tokens: readonly Uint32Array[]): Int32Array[] {
  const plain = tokens.map((t) => statementFingerprints(t));
  const all = new Uint32Array(plain.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of plain) {
    all.set(p, at);
    at += p.length;
  }
  const keyed = keyGramsBulk(key, all);
  at = 0;
  return plain.map((p) => {
    // Two plain grams may key to one 32-bit value: keep each once per statement (sorted, which is
    // cheaper than a Set of each statement's ~80 values).
    const own = keyed.slice(at, (at += p.length)).sort();
    let n = 0;
    for (let i = 0; i < own.length; i++) if (i === 0 || own[i] !== own[n - 1]) own[n++] = own[i]!;
    return n === own.length ? own : own.slice(0, n);
  });
}
