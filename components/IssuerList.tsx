import type { IssuerCount } from '../lib/corpus/store';
import { formatCount, type Translate } from './i18n';

export interface IssuerListProps {
  issuers: IssuerCount[] | null;
  onDelete: (issuer: IssuerCount) => void;
  t: Translate;
}

/** Issuers with their statement counts, each deletable. */
export function IssuerList({ issuers, onDelete, t }: IssuerListProps) {
  return (
    <section aria-labelledby="issuers-title" class="card">
      <h2 id="issuers-title">{t('issuersTitle')}</h2>
      {issuers === null ? (
        <p class="muted" aria-busy="true">
          …
        </p>
      ) : issuers.length === 0 ? (
        <p class="muted">{t('issuersNone')}</p>
      ) : (
        <table class="issuers" data-testid="issuer-list">
          <tbody>
            {issuers.map((issuer) => {
              const name = issuer.name || t('issuerUnknown');
              return (
                <tr key={issuer.key} data-issuer={issuer.key}>
                  <th scope="row">{name}</th>
                  <td class="num">{formatCount(issuer.count, t.locale)}</td>
                  <td>
                    <button type="button" class="link danger" aria-label={t('issuerDeleteLabel', name)} onClick={() => onDelete(issuer)}>
                      {t('issuerDelete')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
