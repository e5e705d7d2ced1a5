import { percent } from './format';
import type { Translate } from './i18n';

export type TranslationOfferPhase = 'offer' | 'installing' | 'installed' | 'failed';

export interface TranslationOfferProps {
  /** Display names of the page's language and of the corpus's. */
  from: string;
  to: string;
  phase: TranslationOfferPhase;
  /** Share of the model downloaded (0..1) while installing, when the browser reports it. */
  progress: number | null;
  error: string | null;
  onInstall: () => void;
}

/**
 * Offers to install the browser's on-device translation model for this page's language pair, so the
 * reader can look for sources in the corpus's language through a translation. Shown only when the
 * model can be downloaded and is not there yet; SourceLens never downloads one by itself.
 */
export function TranslationOffer({ from, to, phase, progress, error, onInstall, t }: TranslationOfferProps & { t: Translate }) {
  return (
    <section class="card" aria-labelledby="translation-offer-title" data-testid="translation-offer" data-phase={phase}>
      <h2 id="translation-offer-title">{t('translationOfferTitle')}</h2>
      <p>{t('translationOfferText', from, to)}</p>
      {phase === 'offer' ? (
        <button type="button" id="install-translation" onClick={onInstall}>
          {t('translationOfferInstall', from, to)}
        </button>
      ) : phase === 'installing' ? (
        <p aria-live="polite" aria-busy="true">
          {progress === null ? t('translationInstalling') : t('translationInstallingShare', percent(progress, t.locale))}
        </p>
      ) : phase === 'installed' ? (
        <p aria-live="polite">{t('translationInstalled')}</p>
      ) : (
        <p role="alert" class="error">
          {t('translationInstallFailed', error ?? '')}
        </p>
      )}
    </section>
  );
}
