import { FileDownload, type PreparedFile } from './FileDownload';
import type { Translate } from './i18n';

export interface BackupState {
  /** Statements written so far (backup) or restored so far (restore). */
  done: number;
  /** The finished backup file. */
  download?: PreparedFile;
  /** The finished restore. */
  restored?: { restored: number; duplicates: number; rejected: number; feeds: number };
}

export interface BackupPanelProps {
  backup: BackupState | null;
  restore: BackupState | null;
  onBackup: () => void;
  onRestore: (file: File) => void;
  t: Translate;
}

/** One file with everything (statements and their origins, feeds, settings), and restoring it elsewhere. */
export function BackupPanel({ backup, restore, onBackup, onRestore, t }: BackupPanelProps) {
  const backingUp = backup !== null && !backup.download;
  const restoring = restore !== null && !restore.restored;
  return (
    <section aria-labelledby="backup-title" class="card" data-testid="backup">
      <h2 id="backup-title">{t('backupTitle')}</h2>
      <p class="muted">{t('backupHelp')}</p>
      <button type="button" id="backup" disabled={backingUp || restoring} onClick={onBackup}>
        {t('backupButton')}
      </button>
      <FileDownload linkId="backup-link" written={backup?.done ?? 0} working={backingUp} download={backup?.download} t={t} />
      <p>
        <label>
          {t('restoreLabel')}{' '}
          <input
            id="restore-file"
            type="file"
            accept=".jsonl,application/x-ndjson,application/json"
            disabled={backingUp || restoring}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = '';
              if (file) onRestore(file);
            }}
          />
        </label>
      </p>
      {restoring ? (
        <p class="muted" aria-live="polite">
          {t('restoreWorking', t.plural('statementsCount', restore.done))}
        </p>
      ) : null}
      {restore?.restored ? (
        <p role="status" data-testid="restore-result" data-restored={restore.restored.restored}>
          {t(
            'restoreDone',
            t.plural('statementsCount', restore.restored.restored),
            restore.restored.duplicates,
            restore.restored.rejected,
            t.plural('feedsCount', restore.restored.feeds),
          )}
        </p>
      ) : null}
    </section>
  );
}
