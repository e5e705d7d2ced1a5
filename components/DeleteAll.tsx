import { useState } from 'preact/hooks';
import type { Translate } from './i18n';

export interface DeleteAllProps {
  count: number;
  onConfirm: () => void;
  t: Translate;
}

/** "Delete all" asks once more, naming how many statements will go, before it does anything. */
export function DeleteAll({ count, onConfirm, t }: DeleteAllProps) {
  const [asking, setAsking] = useState(false);
  return (
    <section aria-labelledby="delete-all-title" class="card">
      <h2 id="delete-all-title">{t('deleteAllTitle')}</h2>
      {asking ? (
        <div role="alertdialog" aria-labelledby="delete-all-question" class="confirm">
          <p id="delete-all-question">{t.plural('deleteAllConfirm', count)}</p>
          <button
            type="button"
            class="danger"
            id="delete-all-confirm"
            onClick={() => {
              setAsking(false);
              onConfirm();
            }}
          >
            {t('deleteAllYes')}
          </button>{' '}
          <button type="button" onClick={() => setAsking(false)} autoFocus>
            {t('cancel')}
          </button>
        </div>
      ) : (
        <button type="button" class="danger" id="delete-all" disabled={count === 0} onClick={() => setAsking(true)}>
          {t('deleteAllButton')}
        </button>
      )}
    </section>
  );
}
