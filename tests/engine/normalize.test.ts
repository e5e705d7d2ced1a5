import { describe, expect, it } from 'vitest';
import { contentHash, normalizeText, normalizeToken } from '../../lib/engine/normalize.ts';

describe('normalizeText', () => {
  it('folds every quotation-mark style, dashes, case and white space', () => {
    expect(normalizeText('«Hello» — „World“ ‘x’\u00A0\u00A0 ‹y›')).toBe('"hello" - "world" \'x\' \'y\'');
  });
  it('removes zero-width and bidi control characters and applies NFKC', () => {
    expect(normalizeText('Azer\u200Bbai\u200Fjan ﬁre')).toBe('azerbaijan fire');
  });
  it('is idempotent', () => {
    const once = normalizeText('  “Türkiye”\u2014the ﬁrst  ');
    expect(normalizeText(once)).toBe(once);
  });
});

describe('contentHash', () => {
  it('is equal for texts that differ only in typography, case or spacing', () => {
    expect(contentHash('The “Ministry”  said – today')).toBe(contentHash('the "ministry" said - today'));
  });
  it('differs for different words', () => {
    expect(contentHash('The ministry said today')).not.toBe(contentHash('The ministry said yesterday'));
  });
});

describe('normalizeToken', () => {
  it('lower-cases and folds Latin/Cyrillic diacritics and curly apostrophes', () => {
    expect(normalizeToken('Türkiye')).toBe('turkiye');
    expect(normalizeToken('Déclaré')).toBe('declare');
    expect(normalizeToken('Азербайджана')).toBe('азербаиджана');
    expect(normalizeToken('Azerbaijan’s')).toBe("azerbaijan's");
  });
  it('keeps base letters that are not decorated Latin letters (Azerbaijani ə, Turkish ı)', () => {
    expect(normalizeToken('Müdafiə')).toBe('mudafiə');
    expect(normalizeToken('Bakanlığı')).toBe('bakanlıgı');
  });
  it('drops invisible characters inside a word', () => {
    expect(normalizeToken('Min\u00ADistry\u200B')).toBe('ministry');
  });
});
