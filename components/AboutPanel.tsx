import { useState } from 'preact/hooks';
import type { Translate } from './i18n';
import { ShortcutsView, type Shortcut } from './ShortcutsView';

export interface AboutPanelProps {
  version: string;
  shortcuts: Shortcut[] | null;
  /** Builds the diagnostics report (components/diagnostics.ts) when asked. */
  diagnostics: () => Promise<string>;
  /** Puts text on the clipboard; rejects when the browser refuses. */
  copy: (text: string) => Promise<void>;
  t: Translate;
}

/** The version, the keyboard shortcuts, and the diagnostics report for a bug report. */
export function AboutPanel({ version, shortcuts, diagnostics, copy, t }: AboutPanelProps) {
  const [report, setReport] = useState<string | null>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  const onCopy = async () => {
    const text = await diagnostics();
    setReport(text);
    try {
      await copy(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div data-testid="about">
      <p class="card">{t('aboutVersion', version)}</p>
      <div class="card">
        <h3>{t('shortcutsTitle')}</h3>
        <ShortcutsView shortcuts={shortcuts} t={t} />
      </div>
      <div class="card">
        <h3>{t('diagnosticsTitle')}</h3>
        <p class="muted">{t('diagnosticsText')}</p>
        <button type="button" id="copy-diagnostics" onClick={() => void onCopy()}>
          {t('diagnosticsCopy')}
        </button>
        {copied !== null ? (
          <p role="status" data-testid="diagnostics-status">
            {copied ? t('diagnosticsCopied') : t('diagnosticsCopyFailed')}
          </p>
        ) : null}
        {report ? (
          <textarea class="mono diagnostics" data-testid="diagnostics-text" readOnly rows={10} aria-label={t('diagnosticsTitle')} value={report} />
        ) : null}
      </div>
    </div>
  );
}
