import { defineContentScript } from 'wxt/utils/define-content-script';
import { extractPageStatement } from '../../lib/page/page-statement';

/**
 * "Add this page to my corpus": injected by the background into the tab the user asked about
 * (scripting.executeScript), it extracts the page as a statement and returns it as the injection's
 * result. It reads a clone of the page (extract.ts) and changes nothing.
 */
export default defineContentScript({
  registration: 'runtime',
  main: () => extractPageStatement(document, location.href),
});
