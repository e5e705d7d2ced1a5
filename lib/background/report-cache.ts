import { contentHash, type ArticleInput } from '../engine/index';
import type { ReportView } from '../messaging/protocol';
import { LruCache } from './lru-cache';

/**
 * Reports by page address and article text: reloading a page, or a second tab on the same article,
 * is answered without matching again. Any change to the corpus clears it (the owner calls clear()).
 * Small and in memory on purpose: a worker restart costs one re-match per open article, no more.
 */
export class ReportCache {
  private readonly reports: LruCache<string, ReportView>;

  constructor(capacity = 64) {
    this.reports = new LruCache(capacity);
  }

  private key(article: ArticleInput): string {
    // With and without an on-device translation are two reports: the reader asks for both.
    return `${article.url ?? ''}\n${article.lang ?? ''}\n${article.translation?.lang ?? ''}\n${contentHash(article.text)}`;
  }

  get(article: ArticleInput): ReportView | undefined {
    return this.reports.get(this.key(article));
  }

  set(article: ArticleInput, report: ReportView): void {
    this.reports.set(this.key(article), report);
  }

  clear(): void {
    this.reports.clear();
  }
}
