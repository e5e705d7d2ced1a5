import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The extension id Firefox uses; the e2e suite pins its moz-extension UUID by this id.
export const GECKO_ID = 'sourcelens@sourcelens.app';

export default defineConfig({
  // Our own folders (lib/, components/) are imported explicitly: auto-imports hide where code comes from.
  imports: false,
  modules: [],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Why each permission is needed: docs/PRIVACY.md.
    permissions: ['unlimitedStorage'],
    action: { default_title: '__MSG_actionTitle__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
