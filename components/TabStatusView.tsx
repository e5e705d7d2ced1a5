import type { TabStatus } from '../lib/messaging/protocol';
import type { Translate } from './i18n';

export interface TabStatusViewProps {
  /** null: the page never reported (not loaded yet, or a page SourceLens cannot run on). */
  status: TabStatus | null;
  /** False for browser pages (about:, chrome://, the web store) where content scripts never run. */
  supported: boolean;
  t: Translate;
}

/** What SourceLens knows about the current tab. */
export function TabStatusView({ status, supported, t }: TabStatusViewProps) {
  let text: string;
  let state: string;
  if (!supported) {
    text = t('tabStatusUnsupported');
    state = 'unsupported';
  } else if (!status) {
    text = t('tabStatusUnknown');
    state = 'unknown';
  } else {
    text = t('tabStatusLoaded');
    state = status.state;
  }
  return (
    <section aria-labelledby="tab-status-title" class="card">
      <h2 id="tab-status-title">{t('tabStatusTitle')}</h2>
      <p data-testid="tab-status" data-state={state}>
        {text}
      </p>
      {status?.title ? (
        <p class="muted clip" title={status.url}>
          {status.title}
        </p>
      ) : null}
    </section>
  );
}
