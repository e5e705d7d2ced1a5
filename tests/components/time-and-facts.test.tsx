// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { translatorFromTable } from '../../components/i18n';
import { PassageCard } from '../../components/PassageCard';
import { SourceList } from '../../components/SourceList';
import { FactsView, lagOf, lagText } from '../../components/TimeAndFacts';
import type { FactPair } from '../../lib/engine/index';
import type { ReportView, SourceView } from '../../lib/messaging/protocol';
import { realReport } from './dev-report';
import { seriousViolations } from './app-harness';

const table = (lang: string) => JSON.parse(readFileSync(resolve('public/_locales', lang, 'messages.json'), 'utf8'));
const en = translatorFromTable(table('en'), 'en');
const ru = translatorFromTable(table('ru'), 'ru');
const az = translatorFromTable(table('az'), 'az');

afterEach(cleanup);

let a003: ReportView;
beforeAll(async () => {
  a003 = await realReport('A003');
});

/** The facts of a templated daily report against another day's report (the example). */
const differ: FactPair[] = [
  { kind: 'number', article: '19 times', statement: '23 times' },
  { kind: 'date', article: '13–14 March', statement: '8–9 March' },
];
const agree: FactPair[] = [{ kind: 'name', article: 'Basarkechar', statement: 'Basarkechar' }];

describe('the lag between statement and article', () => {
  it("is the engine's lagDays when given, else counted from the two dates", () => {
    expect(lagOf({ lagDays: 2, date: '2023-09-19' }, '2023-09-19')).toBe(2);
    expect(lagOf({ date: '2023-09-17' }, '2023-09-19')).toBe(2);
    expect(lagOf({ date: '2023-09-17' }, null)).toBeNull();
    expect(lagOf({ lagDays: 0 }, null)).toBe(0);
  });

  it("says it in words with each language's plural rules", () => {
    expect([0, 1, 2, -1].map((days) => lagText(days, en))).toEqual([
      'same day as the article',
      '1 day before the article',
      '2 days before the article',
      '1 day after the article',
    ]);
    expect([1, 3, 5, 21].map((days) => lagText(days, ru))).toEqual([
      'за 1 день до статьи',
      'за 3 дня до статьи',
      'за 5 дней до статьи',
      'за 21 день до статьи',
    ]);
    expect(lagText(0, ru)).toBe('в день выхода статьи');
    expect(lagText(2, az)).toBe('məqalədən 2 gün əvvəl');
  });

  it("the card and the popup list show it from the source's lagDays", () => {
    const source: SourceView = { ...a003.sources[0]!, lagDays: 2 };
    render(<PassageCard source={source} passage={source.passages[0]!} t={en} />);
    expect(screen.getByTestId('card-lag').textContent).toContain('2 days before the article');
    cleanup();
    render(<SourceList sources={[{ ...source, lagDays: 0 }]} t={ru} />);
    expect(screen.getByTestId('source-lag').textContent).toContain('в день выхода статьи');
  });
});

describe('FactsView', () => {
  it('shows the facts that differ as each text writes them, and those that agree', async () => {
    const { container } = render(<FactsView agree={agree} differ={differ} t={en} />);
    expect(screen.getByTestId('facts-differ').textContent).toBe('Facts that differ: article: 19 times, 13–14 March; statement: 23 times, 8–9 March');
    expect(screen.getByTestId('facts-agree').textContent).toBe('Facts that agree: Basarkechar');
    expect(await seriousViolations(container)).toEqual([]);
  });

  it('in Russian and Azerbaijani', () => {
    render(<FactsView differ={differ} t={ru} />);
    expect(screen.getByTestId('facts-differ').textContent).toBe('Расходящиеся факты: в статье: 19 times, 13–14 March; в заявлении: 23 times, 8–9 March');
    expect(screen.queryByTestId('facts-agree')).toBeNull();
    cleanup();
    render(<FactsView agree={agree} t={az} />);
    expect(screen.getByTestId('facts-agree').textContent).toBe('Uyğun gələn faktlar: Basarkechar');
  });

  it('shows nothing without facts, and appears in the card and in the popup list', () => {
    const { container } = render(<FactsView t={en} />);
    expect(container.textContent).toBe('');
    cleanup();
    const source: SourceView = { ...a003.sources[0]!, factsAgree: agree, factsDiffer: differ };
    render(<PassageCard source={source} passage={source.passages[0]!} t={en} />);
    expect(screen.getByTestId('passage-card').querySelector('[data-testid="facts-differ"]')!.textContent).toContain('statement: 23 times, 8–9 March');
    cleanup();
    render(<SourceList sources={[source]} t={en} />);
    expect(screen.getByTestId('source').querySelector('[data-testid="facts-agree"]')!.textContent).toContain('Basarkechar');
  });
});
