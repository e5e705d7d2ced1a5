import type { ImportWarning, RejectedLine } from './parse-corpus';

/** What an import (or `sourcelens import-check`) reports when it finishes. */
export interface ImportSummary {
  files: string[];
  /** New statements stored. */
  imported: number;
  /** Statements whose id was already stored with another text: the new text replaced the old. */
  updated: number;
  /** Records skipped because a statement with the same normalised text is already stored (or came earlier). */
  duplicates: number;
  /** Every rejected line, in file order, up to REJECTED_LIST_LIMIT; `rejectedCount` is exact. */
  rejected: RejectedLine[];
  rejectedCount: number;
  /**
   * Lines imported, but not as written (a malformed date kept in part or dropped), in file order, up
   * to REJECTED_LIST_LIMIT; `warningCount` is exact. They are not rejections: the statement is stored.
   */
  warnings: ImportWarning[];
  warningCount: number;
  /** True when the import stopped before the end of its files (cancelled, closed, or storage full). */
  interrupted: boolean;
  /** Why it was interrupted, in words. */
  error?: string;
}

/** A summary lists this many rejected lines (and as many warnings) at most; a file of garbage must not flood the UI. */
export const REJECTED_LIST_LIMIT = 1000;

export function emptySummary(files: string[] = []): ImportSummary {
  return { files, imported: 0, updated: 0, duplicates: 0, rejected: [], rejectedCount: 0, warnings: [], warningCount: 0, interrupted: false };
}

export function addWarnings(summary: ImportSummary, warnings: ImportWarning[]): void {
  summary.warningCount += warnings.length;
  const room = REJECTED_LIST_LIMIT - summary.warnings.length;
  if (room > 0) summary.warnings.push(...warnings.slice(0, room));
}

/** A warning in words (English: the CLI and the copied report; the options page words it in the UI's language). */
export function describeWarning(warning: ImportWarning): string {
  const where = `${warning.file}${warning.line > 0 ? `:${warning.line}` : ''} (id ${warning.id})`;
  const value = JSON.stringify(warning.value);
  return warning.kept
    ? `${where}: ${warning.field} ${value} is not an ISO 8601 date; kept ${warning.kept}`
    : `${where}: ${warning.field} ${value} is not an ISO 8601 date; stored without a ${warning.field}`;
}

export function addRejected(summary: ImportSummary, rejected: RejectedLine[]): void {
  summary.rejectedCount += rejected.length;
  const room = REJECTED_LIST_LIMIT - summary.rejected.length;
  if (room > 0) summary.rejected.push(...rejected.slice(0, room));
}

/** The plain-text form shared by the CLI and the options page's "copy report". */
export function formatSummary(summary: ImportSummary): string {
  const lines = [
    `files: ${summary.files.join(', ')}`,
    `imported: ${summary.imported}`,
    `updated: ${summary.updated}`,
    `duplicates skipped: ${summary.duplicates}`,
    `rejected lines: ${summary.rejectedCount}`,
  ];
  for (const reject of summary.rejected) {
    lines.push(`  ${reject.file}${reject.line > 0 ? `:${reject.line}` : ''}: ${reject.reason}`);
  }
  if (summary.rejectedCount > summary.rejected.length) {
    lines.push(`  … and ${summary.rejectedCount - summary.rejected.length} more`);
  }
  lines.push(`warnings (imported, not as written): ${summary.warningCount}`);
  for (const warning of summary.warnings) lines.push(`  ${describeWarning(warning)}`);
  if (summary.warningCount > summary.warnings.length) {
    lines.push(`  … and ${summary.warningCount - summary.warnings.length} more`);
  }
  if (summary.interrupted) lines.push(`interrupted: ${summary.error ?? 'the import did not finish'}`);
  return lines.join('\n');
}
