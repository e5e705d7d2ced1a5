/**
 * `sourcelens check FILE.html|FILE.txt [--corpus FILE] [--json]` (options: lib/cli/commands.ts)
 *
 * Prints a readable report of the statements one article draws on. Without --corpus it uses the
 * corpus bundled with the extension (public/corpus/starter.jsonl). A .txt file may be in the seed
 * format (first line `date YYYY-MM-DD <title>`, blank line, body); an .html file is run through the
 * page extraction of lib/page first.
 */
import { join } from 'node:path';
import { findSources, type ArticleInput, type Passage, type SourceReport, type StatementDoc } from '../engine/index.ts';
import { defineCommand } from './command.ts';
import { checkSpec } from './commands.ts';
import { readInput } from './files.ts';
import { extractFromHtml, loadCorpus } from './match.ts';
import { packageRoot } from './package-root.ts';

/** The sample statements bundled with the extension (public/corpus/README.md). */
export function bundledCorpusPath(): string {
  return join(packageRoot(), 'public', 'corpus', 'starter.jsonl');
}

/** Reads an article file (or standard input, `-`): HTML (extracted), seed-format text, or plain text. */
export async function readArticleFile(path: string): Promise<ArticleInput> {
  const raw = (await readInput(path)).toString('utf8');
  if (/\.x?html?$/i.test(path) || /^\s*<(!doctype|html)/i.test(raw)) {
    return { id: path, ...(await extractFromHtml(raw)) };
  }
  const seed = /^\s*date (\d{4}-\d{2}-\d{2})\s+(.*)\r?\n/.exec(raw);
  if (seed) return { id: path, date: seed[1], title: seed[2]!.trim(), text: raw.slice(seed[0].length).replace(/^\s*\n/, '') };
  return { id: path, text: raw };
}

const TYPE_LABEL: Record<Passage['type'], string> = {
  verbatim_quote: 'verbatim quote',
  altered_quote: 'altered quote',
  unattributed_copy: 'unattributed copy',
  attributed_copy: 'attributed copy',
  shared_phrase: 'shared phrase',
  paraphrase: 'paraphrase',
  translated_quote: 'translated quote',
  translated_passage: 'translated passage',
  summary: 'summary',
};

function excerpt(text: string, [s, e]: [number, number], max = 110): string {
  const t = text.slice(s, e).replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** Words of unchanged text kept on each side of a change in the readable diff. */
const DIFF_CONTEXT_WORDS = 4;

/**
 * The word diff in wdiff's notation ([-deleted-] {+inserted+}), with long unchanged stretches cut to
 * their first and last {@link DIFF_CONTEXT_WORDS} words around "…": a copied page-long passage with
 * one changed phrase reads as that phrase in context, not as the whole page (the JSON report keeps it
 * all).
 */
export function readableDiff(diff: ReadonlyArray<{ op: 'equal' | 'insert' | 'delete'; text: string }>): string {
  return diff
    .map((d, i) => {
      if (d.op === 'insert') return `{+${d.text}+}`;
      if (d.op === 'delete') return `[-${d.text}-]`;
      const words = d.text.split(' ');
      const head = i === 0 ? 0 : DIFF_CONTEXT_WORDS;
      const tail = i === diff.length - 1 ? 0 : DIFF_CONTEXT_WORDS;
      if (words.length <= head + tail + 1) return d.text;
      return [...words.slice(0, head), '…', ...words.slice(words.length - tail)].join(' ');
    })
    .join(' ');
}

/** The human-readable report. */
export function formatReport(article: ArticleInput, report: SourceReport, statements: Map<string, StatementDoc>): string {
  const lines: string[] = [];
  lines.push(`${article.title ?? article.id ?? 'article'} (${report.articleChars} characters)`);
  if (!report.sources.length) {
    lines.push('No official statement in the corpus was found in this article.');
    return lines.join('\n');
  }
  report.sources.forEach((s, i) => {
    const who = [s.issuer, s.speaker].filter(Boolean).join(' — ');
    lines.push('');
    lines.push(`${i + 1}. ${s.title ?? s.statementId}${s.date ? ` (${s.date})` : ''}`);
    if (who) lines.push(`   ${who}`);
    lines.push(`   ${s.relation}, score ${s.score.toFixed(2)}, ${Math.round(s.coverage * 100)}% of the article${s.url ? `\n   ${s.url}` : ''}`);
    if (s.duplicates?.length) lines.push(`   identical statement also stored as: ${s.duplicates.join(', ')}`);
    const stmt = statements.get(s.statementId);
    for (const p of s.passages) {
      lines.push(`   - ${TYPE_LABEL[p.type]} [${p.article[0]}-${p.article[1]}]: "${excerpt(article.text, p.article)}"`);
      if (p.speaker) {
        const verdict =
          p.speakerMatches === true
            ? 'the statement’s speaker'
            : p.speakerMatches === false
              ? 'NOT the statement’s speaker'
              : 'speaker unknown in the statement';
        lines.push(`     attributed to ${p.speaker} (${verdict})`);
      }
      if (p.diff) lines.push(`     diff: ${readableDiff(p.diff)}`);
      else if (p.type !== 'verbatim_quote' && p.type !== 'unattributed_copy' && !p.diff && stmt)
        lines.push(`     statement: "${excerpt(stmt.text, p.statement)}"`);
    }
  });
  return lines.join('\n');
}

export const runCheck = defineCommand(checkSpec, async ({ values, positionals }) => {
  const file = positionals[0]!;
  const { index, byId } = await loadCorpus((values.corpus as string | undefined) ?? bundledCorpusPath());
  let article: ArticleInput;
  try {
    article = await readArticleFile(file);
  } catch (e) {
    process.stderr.write(`sourcelens check: ${(e as Error).message}\n`);
    return 1;
  }
  const report = await findSources(article, index, async (ids) => ids.map((id) => byId.get(id)).filter((d): d is StatementDoc => !!d));
  process.stdout.write((values.json ? JSON.stringify(report) : formatReport(article, report, byId)) + '\n');
  return 0;
});
