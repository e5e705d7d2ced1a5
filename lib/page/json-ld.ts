/**
 * Reads schema.org JSON-LD blocks from a page, tolerating the ways real pages break them.
 *
 * Real pages nest their entities in arrays, in `@graph`, or under another entity (`mainEntity`,
 * `mainEntityOfPage`); they leave trailing commas, HTML comments or CDATA wrappers in the script;
 * and sometimes the JSON is simply invalid (one of the saved Telegraph pages). So each block is
 * parsed leniently, the tree is flattened into a list of typed entities, and when parsing fails
 * entirely the `@type` values are still recovered with a regular expression: the type is what
 * news detection needs most.
 */

/** One schema.org entity found in a JSON-LD block. */
export interface JsonLdEntity {
  /** Its `@type` values without any `schema:` / URL prefix, e.g. `['NewsArticle']`. */
  types: string[];
  /** The raw object; empty when the block could not be parsed and the type was recovered by regex. */
  data: Record<string, unknown>;
}

/** Blocks larger than this are only scanned by regex: parsing megabytes on every page costs too much. */
const MAX_PARSED_BLOCK_LENGTH = 500_000;
/** Deep enough for `@graph → WebPage → mainEntity → Article`; bounded against hostile nesting. */
const MAX_NESTING_DEPTH = 6;
/** No real page has more; bounds the work a hostile page can cause. */
const MAX_ENTITIES = 200;

export function readJsonLd(doc: Document): JsonLdEntity[] {
  const entities: JsonLdEntity[] = [];
  for (const script of Array.from(doc.querySelectorAll('script[type]'))) {
    if (!/^\s*application\/ld\+json\s*$/i.test(script.getAttribute('type') ?? '')) continue;
    const source = script.textContent ?? '';
    const parsed = source.length <= MAX_PARSED_BLOCK_LENGTH ? parseLeniently(source) : undefined;
    if (parsed === undefined) {
      for (const type of recoverTypesByRegex(source)) entities.push({ types: [type], data: {} });
    } else {
      collectEntities(parsed, entities, 0);
    }
    if (entities.length >= MAX_ENTITIES) break;
  }
  return entities.slice(0, MAX_ENTITIES);
}

/** Strips a type of its vocabulary prefix: `http://schema.org/NewsArticle` → `NewsArticle`. */
export function bareType(type: string): string {
  return type.replace(/^.*[/#:]/, '');
}

function parseLeniently(source: string): unknown {
  try {
    return JSON.parse(source);
  } catch {
    // Fall through to the cleaned-up attempt.
  }
  const cleaned = source
    .replace(/<!--|-->|\/\/\s*<!\[CDATA\[|\/\/\s*\]\]>|<!\[CDATA\[|\]\]>/g, '')
    // Raw control characters (often newlines inside strings) are invalid in JSON strings.
    .replace(/[\u0000-\u001f]+/g, ' ')
    .replace(/,\s*([}\]])/g, '$1')
    .trim()
    .replace(/;+$/, '');
  try {
    return JSON.parse(cleaned);
  } catch {
    return undefined;
  }
}

function recoverTypesByRegex(source: string): string[] {
  const types: string[] = [];
  const pattern = /"@type"\s*:\s*"([^"]{1,100})"/g;
  for (let match = pattern.exec(source); match && types.length < MAX_ENTITIES; match = pattern.exec(source)) {
    if (match[1]) types.push(bareType(match[1]));
  }
  return types;
}

function collectEntities(value: unknown, into: JsonLdEntity[], depth: number): void {
  if (depth > MAX_NESTING_DEPTH || into.length >= MAX_ENTITIES || value === null || typeof value !== 'object') {
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectEntities(item, into, depth + 1);
    return;
  }
  const object = value as Record<string, unknown>;
  const rawType = object['@type'];
  const types = (Array.isArray(rawType) ? rawType : [rawType]).filter((type): type is string => typeof type === 'string').map(bareType);
  if (types.length > 0) into.push({ types, data: object });
  // Entities hide in @graph and under a WebPage's mainEntity. Publishers and authors are read
  // through their article, and list members (`itemListElement`, `hasPart`) are deliberately not
  // collected: a front page's ItemList of NewsArticles must not make the front page an article.
  for (const key of ['@graph', 'mainEntity']) {
    if (key in object) collectEntities(object[key], into, depth + 1);
  }
}
