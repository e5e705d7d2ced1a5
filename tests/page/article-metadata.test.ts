import { describe, expect, it } from 'vitest';
import { languageFromScript, toIsoDate, toLanguageTag } from '../../lib/page/article-metadata';

describe('toIsoDate', () => {
  it.each([
    ['2017-03-10', '2017-03-10'],
    ['2023-09-19T10:33+04:00', '2023-09-19T10:33+04:00'],
    ['2020-11-11 12:00:00.000-0600', '2020-11-11T12:00:00.000-06:00'],
    ['2015-03-17T16:27:40.294Z', '2015-03-17T16:27:40.294Z'],
    ['Tue, 03 Jan 2019 02:00:02 GMT', '2019-01-03T02:00:02.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(toIsoDate(input)).toBe(expected);
  });

  it('rejects what is not a date', () => {
    expect(toIsoDate('yesterday-ish')).toBeNull();
    expect(toIsoDate('')).toBeNull();
    expect(toIsoDate(null)).toBeNull();
  });
});

describe('toLanguageTag', () => {
  it.each([
    ['en', 'en'],
    ['en_US', 'en-US'],
    ['pt-br', 'pt-BR'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['en-us, fr', 'en-US'],
    ['AZ', 'az'],
  ])('%s → %s', (input, expected) => {
    expect(toLanguageTag(input)).toBe(expected);
  });

  it('rejects junk', () => {
    expect(toLanguageTag('x')).toBeNull();
    expect(toLanguageTag('not a language')).toBeNull();
    expect(toLanguageTag(undefined)).toBeNull();
  });
});

describe('languageFromScript', () => {
  it.each([
    ['谷歌在2014年收购的人工智能公司DeepMind开发出一款能够用自己的记忆学习新知识的计算机。', 'zh'],
    ['グーグルが買収した人工知能の会社は、新しい知識を学ぶコンピューターを開発しました。', 'ja'],
    ['구글이 인수한 인공지능 회사가 새로운 지식을 배우는 컴퓨터를 개발했습니다.', 'ko'],
    ['Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για την οικονομία της χώρας.', 'el'],
  ])('%s → %s', (text, expected) => {
    expect(languageFromScript(text)).toBe(expected);
  });

  it('does not guess for scripts shared by many languages, or for too little text', () => {
    expect(languageFromScript('The government announced new measures for the economy today.')).toBeNull();
    expect(languageFromScript('Правительство сегодня объявило о новых мерах для экономики страны.')).toBeNull();
    expect(languageFromScript('中文')).toBeNull();
  });
});
