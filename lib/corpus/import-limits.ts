/**
 * The most one batch of imported records may hold (one importBatch or restoreBatch message, one
 * transaction): no page can make the worker parse or store more than this at once. The options page
 * sizes its batches to stay within them (parse-corpus.ts).
 */
export const IMPORT_LIMITS = {
  records: 2000,
  /**
   * Characters in one batch, all strings of all records together. The options page sends 250
   * records (~6 MB for Senate releases); 32 M chars leaves room for a batch of very long statements
   * while keeping one hostile message far from exhausting the worker.
   */
  batchChars: 32_000_000,
  /** Fields per imported record and nesting depth of unknown fields (kept for export). */
  recordFields: 64,
  recordDepth: 8,
} as const;
