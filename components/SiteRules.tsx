import { useState } from 'preact/hooks';
import type { Settings, SiteRuleKind } from '../lib/messaging/protocol';
import type { Translate } from './i18n';

export interface SiteRulesProps {
  rules: Settings['siteRules'] | null;
  onChange: (rules: Settings['siteRules']) => void;
  t: Translate;
}

const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

/** Per-site rules: always check a site, or never. */
export function SiteRules({ rules, onChange, t }: SiteRulesProps) {
  const [host, setHost] = useState('');
  const [kind, setKind] = useState<SiteRuleKind>('deny');
  const [invalid, setInvalid] = useState(false);
  const add = (event: Event) => {
    event.preventDefault();
    const value = host
      .trim()
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/\/.*$/, '');
    if (!HOST.test(value)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setHost('');
    onChange([...(rules ?? []).filter((rule) => rule.host !== value), { host: value, rule: kind }]);
  };
  return (
    <section aria-labelledby="site-rules-title" class="card">
      <h2 id="site-rules-title">{t('siteRulesTitle')}</h2>
      <p class="muted" id="site-rules-help">
        {t('siteRulesHelp')}
      </p>
      <form class="site-rule-form" onSubmit={add}>
        <label>
          <span class="sr-only">{t('siteRuleHost')}</span>
          <input
            id="site-rule-host"
            type="text"
            inputMode="url"
            placeholder={t('siteRuleHost')}
            value={host}
            aria-invalid={invalid}
            aria-describedby="site-rules-help"
            onInput={(event) => setHost(event.currentTarget.value)}
          />
        </label>
        <select id="site-rule-kind" aria-label={t('siteRulesTitle')} value={kind} onChange={(event) => setKind(event.currentTarget.value as SiteRuleKind)}>
          <option value="deny">{t('siteRuleDeny')}</option>
          <option value="allow">{t('siteRuleAllow')}</option>
        </select>
        <button type="submit" id="site-rule-add">
          {t('siteRuleAdd')}
        </button>
      </form>
      {invalid ? (
        <p role="alert" class="error">
          {t('siteRuleInvalid')}
        </p>
      ) : null}
      {rules && rules.length > 0 ? (
        <ul class="site-rules" data-testid="site-rules">
          {rules.map((rule) => (
            <li key={rule.host} data-host={rule.host} data-rule={rule.rule}>
              <span class="mono">{rule.host}</span> · {rule.rule === 'allow' ? t('siteRuleAllow') : t('siteRuleDeny')}{' '}
              <button
                type="button"
                class="link"
                aria-label={t('siteRuleRemove', rule.host)}
                onClick={() => onChange(rules.filter((r) => r.host !== rule.host))}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('siteRulesNone')}</p>
      )}
    </section>
  );
}
