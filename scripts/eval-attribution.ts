/**
 * Issue #20's two attribution metrics for `npm run eval`, as pure functions of the articles, the
 * sources shown for them and the statements.
 *
 * Attribution-label accuracy (unattributed vs attributed). The gold is the human labels of the dev
 * sets, not the engine's rule: each derived article's `reuse_class` and `note`
 * (shared/data/dev/README.md, "How labels were made"):
 * - unattributed: `reuse_class` near_verbatim_unattributed ("copied without quote marks/clear
 *   attribution"), or a note that says so ("without attribution", "no in-text attribution",
 *   "without quotation marks or explicit … attribution");
 * - attributed: `reuse_class` verbatim_quotes or near_verbatim_quotes ("quoted, attributed"), or a note
 *   that says the article attributes, credits or cites the statement ("attributed", "attributing",
 *   "with attribution", "citing", "according to", "reported speech");
 * - any other article is not judged (paraphrase, partial and translation labels do not say whether
 *   the article credits its source).
 * Judged: every copy passage outside quotation marks (`unattributed_copy` or `attributed_copy`, the
 * passages whose label makes the claim) of a shown gold source of a judged, same-language derived
 * article. Right when the passage's label agrees with its article's gold. The gold is per article: a
 * passage the engine rightly calls unattributed in an article labelled attributed as a whole (dev
 * A004: a verbatim paragraph between a Trend dateline and quoted paragraphs) counts as wrong, so the
 * figure is a floor. Short formula phrases (`shared_phrase`) make no claim either way and are not judged.
 *
 * Speaker accuracy. Judged: every passage with a speaker line (quotes and attributed copies) of a
 * shown gold source of a same-language derived article, against the gold statement's `speaker` and
 * `issuer` fields. Right when the line
 * - names the statement's person (the `speaker` field's name, its parenthetical and its role after a
 *   comma dropped: "Colonel Anar Eyvazov, Chief of the Press Service" → surname "Eyvazov"), or its
 *   issuer (an office word such as Ministry, Department, Office, House, Pentagon, and every other
 *   capitalised word of four letters or more shares its first four letters with a word of the issuer:
 *   "Azerbaijan's Ministry of Defense", "the Turkish Foreign Ministry");
 * - and is a whole name as the article writes it: found in the article, not right after a letter, a
 *   hyphen, "of" or "for" (so "General Antonio Guterres" cut from "Secretary-General Antonio Guterres"
 *   and "Defense" cut from "Ministry of Defense" are wrong), and not a bare "the statement" or "the
 *   ministry" (a line that names nobody).
 * Also given: the share of quote and attributed-copy passages that carry a speaker line at all.
 */
import type { Passage, SourceMatch, StatementDoc } from '../lib/engine/index.ts';

export interface JudgedArticle {
  id: string;
  text: string;
  label: string;
  reuse_class: string;
  note?: string;
  gold_source_ids: string[];
}

/** One article with the sources the engine showed for it; `cross`: its language is not its gold statement's. */
export interface AttributionRow {
  article: JudgedArticle;
  shown: readonly SourceMatch[];
  cross: boolean;
}

export type GoldAttribution = 'attributed' | 'unattributed';

const UNATTRIBUTED_NOTE =
  /without (?:any )?(?:clear |explicit |in-text )?attribution|no in-text attribution|without quotation marks or (?:explicit |clear )?(?:\w+ )?attribution/i;
const ATTRIBUTED_NOTE = /\battribut(?:ed|ing)\b|with attribution|\bciting\b|according to|reported speech/i;

/** The article's gold attribution from its labels, or undefined when the labels do not say. */
export function goldAttribution(a: JudgedArticle): GoldAttribution | undefined {
  if (a.label !== 'derived') return undefined;
  const note = a.note ?? '';
  if (a.reuse_class === 'near_verbatim_unattributed' || UNATTRIBUTED_NOTE.test(note)) return 'unattributed';
  if (a.reuse_class === 'verbatim_quotes' || a.reuse_class === 'near_verbatim_quotes' || ATTRIBUTED_NOTE.test(note)) return 'attributed';
  return undefined;
}

export interface AttributionAccuracy {
  /** Judged passages, and how many carry the right label. */
  n: number;
  correct: number;
  /** Of those, in articles labelled unattributed / attributed. */
  unattributedN: number;
  unattributedCorrect: number;
  attributedN: number;
  attributedCorrect: number;
  /** Wrong passages, "article/statement:label", for --verbose. */
  wrong: string[];
}

const COPY_TYPES: ReadonlySet<Passage['type']> = new Set(['unattributed_copy', 'attributed_copy']);

export function attributionAccuracy(rows: readonly AttributionRow[]): AttributionAccuracy {
  const out: AttributionAccuracy = { n: 0, correct: 0, unattributedN: 0, unattributedCorrect: 0, attributedN: 0, attributedCorrect: 0, wrong: [] };
  for (const { article, shown, cross } of rows) {
    const gold = cross ? undefined : goldAttribution(article);
    if (!gold) continue;
    for (const s of shown) {
      if (!article.gold_source_ids.includes(s.statementId)) continue;
      for (const p of s.passages) {
        if (!COPY_TYPES.has(p.type)) continue;
        const right = (p.type === 'unattributed_copy') === (gold === 'unattributed');
        out.n++;
        out.correct += +right;
        if (gold === 'unattributed') {
          out.unattributedN++;
          out.unattributedCorrect += +right;
        } else {
          out.attributedN++;
          out.attributedCorrect += +right;
        }
        if (!right) out.wrong.push(`${article.id}/${s.statementId}:${p.type}@${p.article[0]}`);
      }
    }
  }
  return out;
}

export interface SpeakerAccuracy {
  /** Passages with a speaker line, and how many name the right person or office in full. */
  n: number;
  correct: number;
  /** Quote and attributed-copy passages, with or without a speaker line. */
  candidates: number;
  wrong: string[];
}

const SPEAKER_TYPES: ReadonlySet<Passage['type']> = new Set(['verbatim_quote', 'altered_quote', 'attributed_copy']);
const OFFICE_WORD =
  /\b(?:ministry|department|office|house|pentagon|kremlin|embassy|agency|service|government|committee|council|commission|secretariat|presidency)\b/i;
const GENERIC = new Set([
  'ministry',
  'department',
  'office',
  'affairs',
  'foreign',
  'press',
  'service',
  'secretary',
  'spokesperson',
  'spokesman',
  'spokeswoman',
  'the',
  'house',
]);

const stem4 = (w: string) =>
  w
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s$/, '')
    .slice(0, 4);

/** The surname of the person a statement's `speaker` field names, if it names one. */
export function goldSurname(speaker: string | undefined): string | undefined {
  if (!speaker) return undefined;
  const name = speaker
    .replace(/\([^)]*\)/g, '')
    .split(',')[0]!
    .trim();
  const words = name.split(/\s+/).filter((w) => /^\p{Lu}[\p{L}'’-]+$/u.test(w));
  const last = words[words.length - 1];
  if (!last || GENERIC.has(last.toLowerCase())) return undefined;
  return last;
}

function namesIssuer(line: string, issuer: string | undefined): boolean {
  if (!issuer || !OFFICE_WORD.test(line)) return false;
  const issuerStems = new Set(
    issuer
      .split(/[^\p{L}'’]+/u)
      .filter((w) => w.length >= 4)
      .map(stem4),
  );
  const words = line.split(/[^\p{L}'’]+/u).filter((w) => w.length >= 4 && /^\p{Lu}/u.test(w) && !GENERIC.has(w.toLowerCase()));
  return words.every((w) => issuerStems.has(stem4(w)));
}

/** Whether `line` appears in `text` as a whole name, not the tail of a longer title or office. */
export function isWholeName(line: string, text: string): boolean {
  if (/^the(?:\s+[\p{Ll}'’-]+)+$/iu.test(line) && !/\p{Lu}/u.test(line.slice(4))) return false;
  for (let at = text.indexOf(line); at >= 0; at = text.indexOf(line, at + 1)) {
    const before = text.slice(Math.max(0, at - 5), at);
    if (!/[\p{L}-]$/u.test(before) && !/(?:^|\s)(?:of|for)\s$/i.test(before)) return true;
  }
  return false;
}

export function speakerAccuracy(rows: readonly AttributionRow[], statements: ReadonlyMap<string, StatementDoc>): SpeakerAccuracy {
  const out: SpeakerAccuracy = { n: 0, correct: 0, candidates: 0, wrong: [] };
  for (const { article, shown, cross } of rows) {
    if (cross || article.label !== 'derived') continue;
    for (const s of shown) {
      if (!article.gold_source_ids.includes(s.statementId)) continue;
      const stmt = statements.get(s.statementId);
      if (!stmt) continue;
      const surname = goldSurname(stmt.speaker);
      for (const p of s.passages) {
        if (!SPEAKER_TYPES.has(p.type)) continue;
        out.candidates++;
        if (!p.speaker) continue;
        out.n++;
        const names = (surname !== undefined && p.speaker.split(/[^\p{L}'’-]+/u).includes(surname)) || namesIssuer(p.speaker, stmt.issuer);
        const right = names && isWholeName(p.speaker, article.text);
        out.correct += +right;
        if (!right) out.wrong.push(`${article.id}/${s.statementId}:"${p.speaker}"`);
      }
    }
  }
  return out;
}
