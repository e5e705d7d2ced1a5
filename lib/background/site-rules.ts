import type { Settings, SiteRuleKind } from '../corpus/settings';

/**
 * The user's rule for a page, if any. A rule for "example.com" covers "news.example.com" too; the most
 * specific (longest) matching host wins, so "allow example.com" + "deny shop.example.com" works.
 */
export function siteRuleFor(pageUrl: string, rules: Settings['siteRules']): SiteRuleKind | undefined {
  let host: string;
  try {
    host = new URL(pageUrl).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
  let best: { length: number; rule: SiteRuleKind } | undefined;
  for (const { host: ruleHost, rule } of rules) {
    const bare = ruleHost.replace(/^www\./, '');
    if (host === bare || host.endsWith(`.${bare}`)) {
      if (!best || bare.length > best.length || (bare.length === best.length && rule === 'deny')) best = { length: bare.length, rule };
    }
  }
  return best?.rule;
}
