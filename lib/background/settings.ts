import * as v from 'valibot';
import type { SourceLensDb } from '../corpus/db';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../messaging/protocol';

const SETTINGS_KEY = 'user.settings';

export interface SettingsCache {
  get(): Promise<Settings>;
  save(settings: Settings): Promise<Settings>;
}

/**
 * The user's settings, read on every page load: kept in memory, since the worker is their only
 * writer. A stored value that fails the schema (damaged, or from a newer version) reads as the defaults.
 */
export function createSettingsCache(db: SourceLensDb): SettingsCache {
  let cached: Settings | null = null;
  return {
    async get() {
      if (cached) return cached;
      const stored = (await db.settings.get(SETTINGS_KEY))?.value;
      const parsed = v.safeParse(SettingsSchema, stored);
      cached = parsed.success ? parsed.output : { ...DEFAULT_SETTINGS };
      return cached;
    },
    async save(settings) {
      await db.settings.put({ key: SETTINGS_KEY, value: settings });
      cached = settings;
      return settings;
    },
  };
}
