import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_PAGES_CSP } from '../../wxt.config';
import { builtManifest, ROOT } from './built';

/**
 * Issue 7, hygiene: the built manifests ask for exactly the permissions docs/PRIVACY.md explains, none
 * of the ones it promises not to ask for, and keep a strict policy on the extension pages.
 */

const privacy = readFileSync(join(ROOT, 'docs', 'PRIVACY.md'), 'utf8');

/** The backticked names in the first column of PRIVACY.md's permission table (rows marked "(Chrome only)" count for Chrome only). */
function documentedPermissions(browser: 'chrome' | 'firefox'): string[] {
  const table = privacy.split('## Permissions')[1]!.split('\n\n')[1]!;
  return table
    .split('\n')
    .filter((row) => row.startsWith('|') && !row.startsWith('|---') && !row.startsWith('| permission'))
    .filter((row) => browser === 'chrome' || !row.split('|')[1]!.includes('(Chrome only)'))
    .flatMap((row) => [...row.split('|')[1]!.matchAll(/`([^`]+)`/g)].map((match) => match[1]!));
}

/** The names PRIVACY.md promises SourceLens does not ask for. */
function disclaimedPermissions(): string[] {
  const sentence = privacy.match(/does not ask for ([^.]+)\./)![1]!;
  return [...sentence.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
}

describe.each(['chrome', 'firefox'] as const)('%s built manifest and docs/PRIVACY.md', (browser) => {
  const manifest = builtManifest(browser);

  it('every permission and host pattern is documented, and every documented one is used', () => {
    const asked = [
      ...(manifest.permissions ?? []),
      ...(manifest.host_permissions ?? []),
      ...(manifest.optional_permissions ?? []),
      ...(manifest.optional_host_permissions ?? []),
    ];
    const documented = documentedPermissions(browser);
    expect(asked.length).toBeGreaterThan(0);
    for (const permission of asked) expect(documented, `${permission} is not explained in PRIVACY.md`).toContain(permission);
    for (const permission of documented) expect(asked, `PRIVACY.md explains ${permission}, which the manifest does not ask for`).toContain(permission);
  });

  it('asks for none of the permissions PRIVACY.md disclaims, exposes no resources and accepts no outside callers', () => {
    const disclaimed = disclaimedPermissions();
    expect(disclaimed).toEqual(expect.arrayContaining(['tabs', 'history', 'webRequest', 'cookies']));
    for (const permission of disclaimed) expect(manifest.permissions ?? []).not.toContain(permission);
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
  });

  it('extension pages keep a strict content security policy', () => {
    const csp = manifest.content_security_policy?.extension_pages;
    expect(csp).toBe(EXTENSION_PAGES_CSP);
    const directives = new Map(
      csp!.split(';').map((part) => {
        const [name, ...values] = part.trim().split(/\s+/);
        return [name!, values];
      }),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    // Network only over http(s), for the feeds the user subscribed to (blob: is the export link); no
    // ws:, ftp: or other schemes, and http(s) nowhere else (no remote scripts, styles or images).
    expect(directives.get('connect-src')).toEqual(["'self'", 'blob:', 'https:', 'http:']);
    expect(csp).not.toMatch(/unsafe-|\*/);
    for (const [name, values] of directives) if (name !== 'connect-src') expect(values.join(' '), name).not.toMatch(/https?:/);
  });
});
