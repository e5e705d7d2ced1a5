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

/** Bytes in the largest unit that keeps the number readable. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString(undefined, { maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0 })} ${units[unit]}`;
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
              ? t('storageUsage', formatBytes(info.usage), formatBytes(info.quota))
              : info.usage !== undefined
                ? formatBytes(info.usage)
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
