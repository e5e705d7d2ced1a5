import type { Translate } from './i18n';

/** A file the options page prepared in memory, offered as a link once written. */
export interface PreparedFile {
  href: string;
  fileName: string;
  count: number;
}

export interface FileDownloadProps {
  /** The link's id (tests and labels find it by that). */
  linkId: string;
  /** Statements written so far, shown while the file is being prepared. */
  written: number;
  /** True while writing; the finished file replaces the progress line. */
  working: boolean;
  download: PreparedFile | undefined;
  t: Translate;
}

/** Progress while an export or backup is written, then the link to the finished file. */
export function FileDownload({ linkId, written, working, download, t }: FileDownloadProps) {
  return (
    <>
      {working ? (
        <p class="muted" aria-live="polite">
          {t('exportWorking', t.plural('statementsCount', written))}
        </p>
      ) : null}
      {download ? (
        <p>
          <a id={linkId} href={download.href} download={download.fileName} data-count={download.count}>
            {t('exportReady', download.fileName, t.plural('statementsCount', download.count))}
          </a>
        </p>
      ) : null}
    </>
  );
}
