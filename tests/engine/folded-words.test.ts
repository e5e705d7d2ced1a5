import { describe, expect, it } from 'vitest';
import { foldedWords } from '../../lib/engine/speakers.ts';
import { articles, statements } from './helpers.ts';

/** What foldedWords answered before it searched: the Set of the folded text's runs of letters and digits. */
const asSet = (text: string) =>
  new Set(
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u),
  );

describe('foldedWords', () => {
  it("answers as the Set of a text's folded words would, for every word of real statements and articles in several scripts", () => {
    const texts = [...statements().map((s) => s.text), ...articles().map((a) => a.text)];
    const probes = new Set<string>(['', 'erdogan', 'recep', 'said', 'the', 'a', '19', 'ministry’s', 'defense ministry', 'ﬁre', 'minis', 'aliyev']);
    for (const t of texts.slice(0, 30)) for (const w of t.split(/\s+/).slice(0, 40)) probes.add(w.toLowerCase());
    for (const text of texts.slice(0, 60)) {
      const set = asSet(text);
      const words = foldedWords(text);
      for (const probe of probes) expect([text.slice(0, 30), probe, words.has(probe)]).toEqual([text.slice(0, 30), probe, set.has(probe)]);
      // Every word of the text itself, and each with its last letter dropped (a prefix is no word).
      for (const w of set) {
        expect(words.has(w)).toBe(true);
        if (w.length > 1) expect(words.has(w.slice(0, -1))).toBe(set.has(w.slice(0, -1)));
      }
    }
  });

  it('reads a name with its accents folded and not inside a longer word', () => {
    const words = foldedWords('President Recep Tayyip Erdoğan said the attack was heinous.');
    expect(words.has('erdogan')).toBe(true);
    expect(words.has('erdog')).toBe(false);
    expect(words.has('heinous')).toBe(true);
    expect(words.has('heinous.')).toBe(false);
    expect(words.has('')).toBe(true); // the text ends with a full stop, as the Set held ''
    expect(foldedWords('Erdoğan').has('')).toBe(false);
  });
});
