// @ts-check
// Escaping text into HTML, for the pages and canvases the scripts write.

/** @type {Record<string, string>} */
const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * The text as HTML text or a double-quoted attribute value.
 * @param {string} text
 */
export const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);
