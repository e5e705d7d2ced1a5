import { isDayOrdinalStop, type MachineTranslation } from '../engine/index';
import { MESSAGE_LIMITS } from '../messaging/protocol';

/**
 * The article translated on the user's machine, sentence by sentence, so that the background can seek
 * sources in the corpus's language through the translation and map what it finds back to the
 * sentences of the page (lib/engine/cross-language/machine-translation.ts).
 *
 * Sentence by sentence, not in one call: each translated sentence is a segment that points to its
 * original, so a passage found in the translation marks the sentence it came from, not a paragraph.
 * Only the first MESSAGE_LIMITS.translatedChars characters are translated: an on-device model takes
 * tens of milliseconds a sentence, and a wire report's sources are quoted near its top.
 */

export interface TextTranslator {
  translate(text: string): Promise<string>;
}

export async function translateArticle(
  text: string,
  sourceLang: string,
  targetLang: string,
  translator: TextTranslator,
  signal?: AbortSignal,
): Promise<MachineTranslation> {
  const segmenter = new Intl.Segmenter(sourceLang, { granularity: 'sentence' });
  const limit = Math.min(text.length, MESSAGE_LIMITS.translatedChars);
  const segments: MachineTranslation['segments'] = [];
  let out = '';
  for (const paragraph of paragraphsOf(text, limit)) {
    let first = true;
    for (const { segment, index } of sentencesOf(segmenter, text.slice(paragraph[0], paragraph[1]))) {
      const lead = segment.length - segment.trimStart().length;
      const sentence = segment.trim();
      if (!sentence) continue;
      signal?.throwIfAborted();
      const rendered = await renderSentence(translator, sentence, signal);
      if (!rendered) continue;
      if (out && segments.length === MESSAGE_LIMITS.translationSegments) return { lang: targetLang, text: out, segments };
      if (out.length + rendered.length + 2 > MESSAGE_LIMITS.translationChars) return { lang: targetLang, text: out, segments };
      out += out ? (first ? '\n\n' : ' ') : '';
      first = false;
      const start = paragraph[0] + index + lead;
      segments.push([out.length, out.length + rendered.length, start, start + sentence.length]);
      out += rendered;
    }
  }
  return { lang: targetLang, text: out, segments };
}

/**
 * One sentence's translation, or '' when the translator refuses it (a sentence it cannot handle is
 * left out; the others still count). The page going away stops everything.
 */
async function renderSentence(translator: TextTranslator, sentence: string, signal?: AbortSignal): Promise<string> {
  try {
    return (await translator.translate(sentence)).replace(/\s+/g, ' ').trim();
  } catch (error) {
    signal?.throwIfAborted();
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    return '';
  }
}

/** [start, end) of each non-empty line of text[0, limit) (the extracted article has one paragraph a line). */
function paragraphsOf(text: string, limit: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  while (start < limit) {
    let end = text.indexOf('\n', start);
    if (end < 0 || end > limit) end = limit;
    if (text.slice(start, end).trim()) out.push([start, end]);
    start = end + 1;
  }
  return out;
}

/** A trailing day number with its full stop ("des 10. "): see isDayOrdinalStop. */
const TRAILING_DAY = /(?:^|[^\p{L}\p{N}])(\d{1,2})\.\s*$/u;

/**
 * The segmenter's sentences, joined again where it split after the ordinal stop of a day before its
 * month ("Am Abend des 10. " | "Mai haben …"): ICU's sentence rules take the capitalised month for a
 * new sentence, and a translated sentence cut there left its first words unmarked.
 */
function* sentencesOf(segmenter: Intl.Segmenter, text: string): Generator<{ segment: string; index: number }> {
  let pending: { segment: string; index: number } | null = null;
  for (const { segment, index } of segmenter.segment(text)) {
    const current: { segment: string; index: number } = pending ? { segment: pending.segment + segment, index: pending.index } : { segment, index };
    const day = TRAILING_DAY.exec(current.segment)?.[1];
    const next = text.slice(index + segment.length);
    if (day !== undefined && isDayOrdinalStop(day, next)) {
      pending = current;
      continue;
    }
    pending = null;
    yield current;
  }
  if (pending) yield pending;
}
