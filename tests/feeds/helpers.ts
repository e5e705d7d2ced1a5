import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The feed fixtures (see tests/fixtures/feeds/README.md). */
export const FEEDS = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'feeds');
