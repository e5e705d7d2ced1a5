/**
 * The primary subtag of a BCP 47 language tag, lower-cased: "en" of "en-GB" (or "en_GB", as some
 * pages write it), '' for a missing tag. Languages are compared by it everywhere: a British page and
 * an American statement are the same language, and the browser's translation models are per language.
 */
export function primaryLanguage(tag: string | undefined): string {
  return (tag ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
}
