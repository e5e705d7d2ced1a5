/** Small formatting helpers shared by the popup, the options page and the in-page card. */

/** The URL if it is an absolute http(s) address, else null: no other scheme is ever linked. */
export function safeHttpUrl(value: string | undefined | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A date as the user's locale writes it; reduced-precision dates (2010-05) keep their precision. */
export function formatDate(value: string | undefined | null, locale?: string): string | null {
  if (!value) return null;
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value);
  if (!match) return value;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), month ? Number(month) - 1 : 0, day ? Number(day) : 1));
  const options: Intl.DateTimeFormatOptions = day
    ? { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }
    : month
      ? { year: 'numeric', month: 'long', timeZone: 'UTC' }
      : { year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, options).format(date);
}

/** Whole days from `from` to `to` (ISO dates), or null when either is missing or unparsable. */
export function daysBetween(from: string | undefined | null, to: string | undefined | null): number | null {
  if (!from || !to) return null;
  const a = Date.parse(from.slice(0, 10));
  const b = Date.parse(to.slice(0, 10));
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  return Math.round((b - a) / 86_400_000);
}

/** "3 days before", "the same day", "2 days after": how the statement's date relates to the article's. */
export function relativeDays(days: number, locale?: string): string {
  if (days === 0) return '';
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-days, 'day');
}

export function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}
