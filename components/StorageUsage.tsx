import { formatBytes } from './format';
import type { Translate } from './i18n';

export interface StorageInfo {
  usage?: number;
  quota?: number;
  /** True when the browser will not evict SourceLens's data under storage pressure. */
  persisted?: boolean;
}

export interface StorageUsageProps {
  info: StorageInfo | null;
  t: Translate;
}

/** How much the corpus takes on disk, how much the browser allows, and whether it is protected from eviction. */
export function StorageUsage({ info, t }: StorageUsageProps) {
  return (
    <section aria-labelledby="storage-title" class="card" data-testid="storage">
      <h2 id="storage-title">{t('storageTitle')}</h2>
      {info === null ? (
        <p class="muted">{t('storageUnknown')}</p>
      ) : (
        <>
          <p data-testid="storage-usage" data-usage={info.usage ?? ''}>
            {info.usage !== undefined && info.quota !== undefined
              ? t('storageUsage', formatBytes(info.usage, t.locale), formatBytes(info.quota, t.locale))
              : info.usage !== undefined
                ? formatBytes(info.usage, t.locale)
                : t('storageUnknown')}
          </p>
          <p class="muted" data-testid="storage-persisted">
            {info.persisted ? t('storagePersisted') : t('storageNotPersisted')}
          </p>
        </>
      )}
    </section>
  );
}
