import type english from '../public/_locales/en/messages.json';

/** Every UI string has a key in public/_locales/<lang>/messages.json; components only see keys. */
export type MessageKey = keyof typeof english;

/** Looks up a UI string; the popup and options pass `browser.i18n.getMessage`, tests pass the English table. */
export type Translate = (key: MessageKey, ...substitutions: Array<string | number>) => string;

type MessageTable = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/**
 * Builds a Translate from a messages.json table, with the same placeholder rules as browser.i18n
 * ($NAME$ → placeholder content → $1..$9). Used by tests and by the CLI; the extension uses browser.i18n.
 */
export function translatorFromTable(table: MessageTable): Translate {
  return (key, ...substitutions) => {
    const entry = table[key];
    if (!entry) return key;
    return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? whole;
      return content.replace(/\$(\d)/g, (_, index: string) => String(substitutions[Number(index) - 1] ?? ''));
    });
  };
}

/** Thousands separators in the user's locale. */
export function formatCount(value: number): string {
  return value.toLocaleString();
}
