/**
 * Parts of a page that hold other texts than the article: comments, lists of related and
 * recommended stories, teasers, sidebars, footers and navigation. The article's date
 * (article-dates.ts) may not come from them. Recognised by the words publishers put in their class
 * names and ids, and by the tags.
 */

const OTHER_TEXT_MARK =
  /comment|related|recommend|sidebar|more-?(stories|news|articles)|read-?more|popular|trending|teaser|promo|widget|footer|(^|[-_ ])(nav|menu|aside)([-_ ]|$)|disqus|reply|replies/i;
const OTHER_TEXT_TAGS = new Set(['ASIDE', 'NAV', 'FOOTER']);

/**
 * Whether `element`, or one of its ancestors below `boundary`, is marked as other text. The search
 * stops at the first ancestor for which `boundary` says so, since above the article's own container
 * come the page's layout boxes, whose names say nothing of the article (`detailBodyContainer
 * withSidebar` holds the whole story).
 */
export function inOtherText(element: Element, boundary: (ancestor: Element) => boolean, maxDepth = 25): boolean {
  let depth = 0;
  for (let current: Element | null = element; current && depth < maxDepth; current = current.parentElement, depth++) {
    if (boundary(current)) return false;
    if (OTHER_TEXT_TAGS.has(current.tagName.toUpperCase())) return true;
    const marks = `${current.getAttribute('class') ?? ''} ${current.id}`;
    if (marks.length > 1 && OTHER_TEXT_MARK.test(marks)) return true;
  }
  return false;
}
