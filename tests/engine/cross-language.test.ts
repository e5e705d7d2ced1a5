import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { anchorsOfKey, consonantSkeleton } from '../../lib/engine/cross-language/anchor-key.ts';
import { englishForChinese } from '../../lib/engine/cross-language/chinese-glosses.ts';
import { conceptOf } from '../../lib/engine/cross-language/concepts.ts';
import chineseLexicon from '../../public/lexicon/zh-en.json';
import { installBundledLexicons } from '../../lib/cli/lexicons.ts';
import lexicon from '../../lib/engine/cross-language/concept-lexicon.json';
import { anchorStream, dateFactor } from '../../lib/engine/cross-language/match-translation.ts';
import { countOf, LIST_GAP } from '../../lib/engine/cross-language/number-lists.ts';
import { romanize } from '../../lib/engine/cross-language/transliterate.ts';
import { dayRange, lagDays } from '../../lib/engine/dates.ts';
import { findSources, isCrossLanguage } from '../../lib/engine/find-sources.ts';
import { normalizeToken } from '../../lib/engine/normalize.ts';
import { retrieveRecentByAnchors, slotsDatedBetween } from '../../lib/engine/retrieve.ts';
import { dayNumber, StatementIndex } from '../../lib/engine/statement-index.ts';
import { hashKey, tokenize } from '../../lib/engine/tokenize.ts';
import type { ArticleInput, StatementDoc } from '../../lib/engine/types.ts';

const dir = fileURLToPath(new URL('../fixtures/engine/cross-language/', import.meta.url));
const jsonl = <T>(name: string): T[] =>
  readFileSync(dir + name, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

type Labelled = ArticleInput & { id: string; label: string; gold_source_ids: string[] };
const statements = jsonl<StatementDoc>('statements.jsonl');
const articles = jsonl<Labelled>('articles.jsonl');

installBundledLexicons();

const anchors = (word: string, lang: string) => anchorsOfKey(normalizeToken(word), lang);

describe('language-neutral anchors', () => {
  it('land one name written in five scripts and two Turkic spellings on the same anchor', () => {
    const en = anchors('Azerbaijan', 'en');
    expect(en.strong).not.toBe(0);
    for (const [word, lang] of [
      ['Азербайджан', 'ru'],
      ['Azerbaycan', 'tr'],
      ['Azərbaycan', 'az'],
      ['أذربيجان', 'ar'],
      ['აზერბაიჯანი', 'ka'],
    ] as const) {
      expect(anchors(word, lang), `${word} (${lang})`).toEqual(en);
    }
  });

  it('match inflected internationalisms and names across Latin and Cyrillic', () => {
    expect(anchors('террористических', 'ru').strong).toBe(anchors('terrorist', 'en').strong);
    expect(anchors('конституционного', 'ru').strong).toBe(anchors('constitutional', 'en').strong);
    expect(anchors('Эйвазов', 'ru').strong).toBe(anchors('Eyvazov', 'en').strong);
    // The Latin -tio family: ц read as t before its endings only.
    expect(anchors('операции', 'ru').strong).toBe(anchors('operations', 'en').strong);
    expect(anchors('делегация', 'ru').strong).toBe(anchors('delegation', 'en').strong);
    expect(anchors('национальный', 'ru').strong).toBe(anchors('national', 'en').strong);
    expect(anchors('специальный', 'ru').strong).toBe(anchors('special', 'en').strong);
    expect(romanize('цхинвали', 'ru')).toBe('tskhinvali');
    expect(anchors('operasyonu', 'tr').strong).toBe(anchors('operation', 'en').strong);
    expect(anchors('operasiya', 'az').strong).toBe(anchors('operation', 'en').strong);
    // Not a suffix: "Asiya" (Asia); and not in English text.
    expect(romanize('asiya', 'az')).toBe('asiya');
    expect(romanize('operasyon', 'en')).toBe('operasyon');
    expect(anchors('operasi', 'id').strong).toBe(anchors('operation', 'en').strong);
    expect(romanize('operasi', 'en')).toBe('operasi');
    expect(romanize('nasi', 'id')).toBe('nasi');
    // "Qarabağ" loses its final consonant: only the weaker 3-class anchor is shared.
    expect(anchors('Qarabağ', 'az').weak).toBe(anchors('Karabakh', 'en').weak);
  });

  it('read numbers in any decimal digits, and give short and unrelated words no shared anchor', () => {
    expect(anchors('٢٠٢٠', 'ar').strong).toBe(anchors('2020', 'en').strong);
    expect(anchors('7', 'en')).toEqual({ strong: 0, weak: 0 });
    expect(anchors('the', 'en')).toEqual({ strong: 0, weak: 0 });
    expect(anchors('ministry', 'en').strong).not.toBe(anchors('monastery', 'en').weak);
  });

  it('read a doubled waw as a consonant and a vowel (Urdu "Tovuz" in S11, Arabic "Dawud")', () => {
    expect(anchors('تووَز', 'ur').weak).not.toBe(0);
    expect(anchors('تووَز', 'ur').weak).toBe(anchors('Tovuz', 'en').weak);
    expect(anchors('داوود', 'ar').weak).toBe(anchors('Dawud', 'en').weak);
    expect(anchors('داوود', 'ar').weak).toBe(anchors('David', 'en').weak);
  });

  it('cut the Arabic article and its clitics, in Arabic only, before romanising', () => {
    // "the Armenian", "and the Armenian" (A050 and its statement's "Armenian").
    expect(anchors('الأرمنية', 'ar').strong).toBe(anchors('Armenian', 'en').strong);
    expect(anchors('والأرمنية', 'ar').strong).toBe(anchors('Armenian', 'en').strong);
    expect(romanize('للسلام', 'ar')).toBe('slam'); // "for the peace": salam, short vowels unwritten
    // A bare و or ب begins words too: "وزير" (minister), "بريطانيا" (Britain).
    expect(romanize('وزير', 'ar')).toBe('uzir');
    expect(romanize('بريطانيا', 'ar')).toBe('britania');
    // Urdu "الیکشن" (election) has no article; the same key in Arabic and in Urdu text, either order.
    const urdu = anchors('الیکشن', 'ur');
    const arabic = anchors('الیکشن', 'ar');
    expect(anchors('الیکشن', 'ur')).toEqual(urdu);
    expect(romanize('الیکشن', 'ur')).toBe('alikshn');
    expect(arabic.strong).not.toBe(urdu.strong);
  });

  it('romanise and reduce to consonant classes', () => {
    expect(romanize('карабах', 'ru')).toBe('karabakh');
    expect(romanize('azerbaycan', 'tr')).toBe('azerbayjan');
    expect(romanize('azerbaycan', 'en')).toBe('azerbaycan');
    expect(consonantSkeleton('karabakh')).toBe('KRBK');
    expect(consonantSkeleton('eyvazov')).toBe('AFSF');
  });
});

describe('month concepts (Unicode CLDR)', () => {
  it('map month names in many languages, and their inflected forms, to one concept', () => {
    for (const word of ['September', 'сентября', 'сентябре', 'Eylül', "Eylül'de", 'septembre', 'September', 'سبتمبر', 'Σεπτεμβρίου', 'вересня']) {
      expect(conceptOf(normalizeToken(word)), word).toBe('M:9');
    }
    expect(anchors('сентября', 'ru').strong).toBe(anchors('September', 'en').strong);
  });

  it('leave other words alone, including short month names that are also common words', () => {
    for (const word of ['may', 'ministry', 'statement', 'septic', 'marsh']) expect(conceptOf(normalizeToken(word)), word).toBeUndefined();
  });

  it('store keys exactly as the engine normalises words', () => {
    for (const keys of Object.values((lexicon as { concepts: Record<string, string[]> }).concepts)) {
      for (const key of keys) expect(normalizeToken(key)).toBe(key);
    }
  });
});

describe('counts in lists (Unicode CLDR spell-out)', () => {
  const streamOf = (text: string, lang: string) => {
    const tokens = tokenize(text, lang);
    const a = anchorStream(tokens, lang);
    return { tokens, strong: [...a.strong], weak: [...a.weak] };
  };
  // The pair anchors of a text, decoded: every ordered pair of the numbers the text holds (in digits
  // or in the words of NUMBER_WORDS) is tried against its anchors.
  const NUMBER_WORDS = new Map([
    ['seven', 7],
    ['семь', 7],
    ['четыре', 4],
    ['две', 2],
  ]);
  const pairs = (text: string, lang: string) => {
    const { tokens, strong, weak } = streamOf(text, lang);
    const values = new Set<number>();
    for (const key of tokens.keys) {
      const v = /^\d+$/.test(key) ? Number(key) : NUMBER_WORDS.get(key);
      if (v !== undefined) values.add(v);
    }
    const byHash = new Map<number, string>();
    for (const a of values) for (const b of values) byHash.set(hashKey(`#${a}>${b}`), `${a}>${b}`);
    return new Set([...strong, ...weak].filter((h) => byHash.has(h)).map((h) => byHash.get(h)));
  };

  it('read a count in digits or spelled out in the text’s language, in its case forms, and nothing else', () => {
    expect(countOf('7', 'ru')).toBe(7);
    expect(countOf('٧', 'ar')).toBe(7);
    for (const [word, lang] of [
      ['семь', 'ru'],
      ['семи', 'ru'],
      ['seven', 'en'],
      ['yeddi', 'az'],
      ['sieben', 'de'],
      ['sept', 'fr'],
      ['سبعة', 'ar'],
    ]) {
      expect(countOf(normalizeToken(word!), lang), word).toBe(7);
    }
    expect(countOf(normalizeToken('девяносто'), 'ru')).toBe(90);
    expect(countOf('sekiz', 'tr')).toBe(8);
    expect(countOf('otto', 'it')).toBe(8);
    // Number words are per language ("otto" is eight in Italian only); one is no count ("bir" and
    // "один" are articles and pronouns as often); and a number word that is, accents folded, also an
    // everyday word is left out (Turkish "on", ten, is how "ön", front, is matched too).
    expect(countOf('otto', 'en')).toBeUndefined();
    expect(countOf(normalizeToken('ön'), 'tr')).toBeUndefined();
    expect(countOf(normalizeToken('один'), 'ru')).toBeUndefined();
    expect(countOf('bir', 'tr')).toBeUndefined();
    expect(countOf('ministry', 'en')).toBeUndefined();
  });

  it('anchor the pairs of counts a translation keeps, in digits or in words (A017 and S02)', () => {
    const english = pairs('Moreover, 7 military vehicles 4 mortars, 1 tank, 2 infantry fighting vehicles and a large number of weapons were seized.', 'en');
    const russian = pairs(
      'При этом подразделениями азербайджанской армии были захвачены семь боевых машин, принадлежащих противоборствующей стороне, четыре миномета, один танк, две боевые машины пехоты.',
      'ru',
    );
    expect([...english].sort()).toEqual(['4>2', '7>4']);
    expect(russian).toEqual(english);
    // A spelled count of ten or more anchors like its digits; a spelled count loses its skeleton anchors.
    const ninety = streamOf('более девяноста позиций', 'ru');
    expect(ninety.strong[1]).toBe(anchors('90', 'en').strong);
    const four = streamOf('четыре', 'ru');
    expect(four.strong[0]).toBe(0);
    expect(four.weak[0]).toBe(0);
  });

  it('make no pair of two large numbers (dates), across sentences, or far apart', () => {
    expect(pairs('On 20 September 2023 at 14:00 the ministry spoke.', 'en').size).toBe(0);
    expect(pairs('They took 7 positions. Then 4 more.', 'en').size).toBe(0);
    expect(pairs('On 20 September, 5 soldiers were wounded.', 'en')).toEqual(new Set(['20>5']));
    // LIST_GAP words on at most: 7 words between the counts pair, 8 do not.
    expect(LIST_GAP).toBe(8);
    expect(pairs('They took 7 positions in the northern hills and then 4 more.', 'en')).toEqual(new Set(['7>4']));
    expect(pairs('They took 7 positions in the northern hills and later then 4 more.', 'en').size).toBe(0);
  });

  it('keep a word that names a month a month ("sept", French for 7 and September)', () => {
    const sept = streamOf('Le 7 sept. 2023, trois blindés', 'fr');
    expect(sept.strong[2]).toBe(anchors('September', 'en').strong);
    expect(countOf('trois', 'fr')).toBe(3);
  });

  it('ship number words stored exactly as the engine normalises words', () => {
    const { numbers } = lexicon as { numbers: Record<string, Record<string, number>> };
    expect(Object.keys(numbers)).toEqual(expect.arrayContaining(['en', 'ru', 'az', 'tr', 'ar', 'de', 'fr']));
    for (const words of Object.values(numbers)) {
      for (const [key, value] of Object.entries(words)) {
        expect(normalizeToken(key)).toBe(key);
        expect(value >= 2 && value <= 90).toBe(true);
      }
    }
  });
});

describe('English words for Chinese words (CC-CEDICT)', () => {
  it('give a Chinese word the anchors of its English word', () => {
    // S08 (fixtures) and its Xinhua English version A039: "飞艇" is "airship", "气象" "meteorological".
    expect(englishForChinese('飞艇')).toBe('airship');
    expect(anchors('飞艇', 'zh')).toEqual(anchors('airship', 'en'));
    expect(anchors('气象', 'zh').strong).toBe(anchors('meteorological', 'en').strong);
    expect(anchors('不可抗力', 'zh').strong).toBe(anchors('majeure', 'en').strong);
    // Traditional forms too (Taiwan, Hong Kong): "飛艇".
    expect(anchors('飛艇', 'zh')).toEqual(anchors('airship', 'en'));
  });

  it('leave single characters, unknown words and other scripts alone', () => {
    expect(englishForChinese('的')).toBeUndefined();
    expect(anchors('的', 'zh')).toEqual({ strong: 0, weak: 0 });
    expect(englishForChinese('误入')).toBeUndefined();
    expect(englishForChinese('airship')).toBeUndefined();
  });

  it('ship a table of English words over two or more Han characters, with its source and licence', () => {
    const { glosses, entries, source, licence } = chineseLexicon as { glosses: string; entries: number; source: string; licence: string };
    expect(source).toMatch(/CC-CEDICT/);
    expect(licence).toMatch(/CC BY-SA 4\.0/);
    let forms = 0;
    const malformed: string[] = [];
    for (const line of glosses.split('\n')) {
      const [english, chinese, ...rest] = line.split('\t');
      const words = chinese?.split(' ') ?? [];
      forms += words.length;
      if (rest.length || !/^[a-z][a-z-]{3,}$/.test(english!) || !words.every((w) => /^\p{Script=Han}{2,}$/u.test(w))) malformed.push(line);
    }
    expect(malformed).toEqual([]);
    expect(forms).toBe(entries);
  });
});

describe('the date prior', () => {
  it('reads a date known only to the month as any day of it, taking the lag closest to the statement', () => {
    const day = (iso: string) => Date.parse(iso) / 86_400_000;
    expect(dayRange('2023-02')).toEqual([day('2023-02-01'), day('2023-02-28')]);
    expect(dayRange('2023-02-05T09:56:00+08:00')).toEqual([day('2023-02-05'), day('2023-02-05')]);
    expect(dayRange('2023')).toBeNull();
    expect(dayRange('2023-13')).toBeNull();
    expect(dayRange(undefined)).toBeNull();
    // A043 ("2023-02") of S08 (3 February 2023): same month, so no penalty for "coverage before the statement".
    expect(lagDays(dayRange('2023-02'), day('2023-02-03'))).toBe(0);
    expect(lagDays(dayRange('2023-02'), day('2023-01-20'))).toBe(12);
    expect(lagDays(dayRange('2023-02'), day('2023-03-05'))).toBe(-5);
    expect(lagDays(dayRange('2023-02-10'), day('2023-02-03'))).toBe(7);
    expect(lagDays(null, day('2023-02-03'))).toBeNaN();
  });

  it('prefers coverage within days after the statement, penalises coverage dated before it, never zeroes', () => {
    expect(dateFactor(0)).toBe(1);
    expect(dateFactor(2)).toBe(1);
    expect(dateFactor(30)).toBeLessThan(dateFactor(5));
    expect(dateFactor(3000)).toBeGreaterThan(0.4);
    expect(dateFactor(-10)).toBeLessThan(dateFactor(30));
    expect(dateFactor(-10)).toBeGreaterThan(0);
    expect(dateFactor(Number.NaN)).toBeGreaterThan(dateFactor(-10));
  });

  it('compares primary language subtags', () => {
    expect(isCrossLanguage('en-GB', 'en')).toBe(false);
    expect(isCrossLanguage('ru', 'en')).toBe(true);
    expect(isCrossLanguage(undefined, 'en')).toBe(false);
  });
});

describe('findSources across languages (real dev articles)', () => {
  const index = new StatementIndex();
  index.add(statements);
  const byId = new Map(statements.map((s) => [s.id, s]));
  const load = async (ids: string[]) => ids.map((id) => byId.get(id)!).filter(Boolean);

  for (const a of articles.filter((x) => x.label === 'derived')) {
    it(`${a.id} (${a.lang}) is shown as a translation of ${a.gold_source_ids.join(', ')}`, async () => {
      const report = await findSources(a, index, load);
      const top = report.sources[0];
      expect(top?.statementId).toBe(a.gold_source_ids[0]);
      expect(top!.relation).toBe('translates');
      expect(top!.statementLang).toBe(byId.get(a.gold_source_ids[0]!)!.lang);
      expect(top!.passages.length).toBeGreaterThan(0);
      const statement = byId.get(top!.statementId)!;
      for (const p of top!.passages) {
        expect(['translated_quote', 'translated_passage']).toContain(p.type);
        expect(p.article[0]).toBeGreaterThanOrEqual(0);
        expect(p.article[1]).toBeLessThanOrEqual(a.text!.length);
        expect(p.article[0]).toBeLessThan(p.article[1]);
        expect(p.statement[1]).toBeLessThanOrEqual(statement.text.length);
        expect(p.statement[0]).toBeLessThan(p.statement[1]);
      }
    });
  }

  for (const a of articles.filter((x) => x.label !== 'derived')) {
    it(`${a.id} (${a.lang}, same days and names, another source) shows nothing`, async () => {
      const report = await findSources(a, index, load);
      expect(report.sources).toEqual([]);
      // …although it was compared: below the threshold, translations of the same event are found.
      const all = await findSources(a, index, load, { includeBelowThreshold: true });
      expect(all.sources.some((s) => s.relation === 'translates')).toBe(true);
    });
  }

  it('can be switched off', async () => {
    const a = articles.find((x) => x.id === 'A035')!;
    const report = await findSources(a, index, load, { crossLanguage: false });
    expect(report.sources.filter((s) => s.relation === 'translates')).toEqual([]);
  });
});

/**
 * Real US Senate releases (shared/data/corpora, read-only) that talk of Israel, hospitals, Palestinians
 * or civilians: English statements holding the anchors of A076's Spanish translation of S16, as the
 * 72k distractors of `npm run eval` do. The first `count` such lines, in file order.
 */
async function senateReleasesLike(count: number): Promise<StatementDoc[]> {
  const path = fileURLToPath(new URL('../../../shared/data/corpora/us-senate-press-releases-2004-2008.jsonl.gz', import.meta.url));
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()) });
  const out: StatementDoc[] = [];
  for await (const line of lines) {
    if (!/\b(israeli?|hospitals?|palestinians?|civilians)\b/i.test(line)) continue;
    out.push(JSON.parse(line) as StatementDoc);
    if (out.length >= count) {
      lines.close();
      break;
    }
  }
  return out;
}

describe('findSources across languages in a large corpus', () => {
  it('finds a same-day translation whose anchors thousands of older statements in another language share', async () => {
    // A076 (es, 17 Oct 2023) translates S16 (en, same day). Among 2,500 such releases, "hospital",
    // "ministerio" and "israelí" are too common for the corpus-wide look, and older releases share more
    // of the article's rare names: only the look at the article's own days finds S16.
    const a = articles.find((x) => x.id === 'A076')!;
    const source = statements.find((s) => s.id === 'S16')!;
    const senate = await senateReleasesLike(2500);
    expect(senate).toHaveLength(2500);
    const corpus = [source, ...senate];
    const index = new StatementIndex();
    index.add(corpus);
    const byId = new Map(corpus.map((s) => [s.id, s]));
    const report = await findSources(a, index, async (ids) => ids.map((id) => byId.get(id)!));
    expect(report.sources.map((s) => s.statementId)).toEqual(['S16']);
    expect(report.sources[0]!.relation).toBe('translates');
  }, 60_000);
});

describe("the statements of an article's days", () => {
  it('are read by date, and follow the index as statements are removed and added', () => {
    const index = new StatementIndex();
    index.add(statements);
    const ids = (from: string, to: string) =>
      slotsDatedBetween(index, dayNumber(from), dayNumber(to), () => true)
        .map((slot) => index.idOf(slot))
        .sort();
    expect(ids('2023-09-19', '2023-09-20')).toEqual(['S02', 'S06']);
    expect(ids('2023-10-16', '2023-10-17')).toEqual(['S16', 'S24']);
    expect(ids('2023-09-21', '2023-09-26')).toEqual([]);
    index.remove(['S06']);
    expect(ids('2023-09-19', '2023-09-20')).toEqual(['S02']);
    index.add(statements.filter((s) => s.id === 'S06'));
    expect(ids('2023-09-19', '2023-09-20')).toEqual(['S02', 'S06']);
  });

  it('follow a compaction that renumbers the slots, though the index is as large as before', () => {
    const index = new StatementIndex();
    index.add(statements.filter((s) => s.id !== 'S11'));
    const ids = (from: string, to: string) =>
      slotsDatedBetween(index, dayNumber(from), dayNumber(to), () => true)
        .map((slot) => index.idOf(slot))
        .sort();
    expect(ids('2023-09-19', '2023-09-19')).toEqual(['S06']);
    // One statement out, another in, dead slots dropped: as many slots and statements as before.
    const [slots, size] = [index.slotCount, index.size];
    index.remove(['S02']);
    index.add(statements.filter((s) => s.id === 'S11'));
    index.compact();
    expect([index.slotCount, index.size]).toEqual([slots, size]);
    expect(ids('2023-09-19', '2023-09-19')).toEqual(['S06']);
    expect(ids('2023-09-20', '2023-09-20')).toEqual([]);
    expect(ids('2020-07-14', '2020-07-14')).toEqual(['S11']);
  });

  it('are not looked at again for an undated article, nor when none is in another language', () => {
    const index = new StatementIndex();
    index.add(statements);
    const a = articles.find((x) => x.id === 'A076')!;
    const anchors = anchorStream(tokenize(a.text!, a.lang), a.lang);
    const other = (slot: number) => isCrossLanguage(a.lang, index.langOf(slot));
    expect(retrieveRecentByAnchors(anchors, index, a.date, [], other).map((c) => index.idOf(c.slot))).toContain('S16');
    expect(retrieveRecentByAnchors(anchors, index, undefined, [], other)).toEqual([]);
    expect(retrieveRecentByAnchors(anchors, index, a.date, [], () => false)).toEqual([]);
  });
});

describe('anchor retrieval in an index of one language', () => {
  it('is skipped until a statement in another language, or of unknown language, is added', async () => {
    // A039 (en) translates S08 (zh); the other statements are English.
    const a = articles.find((x) => x.id === 'A039')!;
    const english = statements.filter((s) => s.lang === 'en');
    const s08 = statements.find((s) => s.id === 'S08')!;
    const index = new StatementIndex();
    index.add(english);
    const byId = new Map([...statements, { ...s08, id: 'S08-untagged', lang: undefined }].map((s) => [s.id, s]));
    const load = async (ids: string[]) => ids.map((id) => byId.get(id)!);
    const lookups = vi.spyOn(index, 'lookupAnchor');
    const check = async () => {
      lookups.mockClear();
      const report = await findSources(a, index, load);
      return { anchorLookups: lookups.mock.calls.length, sources: report.sources.map((s) => [s.statementId, s.relation]) };
    };
    expect(index.languageCounts()).toEqual(new Map([['en', english.length]]));
    expect(await check()).toEqual({ anchorLookups: 0, sources: [] });

    index.add([s08]);
    expect(index.languageCounts().get('zh')).toBe(1);
    const withS08 = await check();
    expect(withS08.anchorLookups).toBeGreaterThan(0);
    expect(withS08.sources[0]).toEqual(['S08', 'translates']);

    index.remove(['S08']);
    expect(await check()).toEqual({ anchorLookups: 0, sources: [] });
    // Of unknown language: looked for, and left out once its text comes without a language.
    index.add([byId.get('S08-untagged')!]);
    expect(index.languageCounts().get('')).toBe(1);
    expect((await check()).anchorLookups).toBeGreaterThan(0);
    expect(index.mainLanguage()).toBe('en');
  });
});
