/**
 * Signs of news in the page's visible content, for pages whose metadata says little.
 *
 * Many news portals — Chinese portals, older CMSes, syndication pages — carry no OpenGraph or
 * JSON-LD at all. What they do carry are the conventions of news writing, which blogs and
 * reference pages rarely use:
 * - a lede dateline: `MOSCOW (AP) — …`, `LONDON — …`, `WASHINGTON, March 3 (Reuters) - …`;
 * - an editor or wire credit: `责任编辑：…` ("responsible editor", on nearly every Chinese news
 *   page), `Editing by …`, `Reporting by …`;
 * - a visible date in an element marked as a date or time.
 *
 * And the markup of other kinds of page that claim article metadata all the same: a recipe's
 * ingredient list, a shop's price and rating markup, a shopping guide's links to shops, a
 * tutorial's code blocks (OTHER_KIND_CHECKS).
 *
 * Each check reads a bounded number of elements or runs one selector query, so the cost stays small
 * with page size.
 */

/** Paragraphs checked for a lede dateline: the lede is always near the top. */
const LEDE_PARAGRAPHS = 40;
/** Date/time-marked elements checked for a visible date. */
const DATE_ELEMENTS = 50;
/** Editor/source-marked elements (and closing paragraphs) checked for a credit line. */
const CREDIT_ELEMENTS = 30;

/**
 * A city in capitals, optionally a date and a wire agency, then a dash: the classic news lede. A
 * hyphen counts only after a space: inside a word it is a model number or a name ("HV-BT018",
 * "EMANU-EL"), not a dateline.
 */
const LEDE_DATELINE =
  /^\s*[A-Z][A-Z.'’-]+( [A-Z][A-Z.'’-]+){0,3}(, [A-Z][\w.]+( \d{1,2})?)?( \((AP|AFP|Reuters|dpa|UPI|Xinhua|TASS|Bloomberg|EFE|ANSA|Kyodo|Yonhap|PTI|IANS)\))?( [—–-]{1,2}| ?[—–]{1,2}) ?\S/;
const EDITOR_CREDIT = /责任编辑|責任編輯|编辑[:：]|\b(Editing|Reporting|Additional reporting) by\b/;
const VISIBLE_DATE =
  /\b(19|20)\d\d[-/.年]\s?\d{1,2}|\d{1,2}[./]\d{1,2}[./](19|20)?\d\d|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? (19|20)\d\d|\b\d{1,2}\.? (jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz])[a-zé]*\.? (19|20)\d\d/i;

/**
 * The first `limit` characters of an element's text, without building its whole textContent: a
 * date-classed or headline-adjacent element can be the container of the entire page.
 */
export function leadingText(root: Node, limit: number): string {
  let text = '';
  const stack: Node[] = [root];
  while (stack.length > 0 && text.length < limit) {
    const node = stack.pop() as Node;
    if (node.nodeType === 3) {
      text += (node as Text).data.slice(0, limit - text.length);
      continue;
    }
    if (node.nodeType === 1 && /^(script|style|template|noscript)$/i.test((node as Element).tagName)) continue;
    for (let child = node.lastChild; child; child = child.previousSibling) stack.push(child);
  }
  return text;
}

/** One content check: its weight, why it counts, and the test. Cheapest first. */
export interface ContentCheck {
  points: number;
  reason: string;
  test: (doc: Document) => boolean;
}

/**
 * Markup of recipe cards (schema.org microdata, WP Recipe Maker, Tasty Recipes, hand-made cards).
 * Class substrings are matched case-sensitively, in the two spellings pages use: Chromium takes
 * seven times longer over a case-insensitive substring (3 ms on a 13,000-element page).
 */
const INGREDIENT_SELECTOR = '[itemprop="recipeIngredient"], [itemprop="ingredients"], [class*="ingredient"], [class*="Ingredient"]';
/** Price and rating microdata of shops and reviews. */
const PRICE_OR_RATING_SELECTOR = '[itemprop="price"], [itemprop="lowPrice"], [itemprop="ratingValue"], [itemprop="reviewRating"], [itemprop="aggregateRating"]';
/**
 * A heading that opens an ingredient list, in the languages of the test pages and their neighbours:
 * recipe sites without recipe markup still head the list so ("Zutaten für 4 Personen", "材料（2人分）").
 * The word stands alone or is followed by a serving count, not by words ("Ingredients of success").
 */
const INGREDIENT_HEADING =
  /^\s*(ingredients?|ingr[ée]dients|ingredientes|ingredienti|ingredi[ëe]nten|ingredienser|ingredience|zutaten|sk[łl]adniki|suroviny|hozz[áa]val[óo]k|ainekset|malzemeler|ингредиенты|состав|材料|食材|配料|재료)\s*([:：(（]|$|(for|für|pour|para|per|voor|pro|dla|на)\s)/iu;
/**
 * Addresses of shops and affiliate networks: a shopping guide or deals roundup sends its reader to
 * buy. A news story about a company links its shop once or twice at most.
 */
const SHOPPING_LINK =
  /^https?:\/\/([\w-]+\.)*(amazon\.[a-z.]+|amzn\.to|rstyle\.me|shopstyle\.[a-z.]+|skimresources\.com|go\.skimlinks\.com|redirectingat\.com|linksynergy\.com|shareasale\.com|awin1\.com|anrdoezrs\.net|tkqlhce\.com|jdoqocy\.com|dpbolvw\.net|avantlink\.com)\//i;
/** Links read for shop links. */
const LINKS = 3000;
/** Shopping links that make a page a shopping guide. */
const SHOPPING_LINKS = 5;
/** Ingredient-marked elements that make a page a recipe (a recipe card lists one per ingredient). */
const INGREDIENTS = 3;
/** Headings read for an ingredient list's. */
const HEADINGS = 60;
/** Code blocks that make a page a tutorial, documentation or a developer's post. */
const CODE_BLOCKS = 2;

/**
 * Signs that a page is another kind of page than a news story, whatever article metadata it carries:
 * a recipe card (its ingredient list), a shop or review page (price and rating markup), a shopping
 * guide (many links to shops and affiliate networks), a tutorial or documentation (code blocks).
 * Food sections, shopping desks and how-to guides of news sites send the same metadata as their
 * news, so their markup is what tells them apart.
 *
 * On the 358 dev pages (197 news): the ingredient list marks 20 of the 24 recipes and no other page
 * (−3, as a Recipe type); code blocks 14 blogs, docs and tutorials and no news page; price or rating
 * microdata 5 shop, recipe and home pages and one news page; five or more shop links 4 shopping
 * pieces and blogs and no news page (−2 each: a news page with a price widget keeps its news
 * metadata's score). Code blocks count only −1.5: tech news quotes code now and then.
 */
const OTHER_KIND_CHECKS: readonly ContentCheck[] = [
  { points: -3, reason: 'lists ingredients (a recipe)', test: (doc) => hasIngredientList(doc) },
  { points: -2, reason: 'has price or rating markup (a shop or review)', test: (doc) => doc.querySelector(PRICE_OR_RATING_SELECTOR) !== null },
  { points: -2, reason: 'links to shops (a shopping guide)', test: (doc) => hasShoppingLinks(doc) },
  { points: -1.5, reason: 'has code blocks (a tutorial or docs)', test: (doc) => doc.getElementsByTagName('pre').length >= CODE_BLOCKS },
];

/**
 * The checks in order of cost: the lede reads the first paragraphs; the credit reads the last
 * paragraphs and then scans for editor-marked elements; the date scans for date-marked elements
 * (attribute-substring selectors are the costly part, about a millisecond on a 10,000-element
 * page in Chromium).
 *
 * Weights, from the 92 real pages of shared/fixtures/pages: a lede dateline (4 of 53 news pages)
 * or an editor credit (3 of 53) is +2 — none of the 39 not-news pages has either. A visible date
 * is only +1: 22 of the 39 not-news pages show one too (blogs, Wikipedia's "Retrieved" dates),
 * against 39 of the 53 news pages.
 */
export const CONTENT_CHECKS: readonly ContentCheck[] = [
  { points: 2, reason: 'lede has a news dateline', test: (doc) => hasLedeDateline(doc) },
  { points: 2, reason: 'has an editor or wire credit', test: (doc) => hasEditorCredit(doc) },
  { points: 1, reason: 'shows a publication date', test: (doc) => hasVisibleDate(doc) },
  ...OTHER_KIND_CHECKS,
];

function hasShoppingLinks(doc: Document): boolean {
  const links = doc.getElementsByTagName('a');
  const limit = Math.min(links.length, LINKS);
  let found = 0;
  for (let index = 0; index < limit && found < SHOPPING_LINKS; index++) {
    if (SHOPPING_LINK.test(links[index]?.getAttribute('href') ?? '')) found++;
  }
  return found >= SHOPPING_LINKS;
}

/** The headings first (a few elements), then the recipe markup (a selector over the whole page). */
function hasIngredientList(doc: Document): boolean {
  return (
    someLeadingText(doc.querySelectorAll('h2, h3, h4'), 0, HEADINGS, 60, INGREDIENT_HEADING) || doc.querySelectorAll(INGREDIENT_SELECTOR).length >= INGREDIENTS
  );
}

/** Whether the leading text (`chars` characters) of one of `elements[from, from + count)` matches. */
function someLeadingText(elements: ArrayLike<Element>, from: number, count: number, chars: number, pattern: RegExp): boolean {
  const end = Math.min(elements.length, from + count);
  for (let index = from; index < end; index++) {
    const element = elements[index];
    if (element && pattern.test(leadingText(element, chars))) return true;
  }
  return false;
}

function hasLedeDateline(doc: Document): boolean {
  return someLeadingText(doc.getElementsByTagName('p'), 0, LEDE_PARAGRAPHS, 120, LEDE_DATELINE);
}

function hasEditorCredit(doc: Document): boolean {
  const paragraphs = doc.getElementsByTagName('p');
  if (someLeadingText(paragraphs, Math.max(0, paragraphs.length - CREDIT_ELEMENTS), CREDIT_ELEMENTS, 300, EDITOR_CREDIT)) return true;
  const marked = doc.querySelectorAll('[class*="editor"], [class*="Editor"], [id*="editor"], [id*="Editor"], [class*="credit"]');
  return someLeadingText(marked, 0, CREDIT_ELEMENTS, 300, EDITOR_CREDIT);
}

/**
 * A date in an element marked as a date or time, or in the few elements right after the
 * headline (the byline block), where news pages show it even without a date class.
 */
function hasVisibleDate(doc: Document): boolean {
  return hasDateInMarkedElement(doc) || hasDateAfterHeadline(doc);
}

function hasDateAfterHeadline(doc: Document): boolean {
  const headline = doc.getElementsByTagName('h1')[0];
  if (!headline) return false;
  let texts = 0;
  for (let ancestor: Element | null = headline; ancestor && texts < 6; ancestor = ancestor.parentElement) {
    for (let sibling = ancestor.nextElementSibling; sibling && texts < 6; sibling = sibling.nextElementSibling) {
      texts++;
      if (VISIBLE_DATE.test(leadingText(sibling, 300))) return true;
    }
  }
  return false;
}

function hasDateInMarkedElement(doc: Document): boolean {
  const candidates = doc.querySelectorAll('time, [itemprop="datePublished"], [class*="date"], [class*="Date"], [class*="time"], [class*="Time"]');
  const limit = Math.min(candidates.length, DATE_ELEMENTS);
  for (let index = 0; index < limit; index++) {
    const element = candidates[index];
    if (!element) continue;
    const text = `${element.getAttribute('datetime') ?? ''} ${leadingText(element, 200)}`;
    if (VISIBLE_DATE.test(text)) return true;
  }
  return false;
}
