import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../lib/engine/quotes.ts';
import { attributeQuote, findPersonMentions, findSpeechClauses, sameSpeaker } from '../../lib/engine/speakers.ts';
import { seedBody } from './helpers.ts';

describe('speaker attribution', () => {
  const text = seedBody();
  const quotes = extractQuotes(text);
  const people = findPersonMentions(text);

  it('finds the titled person of the seed article', () => {
    expect([...new Set(people.map((p) => p.name))]).toEqual(['Colonel Anar Eyvazov']);
    expect(people.filter((p) => p.speaker).map((p) => p.name)).toEqual(['Colonel Anar Eyvazov', 'Colonel Anar Eyvazov']);
  });

  it('resolves "the spokesperson underlined", "Eyvazov noted" and "he added" to the full name', () => {
    const who = quotes.map((q) => attributeQuote(text, q.open, q.close, people));
    expect(who.map((w) => w.mention)).toEqual(['the spokesperson', 'Eyvazov', 'he']);
    expect(who.map((w) => w.speaker)).toEqual(['Colonel Anar Eyvazov', 'Colonel Anar Eyvazov', 'Colonel Anar Eyvazov']);
  });

  it('resolves the reported-speech pronoun "He said" to Colonel Anar Eyvazov', () => {
    const he = findSpeechClauses(text, people).filter((c) => c.mention === 'He');
    expect(he.length).toBeGreaterThanOrEqual(1);
    expect(text.slice(he[0]!.at, he[0]!.at + 8)).toBe('He said ');
    expect(he[0]!.speaker).toBe('Colonel Anar Eyvazov');
  });

  it('handles "said X", "according to X" and "X said:" before the quote', () => {
    const a = 'Intro. “We condemn it,” said Spokesperson Matthew Miller.';
    const qa = extractQuotes(a)[0]!;
    expect(attributeQuote(a, qa.open, qa.close).speaker).toBe('Spokesperson Matthew Miller');
    const b = 'According to Josep Borrell, “the EU calls for an immediate end”.';
    const qb = extractQuotes(b)[0]!;
    expect(attributeQuote(b, qb.open, qb.close).speaker).toBe('Josep Borrell');
    const c = 'Mao Ning said: “China firmly opposes this.”';
    const qc = extractQuotes(c)[0]!;
    expect(attributeQuote(c, qc.open, qc.close).speaker).toBe('Mao Ning');
  });

  it('leaves a quote without any attribution unattributed', () => {
    const d = 'The weather was fine. “Nothing to add here.” The end.';
    const q = extractQuotes(d)[0]!;
    expect(attributeQuote(d, q.open, q.close).speaker).toBeUndefined();
  });

  it('compares an attributed speaker with the statement speaker or issuer', () => {
    expect(sameSpeaker('Colonel Anar Eyvazov', 'Colonel Anar Eyvazov, Chief of the Press Service')).toBe(true);
    expect(sameSpeaker('Ned Price', 'Spokesperson Matthew Miller')).toBe(false);
    expect(sameSpeaker('the ministry', undefined, 'Ministry of Defense of the Republic of Azerbaijan')).toBe(true);
    expect(sameSpeaker(undefined, 'Mao Ning')).toBeUndefined();
  });
});
