import { isHttpUrl, toStatementRecord, type StatementRecord } from '../corpus/statement';
import type { FeedItem, ParsedFeed } from './parse-feed';

/**
 * Turns parsed feed items into statement records (shared/notes/formats.md), with the same validation
 * as a file import (toStatementRecord). An item is rejected, with a reason, when its link is not an
 * http(s) address (a `javascript:` or `data:` link is a hostile or broken feed, and would later be a
 * link in our UI) or when it has no text at all.
 */

export interface FeedDefaults {
  /** Who issues the feed's statements (from the subscription; feeds rarely say it themselves). */
  issuer?: string;
  /** The subscription's language, when the feed does not declare one. */
  lang?: string;
}

export interface ItemRejection {
  item: string;
  reason: string;
}

export interface FeedRecords {
  records: StatementRecord[];
  rejected: ItemRejection[];
}

/** A short name for an item in error messages. */
export function itemLabel(item: FeedItem): string {
  return (item.title ?? item.guid ?? item.link ?? 'untitled item').slice(0, 120);
}

/** The item's link when it is safe to keep, or a reason why not. */
export function checkItemLink(link: string | undefined): { ok: true; url?: string } | { ok: false; reason: string } {
  if (!link) return { ok: true };
  if (isHttpUrl(link)) return { ok: true, url: link };
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(link)?.[1]?.toLowerCase();
  return { ok: false, reason: scheme ? `its link uses "${scheme}:"; only http and https links are accepted` : 'its link is not an absolute http(s) address' };
}

/** The record for one item, given its text (the item's own, or its page's). */
export function itemToRecord(
  item: FeedItem,
  text: string,
  feed: ParsedFeed,
  defaults: FeedDefaults,
): { ok: true; record: StatementRecord } | { ok: false; reason: string } {
  const link = checkItemLink(item.link);
  if (!link.ok) return link;
  const lang = item.lang ?? feed.lang ?? defaults.lang;
  const result = toStatementRecord({
    // A guid that is not the link still identifies the item across refreshes.
    id: item.guid && item.guid !== link.url ? item.guid : undefined,
    text,
    title: item.title,
    date: item.date,
    issuer: defaults.issuer,
    speaker: item.author,
    url: link.url,
    // toStatementRecord refuses a malformed tag; feeds write "en-us" and worse, so keep only a valid one.
    lang: lang && /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(lang.trim()) ? lang.trim() : undefined,
  });
  return result;
}

/** The text an item carries itself: its content, else its summary. A title alone is not a statement. */
export function itemText(item: FeedItem): string | undefined {
  return item.content ?? item.summary;
}

/** True when the item has only a summary, so its page should be fetched for the full statement. */
export function needsPage(item: FeedItem): boolean {
  return item.content === undefined && item.link !== undefined && isHttpUrl(item.link);
}

/** Records for every item from the feed's own text (no page fetches): what the CLI prints. */
export function feedToRecords(feed: ParsedFeed, defaults: FeedDefaults = {}): FeedRecords {
  const out: FeedRecords = { records: [], rejected: [] };
  for (const item of feed.items) {
    const text = itemText(item);
    if (!text) {
      out.rejected.push({ item: itemLabel(item), reason: 'it has no text' });
      continue;
    }
    const result = itemToRecord(item, text, feed, defaults);
    if (result.ok) out.records.push(result.record);
    else out.rejected.push({ item: itemLabel(item), reason: result.reason });
  }
  return out;
}
