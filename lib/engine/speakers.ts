/**
 * Who said it: attribution of quotes (and of reported speech) to speakers.
 *
 * Rules, in the order they are tried for a quote:
 * 1. after the closing mark: `…," X said` / `…," said X` / `…," X noted.` (speech verb next to a subject);
 * 2. before the opening mark: `X said: "…"` / `X said that "…"` / `According to X, "…"`;
 * 3. the nearest attribution clause in the same paragraph.
 * X may be a name ("Eyvazov", "Colonel Anar Eyvazov"), a role ("the spokesperson", "the ministry")
 * or a pronoun. Pronouns and person roles (spokesperson, minister, …) are resolved to the last named
 * person mentioned before them, and a bare surname is expanded to the fullest earlier mention of it
 * ("Eyvazov" → "Colonel Anar Eyvazov"). These are English rules plus the commonest speech verbs of a
 * few other languages of the corpus; anything else stays unattributed rather than guessed.
 *
 * Over 400 lines on purpose: the attribution rules and the mention resolution they share (names, roles,
 * pronouns) are one concern; split, each half would need the other's patterns.
 */

export interface Attribution {
  /** The speaker as resolved (full name when known), or undefined when nobody could be found. */
  speaker?: string;
  /** The words that named the speaker in the text ("he", "the spokesperson", "Eyvazov"). */
  mention?: string;
}

export interface SpeechClause {
  /** Offset of the subject mention. */
  at: number;
  mention: string;
  speaker: string;
  /** The speech verb ("said", "according to"): [start, end). */
  verb: [number, number];
}

const SPEECH_VERBS = [
  'said',
  'says',
  'say',
  'added',
  'adds',
  'noted',
  'notes',
  'stated',
  'states',
  'stressed',
  'stresses',
  'underlined',
  'underlines',
  'underscored',
  'emphasized',
  'emphasised',
  'emphasizes',
  'told',
  'tells',
  'explained',
  'declared',
  'announced',
  'warned',
  'affirmed',
  'asserted',
  'remarked',
  'continued',
  'pointed out',
  'wrote',
  'urged',
  'insisted',
  'reiterated',
  'concluded',
  'recalled',
  'informed',
  'mentioned',
  'highlighted',
  'confirmed',
  'commented',
  'clarified',
  'argued',
  'claimed',
  'replied',
  'responded',
  'answered',
  'observed',
  'reported',
  'read',
  'reads',
  'quoted',
  'defended',
  'acknowledged',
  'admitted',
  'cautioned',
  'contended',
  'maintained',
  'indicated',
  'suggested',
  'specified',
  'considered',
  'condemned',
  'denounced',
  // de, fr, ru, tr, az
  'sagte',
  'erklärte',
  'betonte',
  'déclaré',
  'a déclaré',
  'a dit',
  'a souligné',
  'заявил',
  'заявила',
  'сказал',
  'сказала',
  'отметил',
  'отметила',
  'подчеркнул',
  'подчеркнула',
  'dedi',
  'söyledi',
  'bildirdi',
  'bildirib',
  'qeyd edib',
  'deyib',
];
const VERB = `(?:${SPEECH_VERBS.map((v) => v.replace(/ /g, '\\s+')).join('|')})`;

const TITLES = [
  'Colonel',
  'Col\\.',
  'Lieutenant Colonel',
  'Lt\\. Col\\.',
  'General',
  'Gen\\.',
  'Brig\\. Gen\\.',
  'Brigadier General',
  'Major General',
  'Maj\\. Gen\\.',
  'Major',
  'Maj\\.',
  'Captain',
  'Capt\\.',
  'Admiral',
  'Adm\\.',
  'Minister',
  'Foreign Minister',
  'Defense Minister',
  'Defence Minister',
  'Prime Minister',
  'President',
  'Vice President',
  'Secretary',
  'Secretary of State',
  'Spokesperson',
  'Spokesman',
  'Spokeswoman',
  'Ambassador',
  'Senator',
  'Sen\\.',
  'Rep\\.',
  'Representative',
  'Chairman',
  'Director',
  'Mr\\.?',
  'Mrs\\.?',
  'Ms\\.?',
  'Dr\\.?',
  'Prof\\.?',
  'Deputy',
  // Hyphenated titles are one title: "Secretary-General Antonio Guterres" is not "General Antonio Guterres".
  'Under-Secretary-General',
  'Deputy Secretary-General',
  'Secretary-General',
  'Director-General',
  'Commander-in-Chief',
  'Attorney General',
  'Surgeon General',
];
/**
 * A capitalised word of a name; a full stop belongs to it only in an abbreviation with dots ("U.S.")
 * or after at most three letters ("J.", "Jr."): "said Price. Blinken also …" names Price, not
 * "Price. Blinken al".
 */
const NAME_WORD = `\\p{Lu}(?:\\.(?:\\p{Lu}\\.)+|[\\p{L}\\p{M}'’\\-]{0,2}\\.(?![\\p{L}])|[\\p{L}\\p{M}'’\\-]*)`;
/**
 * Capitalised words, with the particles of personal names and, before another capitalised word, "of",
 * "for" and "of the", as in the names of offices ("Azerbaijan's Ministry of Defense", "Secretary of
 * State Antony Blinken", "Ministry of Foreign Affairs of the Republic of Türkiye").
 */
/** Space inside one name: a name never runs across a line break (a headline ending "… in Gaza" above "US Defense Secretary Lloyd Austin"). */
const NAME_SPACE = '[^\\S\\n\\r\\u2028\\u2029]+';
const NAME = `${NAME_WORD}(?:${NAME_SPACE}(?:(?:of|for)${NAME_SPACE}(?:the${NAME_SPACE})?)?${NAME_WORD}|${NAME_SPACE}(?:de|van|von|al|bin|el|la|da)(?![\\p{L}]))*`;
// Titles also appear in lower case before a name ("State Department spokesperson Ned Price").
const TITLE = `(?:${[...TITLES, ...TITLES.map((t) => t.toLowerCase())].join('|')})`;
/** "Colonel Anar Eyvazov", "Spokesperson Matthew Miller": a title then a capitalised name. */
const TITLED_PERSON = new RegExp(`(?<![\\p{L}\\-])(${TITLE}(?:${NAME_SPACE}${TITLE})*)${NAME_SPACE}(${NAME_WORD}(?:${NAME_SPACE}${NAME_WORD}){0,3})`, 'gu');

const PRONOUNS = /^(he|she|they|him|her|it)$/i;
/** Nouns for the source document itself: "…," the statement read. */
const DOCUMENT_NOUNS = 'statement|readout|release|press release|communiqu[eé]';
const DOCUMENT_SUBJECT = new RegExp(`^the\\s+(?:[\\p{L}\\-’']+\\s+){0,3}?(?:${DOCUMENT_NOUNS})$`, 'iu');
/** Whether a speaker mention names the source document itself ("the statement", "the readout"). */
export function isDocumentMention(mention: string | undefined): boolean {
  return mention !== undefined && DOCUMENT_SUBJECT.test(mention.trim());
}
/** Head nouns of offices and institutions: such a subject is no person (never the antecedent of "he"). */
const INSTITUTION_WORDS =
  'ministry|ministries|department|office|embassy|agency|service|government|committee|council|commission|house|presidency|secretariat|administration|cabinet|parliament|kremlin|pentagon|mission|directorate|command|bureau|center|centre|organization|organisation|nations|union|court|authority|authorities';
const INSTITUTION_NOUN = new RegExp(`(?<![\\p{L}])(?:${INSTITUTION_WORDS})(?![\\p{L}])`, 'iu');
/** Roles that denote one person: resolved to the last named person. */
const PERSON_ROLE =
  /^(?:the\s+)?(?:[\p{L}-]+\s+){0,3}(spokesperson|spokesman|spokeswoman|minister|secretary|president|colonel|general|official|chief|head|director|ambassador|envoy|press\s+secretary)$/iu;

/** A subject as it appears next to a speech verb. */
const SUBJECT = `(he|she|they|it|[Tt]he\\s+(?:[\\p{L}\\-’'.]+\\s+){0,4}?(?:spokesperson|spokesman|spokeswoman|minister|ministry|secretary|president|official|officials|chief|head|director|department|office|${DOCUMENT_NOUNS}|ambassador|envoy|colonel|general|embassy|agency|government|committee|service)|[Tt]he\\s+${NAME}|${NAME})`;
/** Up to six words describing the subject before it: "U.S. Department of State spokesperson Matthew Miller said". */
const DESCRIPTOR = `(?:[\\p{L}.’'\\-]+\\s+){0,6}?`;

/** An adverb between a subject and its speech verb: "Price also said". */
const ADVERB = '(?:also\\s+|further\\s+|then\\s+)?';
const AFTER_SUBJECT_VERB = new RegExp(`^\\s*[,.;:!?—–-]*\\s*${DESCRIPTOR}${SUBJECT}\\s+${ADVERB}${VERB}(?![\\p{L}])`, 'u');
const APPOSITIVE_NAME = new RegExp(`^,?\\s*(${NAME_WORD}(?:\\s+${NAME_WORD}){1,3})`, 'u');
const AFTER_VERB_SUBJECT = new RegExp(`^\\s*[,.;:!?—–-]*\\s*${VERB}\\s+${SUBJECT}`, 'u');
const BEFORE_SUBJECT_VERB = new RegExp(`${SUBJECT}\\s+${ADVERB}${VERB}(?:\\s+that)?\\s*[:,]?\\s*$`, 'u');
const BEFORE_ACCORDING = new RegExp(`[Aa]ccording\\s+to\\s+${SUBJECT}\\s*[:,]?\\s*$`, 'u');
const AFTER_ACCORDING = new RegExp(`^\\s*[,.;:!?—–-]*\\s*according\\s+to\\s+${SUBJECT}`, 'u');
const VERB_ANYWHERE = new RegExp(`(?<![\\p{L}])${VERB}(?![\\p{L}])`, 'gu');
const SUBJECT_BEFORE_VERB = new RegExp(`${SUBJECT}\\s+${ADVERB}$`, 'u');
const SUBJECT_AFTER_VERB = new RegExp(`^\\s+${SUBJECT}`, 'u');
/**
 * A subject with an appositive between commas before the verb: a name after a title ("the State
 * Department spokesman, Ned Price, said") or a description after a name ("John Kirby, a national
 * security spokesperson for the White House, said"). Group 2 is the name when the appositive is one.
 */
const APPOSITIVE_BEFORE_VERB = new RegExp(
  `${SUBJECT},${NAME_SPACE}(?:(${NAME_WORD}(?:${NAME_SPACE}${NAME_WORD}){1,3})|(?:an?|the)\\s[^,\\n]{2,70}?),\\s+${ADVERB}$`,
  'u',
);
const SUBJECT_AT_START = new RegExp(`^${SUBJECT}`, 'u');
/** "according to X", and the wire services' "citing X" / "quoting X". */
const ACCORDING_TO = /(?<![\p{L}])(?:[Aa]ccording\s+to|citing|quoting)\s+/gu;
const POSSESSIVE_END = /['’]s$/;
/**
 * A finite verb right after "said X" makes X the subject of what was said, not the speaker: "…, said
 * the Defense Department was tracking a high-altitude object" (the speaker came before the verb).
 */
const FINITE_VERB_NEXT = /^\s+(?:was|were|is|are|had|has|have|will|would|could|should|can|may|might|must|did|does|do)(?![\p{L}])/u;
/** Characters looked at on each side of a speech verb for its subject. */
const CLAUSE_WINDOW = 80;
/** …and before it for a subject with an appositive. */
const APPOSITIVE_WINDOW = 140;
const COMMA_BEFORE_VERB = new RegExp(`,\\s+${ADVERB}$`, 'u');

/**
 * Visits the subject of every "X said" / "said X" / "according to X" clause, in text order.
 * Verb-first: find the (few) speech verbs, then match the subject in an 80-character window on each
 * side. One regex for "subject verb | verb subject" over the whole text cost 9-65 ms on 1,500-word
 * articles (the subject pattern is tried at every position); this costs < 1 ms.
 */
function scanClauses(text: string, visit: (mention: string, at: number, verb: [number, number]) => void, remember = false): void {
  // A check reads its article's clauses twice, for the people it names (findPersonMentions, which
  // remembers them) and for the credits of copied passages (findSpeechClauses on the same text), with
  // scans of a quote's paragraph in between (which are not remembered, so they do not evict it).
  let found = remembered?.text === text ? remembered.found : undefined;
  if (!found) {
    found = clausesOf(text);
    if (remember) remembered = { text, found };
  }
  // A possessive is no subject: "… and noted the President’s public commitments" (the President is
  // not credited with anything there).
  for (const [mention, at, verb] of found) if (!POSSESSIVE_END.test(mention)) visit(mention, at, verb);
}

type FoundClause = [mention: string, at: number, verb: [number, number]];
/** The clauses of the last text whose people were read (scanClauses). */
let remembered: { text: string; found: readonly FoundClause[] } | undefined;

/** scanClauses' subjects and verbs, in text order. */
function clausesOf(text: string): FoundClause[] {
  const found: FoundClause[] = [];
  VERB_ANYWHERE.lastIndex = 0;
  for (let m = VERB_ANYWHERE.exec(text); m; m = VERB_ANYWHERE.exec(text)) {
    const from = Math.max(0, m.index - CLAUSE_WINDOW);
    const end = m.index + m[0].length;
    const before = text.slice(from, m.index);
    // The appositive pattern is tried only after a comma, over a wider window ("John Kirby, a national
    // security spokesperson for the White House, said" is 66 characters before the verb).
    const wideFrom = Math.max(0, m.index - APPOSITIVE_WINDOW);
    const appositive = COMMA_BEFORE_VERB.test(before) ? APPOSITIVE_BEFORE_VERB.exec(text.slice(wideFrom, m.index)) : null;
    if (appositive?.[1]) {
      // "the State Department spokesman, Ned Price, said": the name; "John Kirby, a White House
      // spokesperson, said": the subject.
      const [whole, subject, name] = appositive;
      // With a name, the title and the name as the article writes them ("U.S. State Department
      // spokesman, Ned Price"): the speaker line keeps the full title.
      const titled = name ? whole.slice(0, whole.indexOf(name, subject!.length) + name.length).replace(/^the\s+(?=\p{Lu})/iu, '') : subject!;
      found.push([titled, wideFrom + appositive.index, [m.index, end]]);
      continue;
    }
    const b = SUBJECT_BEFORE_VERB.exec(before);
    if (b?.[1]) {
      found.push([b[1], from + b.index, [m.index, end]]);
      continue;
    }
    const after = text.slice(end, end + CLAUSE_WINDOW);
    const a = SUBJECT_AFTER_VERB.exec(after);
    if (a?.[1] && !FINITE_VERB_NEXT.test(after.slice(a[0].length))) found.push([a[1], end + a[0].length - a[1].length, [m.index, end]]);
  }
  ACCORDING_TO.lastIndex = 0;
  for (let m = ACCORDING_TO.exec(text); m; m = ACCORDING_TO.exec(text)) {
    const end = m.index + m[0].length;
    const a = SUBJECT_AT_START.exec(text.slice(end, end + CLAUSE_WINDOW));
    if (a?.[1]) found.push([a[1], end, [m.index, end]]);
  }
  return found.sort((x, y) => x[1] - y[1]);
}

/** Capitalised words that start sentences or name institutions: never a person on their own. */
const NOT_A_PERSON =
  /^(The|This|That|These|Those|It|We|I|You|In|On|At|As|But|And|Also|However|Meanwhile|Ministry|Department|Office|Government|Embassy|Agency|Committee|Republic|State|News|Today|Yesterday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;

export interface PersonMention {
  at: number;
  name: string;
  /** True when the mention is the subject of a speech verb ("Price said"). */
  speaker?: boolean;
}

/**
 * Named people mentioned with a title ("Colonel Anar Eyvazov"), in text order. `quoted` spans (the
 * article's quotations) hold other people's words: a speech clause inside one ("…Blinken urged
 * President Aliyev…" in a spokesperson's quoted readout) is not a speaker of the article, so it never
 * becomes the antecedent of a later "he said".
 */
export function findPersonMentions(text: string, quoted: ReadonlyArray<{ start: number; end: number }> = []): PersonMention[] {
  const out: PersonMention[] = [];
  TITLED_PERSON.lastIndex = 0;
  for (let m = TITLED_PERSON.exec(text); m; m = TITLED_PERSON.exec(text)) {
    const name = m[2]!.replace(/[.,]$/, '');
    if (NOT_A_PERSON.test(name.split(/\s+/)[0]!)) continue;
    out.push({ at: m.index, name: `${m[1]} ${name}`.replace(/\s+/g, ' ') });
  }
  // Named subjects of speech verbs are the preferred antecedents of "he"/"she" (a person merely
  // mentioned, e.g. inside a quote, is not).
  const titled = [...out];
  scanClauses(
    text,
    (mention, at) => {
      if (PRONOUNS.test(mention) || /^the\s/i.test(mention) || !isPlausibleSubject(mention) || INSTITUTION_NOUN.test(mention)) return;
      if (quoted.some((q) => at >= q.start && at < q.end)) return;
      const name = resolveMention(mention, at, titled, text);
      if (name) out.push({ at, name, speaker: true });
    },
    true,
  );
  return out.sort((a, b) => a.at - b.at);
}

/** Resolves a subject mention at offset `at` to a speaker, using the people named before it. */
export function resolveMention(mention: string, at: number, people: readonly PersonMention[], text?: string): string | undefined {
  // A sentence-final full stop is not part of a name ("said Matthew Miller."), an initial's is ("J.").
  const clean = mention
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(\p{L}{2,})\.$/u, '$1');
  const before = people.filter((p) => p.at < at);
  const last = before[before.length - 1];
  if (PRONOUNS.test(clean)) {
    if (/^(it)$/i.test(clean)) return undefined;
    const lastSpeaker = before.filter((p) => p.speaker).pop();
    return (lastSpeaker ?? last)?.name;
  }
  // The document itself: callers show no speaker for it (the nearest office named before is too often
  // another one: "The Ministry of Defense of Baku …" two paragraphs before "…," said the statement of
  // Armenia's foreign ministry, dev A047).
  if (DOCUMENT_SUBJECT.test(clean)) return clean;
  if (PERSON_ROLE.test(clean) && /^the\s/i.test(clean)) return last?.name ?? clean;
  // "the ministry", "the foreign ministry": the office the article named before, in full.
  // "The ministry said" at the start of a sentence too.
  if (/^[Tt]he(?:\s+[\p{Ll}\-’']+)+$/u.test(clean) && text) return institutionBefore(text, at, clean.split(' ').slice(1)) ?? clean;
  if (/^the\s/i.test(clean)) return clean;
  // A name: expand a surname (or partial name) to its fullest earlier mention.
  const words = clean.split(' ');
  const surname = words[words.length - 1]!;
  let best: string | undefined;
  for (const p of people) {
    const pw = p.name.split(' ');
    // Any name part, not only the last: Chinese names put the family name first ("Mao Ning" → "said Mao").
    if (pw.includes(surname) && (!best || p.name.length > best.length)) best = p.name;
  }
  if (best && best.length >= clean.length) return best;
  if (text && words.length === 1) {
    const expanded = expandSurname(text, surname);
    if (expanded) return expanded;
  }
  return clean;
}

/**
 * The nearest office named before `at` whose name holds the word `head` ("Azerbaijan's Ministry of
 * Defense" for "the ministry"): what a bare "the ministry" refers to. Built once per text.
 */
let institutionText = '';
let institutions: Array<{ at: number; name: string; lower: string }> = [];
const NAME_RUN = new RegExp(`(?<![\\p{L}])(?:[Tt]he\\s+)?${NAME}`, 'gu');
/** An office named by its country's adjective in lower case: "the Armenian foreign ministry". */
const NATIONAL_OFFICE = new RegExp(`(?<![\\p{L}])(?:[Tt]he\\s+)?\\p{Lu}[\\p{L}’'-]+(?:\\s+\\p{Ll}[\\p{Ll}-]*)?\\s+(?:${INSTITUTION_WORDS})(?![\\p{L}])`, 'gu');
function institutionBefore(text: string, at: number, words: readonly string[]): string | undefined {
  if (text !== institutionText) {
    institutionText = text;
    institutions = [];
    for (const re of [NAME_RUN, NATIONAL_OFFICE]) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const name = m[0].replace(/^[Tt]he\s+/, '').replace(/[’']s$/, '');
        if (INSTITUTION_NOUN.test(name) && /\s/.test(name)) institutions.push({ at: m.index, name, lower: name.toLowerCase() });
      }
    }
    institutions.sort((a, b) => a.at - b.at);
  }
  // Every word of the bare mention: "the foreign ministry" is the "Armenian foreign ministry" or the
  // "Ministry of Foreign Affairs", not the "Ministry of Defense" named last.
  const wanted = words.map((w) => w.toLowerCase());
  let found: string | undefined;
  for (const i of institutions) {
    if (i.at >= at) break;
    const held = i.lower.split(/\s+/);
    if (wanted.every((w) => held.includes(w))) found = i.name;
  }
  return found;
}

/**
 * An untitled full name elsewhere in the text ("… Department of State Ned Price.") expands a surname.
 * Built once per text (a RegExp per surname was the largest cost of attribution on long articles).
 */
let expansionText = '';
let fullNames = new Map<string, string>();
const CAPITALISED_PAIR = new RegExp(`(?<![\\p{L}])(?=(${NAME_WORD})\\s+(${NAME_WORD}))`, 'gu');
function expandSurname(text: string, surname: string): string | undefined {
  if (text !== expansionText) {
    // One scan per text: every "Capitalised Capitalised" pair, keyed by its second word (first seen wins).
    expansionText = text;
    fullNames = new Map();
    CAPITALISED_PAIR.lastIndex = 0;
    for (let m = CAPITALISED_PAIR.exec(text); m; m = CAPITALISED_PAIR.exec(text)) {
      CAPITALISED_PAIR.lastIndex = m.index + 1;
      const first = m[1]!;
      const second = m[2]!.replace(/\.$/, '');
      if (NOT_A_PERSON.test(first) || /\.$/.test(first) || fullNames.has(second)) continue;
      fullNames.set(second, `${first} ${second}`);
    }
  }
  return fullNames.get(surname);
}

function isPlausibleSubject(s: string): boolean {
  const first = s.trim().split(/\s+/)[0]!;
  return !NOT_A_PERSON.test(first) || /^the\s/i.test(s);
}

const TITLED_PERSON_IN = new RegExp(TITLED_PERSON.source, 'u');

/**
 * The subject as a speaker mention: itself when plausible, else the titled person at its end
 * ("State Department Spokesperson Ned Price said": the capitalised run starts with an institution,
 * which alone would be rejected, but it ends with a titled name).
 */
function subjectMention(s: string): string | undefined {
  if (isPlausibleSubject(s)) return s;
  const m = TITLED_PERSON_IN.exec(s);
  if (!m || NOT_A_PERSON.test(m[2]!.split(/\s+/)[0]!)) return undefined;
  return s.slice(m.index).trim();
}

/**
 * All "X said" / "said X" / "according to X" clauses, with X resolved. A clause is found by its verb:
 * those of a part of the text are the ones whose verb starts in it (credits.ts).
 */
export function findSpeechClauses(
  text: string,
  people: readonly PersonMention[] | (() => readonly PersonMention[]) = () => findPersonMentions(text),
): SpeechClause[] {
  const out: SpeechClause[] = [];
  // People are looked up only once a clause is found: most paragraphs a credit check reads have none.
  let known = typeof people === 'function' ? undefined : people;
  scanClauses(text, (subject, at, verb) => {
    const mention = subjectMention(subject);
    if (!mention) return;
    known ??= (people as () => readonly PersonMention[])();
    const speaker = resolveMention(mention, at, known, text);
    if (speaker) out.push({ at, mention, speaker, verb });
  });
  return out;
}

/**
 * Attributes the quote [open, close) of `text` (open = offset of the opening mark, close = just past the
 * closing mark) to a speaker.
 */
export function attributeQuote(text: string, open: number, close: number, people: readonly PersonMention[] = findPersonMentions(text)): Attribution {
  const lineEnd = (() => {
    const nl = text.indexOf('\n', close);
    return nl < 0 ? text.length : nl;
  })();
  const lineStart = text.lastIndexOf('\n', open - 1) + 1;
  const after = text.slice(close, Math.min(lineEnd, close + 160));
  const before = text.slice(Math.max(lineStart, open - 200), open);
  const tryMatch = (re: RegExp, s: string, offsetOf: (m: RegExpExecArray) => number): Attribution | undefined => {
    const m = re.exec(s);
    const subject = m?.[1] ? subjectMention(m[1]) : undefined;
    if (!m || !subject) return undefined;
    // "said the ICRC's regional director for Eurasia, Ariane Bauer": the appositive name wins.
    if (/^the\s/i.test(subject) && !DOCUMENT_SUBJECT.test(subject)) {
      const tail = s.slice(m.index + m[0].length).replace(/^(?:\s+(?:for|of|in|at|on)\s+(?:the\s+)?[\p{L}-]+)*/u, '');
      const name = APPOSITIVE_NAME.exec(tail);
      if (name && isPlausibleSubject(name[1]!)) return { speaker: name[1]!, mention: subject };
    }
    const speaker = resolveMention(subject, offsetOf(m), people, text);
    return speaker ? { speaker, mention: subject } : undefined;
  };
  return (
    tryMatch(AFTER_SUBJECT_VERB, after, () => close) ??
    tryMatch(AFTER_VERB_SUBJECT, after, () => close) ??
    tryMatch(AFTER_ACCORDING, after, () => close) ??
    tryMatch(BEFORE_SUBJECT_VERB, before, (m) => open - before.length + m.index) ??
    tryMatch(BEFORE_ACCORDING, before, (m) => open - before.length + m.index) ??
    nearestClauseInParagraph(text, open, close, people) ??
    {}
  );
}

/** Longest distance from a quote at which an attribution clause of its paragraph is still used. */
const NEAREST_CLAUSE_WINDOW = 300;

function nearestClauseInParagraph(text: string, open: number, close: number, people: readonly PersonMention[]): Attribution | undefined {
  const paraStart = Math.max(text.lastIndexOf('\n', open - 1) + 1, open - NEAREST_CLAUSE_WINDOW);
  const nl = text.indexOf('\n', close);
  const paraEnd = Math.min(nl < 0 ? text.length : nl, close + NEAREST_CLAUSE_WINDOW);
  const outside = text.slice(paraStart, open) + ' '.repeat(Math.max(0, close - open)) + text.slice(close, paraEnd);
  const clauses = findSpeechClauses(
    outside,
    people.map((p) => ({ ...p, at: p.at - paraStart })),
  );
  if (!clauses.length) return undefined;
  const qMid = (open + close) / 2 - paraStart;
  clauses.sort((a, b) => Math.abs(a.at - qMid) - Math.abs(b.at - qMid));
  const c = clauses[0]!;
  return { speaker: c.speaker, mention: c.mention };
}

/** Whether an attributed speaker names the same person or body as a statement's speaker/issuer. */
export function sameSpeaker(attributed: string | undefined, statementSpeaker: string | undefined, issuer?: string): boolean | undefined {
  if (!attributed) return undefined;
  // Attributed to the source document itself ("the statement read", "the readout said").
  if (DOCUMENT_SUBJECT.test(attributed.trim())) return true;
  const words = (s: string) => new Set(nameWordsOf(s));
  const a = words(attributed);
  if (statementSpeaker) {
    const s = words(statementSpeaker);
    for (const w of a) if (s.has(w)) return true;
  }
  if (issuer && INSTITUTION_NOUN.test(attributed) && namesIssuer(attributed, issuer)) return true;
  if (issuer && /^the\s/i.test(attributed)) {
    // "the ministry", "the State Department": compare content words case-insensitively.
    const lower = (s: string) =>
      new Set(
        s
          .toLowerCase()
          .split(/[^\p{L}]+/u)
          .filter((w) => w.length >= 4),
      );
    const i = lower(issuer);
    for (const w of lower(attributed)) if (i.has(w)) return true;
  }
  if (!statementSpeaker) return undefined;
  return false;
}
/**
 * For a statement that names no speaker: false when the article quotes a person, named in full, whom
 * the statement never names (none of the name's words), undefined otherwise. A ministry's unsigned statement does not put words in a president's
 * mouth (dev: Erdogan's rally remarks against the Turkish foreign ministry's statement on the same
 * attack, N040); one that reports what the president said names him.
 */
export function personAbsentFrom(attributed: string | undefined, statementWords: () => WordSet): false | undefined {
  // "the ministry", "the statement" (a document subject starts with "the" too): no person.
  if (!attributed || INSTITUTION_NOUN.test(attributed) || /^the\s/i.test(attributed)) return undefined;
  const names = nameWordsOf(attributed);
  // A full name (given name and surname): one capitalised word may be a sentence's first ("Officials
  // said …") or a role.
  if (names.length < 2) return undefined;
  const words = statementWords();
  return names.some((w) => words.has(foldedWord(w))) ? undefined : false;
}

/** The capitalised words of a speaker or office name, titles left out ("Colonel", "Minister"): what tells one from another. */
function nameWordsOf(s: string): string[] {
  return s
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3 && /^\p{Lu}/u.test(w) && !TITLE_WORDS.has(w.toLowerCase()));
}

/** A word with accents folded and lower-cased: "Erdogan" in the article is "Erdoğan" in the statement. */
function foldedWord(w: string): string {
  return w.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Whether a word is one of a text's words. */
export interface WordSet {
  has(word: string): boolean;
}

const WORD_CHARS = /^[\p{L}\p{N}]+$/u;
const ENDS_IN_WORD_CHAR = /[\p{L}\p{N}]$/u;
const STARTS_WITH_WORD_CHAR = /^[\p{L}\p{N}]/u;

/**
 * The folded words of a text (its runs of letters and digits, foldedWord), for {@link personAbsentFrom}.
 * Answered by searching the folded text, not by splitting it into a Set: it is asked about a name's
 * two or three words, and the split cost ~0.6 ms for a 5,000-word release, once per candidate of
 * every check. The answers are the Set's: a word is there when it occurs as a whole run (no letter
 * or digit on either side); the empty word when the text is empty or starts or ends with a separator.
 */
export function foldedWords(text: string): WordSet {
  const folded = foldedWord(text);
  return {
    has(word: string): boolean {
      if (!word) return !folded || !STARTS_WITH_WORD_CHAR.test(folded) || !ENDS_IN_WORD_CHAR.test(folded);
      if (!WORD_CHARS.test(word)) return false;
      for (let i = folded.indexOf(word); i >= 0; i = folded.indexOf(word, i + 1)) {
        const end = i + word.length;
        if (!ENDS_IN_WORD_CHAR.test(folded.slice(Math.max(0, i - 2), i)) && !STARTS_WITH_WORD_CHAR.test(folded.slice(end, end + 2))) return true;
      }
      return false;
    },
  };
}
/** Words every office name has: they tell no issuer from another. */
const GENERIC_OFFICE_WORDS = new Set([
  'ministry',
  'ministries',
  'department',
  'office',
  'affairs',
  'foreign',
  'republic',
  'government',
  'press',
  'service',
  'spokesperson',
  'spokesman',
  'spokeswoman',
  'the',
  'of',
  'for',
  'and',
]);

/**
 * Whether an office as the article names it is the statement's issuer: each of its distinctive words
 * (first four letters, accents folded, so "Azerbaijani" = "Azerbaijan", "Turkish" = "Türkiye",
 * "Defence" = "Defense") is a word of the issuer's name, and there is at least one: "Azerbaijan's
 * Defense Ministry" names the "Ministry of Defense of the Republic of Azerbaijan"; "Armenian Defense
 * Ministry" does not.
 */
function namesIssuer(office: string, issuer: string): boolean {
  const stems = (s: string) =>
    foldedWord(s)
      .replace(/['’]s\b/g, '')
      .split(/[^\p{L}]+/u)
      .filter((w) => w.length >= 4 && !GENERIC_OFFICE_WORDS.has(w))
      .map((w) => w.slice(0, 4));
  const own = stems(office);
  if (!own.length) return false;
  const theirs = new Set(stems(issuer));
  return own.every((w) => theirs.has(w));
}
const TITLE_WORDS = new Set([
  'colonel',
  'general',
  'minister',
  'president',
  'secretary',
  'spokesperson',
  'spokesman',
  'spokeswoman',
  'chief',
  'press',
  'service',
  'foreign',
  'ministry',
  'the',
  'office',
  'deputy',
  'director',
  'ambassador',
  'senator',
]);
