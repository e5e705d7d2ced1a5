import type { Translate } from './i18n';
import { ShortcutsView, type Shortcut } from './ShortcutsView';

export type SampleState = { phase: 'idle' } | { phase: 'loading' } | { phase: 'done'; imported: number } | { phase: 'failed'; error: string };

export interface WelcomeProps {
  shortcuts: Shortcut[] | null;
  sample: SampleState;
  onLoadSample: () => void;
  /** Addresses of the options page's sections (feeds, import). */
  feedsHref: string;
  importHref: string;
  t: Translate;
}

/**
 * The page opened once, on install: what SourceLens does and never sends, three ways to a corpus, and
 * how to open it.
 */
export function Welcome({ shortcuts, sample, onLoadSample, feedsHref, importHref, t }: WelcomeProps) {
  return (
    <main class="welcome" data-testid="welcome">
      <header>
        <h1>
          <img src="/icon/48.png" width={32} height={32} alt="" /> {t('welcomeTitle')}
        </h1>
        <p class="lead">{t('welcomeWhat')}</p>
        <p>{t('welcomePrivacy')}</p>
      </header>
      <section class="card" aria-labelledby="welcome-corpus">
        <h2 id="welcome-corpus">{t('welcomeCorpusTitle')}</h2>
        <p>{t('welcomeCorpusText')}</p>
        <ol class="ways">
          <li>
            <button type="button" id="welcome-load-sample" onClick={onLoadSample} disabled={sample.phase === 'loading' || sample.phase === 'done'}>
              {t('starterButton')}
            </button>
            <span class="muted"> {t('welcomeSampleNote')}</span>
            <p role="status" data-testid="welcome-sample-status" data-phase={sample.phase}>
              {sample.phase === 'loading'
                ? t('welcomeSampleLoading')
                : sample.phase === 'done'
                  ? t('welcomeSampleDone', t.plural('statementsCount', sample.imported))
                  : sample.phase === 'failed'
                    ? t('errorPrefix', sample.error)
                    : ''}
            </p>
          </li>
          <li>
            <a href={feedsHref} id="welcome-feeds">
              {t('welcomeFeeds')}
            </a>
          </li>
          <li>
            <a href={importHref} id="welcome-import">
              {t('welcomeImport')}
            </a>
          </li>
        </ol>
      </section>
      <section class="card" aria-labelledby="welcome-use">
        <h2 id="welcome-use">{t('welcomeUseTitle')}</h2>
        <p>{t('welcomeUseText')}</p>
        <ShortcutsView shortcuts={shortcuts} t={t} />
      </section>
    </main>
  );
}
