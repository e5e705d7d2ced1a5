import { installChineseLexicon, hasChineseLexicon, hasHan } from '../engine/index';

/** Resolves once the lexicons the texts need are installed (see chinese-glosses.ts). */
export type EnsureLexicons = (texts: Iterable<string>) => Promise<void>;

/**
 * The worker installs the Chinese-English table the first time it is about to index or check Han
 * text, fetching it from the extension's own files (`fetchChinese`): never at start-up, so cold
 * starts of corpora without Chinese do not pay for it. One fetch at a time; a failed fetch is
 * logged and tried again next time, and meanwhile Chinese words only lack their English anchors.
 */
export function lexiconLoader(fetchChinese: () => Promise<unknown>, log?: (message: string) => void): EnsureLexicons {
  let loading: Promise<void> | null = null;
  return async (texts) => {
    if (hasChineseLexicon()) return;
    let needed = false;
    for (const text of texts) {
      if (hasHan(text)) {
        needed = true;
        break;
      }
    }
    if (!needed) return;
    loading ??= fetchChinese()
      .then(installChineseLexicon)
      .catch((error: unknown) => log?.(`Chinese lexicon not loaded (Chinese words get no cross-language anchors): ${String(error)}`))
      .finally(() => (loading = null));
    await loading;
  };
}
