/**
 * The chunks of a stream as one array. Hand-written because the platform has none that runs everywhere
 * lib/ does: Buffer.concat is Node's, and `new Blob(chunks).arrayBuffer()` is asynchronous and copies
 * twice. A single chunk is returned as it is, not copied.
 */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  let length = 0;
  for (const chunk of chunks) length += chunk.byteLength;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
