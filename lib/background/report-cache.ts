import { contentHash } from '../engine/normalize';
import type { ArticleInput } from '../engine/types';
import type { ReportView } from '../messaging/protocol';

/**
 * Reports by page address and article text: reloading a page, or a second tab on the same article,
 * is answered without matching again. Any change to the corpus clears it (the owner calls clear()).
 * Small and in memory on purpose: a worker restart costs one re-match per open article, no more.
 */
export class ReportCache {
  private readonly reports = new Map<string, ReportView>();

  constructor(private readonly capacity = 64) {}

  private key(article: ArticleInput): string {
    return `${article.url ?? ''}\n${article.lang ?? ''}\n${contentHash(article.text)}`;
  }

  get(article: ArticleInput): ReportView | undefined {
    const key = this.key(article);
    const report = this.reports.get(key);
    if (report) {
      // Refresh its place: the map's order is the eviction order.
      this.reports.delete(key);
      this.reports.set(key, report);
    }
    return report;
  }

  set(article: ArticleInput, report: ReportView): void {
    this.reports.set(this.key(article), report);
    while (this.reports.size > this.capacity) this.reports.delete(this.reports.keys().next().value as string);
  }

  clear(): void {
    this.reports.clear();
  }
}
