import { describe, expect, it } from 'vitest';
import { isHttpUrl } from '../../lib/corpus/statement';
import { STARTER_SOURCES } from '../../lib/feeds/starter-sources';

describe('starter sources', () => {
  it('each has a unique id and address, an issuer, a language tag and an http(s) address', () => {
    expect(new Set(STARTER_SOURCES.map((source) => source.id)).size).toBe(STARTER_SOURCES.length);
    expect(new Set(STARTER_SOURCES.map((source) => source.url)).size).toBe(STARTER_SOURCES.length);
    for (const source of STARTER_SOURCES) {
      expect(source.issuer.trim()).not.toBe('');
      expect(source.lang).toMatch(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/);
      expect(isHttpUrl(source.url)).toBe(true);
    }
  });

  it('covers defence and foreign ministries, heads of state, the UN, NATO, the EU, gov.uk and the State Department', () => {
    const ids = STARTER_SOURCES.map((source) => source.id);
    for (const id of ['uk-mod', 'az-mod', 'us-defense', 'uk-fcdo', 'us-state', 'ru-president-en', 'un-sg', 'nato', 'eu-commission']) expect(ids).toContain(id);
  });
});
