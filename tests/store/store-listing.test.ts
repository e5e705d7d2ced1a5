import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILDS, builtLocales, builtManifest, compareVersions, localized, ROOT } from './built';

/**
 * What the Chrome Web Store and addons.mozilla.org check on upload, read from the built packages:
 * listing texts within the stores' limits in every locale, the browser versions the manifests admit,
 * and the icons they name.
 */

/** Chrome Web Store: "description … no more than 132 characters"; name at most 75 (developer.chrome.com, manifest keys). */
const CWS_DESCRIPTION_CHARS = 132;
const CWS_NAME_CHARS = 75;

const chrome = builtManifest('chrome');
const firefox = builtManifest('firefox');

describe.each(['chrome', 'firefox'] as const)('%s build: listing texts', (build) => {
  const manifest = builtManifest(build);
  const locales = builtLocales(build);

  it('ships the default locale and resolves the name, description, action title and command descriptions in every locale', () => {
    expect([...locales.keys()].sort()).toEqual(readdirSync(join(ROOT, 'public', '_locales')).sort());
    expect(locales.has(manifest.default_locale!)).toBe(true);
    const localizedFields = [
      manifest.name,
      manifest.description,
      manifest.action?.default_title ?? '',
      ...Object.values(manifest.commands ?? {}).map((command) => command.description ?? ''),
    ];
    expect(manifest.description).toMatch(/^__MSG_\w+__$/);
    for (const [locale, messages] of locales) {
      for (const field of localizedFields) expect(localized(field, messages).trim(), `${locale}: ${field}`).not.toBe('');
    }
  });

  it(`keeps the description within ${CWS_DESCRIPTION_CHARS} characters and the name within ${CWS_NAME_CHARS} in every locale`, () => {
    for (const [locale, messages] of locales) {
      const description = localized(manifest.description, messages);
      expect([...description].length, `${locale} description: "${description}"`).toBeLessThanOrEqual(CWS_DESCRIPTION_CHARS);
      expect([...localized(manifest.name, messages)].length, `${locale} name`).toBeLessThanOrEqual(CWS_NAME_CHARS);
    }
  });

  it('names icons that exist, as PNGs of the size they claim', () => {
    const icons = Object.entries(manifest.icons ?? {});
    expect(icons.map(([size]) => size)).toEqual(expect.arrayContaining(['16', '32', '48', '128']));
    for (const [size, path] of icons) {
      const png = readFileSync(join(BUILDS[build], path));
      expect(png.subarray(1, 4).toString('latin1'), path).toBe('PNG');
      // IHDR: width and height are the first two 32-bit big-endian numbers after the 16-byte header.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], path).toEqual([Number(size), Number(size)]);
    }
  });
});

describe('browser versions the built manifests admit', () => {
  it('both are Manifest V3', () => {
    expect(chrome.manifest_version).toBe(3);
    expect(firefox.manifest_version).toBe(3);
  });

  it('Chrome: a minimum version at least that of the newest API used without a fallback (offscreen, 109), below the 144 that Promise answers would need', () => {
    expect(chrome.minimum_chrome_version).toMatch(/^\d+(\.\d+)*$/);
    expect(chrome.permissions).toContain('offscreen');
    expect(compareVersions(chrome.minimum_chrome_version!, '109')).toBeGreaterThanOrEqual(0);
    // Messages are answered through sendResponse (lib/messaging/answering-listener.ts), which every Chrome hears.
    expect(compareVersions(chrome.minimum_chrome_version!, '144')).toBeLessThan(0);
    expect(chrome.browser_specific_settings).toBeUndefined();
  });

  it('Firefox: desktop ESR 140 is admitted; Android from 142, where it learnt data_collection_permissions', () => {
    const gecko = firefox.browser_specific_settings?.gecko;
    expect(gecko?.id).toBeTruthy();
    expect(gecko?.data_collection_permissions?.required).toEqual(['none']);
    // data_collection_permissions is known from desktop 140: no lower minimum, and no higher one that shuts out ESR 140.
    expect(gecko?.strict_min_version).toBe('140.0');
    const android = firefox.browser_specific_settings?.gecko_android?.strict_min_version;
    expect(android).toBeDefined();
    expect(compareVersions(android!, '142')).toBeGreaterThanOrEqual(0);
    expect(firefox.minimum_chrome_version).toBeUndefined();
    expect(firefox.permissions).not.toContain('offscreen');
  });
});

describe('store listing files (store/<locale>/)', () => {
  const locales = builtLocales('chrome');

  it("every locale of the extension has a store description whose summary line is the manifest's description", () => {
    for (const [locale, messages] of locales) {
      const path = join(ROOT, 'store', locale, 'description.txt');
      expect(existsSync(path), path).toBe(true);
      const text = readFileSync(path, 'utf8');
      const [summary, blank, ...body] = text.split('\n');
      // The first line is the short summary (AMO's limit is 250 characters, Chrome's 132): the manifest's own.
      expect(summary).toBe(localized(chrome.description, messages));
      expect(blank).toBe('');
      // Chrome Web Store: the detailed description is at most 16,000 characters.
      expect([...text].length).toBeLessThanOrEqual(16_000);
      expect(body.join('\n').trim().length, `${locale} body`).toBeGreaterThan(400);
      // The promo tile's line: short enough for the 440×280 tile (scripts/store-assets.mjs).
      const tagline = readFileSync(join(ROOT, 'store', locale, 'tagline.txt'), 'utf8').trim();
      expect([...tagline].length, `${locale} tagline`).toBeGreaterThan(0);
      expect([...tagline].length, `${locale} tagline`).toBeLessThanOrEqual(60);
      // It names the context-menu item as that locale's menu shows it.
      expect(text, `${locale} quotes the context menu item`).toContain(messages.contextMenuFindSource!.message);
    }
  });
});
