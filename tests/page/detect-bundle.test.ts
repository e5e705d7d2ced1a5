import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const detectEntry = resolve(dirname(fileURLToPath(import.meta.url)), '../../lib/page/detect.ts');

describe('the detection bundle injected on every page', () => {
  it("imports Readability's readerability check alone, not its parser or a DOM library", async () => {
    const result = await build({ entryPoints: [detectEntry], bundle: true, minify: true, format: 'esm', write: false, metafile: true });
    const inputs = Object.keys(result.metafile?.inputs ?? {});
    expect(inputs.some((input) => input.endsWith('Readability-readerable.js'))).toBe(true);
    expect(inputs.some((input) => input.endsWith('/Readability.js'))).toBe(false);
    expect(inputs.some((input) => /linkedom|happy-dom|jsdom|approx-string-match/.test(input))).toBe(false);
    // The whole injected script must stay within 20 KB gzipped; detection gets at most half of it.
    const gzipped = gzipSync(result.outputFiles[0]?.contents ?? new Uint8Array()).length;
    expect(gzipped).toBeLessThan(10 * 1024);
  });
});
