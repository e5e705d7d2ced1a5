/**
 * Storage failures the user must be told about in plain words. IndexedDB reports a full disk or an
 * exhausted quota as a `QuotaExceededError` DOMException; Dexie wraps it in its own error of the same
 * name and keeps the original as `inner`. The transaction that hit it is rolled back, so everything
 * committed before it is intact, and that is what the message says.
 */

/** The English text of the error the background answers (the options page shows its translation). */
export const STORAGE_FULL_MESSAGE =
  'The browser has no storage left for SourceLens. What did not fit was not stored; everything stored before it is kept. Free disk space or delete issuers you do not need, then try again: statements already stored are skipped.';

export function isQuotaError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const name = (current as { name?: unknown }).name;
    if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
    current = (current as { inner?: unknown }).inner;
  }
  return false;
}

export class StorageFullError extends Error {
  override name = 'StorageFullError';
  constructor(options?: { cause?: unknown }) {
    super(STORAGE_FULL_MESSAGE, options);
  }
}
