export { readMetaTags } from './lib/page/meta-tags';
export { readJsonLd } from './lib/page/json-ld';
export { CONTENT_CHECKS } from './lib/page/news-content';
export { detectNews } from './lib/page/detect';
import isProbablyReaderable from '@mozilla/readability/Readability-readerable.js';
export { isProbablyReaderable };
