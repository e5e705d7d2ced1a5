import { describe, expect, it } from 'vitest';
import { isOfficialHost, scoreUrlShape } from '../../lib/page/url-shape';

const reasonsOf = (url: string) => scoreUrlShape(new URL(url)).map((signal) => signal.reason);
const scoreOf = (url: string) => scoreUrlShape(new URL(url)).reduce((total, signal) => total + signal.points, 0);

describe('scoreUrlShape', () => {
  it('sees dates in paths and in compact ids', () => {
    expect(reasonsOf('https://www.nytimes.com/2017/01/13/world/africa/sudan-sanctions.html')).toContain('url has a date');
    expect(reasonsOf('http://headlines.yahoo.co.jp/hl?a=20170309-35097838-cnetj-sci')).toContain('url has a date');
    expect(reasonsOf('https://example.com/products/1690268064')).not.toContain('url has a date');
  });

  it("sees the month-then-day folders of Chinese and Japanese portals (pages-more's chinadaily, news.cn, sanwa)", () => {
    expect(reasonsOf('https://china.chinadaily.com.cn/a/202311/17/WS65571297a310d5acd876f404.html')).toContain('url has a date');
    expect(reasonsOf('http://www.news.cn/fortune/2023-11/17/c_1129981476.htm')).toContain('url has a date');
    expect(reasonsOf('https://www.sanwa.co.jp/news/201903/ma-irfp139bk/index.html')).toContain('url has a date');
  });

  it('sees a story addressed by its id in the query, and tells a router parameter from pagination', () => {
    expect(reasonsOf('http://abcnews.go.com/US/hillary-clinton-putin/story?id=44233864')).toContain('url is a story id');
    expect(reasonsOf('http://www.ossnews.jp/oss_info/article.html?oid=8976')).toContain('url is a story id');
    expect(reasonsOf('https://www.phoronix.com/scan.php?page=news_item&px=Steam-May-2019-Numbers')).not.toContain(
      'url is a listing (search, tag, category, author)',
    );
    expect(reasonsOf('https://example.com/world?page=2')).toContain('url is a listing (search, tag, category, author)');
  });

  it('counts recipe, review and shopping sections against', () => {
    expect(reasonsOf('https://www1.wdr.de/verbraucher/rezepte/kartoffelsalat-mit-wuerstchen-100.html')).toContain(
      'url is a lifestyle, feature, advice or shopping page',
    );
    expect(reasonsOf('https://www.tudoreceitas.com/receita-de-pipoca-de-frango-12752.html')).toContain('url is a lifestyle, feature, advice or shopping page');
    expect(reasonsOf('https://www.newyorker.com/humor/daily-shouts/teas-you-should-probably-get-rid-of-already')).toContain(
      'url is a lifestyle, feature, advice or shopping page',
    );
    expect(reasonsOf('https://www.example.com/news/recipe-for-disaster-at-the-summit')).not.toContain('url is a lifestyle, feature, advice or shopping page');
  });

  it('counts feature, advice and company-insight sections against, but not a story whose slug starts with such a word', () => {
    const against = 'url is a lifestyle, feature, advice or shopping page';
    expect(reasonsOf('http://www.rollingstone.com/movies/features/how-la-la-land-resurrected-the-hollywood-musical-w454198')).toContain(against);
    expect(reasonsOf('http://backstage.com/advice-for-actors/resources/los-angeles-acting-schools-and-coaches-2014/')).toContain(against);
    expect(reasonsOf('https://postlight.com/insights/three-ways-to-be-the-thermostat')).toContain(against);
    expect(reasonsOf('https://www.example.com/news/review-finds-police-failed-to-act-2023')).not.toContain(against);
    expect(reasonsOf('https://www.example.com/politics/tips-line-leads-to-arrest-of-suspect')).not.toContain(against);
  });

  it('counts a listicle slug like a how-to guide, also after a numeric id', () => {
    expect(reasonsOf('https://www.bustle.com/articles/194709-13-ways-to-compliment-women-in-the-most-empowering-way')).toContain('url is a listicle');
    expect(reasonsOf('https://example.com/10-best-hiking-trails-near-denver')).toContain('url is a listicle');
    expect(reasonsOf('https://example.com/news/2016/12/13-killed-in-bus-crash-near-lima')).not.toContain('url is a listicle');
  });

  it('sees news sections, long slugs and numeric ids', () => {
    const reasons = reasonsOf('https://www.bbc.com/news/world-us-canada-obama-admits-gun-laws-frustration-33646704');
    expect(reasons).toEqual(expect.arrayContaining(['url is in a news section', 'url has a long slug', 'url has a numeric id']));
  });

  it('sees slugs of a few long (compound) words, short ids in news sections, a CMS router naming a story, and a section between year and day (pages-more)', () => {
    expect(reasonsOf('https://www.transgen.de/aktuell/2687.afrikanische-schweinepest-genome-editing.html')).toContain('url has a long slug');
    expect(reasonsOf('https://example.com/about/our-team')).not.toContain('url has a long slug');
    expect(reasonsOf('http://www.qdaily.com/articles/38282.html')).toContain('url has a numeric id');
    expect(reasonsOf('http://example.com/products/38282.html')).not.toContain('url has a numeric id');
    expect(reasonsOf('https://www.phoronix.com/scan.php?page=news_item&px=Steam-May-2019-Numbers')).toContain('url is a story id');
    expect(reasonsOf('https://example.com/index.php?page=news&p=2')).not.toContain('url is a story id');
    expect(reasonsOf('http://arabic.cnn.com/2013/middle_east/8/2/syria.clashes/index.html')).toContain('url has a date');
    expect(reasonsOf('https://example.com/2013/products/80/2/')).not.toContain('url has a date');
  });

  it('reads statement words in a slug too (dev articles), how-to only as how-to, a diary as personal', () => {
    expect(reasonsOf('https://menafn.com/1107105216/Defense-Ministry-Holds-Another-Briefing-On-Anti-Terrorist-Measures-In-Karabakh')).toContain(
      'url is a press release or statement',
    );
    expect(reasonsOf('http://www.rollingstone.com/movies/features/how-la-la-land-resurrected-the-hollywood-musical-w454198')).not.toContain(
      'url is a how-to guide',
    );
    expect(reasonsOf('https://example.com/how-to-build-a-terrarium')).toContain('url is a how-to guide');
    expect(reasonsOf('http://takagi-hiromitsu.jp/diary/20190211.html')).toContain('url is a blog, wiki, fiction or docs page');
  });

  it('counts home pages, listings and section fronts against', () => {
    expect(reasonsOf('https://www.nytimes.com/')).toEqual(['url is a home page']);
    expect(reasonsOf('https://www.nytimes.com/index.html')).toEqual(['url is a home page']);
    expect(reasonsOf('https://www.nytimes.com/?utm_source=twitter')).toEqual(['url is a home page']);
    expect(reasonsOf('https://blog.example.com/?p=1234')).not.toContain('url is a home page');
    expect(reasonsOf('https://example.com/search?q=obama')).toContain('url is a listing (search, tag, category, author)');
    expect(reasonsOf('https://example.com/tag/politics')).toContain('url is a listing (search, tag, category, author)');
    expect(reasonsOf('https://news.example.com/news/')).toContain('url is a section front');
    expect(scoreOf('https://example.com/category/world')).toBeLessThan(0);
  });

  it('does not mistake a story ending in index.html for a home page', () => {
    const reasons = reasonsOf('http://money.cnn.com/2016/02/01/news/economy/poverty-inequality-united-states/index.html');
    expect(reasons).not.toContain('url is a home page');
    expect(reasons).not.toContain('url is a listing (search, tag, category, author)');
    expect(reasons).toContain('url has a date');
  });

  it('counts blog platforms, blogs, wikis and how-to guides against', () => {
    expect(reasonsOf('https://medium.com/@someone/my-thoughts-on-things-1234abcd')).toContain('url is on a self-publishing platform');
    expect(reasonsOf('https://someone.substack.com/p/my-post')).toContain('url is on a self-publishing platform');
    expect(reasonsOf('https://about.gitlab.com/blog/2024/06/25/three-findings-from-our-survey/')).toContain('url is a blog, wiki, fiction or docs page');
    expect(reasonsOf('https://en.wikipedia.org/wiki/Mozilla')).toContain('url is a blog, wiki, fiction or docs page');
    expect(reasonsOf('http://www.ehow.com/how_2042752_build-terrarium.html')).toContain('url is a how-to guide');
  });

  it('counts official hosts and press-release paths for', () => {
    expect(reasonsOf('https://mod.gov.az/en/news/statement-by-the-ministry-49350.html')).toContain('url is on an official host');
    expect(reasonsOf('https://www.state.gov/briefings/department-press-briefing-march-3-2024/')).toEqual(
      expect.arrayContaining(['url is on an official host', 'url is a press release or statement']),
    );
    expect(reasonsOf('https://www.example.com/press-releases/acme-launches-widget')).toContain('url is a press release or statement');
  });
});

describe('isOfficialHost', () => {
  it.each([
    ['www.mfa.gov.tr', true],
    ['mod.gov.az', true],
    ['www.whitehouse.gov', true],
    ['www.gov.uk', true],
    ['www.diplomatie.gouv.fr', true],
    ['www.defense.mil', true],
    ['www.nato.int', true],
    ['eeas.europa.eu', true],
    ['www.mfa.am', true],
    ['www.nytimes.com', false],
    ['governmentnews.example.com', false],
    ['www.bbc.co.uk', false],
  ])('%s → %s', (host, expected) => {
    expect(isOfficialHost(host)).toBe(expected);
  });
});

describe('scoreUrlShape on story addresses filed under listings', () => {
  it('does not count a story under /archives/ or /category/ as a listing', () => {
    const reasons = reasonsOf('https://norharatch.com/archives/news/declaration-du-ministere-des-affaires-etrangeres');
    expect(reasons).not.toContain('url is a listing (search, tag, category, author)');
    expect(reasons).toContain('url has a long slug');
    expect(reasonsOf('https://norharatch.com/archives/news')).toContain('url is a listing (search, tag, category, author)');
  });

  it('reads day-first dates', () => {
    expect(reasonsOf('https://thepakistanurdu.com/14/07/2020/2869/some-story')).toContain('url has a date');
  });

  it('counts only very short root pages as site pages', () => {
    expect(reasonsOf('https://example.com/about')).toContain('url is a short top-level page');
    expect(reasonsOf('https://example.com/turkiyeden-karabag-aciklamasi')).not.toContain('url is a short top-level page');
  });
});
