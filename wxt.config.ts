import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';

// The extension id Firefox uses; the e2e suite pins its moz-extension UUID by this id.
export const GECKO_ID = 'sourcelens@sourcelens.app';

/**
 * Preact's renderer has one code path that writes `innerHTML` (for `dangerouslySetInnerHTML`). We never
 * use it, and page or statement text must never become HTML, so the build turns that path into an error
 * and clears nodes with `textContent` instead. This also keeps `web-ext lint --warnings-as-errors` clean.
 */
function preactWithoutInnerHtml(): Plugin {
  return {
    name: 'sourcelens:preact-without-inner-html',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]preact[\\/]dist[\\/]preact\.(module\.js|mjs)$/.test(id)) return null;
      const out = code
        .replace(/(\w+)\.innerHTML=(\w+)\.__html/g, '$1.textContent=(()=>{throw Error("dangerouslySetInnerHTML is disabled")})()')
        .replace(/(\w+)\.innerHTML=""/g, '$1.textContent=""');
      if (/\.innerHTML=/.test(out)) throw new Error(`preact changed: an innerHTML write is left in ${id}`);
      return { code: out, map: null };
    },
  };
}

/**
 * Readability writes `innerHTML` twice, both on the cloned document it parses: to restore the page
 * between attempts and to unwrap `<noscript>` images. The build routes both through DOMParser, which
 * parses into an inert document (no scripts run, nothing loads), and moves the nodes over. Same
 * result, no HTML string ever assigned, and `web-ext lint --warnings-as-errors` stays clean.
 */
function readabilityWithoutInnerHtml(): Plugin {
  const helper = `function __sourcelensSetHtml(element, html) {
  var parsed = new DOMParser().parseFromString('<!doctype html><body>' + html, 'text/html');
  var nodes = Array.from(parsed.body.childNodes).map(function (node) { return element.ownerDocument.importNode(node, true); });
  element.replaceChildren.apply(element, nodes);
}
`;
  return {
    name: 'sourcelens:readability-without-inner-html',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]@mozilla[\\/]readability[\\/]Readability\.js$/.test(id)) return null;
      const out = code.replace(/([\w$.]+)\.innerHTML\s*=\s*([\w$.]+);/g, '__sourcelensSetHtml($1, $2);');
      if (/\.innerHTML\s*=[^=]/.test(out)) throw new Error(`readability changed: an innerHTML write is left in ${id}`);
      return { code: helper + out, map: null };
    },
  };
}

/**
 * The extension pages' (popup, options, worker) content security policy, stricter than the browsers'
 * default: scripts and styles only from the package, no plugins, no <base>, no form posts, and
 * `connect-src` limited to the package, blob: (the export link) and http(s) (feeds the user subscribed
 * to: the worker fetches them; the privacy e2e test proves nothing else is contacted; docs/SECURITY.md).
 */
export const EXTENSION_PAGES_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' blob: https: http:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export default defineConfig({
  // Our own folders (lib/, components/) are imported explicitly: auto-imports hide where code comes from.
  imports: false,
  modules: [],
  // Firefox too is built as Manifest V3 by every command (dev included), as it ships: WXT's default
  // for Firefox is MV2, which left `dev:firefox` testing another extension than the one released.
  manifestVersion: 3,
  vite: () => ({ plugins: [preactWithoutInnerHtml(), readabilityWithoutInnerHtml(), preact()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Why each permission is needed: docs/PRIVACY.md.
    // alarms: periodic feed refresh. offscreen (Chrome only; Firefox's event page has a DOM): extract
    // feed item pages, which the service worker cannot parse.
    permissions: ['unlimitedStorage', 'activeTab', 'storage', 'scripting', 'contextMenus', 'alarms', ...(browser === 'firefox' ? [] : ['offscreen'])],
    // The reader is injected into news pages only (scripting.executeScript), which needs the pages'
    // hosts; the detection content script already runs on them.
    host_permissions: ['http://*/*', 'https://*/*'],
    commands: {
      // Opens the popup. Alt+Shift+L ("lens"): free in Chrome and in Firefox on Linux, where Alt+Shift+S
      // reached the History menu instead (see toggle-hints).
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_commandOpenPopup__',
      },
      'toggle-hints': {
        // Alt+Shift+O ("official"): Alt+Shift+S, the first choice, opened Firefox's History menu on
        // Linux (S is its menubar access key) instead of reaching us; the native-input e2e suite types it.
        suggested_key: { default: 'Alt+Shift+O' },
        description: '__MSG_commandToggleHints__',
      },
    },
    action: { default_title: '__MSG_actionTitle__' },
    content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              // 140 (the desktop ESR): the first release that knows data_collection_permissions. Every
              // other API used is older there (storage.session 115, MV3 scripting and action 109); the
              // Custom Highlight API arrived in 140 too, and the reader falls back to boxes without it.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android learnt data_collection_permissions in 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {
          // chrome.offscreen (feed item pages are parsed there) is the newest API used without a
          // fallback. Messages are answered through sendResponse, so the Promise answers that need
          // Chrome 144 are not needed (lib/messaging/answering-listener.ts).
          minimum_chrome_version: '109',
        }),
  }),
});
