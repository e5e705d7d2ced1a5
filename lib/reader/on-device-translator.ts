import type { TextTranslator } from './translate-article';

/**
 * The browser's on-device translator (Chrome's Translator API, Chrome 138+ on desktop), when it is
 * there and its model for the pair is already on the machine. Feature-detected on the global passed
 * in (tests pass a fake), never required: elsewhere, or on any error, the answer is null and the
 * reader keeps the report it has.
 *
 * Only availability "available" is used. "downloadable" would make Chrome fetch a model for this pair
 * on a page's behalf, which is network traffic the user did not ask for (and needs a user gesture);
 * SourceLens never causes it. The translation itself runs on the device: no text leaves the machine.
 */

interface TranslatorFactory {
  availability(options: { sourceLanguage: string; targetLanguage: string }): Promise<string>;
  create(options: { sourceLanguage: string; targetLanguage: string; signal?: AbortSignal }): Promise<TextTranslator & { destroy?: () => void }>;
}

export interface OnDeviceTranslator extends TextTranslator {
  destroy(): void;
}

export async function onDeviceTranslator(scope: object, sourceLang: string, targetLang: string, signal?: AbortSignal): Promise<OnDeviceTranslator | null> {
  const factory = (scope as { Translator?: TranslatorFactory }).Translator;
  if (!factory || typeof factory.availability !== 'function' || typeof factory.create !== 'function') return null;
  const pair = { sourceLanguage: primaryLanguage(sourceLang), targetLanguage: primaryLanguage(targetLang) };
  if (!pair.sourceLanguage || !pair.targetLanguage || pair.sourceLanguage === pair.targetLanguage) return null;
  try {
    if ((await factory.availability(pair)) !== 'available') return null;
    const translator = await factory.create({ ...pair, signal });
    return {
      translate: (text) => translator.translate(text),
      destroy: () => translator.destroy?.(),
    };
  } catch {
    return null;
  }
}

/** "en" of "en-GB": the API's language packs are per language. */
function primaryLanguage(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}
