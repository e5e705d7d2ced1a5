import { formatCount, type Translate } from './i18n';

export interface ExportState {
  /** Statements written so far while preparing. */
  written: number;
  /** The finished file, once ready. */
  download?: { href: string; fileName: string; count: number };
}

export interface ExportPanelProps {
  state: ExportState | null;
  disabled: boolean;
  onExport: () => void;
  t: Translate;
}

/** Export the corpus as JSON Lines; the finished file stays downloadable from a link. */
export function ExportPanel({ state, disabled, onExport, t }: ExportPanelProps) {
  const working = state !== null && !state.download;
  return (
    <section aria-labelledby="export-title" class="card">
      <h2 id="export-title">{t('exportTitle')}</h2>
      <button type="button" id="export" disabled={disabled || working} onClick={onExport}>
        {t('exportButton')}
      </button>
      {working ? (
        <p class="muted" aria-live="polite">
          {t('exportWorking', formatCount(state.written))}
        </p>
      ) : null}
      {state?.download ? (
        <p>
          <a id="export-link" href={state.download.href} download={state.download.fileName} data-count={state.download.count}>
            {t('exportReady', state.download.fileName, formatCount(state.download.count))}
          </a>
        </p>
      ) : null}
    </section>
  );
}
