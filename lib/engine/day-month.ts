/**
 * "des 10. Mai", "10. května", "10. maj": many languages write the day of a date as an ordinal, a
 * number with a full stop, before the month's name. That full stop ends no sentence, but a German
 * month is capitalised, so it looks like one; splitting there left "Am Abend des 10." unmarked before
 * the translated passage "Mai haben …" (the engine's sentences and the on-device translation's
 * sentences both split there).
 *
 * Which languages write the day so, and their month names as written after a day, come from CLDR
 * through Intl.DateTimeFormat (formatToParts of a day and month): nothing is listed by hand but the
 * languages to ask about, which are those the engine meets in official statements and news
 * (Latin, Cyrillic and Greek scripts; the others write no full stop after a day).
 */

const CANDIDATE_LANGUAGES = [
  'de',
  'da',
  'nb',
  'nn',
  'sv',
  'is',
  'fo',
  'fi',
  'et',
  'lv',
  'lt',
  'cs',
  'sk',
  'pl',
  'hu',
  'sl',
  'hr',
  'bs',
  'sr',
  'sr-Latn',
  'mk',
  'bg',
  'tr',
  'az',
  'ro',
  'nl',
  'en',
  'fr',
  'it',
  'es',
  'pt',
  'ru',
  'uk',
  'be',
  'el',
  'sq',
];

let monthNames: Set<string> | null = null;

/** Month names (lower case, long and short, without a closing full stop) of the languages that write "10. Mai". */
function dayStopMonths(): Set<string> {
  if (monthNames) return monthNames;
  const names = new Set<string>();
  for (const lang of CANDIDATE_LANGUAGES) {
    let long: Intl.DateTimeFormat;
    let short: Intl.DateTimeFormat;
    try {
      long = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', timeZone: 'UTC' });
      short = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', timeZone: 'UTC' });
    } catch {
      continue;
    }
    const probe = long.formatToParts(new Date(Date.UTC(2020, 4, 10)));
    const day = probe.findIndex((part) => part.type === 'day');
    if (day < 0 || !probe[day + 1]?.value.startsWith('.')) continue;
    for (let month = 0; month < 12; month++) {
      const date = new Date(Date.UTC(2020, month, 10));
      for (const format of [long, short]) {
        const name = format.formatToParts(date).find((part) => part.type === 'month')?.value;
        if (name) names.add(name.toLocaleLowerCase(lang).replace(/\.$/, ''));
      }
    }
  }
  return (monthNames = names);
}

const DAY_NUMBER = /^(?:[1-9]|[12]\d|3[01])$/;
const LEADING_WORD = /^\p{L}+/u;

/**
 * Whether a full stop after `previousWord` is the ordinal stop of a day before a month's name, given
 * the text that follows the stop and its white space (`next`: "Mai haben …").
 */
export function isDayOrdinalStop(previousWord: string, next: string): boolean {
  if (!DAY_NUMBER.test(previousWord)) return false;
  const word = LEADING_WORD.exec(next)?.[0];
  return word !== undefined && dayStopMonths().has(word.toLowerCase());
}
