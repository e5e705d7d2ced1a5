/**
 * Structural paths: where an element sits in its document, as a CSS selector such as
 * `html > body:nth-child(2) > div:nth-child(3) > p:nth-child(1)`.
 *
 * Extraction runs on a clone, so it cannot hand out live elements; it hands out paths, which stay
 * valid for the live page as long as the page's structure has not changed. The path is valid CSS
 * (readable in a debugger, usable with `querySelector`), but it is resolved here by walking
 * children, which is faster than a selector engine and checks each tag name on the way: a page
 * that has since changed shape yields `null` rather than a wrong element.
 */

const SIMPLE_TAG = /^[a-z][a-z0-9-]*$/;

export function elementPath(element: Element): string {
  const steps: string[] = [];
  for (let current: Element | null = element; current; current = current.parentElement) {
    const parent: Element | null = current.parentElement;
    const tag = current.localName.toLowerCase();
    const name = SIMPLE_TAG.test(tag) ? tag : '*';
    if (!parent) {
      steps.push(name);
      break;
    }
    steps.push(`${name}:nth-child(${indexAmongElements(current) + 1})`);
  }
  return steps.reverse().join(' > ');
}

export function resolveElementPath(doc: Document, path: string): Element | null {
  const steps = path.split(' > ');
  let current: Element | null = doc.documentElement;
  const rootTag = steps[0];
  if (!current || (rootTag !== '*' && current.localName.toLowerCase() !== rootTag)) return null;
  for (const step of steps.slice(1)) {
    const match = /^([a-z0-9*-]+):nth-child\((\d+)\)$/.exec(step);
    if (!match || !current) return null;
    const child: Element | undefined = current.children[Number(match[2]) - 1];
    if (!child) return null;
    if (match[1] !== '*' && child.localName.toLowerCase() !== match[1]) return null;
    current = child;
  }
  return current;
}

function indexAmongElements(element: Element): number {
  let index = 0;
  for (let sibling = element.previousElementSibling; sibling; sibling = sibling.previousElementSibling) index++;
  return index;
}

/**
 * Every element under `root` (inclusive) in document order. Walked by hand rather than with
 * `getElementsByTagName('*')`, which some DOM implementations (linkedom) answer with nothing.
 */
export function elementsInDocumentOrder(root: Element): Element[] {
  const elements: Element[] = [];
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const element = stack.pop() as Element;
    elements.push(element);
    for (let child = element.lastElementChild; child; child = child.previousElementSibling) stack.push(child);
  }
  return elements;
}
