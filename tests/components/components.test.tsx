// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import english from '../../public/_locales/en/messages.json';
import { CorpusSummary } from '../../components/CorpusSummary';
import { DeleteAll } from '../../components/DeleteAll';
import { ExportPanel } from '../../components/ExportPanel';
import { translatorFromTable } from '../../components/i18n';
import { ImportPanel } from '../../components/ImportPanel';
import { ImportSummaryView } from '../../components/ImportSummaryView';
import { IssuerList } from '../../components/IssuerList';
import { TabStatusView } from '../../components/TabStatusView';
import { emptySummary, type ImportSummary } from '../../lib/corpus/import-summary';
import type { TabStatus } from '../../lib/messaging/protocol';

const t = translatorFromTable(english);

afterEach(cleanup);

describe('translatorFromTable', () => {
  it('fills placeholders like browser.i18n', () => {
    expect(t('exportReady', 'corpus.jsonl', t.plural('statementsCount', 12))).toBe('Download corpus.jsonl (12 statements)');
    expect(t('importTitle')).toBe('Import statements');
    expect(t('nope' as never)).toBe('nope');
  });
});

describe('CorpusSummary', () => {
  it('shows a busy marker until stats arrive', () => {
    const { container } = render(<CorpusSummary stats={null} t={t} />);
    expect(container.querySelector('[aria-busy="true"]')).not.toBeNull();
    expect(screen.queryByTestId('corpus-count')).toBeNull();
  });

  it('shows statement and issuer counts with their labels', () => {
    render(<CorpusSummary stats={{ statements: 72607, issuers: 140 }} t={t} />);
    expect(screen.getByTestId('corpus-count').textContent).toBe((72607).toLocaleString());
    expect(screen.getByTestId('issuer-count').textContent).toBe('140');
    expect(screen.getByText('Statements in your corpus')).toBeTruthy();
    expect(screen.getByText('Issuers')).toBeTruthy();
  });
});

describe('TabStatusView', () => {
  const status: TabStatus = { tabId: 1, url: 'https://news.example/a', title: 'A story', state: 'loaded', loadedAt: 1, corpusSize: 3 };

  it('unsupported page', () => {
    render(<TabStatusView status={status} supported={false} t={t} />);
    const p = screen.getByTestId('tab-status');
    expect(p.dataset.state).toBe('unsupported');
    expect(p.textContent).toBe('SourceLens does not run on this kind of page.');
  });

  it('page not seen yet', () => {
    render(<TabStatusView status={null} supported t={t} />);
    const p = screen.getByTestId('tab-status');
    expect(p.dataset.state).toBe('unknown');
    expect(p.textContent).toMatch(/has not seen this page yet/);
  });

  it('page loaded, with its title', () => {
    render(<TabStatusView status={status} supported t={t} />);
    const p = screen.getByTestId('tab-status');
    expect(p.dataset.state).toBe('loaded');
    expect(p.textContent).toBe('Page seen by SourceLens');
    expect(screen.getByText('A story').getAttribute('title')).toBe('https://news.example/a');
  });
});

function fileInput(container: Element): HTMLInputElement {
  return container.querySelector('#import-file') as HTMLInputElement;
}

function chooseFiles(input: HTMLInputElement, files: File[]) {
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  fireEvent.change(input);
}

describe('ImportPanel', () => {
  it('file input hands the chosen files to onFiles', () => {
    const onFiles = vi.fn();
    const { container } = render(<ImportPanel progress={null} summary={null} onFiles={onFiles} onCancel={() => {}} t={t} />);
    const input = fileInput(container);
    expect(input.disabled).toBe(false);
    expect(input.multiple).toBe(true);
    const files = [new File(['{"text":"a"}\n'], 'a.jsonl'), new File(['x'], 'b.jsonl.gz')];
    chooseFiles(input, files);
    expect(onFiles).toHaveBeenCalledTimes(1);
    expect(onFiles.mock.calls[0]![0]).toEqual(files);
  });

  it('does not call onFiles when nothing was chosen', () => {
    const onFiles = vi.fn();
    const { container } = render(<ImportPanel progress={null} summary={null} onFiles={onFiles} onCancel={() => {}} t={t} />);
    chooseFiles(fileInput(container), []);
    expect(onFiles).not.toHaveBeenCalled();
  });

  it('shows a progress bar while busy, disables the input, and can cancel', () => {
    const onCancel = vi.fn();
    const summary = { ...emptySummary(['old.jsonl']), imported: 5 };
    const { container } = render(
      <ImportPanel progress={{ file: 'senate.jsonl.gz', fraction: 0.42, records: 1500 }} summary={summary} onFiles={() => {}} onCancel={onCancel} t={t} />,
    );
    expect(screen.getByTestId('import-progress')).toBeTruthy();
    const bar = container.querySelector('progress')!;
    expect(Number(bar.getAttribute('value'))).toBeCloseTo(0.42);
    expect(bar.getAttribute('max')).toBe('1');
    expect(screen.getByText('Importing senate.jsonl.gz…')).toBeTruthy();
    expect(screen.getByTestId('import-progress').textContent).toContain('42%');
    expect(fileInput(container).disabled).toBe(true);
    // the old summary is hidden while a new import runs
    expect(screen.queryByTestId('import-summary')).toBeNull();
    fireEvent.click(screen.getByText('Stop import'));
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('shows no progress bar when idle, and the summary when there is one', () => {
    const summary = { ...emptySummary(['a.jsonl']), imported: 5 };
    render(<ImportPanel progress={null} summary={summary} onFiles={() => {}} onCancel={() => {}} t={t} />);
    expect(screen.queryByTestId('import-progress')).toBeNull();
    expect(screen.getByTestId('import-summary').dataset.imported).toBe('5');
  });
});

describe('ImportSummaryView', () => {
  const summary: ImportSummary = {
    files: ['senate.jsonl'],
    imported: 100,
    updated: 2,
    duplicates: 7,
    rejected: [
      { file: 'senate.jsonl', line: 11, reason: 'not valid JSON (Unterminated string)' },
      { file: 'senate.jsonl', line: 52, reason: 'text is missing' },
      { file: 'senate.jsonl', line: 103, reason: 'not a JSON object' },
      { file: 'bad.jsonl.gz', line: 0, reason: 'file could not be read to the end: unexpected end of file' },
    ],
    rejectedCount: 6,
    warnings: [],
    warningCount: 0,
    interrupted: false,
  };

  it('lists counts and every rejected line with its number and reason', () => {
    render(<ImportSummaryView summary={summary} t={t} />);
    const root = screen.getByTestId('import-summary');
    expect(root.dataset).toMatchObject({ imported: '100', updated: '2', duplicates: '7', rejected: '6' });
    expect(screen.getByText('Import finished')).toBeTruthy();
    const items = [...screen.getByTestId('rejected-lines').querySelectorAll('li')];
    expect(items.map((li) => li.dataset.line)).toEqual(['11', '52', '103', '0']);
    expect(items[0]!.textContent).toBe('senate.jsonl, line 11: not valid JSON (Unterminated string)');
    expect(items[1]!.textContent).toBe('senate.jsonl, line 52: text is missing');
    expect(items[2]!.textContent).toBe('senate.jsonl, line 103: not a JSON object');
    expect(items[3]!.textContent).toBe('bad.jsonl.gz: file could not be read to the end: unexpected end of file');
    expect(screen.getByText('…and 2 more')).toBeTruthy();
  });

  it('lists lines imported with a warning apart from the rejected ones, with line, id and the bad value', () => {
    const warned: ImportSummary = {
      ...emptySummary(['dated.jsonl']),
      imported: 2,
      warnings: [
        { file: 'dated.jsonl', line: 2, id: 'S01', field: 'date', value: '2024-07 (first days of July)', kept: '2024-07' },
        { file: 'dated.jsonl', line: 5, id: 'S07', field: 'date', value: 'early May 2023' },
      ],
      warningCount: 2,
    };
    render(<ImportSummaryView summary={warned} t={t} />);
    expect(screen.getByTestId('import-summary').dataset).toMatchObject({ imported: '2', rejected: '0', warnings: '2' });
    expect(screen.queryByTestId('rejected-lines')).toBeNull();
    const items = [...screen.getByTestId('import-warnings').querySelectorAll('li')];
    expect(items.map((li) => li.textContent)).toEqual([
      'dated.jsonl, line 2 (S01): date “2024-07 (first days of July)” is not an ISO 8601 date; kept 2024-07',
      'dated.jsonl, line 5 (S07): date “early May 2023” is not an ISO 8601 date; stored without a date',
    ]);
  });

  it('says when an import was interrupted, with the reason as an alert', () => {
    render(<ImportSummaryView summary={{ ...emptySummary(['a']), interrupted: true, error: 'stopped before the end' }} t={t} />);
    expect(screen.getByText('Import stopped')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('stopped before the end');
    expect(screen.queryByTestId('rejected-lines')).toBeNull();
  });
});

describe('IssuerList', () => {
  it('lists issuers and calls back with the one to delete', () => {
    const onDelete = vi.fn();
    const issuers = [
      { key: 'ministry of defense', name: 'Ministry of Defense', count: 3 },
      { key: '', name: '', count: 1 },
    ];
    render(<IssuerList issuers={issuers} onDelete={onDelete} t={t} />);
    const rows = screen.getByTestId('issuer-list').querySelectorAll('tr');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.querySelector('th')!.textContent).toBe('Ministry of Defense');
    expect(rows[0]!.querySelector('td')!.textContent).toBe('3');
    expect(rows[1]!.querySelector('th')!.textContent).toBe(t('issuerUnknown'));
    fireEvent.click(screen.getByLabelText('Delete all statements of Ministry of Defense'));
    expect(onDelete).toHaveBeenCalledTimes(1);
    expect(onDelete).toHaveBeenCalledWith(issuers[0]);
  });

  it('says so when there are none, and shows busy while loading', () => {
    const { rerender, container } = render(<IssuerList issuers={null} onDelete={() => {}} t={t} />);
    expect(container.querySelector('[aria-busy="true"]')).not.toBeNull();
    rerender(<IssuerList issuers={[]} onDelete={() => {}} t={t} />);
    expect(screen.getByText(t('issuersNone'))).toBeTruthy();
    expect(screen.queryByTestId('issuer-list')).toBeNull();
  });
});

describe('DeleteAll', () => {
  it('needs a second, confirming click', () => {
    const onConfirm = vi.fn();
    const { container } = render(<DeleteAll count={1234} onConfirm={onConfirm} t={t} />);
    fireEvent.click(container.querySelector('#delete-all')!);
    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.getByRole('alertdialog').textContent).toContain(`Delete all ${(1234).toLocaleString()} statements? This cannot be undone.`);
    fireEvent.click(container.querySelector('#delete-all-confirm')!);
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('cancel deletes nothing', () => {
    const onConfirm = vi.fn();
    const { container } = render(<DeleteAll count={5} onConfirm={onConfirm} t={t} />);
    fireEvent.click(container.querySelector('#delete-all')!);
    fireEvent.click(screen.getByText('Cancel'));
    expect(onConfirm).not.toHaveBeenCalled();
    expect(container.querySelector('#delete-all')).not.toBeNull();
  });

  it('is disabled for an empty corpus', () => {
    const { container } = render(<DeleteAll count={0} onConfirm={() => {}} t={t} />);
    expect((container.querySelector('#delete-all') as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('ExportPanel', () => {
  it('starts an export on click', () => {
    const onExport = vi.fn();
    render(<ExportPanel state={null} disabled={false} onExport={onExport} t={t} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export everything as JSON Lines' }));
    expect(onExport).toHaveBeenCalledTimes(1);
  });

  it('shows progress while working, then a download link', () => {
    const { container, rerender } = render(<ExportPanel state={{ written: 2000 }} disabled={false} onExport={() => {}} t={t} />);
    expect((container.querySelector('#export') as HTMLButtonElement).disabled).toBe(true);
    expect(container.textContent).toContain(`Preparing export… ${(2000).toLocaleString()} statements`);
    expect(container.querySelector('#export-link')).toBeNull();
    rerender(
      <ExportPanel
        state={{ written: 3, download: { href: 'blob:sourcelens/1', fileName: 'sourcelens-corpus.jsonl', count: 3 } }}
        disabled={false}
        onExport={() => {}}
        t={t}
      />,
    );
    const link = container.querySelector('#export-link') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('blob:sourcelens/1');
    expect(link.getAttribute('download')).toBe('sourcelens-corpus.jsonl');
    expect(link.dataset.count).toBe('3');
    expect(link.textContent).toBe('Download sourcelens-corpus.jsonl (3 statements)');
    expect((container.querySelector('#export') as HTMLButtonElement).disabled).toBe(false);
  });

  it('is disabled when asked', () => {
    const { container } = render(<ExportPanel state={null} disabled onExport={() => {}} t={t} />);
    expect((container.querySelector('#export') as HTMLButtonElement).disabled).toBe(true);
  });
});
