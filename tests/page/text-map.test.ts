import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../lib/page/dom-node';
import { buildTextMap, normalizeString, normalizedText } from '../../lib/page/text-map';
import { elementPath, resolveElementPath } from '../../lib/page/element-path';

const body = (html: string) => parseHtml(`<html><head></head><body>${html}</body></html>`).body;

describe('normalizedText', () => {
  it('collapses whitespace and trims', () => {
    expect(normalizedText(body('<p>  a \n\t b\u00a0 c  </p>'))).toBe('a b c');
  });

  it('separates blocks and <br> with a space, but not inline elements', () => {
    expect(normalizedText(body('<p>one</p><p>two<br>three</p><p>in<b>line</b></p>'))).toBe('one two three inline');
  });

  it('drops zero-width characters and soft hyphens', () => {
    expect(normalizedText(body('<p>ze\u200bro\u00ad-width\ufeff</p>'))).toBe('zero-width');
    expect(normalizeString('ze\u200bro  wi\u00addth')).toBe('zero width');
  });

  it('skips script and style text', () => {
    expect(normalizedText(body('<p>a<script>var x = 1;</script><style>p{}</style>b</p>'))).toBe('ab');
  });

  it('maps every character back to its text node and offset', () => {
    const map = buildTextMap(body('<p>ab <i>cd</i></p>'));
    expect(map.text).toBe('ab cd');
    for (let index = 0; index < map.text.length; index++) {
      if (map.text[index] === ' ') continue;
      const node = map.nodes[map.nodeIndex[index] as number] as Text;
      expect(node.data[map.nodeOffset[index] as number]).toBe(map.text[index]);
    }
  });

  it('survives nesting deeper than the call stack', () => {
    const deep = `${'<span>'.repeat(20_000)}deep${'</span>'.repeat(20_000)}`;
    expect(normalizedText(body(deep))).toBe('deep');
  });
});

describe('element paths', () => {
  it('round-trips an element through its path', () => {
    const doc = parseHtml('<html><head></head><body><div><p>a</p><p id="x">b</p></div></body></html>');
    const target = doc.getElementById('x') as Element;
    const path = elementPath(target);
    expect(path).toBe('html > body:nth-child(2) > div:nth-child(1) > p:nth-child(2)');
    expect(resolveElementPath(doc, path)).toBe(target);
  });

  it('returns null when the page no longer has that shape', () => {
    const doc = parseHtml('<html><head></head><body><div><span>a</span></div></body></html>');
    expect(resolveElementPath(doc, 'html > body:nth-child(2) > div:nth-child(1) > p:nth-child(1)')).toBeNull();
    expect(resolveElementPath(doc, 'html > body:nth-child(2) > div:nth-child(5)')).toBeNull();
    expect(resolveElementPath(doc, 'garbage')).toBeNull();
  });
});
