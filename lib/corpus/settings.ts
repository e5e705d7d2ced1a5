import * as v from 'valibot';
import type { SourceLensDb } from './db';

/**
 * The user's settings: their schema (checked on every save message, every read and every restored
 * backup) and their place in the database (table `settings`, one row).
 */

/** Site rules a user may keep: no message or backup can make the worker store more. */
export const MAX_SITE_RULES = 500;

/** A site rule: `host` is a host name ("example.com" also covers its subdomains). */
const SiteRule = v.object({
  host: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.minLength(1), v.maxLength(253), v.regex(/^[a-z0-9.-]+$/, 'host must be a host name like example.com')),
  rule: v.picklist(['allow', 'deny']),
});

export const SettingsSchema = v.object({
  /** Show inline hints on news pages (the popup switch and the keyboard shortcut toggle it). */
  hintsVisible: v.boolean(),
  /** allow: check every page of the site even when not detected as news; deny: never check it. */
  siteRules: v.pipe(v.array(SiteRule), v.maxLength(MAX_SITE_RULES)),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;
export type SiteRuleKind = Settings['siteRules'][number]['rule'];
export const DEFAULT_SETTINGS: Settings = { hintsVisible: true, siteRules: [] };

const SETTINGS_KEY = 'user.settings';

/** The stored settings; a value that fails the schema (damaged, or from a newer version) reads as the defaults. */
export async function readSettings(db: SourceLensDb): Promise<Settings> {
  const stored = (await db.settings.get(SETTINGS_KEY))?.value;
  const parsed = v.safeParse(SettingsSchema, stored);
  return parsed.success ? parsed.output : { ...DEFAULT_SETTINGS };
}

export async function writeSettings(db: SourceLensDb, settings: Settings): Promise<void> {
  await db.settings.put({ key: SETTINGS_KEY, value: settings });
}
