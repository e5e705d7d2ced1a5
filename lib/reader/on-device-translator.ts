import { primaryLanguage } from '../engine/index';
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
  const factory = translatorFactory(scope);
  if (!factory) return null;
  const pair = { sourceLanguage: packLanguage(sourceLang), targetLanguage: packLanguage(targetLang) };
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

/** The tag's language, as the API's language packs are per language ("en" of " en-GB"). */
function packLanguage(tag: string): string {
  return primaryLanguage(tag.trim());
}

/** The global's Translator factory, when it has a usable one. */
function translatorFactory(scope: object): TranslatorFactory | null {
  const factory = (scope as { Translator?: TranslatorFactory }).Translator;
  return factory && typeof factory.availability === 'function' && typeof factory.create === 'function' ? factory : null;
}

export type ModelAvailability = 'available' | 'downloadable' | 'downloading' | 'unavailable';

/**
 * The browser's translation models, for the popup: whether a pair's model is on the machine, and
 * installing it when the user asks (a click in the popup: Chrome downloads a model only on a user
 * gesture). A model is shared by every page once installed, so the reader can use it afterwards.
 */
export interface TranslationModels {
  availability(sourceLang: string, targetLang: string): Promise<ModelAvailability>;
  /** Downloads the pair's model; `onProgress` gets the share done (0..1). Rejects when Chrome refuses. */
  install(sourceLang: string, targetLang: string, onProgress: (share: number) => void): Promise<void>;
}

interface DownloadMonitor {
  addEventListener(type: 'downloadprogress', listener: (event: { loaded: number }) => void): void;
}

export function translationModels(scope: object): TranslationModels | null {
  const factory = translatorFactory(scope);
  if (!factory) return null;
  const pairOf = (sourceLang: string, targetLang: string) => ({ sourceLanguage: packLanguage(sourceLang), targetLanguage: packLanguage(targetLang) });
  return {
    async availability(sourceLang, targetLang) {
      try {
        const state = await factory.availability(pairOf(sourceLang, targetLang));
        return state === 'available' || state === 'downloadable' || state === 'downloading' ? state : 'unavailable';
      } catch {
        return 'unavailable';
      }
    },
    async install(sourceLang, targetLang, onProgress) {
      const create = factory.create as (options: object) => ReturnType<TranslatorFactory['create']>;
      const translator = await create({
        ...pairOf(sourceLang, targetLang),
        monitor: (monitor: DownloadMonitor) => monitor.addEventListener('downloadprogress', (event) => onProgress(event.loaded)),
      });
      translator.destroy?.();
    },
  };
}
