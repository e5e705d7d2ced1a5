import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../lib/engine/quotes.ts';
import { attributeQuote, findPersonMentions, findSpeechClauses, isDocumentMention, sameSpeaker } from '../../lib/engine/speakers.ts';
import { seedBody } from './helpers.ts';

describe('speaker attribution', () => {
  const text = seedBody();
  const quotes = extractQuotes(text);
  const people = findPersonMentions(text);

  it('finds the titled person of the seed article', () => {
    expect([...new Set(people.map((p) => p.name))]).toEqual(['Colonel Anar Eyvazov']);
    expect(people.filter((p) => p.speaker).map((p) => p.name)).toEqual(['Colonel Anar Eyvazov', 'Colonel Anar Eyvazov']);
  });

  it('resolves "the spokesperson underlined", "Eyvazov noted" and "he added" to the full name', () => {
    const who = quotes.map((q) => attributeQuote(text, q.open, q.close, people));
    expect(who.map((w) => w.mention)).toEqual(['the spokesperson', 'Eyvazov', 'he']);
    expect(who.map((w) => w.speaker)).toEqual(['Colonel Anar Eyvazov', 'Colonel Anar Eyvazov', 'Colonel Anar Eyvazov']);
  });

  it('resolves the reported-speech pronoun "He said" to Colonel Anar Eyvazov', () => {
    const he = findSpeechClauses(text, people).filter((c) => c.mention === 'He');
    expect(he.length).toBeGreaterThanOrEqual(1);
    expect(text.slice(he[0]!.at, he[0]!.at + 8)).toBe('He said ');
    expect(he[0]!.speaker).toBe('Colonel Anar Eyvazov');
  });

  // Sentences from ../shared/data/dev/articles.jsonl: A065 (Asbarez), A063 (Mediamax), A060.
  it('finds the titled person at the end of an institution-led subject', () => {
    const t =
      '“Secretary of State Antony J. Blinken spoke overnight with Azerbaijani President Ilham Aliyev to express deep concern over military action along the Armenia-Azerbaijan border,” State Department Spokesperson Ned Price said in a statement.';
    const [q] = extractQuotes(t);
    expect(attributeQuote(t, q!.open, q!.close).speaker).toBe('Spokesperson Ned Price');
  });

  it('does not let a speech verb inside a quotation become the antecedent of "he said"', () => {
    const t =
      '"Secretary Blinken spoke with President Aliyev to express deep concern," State Department spokesman Ned Price said in a statement. "Secretary Blinken urged President Aliyev to cease hostilities," he said.';
    const quotes = extractQuotes(t);
    const people = findPersonMentions(t, quotes);
    expect(attributeQuote(t, quotes[1]!.open, quotes[1]!.close, people).speaker).toBe('spokesman Ned Price');
    // Without the quotation spans, "Blinken urged" (inside the quote) was taken for the last speaker.
    expect(attributeQuote(t, quotes[1]!.open, quotes[1]!.close, findPersonMentions(t)).speaker).not.toBe('spokesman Ned Price');
  });

  it('reads less common speech verbs ("he defended")', () => {
    const t = '“The sick are at particular risk,” Bauer said. “It is work that saves lives, and it must be allowed to continue,” he defended.';
    const quotes = extractQuotes(t);
    const people = findPersonMentions(t, quotes);
    expect(attributeQuote(t, quotes[1]!.open, quotes[1]!.close, people).speaker).toBe('Bauer');
  });

  it('handles "said X", "according to X" and "X said:" before the quote', () => {
    const a = 'Intro. “We condemn it,” said Spokesperson Matthew Miller.';
    const qa = extractQuotes(a)[0]!;
    expect(attributeQuote(a, qa.open, qa.close).speaker).toBe('Spokesperson Matthew Miller');
    const b = 'According to Josep Borrell, “the EU calls for an immediate end”.';
    const qb = extractQuotes(b)[0]!;
    expect(attributeQuote(b, qb.open, qb.close).speaker).toBe('Josep Borrell');
    const c = 'Mao Ning said: “China firmly opposes this.”';
    const qc = extractQuotes(c)[0]!;
    expect(attributeQuote(c, qc.open, qc.close).speaker).toBe('Mao Ning');
  });

  it('leaves a quote without any attribution unattributed', () => {
    const d = 'The weather was fine. “Nothing to add here.” The end.';
    const q = extractQuotes(d)[0]!;
    expect(attributeQuote(d, q.open, q.close).speaker).toBeUndefined();
  });

  it('compares an attributed speaker with the statement speaker or issuer', () => {
    expect(sameSpeaker('Colonel Anar Eyvazov', 'Colonel Anar Eyvazov, Chief of the Press Service')).toBe(true);
    expect(sameSpeaker('Ned Price', 'Spokesperson Matthew Miller')).toBe(false);
    expect(sameSpeaker('the ministry', undefined, 'Ministry of Defense of the Republic of Azerbaijan')).toBe(true);
    expect(sameSpeaker(undefined, 'Mao Ning')).toBeUndefined();
  });
});

// The speaker line names whom the article credits, in full. Sentences: ../shared/data/dev/articles.jsonl
// A056 (ARY News), N051 (News.az), A047 (Western Armenia TV); the rawstory.com page of
// ../shared/fixtures/pages-more (postlight--www.rawstory.com).
describe('the speaker line names the office or person in full', () => {
  const mod = 'Ministry of Defense of the Republic of Azerbaijan';

  it('an office with "of" in its name: "the Ministry of Foreign Affairs of Eastern Armenia", not "Eastern Armenia"', () => {
    const t =
      'This is how the Ministry of Foreign Affairs of Eastern Armenia responded to Baku’s statements regarding the military-technical cooperation between Armenia and France.';
    expect(findSpeechClauses(t).map((c) => c.speaker)).toEqual(['the Ministry of Foreign Affairs of Eastern Armenia']);
  });

  it('"Azerbaijan’s Defense Ministry said in a statement" credits the issuer of the MoD\'s statement', () => {
    const t =
      'The positions of the Armenian army, military radar station, vehicle depot, tanks and armored vehicles were hit, Azerbaijan’s Defense Ministry said in a statement.';
    const [clause] = findSpeechClauses(t);
    expect(clause!.speaker).toBe('Azerbaijan’s Defense Ministry');
    expect(sameSpeaker(clause!.speaker, undefined, mod)).toBe(true);
    // Another country's ministry is not the issuer, though it is a defence ministry too.
    expect(sameSpeaker('Armenian Defense Ministry', 'Colonel Anar Eyvazov, Chief of the Press Service', mod)).toBe(false);
  });

  it('"… told News.Az" credits the press service it names', () => {
    const t =
      'A large number of combat equipment, various small arms, boxes with mortar shells and other military equipment were detected in the territory of civilian factories, as well as in their storages, the Defense Ministry’s press service told News.Az.';
    const [clause] = findSpeechClauses(t);
    expect(clause!.speaker).toBe('the Defense Ministry’s press service');
    expect(sameSpeaker(clause!.speaker, undefined, mod)).toBe(true);
  });

  it('a hyphenated title stays whole: "Secretary-General Antonio Guterres", never "General Antonio Guterres"', () => {
    const t =
      'Then, on Monday, United Nations Secretary-General Antonio Guterres condemned the attacks on and around Zaporizhzhia. A spokesperson for the Kremlin, Dmitry Peskov said the shelling of the plant was fraught with catastrophic consequences for Europe.';
    const names = findPersonMentions(t).map((p) => p.name);
    expect(names).toContain('Secretary-General Antonio Guterres');
    expect(names).not.toContain('General Antonio Guterres');
    expect(findSpeechClauses(t).map((c) => c.speaker)).toContain('United Nations Secretary-General Antonio Guterres');
  });

  it('a name never runs across a line break: the headline above is not part of it (dev-formulaic F-A059)', () => {
    const t =
      "US Defense Secretary urges Israel to 'deconflict' humanitarian, military operations in Gaza\n\nUS Defense Secretary Lloyd Austin informed his Israeli counterpart Yoav Gallant in a phone call about the need for an effective mechanism, according to a statement.";
    const speakers = findSpeechClauses(t).map((c) => c.speaker);
    expect(speakers.some((s) => s.includes('Gaza'))).toBe(false);
    expect(findPersonMentions(t).every((p) => !/[\n\r]/.test(p.name))).toBe(true);
  });

  it('"the ministry" is the office the article named before it, in full', () => {
    const t = 'Azerbaijan’s Ministry of Defense held a briefing on Tuesday. The positions of the Armenian army were hit, the ministry said.';
    const clauses = findSpeechClauses(t);
    expect(clauses.map((c) => [c.mention, c.speaker])).toEqual([['the ministry', 'Azerbaijan’s Ministry of Defense']]);
  });

  it('"The ministry said" at the start of a sentence is that office too (dev A033, Armenpress)', () => {
    const t =
      'The Armenian Foreign Ministry has issued a statement in response to Azerbaijan\'s outbreak of hostilities in unrecognized Nagorno-Karabakh, accusing Baku of conducting ethnic cleansing.\n\nThis was stated in the ministry\'s statement.\n\nThe ministry said that "on September 19, Azerbaijan launched another large-scale aggression against the people of Nagorno-Karabakh in order to complete the policy of ethnic cleansing."';
    const open = t.indexOf('"on September');
    expect(attributeQuote(t, open, t.length).speaker).toBe('Armenian Foreign Ministry');
  });

  it('"the foreign ministry" is the office named before with every one of its words, in lower case too (dev A048, Hetq)', () => {
    const t =
      '“It is the sovereign right of any country to have combat-ready army equipped with modern military equipment,” the Armenian foreign ministry said in its statement.\n“Azerbaijan’s practice of predicting regional escalations at every opportunity is thought-provoking,” the foreign ministry emphasized.';
    const open = t.indexOf('“Azerbaijan’s');
    expect(attributeQuote(t, open, t.indexOf('”', open) + 1).speaker).toBe('Armenian foreign ministry');
    // A ministry of another name is not "the foreign ministry".
    const other = 'Azerbaijan’s Ministry of Defense held a briefing on Tuesday. The positions of the Armenian army were hit, the foreign ministry said.';
    expect(findSpeechClauses(other).map((c) => c.speaker)).toEqual(['the foreign ministry']);
  });

  it('a document subject ("said the statement") names no one: the card shows no speaker for it', () => {
    const t =
      '“Eastern Armenia and Baku agreed at the highest level that they recognize each other’s territorial integrity and sovereignty, in 1991, based on the declaration of Alma-Ata,” said the statement.';
    const [q] = extractQuotes(t);
    const who = attributeQuote(t, q!.open, q!.close);
    expect(who.mention).toBe('the statement');
    expect(isDocumentMention(who.speaker)).toBe(true);
    expect(sameSpeaker(who.speaker, 'Mao Ning', 'Ministry of Foreign Affairs of the Republic of Armenia')).toBe(true);
  });
});

describe('a subject with an appositive', () => {
  // Real sentences: dev-formulaic F-A048 (Armenpress) and dev A068 (the Alaska object).
  const priceQuote =
    '“The Secretary underscored that now was not the time for further escalation in the region,” the U.S. State Department spokesman, Ned Price, said in written comments on the call with Pashinian.';
  const kirby =
    'John Kirby, a national security spokesperson for the White House, said the Defense Department was tracking a “high-altitude object” over Alaska at 40,000 feet.';

  it('"the … spokesman, Ned Price, said": the name with its title as the article writes it', () => {
    expect(findSpeechClauses(priceQuote).map((c) => c.speaker)).toContain('U.S. State Department spokesman, Ned Price');
    expect(attributeQuote(priceQuote, 0, priceQuote.indexOf('”') + 1).speaker).toBe('U.S. State Department spokesman, Ned Price');
  });

  it('"John Kirby, a … spokesperson for the White House, said the Defense Department was tracking": Kirby said it, not the department', () => {
    const speakers = findSpeechClauses(kirby).map((c) => c.speaker);
    expect(speakers).toEqual(['John Kirby']);
  });

  it('"said X was …" makes X the subject of what was said, not the speaker', () => {
    // The same sentence from its description on: no subject before the verb to find.
    const fromDescription = kirby.slice(kirby.indexOf('a national security'));
    expect(findSpeechClauses(fromDescription).map((c) => c.speaker)).toEqual([]);
  });
});
