import { toStatementDoc } from '../../lib/background/corpus-index';
import { toReportView } from '../../lib/background/report-view';
import { toStatementRecord, toStoredStatement } from '../../lib/corpus/statement';
import { findSources } from '../../lib/engine/find-sources';
import { StatementIndex } from '../../lib/engine/statement-index';
import type { ReportView } from '../../lib/messaging/protocol';
import { allDevStatements, devArticle } from '../shared/helpers';

/** The real report for a dev article over the 25 dev statements (engine + toReportView), for component tests. */
export async function realReport(id: Parameters<typeof devArticle>[0]): Promise<ReportView> {
  const docs = allDevStatements().map((raw) => {
    const parsed = toStatementRecord(raw);
    if (!parsed.ok) throw new Error(parsed.reason);
    return toStatementDoc(toStoredStatement(parsed.record, 'dev', 0));
  });
  const index = new StatementIndex();
  index.add(docs);
  const byId = new Map(docs.map((doc) => [doc.id, doc]));
  const article = devArticle(id);
  const report = await findSources({ text: article.text, date: article.date, lang: article.lang }, index, async (ids) => ids.map((i) => byId.get(i)!));
  return toReportView(report, article.text, new Map(docs.map((doc) => [doc.id, doc.text])), docs.length, 0);
}
