// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import english from '../../public/_locales/en/messages.json';
import { CorpusSummary } from '../../components/CorpusSummary';
import { translatorFromTable } from '../../components/i18n';
import { PassageCard } from '../../components/PassageCard';
import { SourceList } from '../../components/SourceList';
import type { SourceView } from '../../lib/messaging/protocol';
import { realReport } from './dev-report';

/**
 * Issue 7, rendering: statement fields and passage texts full of markup render as text, and a link is
 * drawn only for http(s) addresses, even when a damaged record carries another scheme (the import
 * refuses them, so this is the second line of defence). The e2e `inert` suite checks the same in browsers.
 */

const t = translatorFromTable(english);
afterEach(cleanup);

const PAYLOAD = '<img src=x onerror="globalThis.__pwned=1"><script>globalThis.__pwned=2</script><svg onload="globalThis.__pwned=3"></svg><b>bold</b>';

let real: SourceView;
beforeAll(async () => {
  real = (await realReport('A002')).sources[0]!;
});

function hostile(url: string): SourceView {
  return {
    ...real,
    title: `${PAYLOAD} title`,
    issuer: `${PAYLOAD} issuer`,
    speaker: `${PAYLOAD} speaker`,
    url,
    passages: real.passages.map((p) => ({ ...p, articleText: `${PAYLOAD} article`, statementText: `${PAYLOAD} statement` })),
  };
}

function expectInert(container: Element): void {
  expect(container.querySelectorAll('img, script, svg, b, [onerror], [onload]')).toHaveLength(0);
  expect(container.textContent).toContain('<img src=x onerror="globalThis.__pwned=1">');
  expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
}

const hrefs = (container: Element) => [...container.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'));

describe('statement text renders inert', () => {
  it.each([
    ['javascript:', 'javascript:globalThis.__pwned=4', []],
    ['data:', 'data:text/html,<script>globalThis.__pwned=5</script>', []],
    ['vbscript:', 'vbscript:msgbox(1)', []],
    ['a relative address', '/relative/path', []],
    ['https with markup in it', 'https://example.org/a?"><script>x</script>', ['https://example.org/a?%22%3E%3Cscript%3Ex%3C/script%3E']],
  ])('SourceList and PassageCard with a %s url', (_, url, expected) => {
    const source = hostile(url);
    const list = render(<SourceList sources={[source]} t={t} />);
    expectInert(list.container);
    expect(hrefs(list.container)).toEqual(expected);
    cleanup();
    const card = render(<PassageCard source={source} passage={source.passages[0]!} t={t} />);
    expectInert(card.container);
    expect(hrefs(card.container)).toEqual(expected);
  });
});

describe('damaged records are reported', () => {
  it('CorpusSummary says how many damaged records were skipped, and says nothing when none', () => {
    const { container, rerender } = render(<CorpusSummary stats={{ statements: 10, issuers: 2, damaged: 3 }} t={t} />);
    expect(container.querySelector('[data-testid="corpus-damaged"]')?.textContent).toMatch(/^3 damaged records were skipped/);
    rerender(<CorpusSummary stats={{ statements: 10, issuers: 2 }} t={t} />);
    expect(container.querySelector('[data-testid="corpus-damaged"]')).toBeNull();
  });

  it('CorpusSummary says how many stored statements the index failed to take in, and why', () => {
    const { container, rerender } = render(
      <CorpusSummary stats={{ statements: 10, issuers: 2, notIndexed: { statements: 4, error: '<b>out of memory</b>' } }} t={t} />,
    );
    const line = container.querySelector('[data-testid="corpus-not-indexed"]');
    expect(line?.textContent).toBe(
      '4 stored statements are not matched yet: indexing them failed (<b>out of memory</b>). SourceLens tries again at the next check.',
    );
    expect(container.querySelector('b')).toBeNull();
    rerender(<CorpusSummary stats={{ statements: 10, issuers: 2 }} t={t} />);
    expect(container.querySelector('[data-testid="corpus-not-indexed"]')).toBeNull();
  });
});
