// @ts-check
// The hostile pages of issue 7, made on the fly from the real article page a003-dna-news.html (so each
// one is news with known sources) plus what makes it hostile. Big pages are generated, not committed.
import { readFileSync } from 'node:fs';

/** A probe every page (but the strict-CSP one, whose CSP forbids it) carries: the longest gap in its event loop. */
const LAG_PROBE = `<script>
(function () {
  var last = performance.now(), max = 0, ticks = 0;
  window.__lag = { max: 0, ticks: 0 };
  setInterval(function () {
    var now = performance.now();
    if (now - last > max) max = now - last;
    last = now; ticks++;
    window.__lag = { max: max, ticks: ticks };
  }, 20);
  window.__resetLag = function () { max = 0; last = performance.now(); };
})();
</script>`;

/**
 * Deterministic filler text (a linear congruential generator over a fixed word list).
 * @param {number} chars
 */
function filler(chars, seed = 1) {
  const words = [
    'council',
    'weather',
    'market',
    'comment',
    'reader',
    'football',
    'recipe',
    'garden',
    'travel',
    'review',
    'forum',
    'reply',
    'thanks',
    'agree',
    'photo',
  ];
  let state = seed;
  const parts = [];
  let length = 0;
  while (length < chars) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    const word = /** @type {string} */ (words[state % words.length]);
    parts.push(word);
    length += word.length + 1;
  }
  return parts.join(' ');
}

const ZERO_WIDTH_AND_BIDI = [
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u200E',
  '\u200F',
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
];

/** Inserts an invisible character after every 3rd character of each paragraph's text (tags untouched). */
/** @param {string} html */
function saltParagraphs(html) {
  let n = 0;
  return html.replace(
    /(<p>)([^<]+)(<\/p>)/g,
    (/** @type {string} */ _, /** @type {string} */ open, /** @type {string} */ text, /** @type {string} */ close) => {
      let out = '';
      for (let i = 0; i < text.length; i++) {
        out += text[i];
        if (i % 3 === 2) out += ZERO_WIDTH_AND_BIDI[n++ % ZERO_WIDTH_AND_BIDI.length];
      }
      return open + out + close;
    },
  );
}

/** Built-ins redefined the ways real pages (old frameworks, polyfills, hostile scripts) do. */
const BREAK_BUILTINS = `<script>
(function () {
  var broken = function () { throw new Error('redefined by the page'); };
  Array.prototype.map = broken; Array.prototype.forEach = broken; Array.prototype.filter = broken;
  Array.prototype.push = function () { return 0; }; Array.prototype.includes = function () { return true; };
  Array.prototype.indexOf = function () { return -1; }; Array.from = broken; Array.isArray = function () { return false; };
  JSON.parse = broken; JSON.stringify = function () { return '"hijacked"'; };
  Element.prototype.querySelector = function () { return null; }; Element.prototype.querySelectorAll = broken;
  Element.prototype.attachShadow = broken; Element.prototype.getBoundingClientRect = broken;
  Element.prototype.getAttribute = function () { return 'hijacked'; };
  Node.prototype.appendChild = broken; Node.prototype.contains = function () { return false; };
  Document.prototype.createElement = broken; Document.prototype.createRange = broken;
  String.prototype.trim = function () { return 'hijacked'; }; String.prototype.split = broken;
  Object.keys = broken; Object.entries = broken; Object.assign = broken;
  window.MutationObserver = function () { throw new Error('no observers here'); };
  window.__pageOk = true;
})();
</script>`;

/** A custom element whose content lives in a closed shadow root (comments widget, paywall, ads). */
const CLOSED_SHADOW = `<script>
customElements.define('closed-widget', class extends HTMLElement {
  constructor() {
    super();
    var root = this.attachShadow({ mode: 'closed' });
    var p = document.createElement('p');
    p.textContent = 'Hidden in a closed shadow root: Systematic shelling of positions of the Azerbaijan Army by the formations of Armenia’s armed forces.';
    root.appendChild(p);
    var inner = document.createElement('closed-widget-inner');
    root.appendChild(inner);
  }
});
customElements.define('closed-widget-inner', class extends HTMLElement {
  constructor() { super(); this.attachShadow({ mode: 'closed' }).textContent = 'A second closed level.'; }
});
</script>`;

/** @param {number} depth */
function nestedFrames(depth) {
  let doc = '<!doctype html><p>innermost frame: Systematic shelling of positions of the Azerbaijan Army</p>';
  for (let level = 0; level < depth; level++) {
    doc = `<!doctype html><p>frame level ${depth - level}</p><iframe srcdoc="${doc.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"></iframe>`;
  }
  return doc;
}

const INFINITE_SCROLL = `<script>
(function () {
  var n = 0;
  function more() {
    var section = document.createElement('section');
    section.className = 'more-stories';
    for (var i = 0; i < 10; i++) {
      var p = document.createElement('p');
      p.textContent = 'Story ' + (++n) + ': ' + ${JSON.stringify(filler(300, 7))};
      section.appendChild(p);
    }
    document.body.appendChild(section);
  }
  // Endless: more on every scroll near the end, and on a timer as feeds do.
  window.addEventListener('scroll', function () { if (innerHeight + scrollY > document.body.scrollHeight - 800) more(); });
  setInterval(more, 250);
  window.__stories = function () { return n; };
})();
</script>`;

/**
 * The pages, by name: how each one is made from the base article, and what it sends as headers. Each
 * still carries the real article, so the check must find its source on every one.
 * @type {Record<string, { what: string, make: (base: string) => string, headers?: Record<string, string> }>}
 */
export const HOSTILE_PAGES = {
  'big-20mb': { what: 'a 20 MB page', make: (base) => base.replace('</main>', `</main><section class="comments">${bigComments(20 * 1024 * 1024)}</section>`) },
  'dom-200k': { what: 'a 200,000-node DOM', make: (base) => base.replace('</main>', `</main><div class="grid">${manyNodes(200_000)}</div>`) },
  'infinite-scroll': { what: 'infinite scroll', make: (base) => base.replace('</body>', `${INFINITE_SCROLL}</body>`) },
  builtins: { what: 'redefined built-ins (Array.prototype, JSON, Element.prototype...)', make: (base) => base.replace('<head>', `<head>${BREAK_BUILTINS}`) },
  'strict-csp': {
    what: "a strict CSP (default-src 'none')",
    headers: { 'content-security-policy': "default-src 'none'; style-src 'none'; script-src 'none'" },
    make: (base) => base,
  },
  'closed-shadow': {
    what: 'closed shadow roots',
    make: (base) =>
      base.replace('<main>', `${CLOSED_SHADOW}<closed-widget></closed-widget><main>`).replace('</main>', '</main><closed-widget></closed-widget>'),
  },
  contenteditable: { what: 'contenteditable', make: (base) => base.replace('<article>', '<article contenteditable="true">') },
  'nested-frames': {
    what: 'nested frames',
    make: (base) =>
      base.replace(
        '</main>',
        `</main><iframe src="/a003-dna-news.html"></iframe><iframe srcdoc="${nestedFrames(5).replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"></iframe>`,
      ),
  },
  'zero-width-bidi': { what: 'text full of zero-width and bidi characters', make: (base) => saltParagraphs(base) },
  'paragraph-1m': { what: 'a 1,000,000-character paragraph', make: (base) => base.replace('</article>', `<p>${filler(1_000_000, 3)}</p></article>`) },
};

/** @param {number} bytes */
function bigComments(bytes) {
  const paragraph = filler(500, 11);
  const count = Math.ceil(bytes / (paragraph.length + 7));
  return Array.from({ length: count }, (_, i) => `<p>${i} ${paragraph}</p>`).join('');
}

/** `count` elements: 2,000 rows of 99 cells (plus the rows themselves), each with a text node. */
/** @param {number} count */
function manyNodes(count) {
  const perRow = 99;
  const rows = Math.ceil(count / (perRow + 1));
  const row = `<div>${'<span>·</span>'.repeat(perRow)}</div>`;
  return row.repeat(rows);
}

/**
 * A `generated` handler for startSiteServer: /hostile/<name>.html, for the pages above and for
 * `extra` pages (name → function of the base article's HTML).
 * @param {string} siteRoot tests/e2e/site
 * @param {Record<string, (base: string) => string>} [extra]
 */
export function hostilePageServer(siteRoot, extra = {}) {
  const base = readFileSync(`${siteRoot}/a003-dna-news.html`, 'utf8').replace('<head>', `<head>${LAG_PROBE}`);
  /** @type {Map<string, Buffer>} */
  const cache = new Map();
  return async (/** @type {string} */ path) => {
    const name = /^\/hostile\/([\w-]+)\.html$/.exec(path)?.[1];
    if (!name) return null;
    const make = HOSTILE_PAGES[name]?.make ?? extra[name];
    if (!make) return null;
    if (!cache.has(name)) cache.set(name, Buffer.from(make(base), 'utf8'));
    return { body: /** @type {Buffer} */ (cache.get(name)), headers: HOSTILE_PAGES[name]?.headers };
  };
}
