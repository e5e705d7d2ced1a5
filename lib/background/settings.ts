import type { SourceLensDb } from '../corpus/db';
import { readSettings, writeSettings, type Settings } from '../corpus/settings';

export interface SettingsCache {
  get(): Promise<Settings>;
  save(settings: Settings): Promise<Settings>;
}

/** The user's settings, read on every page load: kept in memory, since the worker is their only writer. */
export function createSettingsCache(db: SourceLensDb): SettingsCache {
  let cached: Settings | null = null;
  return {
    async get() {
      cached ??= await readSettings(db);
      return cached;
    },
    async save(settings) {
      await writeSettings(db, settings);
      cached = settings;
      return settings;
    },
  };
}
