import { describe, expect, it } from 'vitest';
import { stopGramDf } from '../../lib/engine/index';
import { packGrams, unpackGrams } from '../../lib/team/gram-key';
import { rankByGrams } from '../../lib/team/rank';
import { normaliseAddress } from '../../lib/team/team-client';

describe('packed grams', () => {
  it('round-trip signed 32-bit values and refuse what is not whole values in base64', () => {
    const values = Int32Array.from([0, 1, -1, 2147483647, -2147483648, 123456789]);
    expect(Array.from(unpackGrams(packGrams(values))!)).toEqual(Array.from(values));
    expect(unpackGrams('AAA')).toBeUndefined(); // not base64 of whole bytes
    expect(unpackGrams('AAA=')).toBeUndefined(); // 2 bytes: not a whole value
    expect(unpackGrams('@@@@')).toBeUndefined();
  });
});

describe('rankByGrams', () => {
  it('weighs rare grams, ignores boilerplate held by more than stopGramDf statements, and ranks by shared rare grams', () => {
    const n = 10_000;
    const boilerplate = { statements: Array.from({ length: stopGramDf(n) + 1 }, (_, i) => i) };
    const ranked = rankByGrams([boilerplate, { statements: [7] }, { statements: [7, 8] }, { statements: [9] }], n, 1500);
    expect(ranked.map((c) => c.slot)).toEqual([7, 9, 8]);
    expect(ranked[0]!.sharedGrams).toBe(2);
    expect(rankByGrams([boilerplate], n, 1500)).toEqual([]);
  });
});

describe('normaliseAddress', () => {
  it('adds https:// to a bare host, drops trailing slashes, and refuses other schemes', () => {
    expect(normaliseAddress('team.example.org/')).toBe('https://team.example.org');
    expect(normaliseAddress('http://127.0.0.1:8787/base//')).toBe('http://127.0.0.1:8787/base');
    expect(() => normaliseAddress('ftp://team.example.org')).toThrow(/must start with https/);
  });
});
