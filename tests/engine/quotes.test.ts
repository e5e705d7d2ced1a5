import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../lib/engine/quotes.ts';
import { seedBody } from './helpers.ts';

const quoted = (text: string) => extractQuotes(text).map((q) => text.slice(q.start, q.end));

describe('extractQuotes', () => {
  it('finds every quotation-mark style', () => {
    const text = 'A “curly” B «guillemets» C „German“ D "straight" E ‘single’ F 「CJK」 G ‹angle›';
    expect(quoted(text)).toEqual(['curly', 'guillemets', 'German', 'straight', 'single', 'CJK', 'angle']);
  });

  it('does not take apostrophes for quotation marks', () => {
    expect(quoted("Azerbaijan's army and the ministry's 'statement' today")).toEqual(['statement']);
  });

  it('continues a quote into the next paragraph that reopens with a quotation mark', () => {
    const text = 'He said: “First paragraph.\n\n“Second paragraph,” he added. Then “another”.';
    const q = extractQuotes(text);
    expect(q.map((x) => text.slice(x.start, x.end))).toEqual(['First paragraph.\n\n“Second paragraph,', 'another']);
    expect(q[0]!.paragraphs).toBe(2);
  });

  it('closes a multi-paragraph quote at a later orphan closing mark (seed article)', () => {
    const text = seedBody();
    const q = extractQuotes(text);
    expect(q).toHaveLength(3);
    const middle = text.slice(q[1]!.start, q[1]!.end);
    expect(q[1]!.paragraphs).toBe(3);
    expect(middle.startsWith('The local anti-terror measures')).toBe(true);
    expect(middle).toContain('We reiterate that only legitimate military targets');
    expect(middle.endsWith('all the necessary equipment,')).toBe(true);
  });

  it('ends an unclosed quote with its paragraph when nothing continues it', () => {
    const text = 'He said “this never closes.\n\nNew paragraph “with its own quote” here.';
    expect(quoted(text)).toEqual(['this never closes.', 'with its own quote']);
  });
});
