import type english from '../public/_locales/en/messages.json';

/** Every UI string has a key in public/_locales/<lang>/messages.json; components only see keys. */
export type MessageKey = keyof typeof english;

/**
 * A counted noun or phrase: messages `<base>_<category>` for each CLDR plural category the locale
 * uses (English: one, other; Russian: one, few, many, other), with the count as $1.
 */
export type PluralBase = { [K in MessageKey]: K extends `${infer Base}_other` ? Base : never }[MessageKey];

/**
 * Looks up a UI string. The popup, options, welcome page and reader build one over
 * `browser.i18n.getMessage` (translatorFromGetMessage), tests over a messages.json table.
 */
export interface Translate {
  (key: MessageKey, ...substitutions: Array<string | number>): string;
  /** The UI language (BCP 47): plural rules and number formats follow it. */
  readonly locale: string;
  /**
   * "1 passage", "2 passages"; "1 фрагмент", "3 фрагмента", "5 фрагментов": the message of the count's
   * plural category (Intl.PluralRules), the count written with the locale's digits and separators.
   * Further substitutions are $2, $3….
   */
  plural(base: PluralBase, count: number, ...substitutions: Array<string | number>): string;
}

type MessageTable = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/**
 * A Translate over a lookup that answers '' for a key it does not have (as browser.i18n.getMessage
 * does): the plural form falls back to `<base>_other` when the locale has no message for a category.
 */
function makeTranslate(lookup: (key: string, substitutions: string[]) => string, locale: string): Translate {
  const rules = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);
  const strings = (substitutions: Array<string | number>) => substitutions.map((value) => (typeof value === 'number' ? numbers.format(value) : value));
  const translate = ((key: MessageKey, ...substitutions: Array<string | number>) => lookup(key, strings(substitutions)) || key) as Translate;
  Object.defineProperty(translate, 'locale', { value: locale });
  translate.plural = (base, count, ...substitutions) => {
    const values = strings([count, ...substitutions]);
    return lookup(`${base}_${rules.select(count)}`, values) || lookup(`${base}_other`, values) || base;
  };
  return translate;
}

/** A Translate over browser.i18n (passed in: components never touch the browser API). */
export function translatorFromGetMessage(getMessage: (key: string, substitutions?: string[]) => string, locale: string): Translate {
  return makeTranslate((key, substitutions) => getMessage(key, substitutions), locale);
}

/**
 * Builds a Translate from a messages.json table, with the same placeholder rules as browser.i18n
 * ($NAME$ → placeholder content → $1..$9). Used by tests, the CLI and the store assets.
 */
export function translatorFromTable(table: MessageTable, locale = 'en'): Translate {
  return makeTranslate((key, substitutions) => {
    const entry = table[key];
    if (!entry) return '';
    return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? whole;
      return content.replace(/\$(\d)/g, (_, index: string) => String(substitutions[Number(index) - 1] ?? ''));
    });
  }, locale);
}

/** A count in the locale's digits and separators. */
export function formatCount(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(value);
}
