// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import english from '../../public/_locales/en/messages.json';
import { HintsBar } from '../../components/HintsBar';
import { translatorFromTable } from '../../components/i18n';
import { PassageCard } from '../../components/PassageCard';
import { SiteRules } from '../../components/SiteRules';
import { SourceList } from '../../components/SourceList';
import type { PassageView, ReportView, Settings, SourceView } from '../../lib/messaging/protocol';
import { realReport } from './dev-report';
import { findSources } from '../../lib/engine/find-sources';
import { StatementIndex } from '../../lib/engine/statement-index';
import { toReportView } from '../../lib/background/report-view';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { StatementDoc } from '../../lib/engine/types';
import { seriousViolations } from './app-harness';

/** Real records of tests/fixtures/engine (read by path: happy-dom's import.meta.url is no file URL). */
const engineFixture = <T,>(name: string): T[] =>
  readFileSync(resolve('tests/fixtures/engine', name), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
const engineStatements = () => engineFixture<StatementDoc>('statements.jsonl');

const t = translatorFromTable(english);
afterEach(cleanup);

let a002: ReportView;
let a003: ReportView;
beforeAll(async () => {
  [a002, a003] = await Promise.all([realReport('A002'), realReport('A003')]);
});

describe('SourceList', () => {
  it("lists A002's source S01 with its passages grouped by type, in a fixed type order", async () => {
    const source = a002.sources[0]!;
    expect(source.statementId).toBe('S01');
    const { container } = render(<SourceList sources={a002.sources} articleDate="2023-09-19" t={t} />);
    const items = screen.getAllByTestId('source');
    expect(items).toHaveLength(a002.sources.length);
    expect(items[0]!.dataset.statementId).toBe('S01');
    const groups = [...items[0]!.querySelectorAll<HTMLElement>('.passage-group')];
    const expectedTypes = ['verbatim_quote', 'altered_quote', 'unattributed_copy', 'paraphrase'].filter((type) => source.passages.some((p) => p.type === type));
    expect(groups.map((g) => g.dataset.type)).toEqual(expectedTypes);
    for (const group of groups) {
      const count = source.passages.filter((p) => p.type === group.dataset.type).length;
      expect(group.querySelectorAll('.passage-button')).toHaveLength(count);
      expect(group.querySelector('h3')!.textContent).toContain(`(${count})`);
    }
    expect(items[0]!.textContent).toContain('Ministry of Defense of the Republic of Azerbaijan');
    expect(items[0]!.textContent).toContain(t('sameDay'));
    const link = items[0]!.querySelector('a')!;
    expect(link.getAttribute('href')).toBe(source.url);
    expect(link.getAttribute('rel')).toContain('noopener');
    expect(await seriousViolations(container)).toEqual([]);
  });

  it('links only http and https addresses: a javascript: url is shown as plain text', () => {
    const base = a003.sources[0]!;
    const sources: SourceView[] = [
      { ...base, statementId: 'evil', url: 'javascript:alert(1)', title: 'Hostile link' },
      { ...base, statementId: 'data', url: 'data:text/html,<b>x</b>', title: 'Data link' },
      { ...base, statementId: 'http', url: 'http://example.org/statement', title: 'Plain http' },
    ];
    render(<SourceList sources={sources} t={t} />);
    const [evil, data, http] = screen.getAllByTestId('source');
    expect(evil!.querySelector('a')).toBeNull();
    expect(evil!.textContent).toContain('Hostile link');
    expect(data!.querySelector('a')).toBeNull();
    expect(http!.querySelector('a')!.getAttribute('href')).toBe('http://example.org/statement');
    expect(document.querySelectorAll('a[href^="javascript:"]')).toHaveLength(0);
  });

  it('opens a passage side by side and reveals it in the page', () => {
    const onReveal = vi.fn();
    render(<SourceList sources={a003.sources} t={t} onReveal={onReveal} />);
    const button = screen.getAllByTestId('source')[0]!.querySelector('.passage-button') as HTMLButtonElement;
    expect(screen.queryByRole('button', { name: t('showInPage') })).toBeNull();
    fireEvent.click(button);
    fireEvent.click(screen.getByRole('button', { name: t('showInPage') }));
    expect(onReveal).toHaveBeenCalledWith('S01', 0);
  });
});

describe('PassageCard', () => {
  const altered = (): { source: SourceView; passage: PassageView } => {
    const source = a002.sources[0]!;
    const passage = source.passages.find((p) => p.type === 'altered_quote');
    if (!passage) throw new Error('A002 has no altered quote');
    return { source, passage };
  };

  it('shows the word diff of an altered quote (removed and added words)', async () => {
    const { source, passage } = altered();
    expect(passage.diff?.some((part) => part.op !== 'equal')).toBe(true);
    const { container } = render(<PassageCard source={source} passage={passage} articleDate="2023-09-19" t={t} />);
    expect(screen.getByTestId('passage-card').dataset.kind).toBe('altered_quote');
    expect(screen.getByText(t('differences'))).toBeTruthy();
    const diff = screen.getByTestId('word-diff');
    const deleted = passage.diff!.filter((p) => p.op === 'delete').map((p) => p.text);
    const inserted = passage.diff!.filter((p) => p.op === 'insert').map((p) => p.text);
    expect([...diff.querySelectorAll('del')].map((el) => el.lastChild!.textContent)).toEqual(deleted);
    expect([...diff.querySelectorAll('ins')].map((el) => el.lastChild!.textContent)).toEqual(inserted);
    expect(screen.queryByTestId('card-official-text')).toBeNull();
    expect(await seriousViolations(container)).toEqual([]);
  });

  it("shows the official text for other passages, and warns when the quoted speaker is not the statement's", () => {
    // A002's quotes are altered (their verbatim parts are now one passage with the edits): A003's copy
    // of S01 read as a verbatim quote (its two edited words set aside) stands for a passage without a diff.
    const source = a003.sources[0]!;
    const copy = source.passages.find((p) => p.type === 'unattributed_copy')!;
    const verbatim: PassageView = { ...copy, type: 'verbatim_quote', diff: undefined };
    const mismatch: PassageView = { ...verbatim, speaker: 'Nikol Pashinyan', speakerMatches: false };
    const onClose = vi.fn();
    render(<PassageCard source={{ ...source, speaker: 'Colonel Anar Eyvazov' }} passage={mismatch} t={t} onClose={onClose} />);
    expect(screen.getByTestId('card-official-text').textContent).toBe(verbatim.statementText);
    expect(screen.queryByTestId('word-diff')).toBeNull();
    const who = screen.getByText('Nikol Pashinyan', { exact: false });
    expect(who.dataset.speakerMatches).toBe('false');
    expect(who.textContent).toContain(t('speakerMismatch'));
    expect(screen.getByTestId('card-speaker').textContent).toBe('Colonel Anar Eyvazov');
    fireEvent.click(screen.getByRole('button', { name: t('close') }));
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('labels a credited copy "Copied with attribution" and names whom the article credits (F-A058 → F-S18)', async () => {
    // F-A058 (Report.az) copies F-S18's readout paragraphs outside quotation marks under a dateline
    // "…, Report informs, citing the Pentagon press service" (tests/fixtures/engine, attribution-*).
    const docs = [...engineStatements(), ...engineFixture<StatementDoc>('attribution-statements.jsonl')];
    const index = new StatementIndex();
    index.add(docs);
    const byId = new Map(docs.map((d) => [d.id, d]));
    const article = engineFixture<{ id: string; text: string; title?: string | null }>('attribution-articles.jsonl').find((a) => a.id === 'F-A058')!;
    const report = await findSources({ text: article.text, title: article.title ?? undefined }, index, async (ids) => ids.map((i) => byId.get(i)!));
    const view = toReportView(report, article.text, new Map(docs.map((d) => [d.id, d.text])), docs.length, 0);
    const source = view.sources.find((s) => s.statementId === 'F-S18')!;
    const passage = source.passages.find((p) => p.type === 'attributed_copy')!;
    expect(passage.articleText).toContain('He acknowledged the critical roles played by the governments of Israel, Qatar and Egypt');
    const { container } = render(<PassageCard source={source} passage={passage} t={t} />);
    expect(screen.getByTestId('passage-card').dataset.kind).toBe('attributed_copy');
    expect(screen.getByText(t('typeAttributedCopy'))).toBeTruthy();
    expect(screen.queryByText(t('typeUnattributedCopy'))).toBeNull();
    const credited = container.querySelector<HTMLElement>('[data-speaker-matches]')!;
    expect(credited.textContent).toBe('the Pentagon press service');
    expect(credited.dataset.speakerMatches).toBe('true');
    expect(await seriousViolations(container)).toEqual([]);
  });

  it('says nothing of a mismatch when the speaker matches', () => {
    // A002's quotes are altered (their verbatim parts are now one passage with the edits): A003's copy
    // of S01 read as a verbatim quote (its two edited words set aside) stands for a passage without a diff.
    const source = a003.sources[0]!;
    const copy = source.passages.find((p) => p.type === 'unattributed_copy')!;
    const verbatim: PassageView = { ...copy, type: 'verbatim_quote', diff: undefined };
    render(<PassageCard source={source} passage={{ ...verbatim, speaker: 'Anar Eyvazov', speakerMatches: true }} t={t} />);
    expect(screen.getByText('Anar Eyvazov', { exact: false }).dataset.speakerMatches).toBe('true');
    expect(screen.queryByText(t('speakerMismatch'), { exact: false })).toBeNull();
  });
});

describe('SiteRules', () => {
  function setup(rules: Settings['siteRules'] | null = []) {
    const onChange = vi.fn<(rules: Settings['siteRules']) => void>();
    const view = render(<SiteRules rules={rules} onChange={onChange} t={t} />);
    const input = view.container.querySelector('#site-rule-host') as HTMLInputElement;
    const submit = (value: string) => {
      fireEvent.input(input, { target: { value } });
      fireEvent.submit(input.closest('form')!);
    };
    return { ...view, onChange, input, submit };
  }

  it('rejects an invalid host with an error and no change', () => {
    const { onChange, input, submit } = setup();
    for (const bad of ['not a host', 'localhost', 'exa_mple.com', '-bad.com']) {
      submit(bad);
      expect(screen.getByRole('alert').textContent).toBe(t('siteRuleInvalid'));
      expect(input.getAttribute('aria-invalid')).toBe('true');
    }
    expect(onChange).not.toHaveBeenCalled();
  });

  it('adds a valid host (scheme and path stripped, lower-cased) with the chosen rule, replacing an older rule for it', () => {
    const { onChange, container, submit } = setup([
      { host: 'news.example.com', rule: 'deny' },
      { host: 'other.org', rule: 'deny' },
    ]);
    submit('bad host');
    expect(screen.getByRole('alert')).toBeTruthy();
    fireEvent.change(container.querySelector('#site-rule-kind')!, { target: { value: 'allow' } });
    submit('https://News.Example.com/world/story');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(onChange).toHaveBeenCalledWith([
      { host: 'other.org', rule: 'deny' },
      { host: 'news.example.com', rule: 'allow' },
    ]);
  });

  it('lists rules and removes one', () => {
    const { onChange, container } = setup([
      { host: 'a.example', rule: 'allow' },
      { host: 'b.example', rule: 'deny' },
    ]);
    expect([...container.querySelectorAll('[data-host]')].map((li) => `${li.getAttribute('data-host')}:${li.getAttribute('data-rule')}`)).toEqual([
      'a.example:allow',
      'b.example:deny',
    ]);
    fireEvent.click(screen.getByRole('button', { name: t('siteRuleRemove', 'a.example') }));
    expect(onChange).toHaveBeenCalledWith([{ host: 'b.example', rule: 'deny' }]);
  });

  it('says when there are no rules', () => {
    setup([]);
    expect(screen.getByText(t('siteRulesNone'))).toBeTruthy();
    expect(screen.queryByTestId('site-rules')).toBeNull();
  });
});

describe('HintsBar', () => {
  it('shows the counts and position, and its buttons call back', async () => {
    const onPrevious = vi.fn();
    const onNext = vi.fn();
    const onHide = vi.fn();
    const { container } = render(<HintsBar passages={5} sources={2} position={3} onPrevious={onPrevious} onNext={onNext} onHide={onHide} t={t} />);
    const bar = screen.getByTestId('hints-bar');
    expect(bar.dataset.passages).toBe('5');
    expect(bar.textContent).toContain('5 passages from 2 official sources');
    expect(bar.textContent).toContain('3/5');
    fireEvent.click(screen.getByRole('button', { name: t('previousPassage') }));
    fireEvent.click(screen.getByRole('button', { name: t('nextPassage') }));
    fireEvent.click(screen.getByRole('button', { name: t('nextPassage') }));
    fireEvent.click(screen.getByRole('button', { name: t('hideHints') }));
    expect([onPrevious.mock.calls.length, onNext.mock.calls.length, onHide.mock.calls.length]).toEqual([1, 2, 1]);
    expect(await seriousViolations(container)).toEqual([]);
  });

  it('without passages: no position, navigation disabled, hiding still possible', () => {
    render(<HintsBar passages={0} sources={0} position={0} onPrevious={() => {}} onNext={() => {}} onHide={() => {}} t={t} />);
    expect(screen.getByTestId('hints-bar').textContent).not.toMatch(/\d+\/\d+/);
    expect((screen.getByRole('button', { name: t('previousPassage') }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: t('nextPassage') }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: t('hideHints') }) as HTMLButtonElement).disabled).toBe(false);
  });
});
