import { FileDownload, type PreparedFile } from './FileDownload';
import type { Translate } from './i18n';

export interface ExportState {
  /** Statements written so far while preparing. */
  written: number;
  /** The finished file, once ready. */
  download?: PreparedFile;
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
      <FileDownload linkId="export-link" written={state?.written ?? 0} working={working} download={state?.download} t={t} />
    </section>
  );
}
