import type { ImportSummary } from '../lib/corpus/import-summary';
import { formatCount, type Translate } from './i18n';
import { percent } from './format';
import { ImportSummaryView } from './ImportSummaryView';

export interface ImportProgress {
  file: string;
  /** Fraction of the input read, 0..1. */
  fraction: number;
  /** Records stored so far (imported + updated + duplicates). */
  records: number;
}

export interface ImportPanelProps {
  progress: ImportProgress | null;
  summary: ImportSummary | null;
  /** Number of imports finished on this page (see ImportSummaryView). */
  run?: number;
  onFiles: (files: File[]) => void;
  onCancel: () => void;
  t: Translate;
}

/** File chooser, progress bar while importing, and the summary when done. */
export function ImportPanel({ progress, summary, run, onFiles, onCancel, t }: ImportPanelProps) {
  const busy = progress !== null;
  return (
    <section aria-labelledby="import-title" class="card">
      <h2 id="import-title">{t('importTitle')}</h2>
      <p class="muted" id="import-help">
        {t('importHelp')}
      </p>
      <label class="file">
        <span>{t('importChoose')}</span>
        <input
          id="import-file"
          type="file"
          multiple
          accept=".jsonl,.ndjson,.gz,.txt,application/gzip,application/x-ndjson,text/plain"
          aria-describedby="import-help"
          disabled={busy}
          onChange={(event) => {
            const input = event.currentTarget;
            const files = [...(input.files ?? [])];
            input.value = '';
            if (files.length > 0) onFiles(files);
          }}
        />
      </label>
      {progress ? (
        <div class="progress" data-testid="import-progress" data-records={progress.records}>
          <label for="import-progress-bar">{t('importProgress', progress.file)}</label>
          <progress id="import-progress-bar" max={1} value={progress.fraction} />
          <span class="muted mono" aria-live="off">
            {percent(progress.fraction, t.locale)} · {formatCount(progress.records, t.locale)}
          </span>
          <button type="button" onClick={onCancel}>
            {t('importCancel')}
          </button>
        </div>
      ) : null}
      {summary && !busy ? <ImportSummaryView summary={summary} run={run} t={t} /> : null}
    </section>
  );
}
