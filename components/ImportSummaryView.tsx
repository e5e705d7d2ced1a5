import type { ImportSummary } from '../lib/corpus/import-summary';
import type { RejectCode, Rejection } from '../lib/corpus/statement';
import { formatCount, type MessageKey, type Translate } from './i18n';

export interface ImportSummaryViewProps {
  summary: ImportSummary;
  /** Increases with every finished import, so a reader (or a test) can tell this report from the last. */
  run?: number;
  t: Translate;
}

/** The words of each rejection code (lib/corpus/statement.ts RejectCode), in the user's language. */
const REJECT_MESSAGES: Record<RejectCode, MessageKey> = {
  unreadable: 'rejectUnreadable',
  'line-too-long': 'rejectLineTooLong',
  'not-json': 'rejectNotJson',
  'not-object': 'rejectNotObject',
  'text-missing': 'rejectTextMissing',
  'text-empty': 'rejectTextEmpty',
  'field-not-text': 'rejectFieldNotText',
  'field-too-long': 'rejectFieldTooLong',
  'url-not-web': 'rejectUrlNotWeb',
  'lang-not-tag': 'rejectLangNotTag',
  'id-invalid': 'rejectIdInvalid',
};

/** A rejected line's reason in the user's language: its code's words (the field named as in the file), else lib/'s English. */
function rejectionText(reject: Rejection, t: Translate): string {
  if (!reject.code) return reject.reason;
  const key = REJECT_MESSAGES[reject.code];
  if (reject.code === 'field-too-long') return t(key, reject.field ?? '', formatCount(reject.limit ?? 0, t.locale));
  return reject.code === 'field-not-text' ? t(key, reject.field ?? '') : t(key);
}

/**
 * The report shown when an import ends: counts, then every rejected line with its number and reason,
 * then the lines imported with a warning (stored, but a field not as written: a malformed date).
 */
export function ImportSummaryView({ summary, run = 0, t }: ImportSummaryViewProps) {
  const more = summary.rejectedCount - summary.rejected.length;
  const moreWarnings = summary.warningCount - summary.warnings.length;
  return (
    <section
      class="card summary"
      data-testid="import-summary"
      data-run={run}
      data-imported={summary.imported}
      data-updated={summary.updated}
      data-duplicates={summary.duplicates}
      data-rejected={summary.rejectedCount}
      data-warnings={summary.warningCount}
      aria-live="polite"
    >
      <h3>{summary.interrupted ? t('importInterrupted') : t('importDone')}</h3>
      {summary.error ? (
        <p role="alert" class="error">
          {summary.error}
        </p>
      ) : null}
      <dl class="stats">
        <div>
          <dt>{t('summaryImported')}</dt>
          <dd>{formatCount(summary.imported, t.locale)}</dd>
        </div>
        <div>
          <dt>{t('summaryUpdated')}</dt>
          <dd>{formatCount(summary.updated, t.locale)}</dd>
        </div>
        <div>
          <dt>{t('summaryDuplicates')}</dt>
          <dd>{formatCount(summary.duplicates, t.locale)}</dd>
        </div>
        <div>
          <dt>{t('summaryRejected')}</dt>
          <dd>{formatCount(summary.rejectedCount, t.locale)}</dd>
        </div>
        {summary.warningCount > 0 ? (
          <div>
            <dt>{t('summaryWarnings')}</dt>
            <dd>{formatCount(summary.warningCount, t.locale)}</dd>
          </div>
        ) : null}
      </dl>
      {summary.rejected.length > 0 ? (
        <ol class="rejected" data-testid="rejected-lines" tabIndex={0}>
          {summary.rejected.map((reject) => (
            <li
              key={`${reject.file}:${reject.line}:${reject.reason}`}
              data-line={reject.line}
              data-code={reject.code ?? ''}
              title={reject.code ? t('errorDetails', reject.reason) : undefined}
            >
              <span class="mono">
                {reject.file}
                {reject.line > 0 ? `, ${t('summaryLine')} ${reject.line}` : ''}
              </span>
              : {rejectionText(reject, t)}
            </li>
          ))}
        </ol>
      ) : null}
      {more > 0 ? <p class="muted">{t('summaryMoreRejected', more)}</p> : null}
      {summary.warnings.length > 0 ? (
        <>
          <h4>{t('summaryWarnings')}</h4>
          <ol class="rejected warnings" data-testid="import-warnings" tabIndex={0}>
            {summary.warnings.map((warning) => (
              <li key={`${warning.file}:${warning.line}:${warning.field}`} data-line={warning.line} data-id={warning.id}>
                <span class="mono">
                  {warning.file}
                  {warning.line > 0 ? `, ${t('summaryLine')} ${warning.line}` : ''} ({warning.id})
                </span>
                : {warning.kept ? t('summaryWarningDateKept', warning.value, warning.kept) : t('summaryWarningDateDropped', warning.value)}
              </li>
            ))}
          </ol>
          {moreWarnings > 0 ? <p class="muted">{t('summaryMoreRejected', moreWarnings)}</p> : null}
        </>
      ) : null}
    </section>
  );
}
