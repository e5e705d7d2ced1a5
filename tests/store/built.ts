import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The built extensions, as the stores receive them. The store tests read `.output/` (written by
 * `npm run build`, which `npm test` runs first), never the config function: what ships is what WXT
 * made of the config, and only the built files show that.
 */

export const ROOT = join(import.meta.dirname, '..', '..');
export const BUILDS = { chrome: join(ROOT, '.output', 'chrome-mv3'), firefox: join(ROOT, '.output', 'firefox-mv3') } as const;
export type BuildName = keyof typeof BUILDS;

export interface BuiltManifest {
  manifest_version: number;
  name: string;
  short_name?: string;
  description: string;
  version: string;
  default_locale?: string;
  icons?: Record<string, string>;
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  web_accessible_resources?: unknown;
  externally_connectable?: unknown;
  content_security_policy?: { extension_pages?: string };
  minimum_chrome_version?: string;
  commands?: Record<string, { description?: string; suggested_key?: Record<string, string> }>;
  action?: { default_title?: string; default_popup?: string };
  background?: { service_worker?: string; scripts?: string[]; type?: string };
  browser_specific_settings?: {
    gecko?: { id?: string; strict_min_version?: string; data_collection_permissions?: { required?: string[] } };
    gecko_android?: { strict_min_version?: string };
  };
}

export function builtManifest(build: BuildName): BuiltManifest {
  const path = join(BUILDS[build], 'manifest.json');
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first (npm test does)`);
  return JSON.parse(readFileSync(path, 'utf8')) as BuiltManifest;
}

export type Messages = Record<string, { message: string }>;

/** The built `_locales/<locale>/messages.json` of a build, by locale. */
export function builtLocales(build: BuildName): Map<string, Messages> {
  const dir = join(BUILDS[build], '_locales');
  return new Map(readdirSync(dir).map((locale) => [locale, JSON.parse(readFileSync(join(dir, locale, 'messages.json'), 'utf8')) as Messages]));
}

/** A manifest string as the store shows it in one locale: `__MSG_key__` resolved through messages.json. */
export function localized(value: string, messages: Messages): string {
  return value.replace(/__MSG_(\w+)__/g, (whole, key: string) => {
    const entry = Object.entries(messages).find(([name]) => name.toLowerCase() === key.toLowerCase());
    if (!entry) throw new Error(`${whole} has no message`);
    return entry[1].message;
  });
}

/** Compares dotted version strings numerically: -1, 0 or 1. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}
