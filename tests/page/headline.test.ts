import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../lib/page/dom-node';
import { readHeadline } from '../../lib/page/headline';

const page = (title: string, body: string, head = '') =>
  parseHtml(`<!doctype html><html><head><title>${title}</title>${head}</head><body>${body}</body></html>`);

describe('readHeadline', () => {
  it('takes the printed <h1> rather than the <title> with the site name', () => {
    // Shapes of pages-more's dmagazine.com and wired.jp pages.
    const doc = page('NFL Concussion Settlement Payments Can Begin – D Magazine', '<h1>NFL Concussion Settlement Payments Can Begin</h1>');
    expect(readHeadline(doc, doc.title, 'D Magazine')).toBe('NFL Concussion Settlement Payments Can Begin');
    const japanese = page(
      'あの有名フォント「Helvetica」は、こうしてデジタル時代に生まれ変わった | WIRED.jp',
      '<h1>あの有名フォント「Helvetica」は、こうしてデジタル時代に生まれ変わった</h1>',
    );
    expect(readHeadline(japanese, japanese.title, 'WIRED.jp')).toBe('あの有名フォント「Helvetica」は、こうしてデジタル時代に生まれ変わった');
  });

  it("skips an <h1> that is the site's banner or another box's heading", () => {
    const banner = page('2019年のスマホ・DNSフィルタリング - てくろぐ', '<h1>てくろぐ</h1><h2>2019年のスマホ・DNSフィルタリング</h2>');
    expect(readHeadline(banner, banner.title, 'IIJ Engineers Blog')).toBe('2019年のスマホ・DNSフィルタリング - てくろぐ');
    const section = page(
      'Babies Who Eat Peanuts Early May Avoid Allergy',
      '<h1>Allergies Health Center</h1><h2>Babies Who Eat Peanuts Early May Avoid Allergy</h2>',
    );
    expect(readHeadline(section, section.title, 'WebMD')).toBe('Babies Who Eat Peanuts Early May Avoid Allergy');
  });

  it('without a usable <h1>, drops the segment of the <title> that names the site', () => {
    const doc = page('Getting LEAN with Digital Ad UX | IAB', '<p>text</p>');
    expect(readHeadline(doc, doc.title, 'IAB')).toBe('Getting LEAN with Digital Ad UX');
    expect(readHeadline(doc, doc.title, null)).toBe('Getting LEAN with Digital Ad UX | IAB');
  });
});
