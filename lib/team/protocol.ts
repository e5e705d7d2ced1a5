import * as v from 'valibot';

/**
 * The team server's HTTP protocol, shared by the server (server/) and the extension's client
 * (lib/team/team-client.ts). JSON over HTTPS, every body validated with these schemas on both sides.
 *
 *   GET  /v1/info        → TeamInfo            (read)   the corpus size and the team's gram key
 *   GET  /v1/stats       the corpus's word sketch (lib/team/term-df.ts): 2^20 uint16, little-endian,
 *                        with the statement count in the X-SourceLens-Statements header   (read)
 *   POST /v1/lookup      LookupRequest → LookupResponse   (read)   candidates for an article's keyed grams
 *   POST /v1/statements  StatementsRequest → StatementsResponse (read)   texts of candidates not cached yet
 *   POST /v1/import      JSON Lines body → ImportResult       (write)  one batch, one transaction
 *   GET  /healthz        200 when the database answers, 503 when not (no token)
 *
 * Errors are `{ error: "words" }` with 400 (malformed), 401 (no or wrong token), 403 (role too low),
 * 404, 413 (too large), 429 (rate limited, with Retry-After) and 503 (database unreachable).
 */

export const TEAM_PROTOCOL_VERSION = 1;
export const STATEMENTS_HEADER = 'X-SourceLens-Statements';

export const TEAM_LIMITS = {
  /** Distinct keyed grams per lookup: a 20,000-word document, far past a news article (~1,500). */
  maxGrams: 20_000,
  /** Statement texts per request: the engine aligns at most 64 candidates (retrieve.ts MAX_CANDIDATES). */
  maxIds: 64,
  maxIdChars: 512,
  /** Request body of the read endpoints (a 20,000-gram lookup is ~107 KB of base64). */
  maxQueryBytes: 256 * 1024,
  /** Request body of one import batch. */
  maxImportBytes: 16 * 1024 * 1024,
} as const;

export const RoleSchema = v.picklist(['read', 'write', 'admin']);
export type Role = v.InferOutput<typeof RoleSchema>;

export const TeamInfoSchema = v.object({
  service: v.literal('sourcelens-team'),
  protocol: v.number(),
  role: RoleSchema,
  statements: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** The team's AES-128 gram key, base64 (lib/team/gram-key.ts). */
  gramKey: v.pipe(v.string(), v.length(24)),
});
export type TeamInfo = v.InferOutput<typeof TeamInfoSchema>;

export const LookupRequestSchema = v.strictObject({
  /** Distinct keyed grams, sorted, packed by packGrams. */
  grams: v.pipe(v.string(), v.maxLength(Math.ceil((TEAM_LIMITS.maxGrams * 4) / 3) + 4)),
  /** The article's word count: the number of candidates grows with it (engine candidateLimit). */
  words: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000_000)),
});
export type LookupRequest = v.InferOutput<typeof LookupRequestSchema>;

export const TeamCandidateSchema = v.object({
  id: v.pipe(v.string(), v.maxLength(TEAM_LIMITS.maxIdChars)),
  /** contentHash of the text: a cached copy with this hash is current. */
  hash: v.string(),
  score: v.number(),
  sharedGrams: v.number(),
});
export type TeamCandidate = v.InferOutput<typeof TeamCandidateSchema>;

export const LookupResponseSchema = v.object({
  statements: v.number(),
  candidates: v.pipe(v.array(TeamCandidateSchema), v.maxLength(TEAM_LIMITS.maxIds)),
  /** Milliseconds the server spent (database and ranking), for the benchmark and the options page. */
  serverMs: v.number(),
});
export type LookupResponse = v.InferOutput<typeof LookupResponseSchema>;

export const StatementsRequestSchema = v.strictObject({
  ids: v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(TEAM_LIMITS.maxIdChars))), v.minLength(1), v.maxLength(TEAM_LIMITS.maxIds)),
});
export type StatementsRequest = v.InferOutput<typeof StatementsRequestSchema>;

const optionalText = v.optional(v.string());
export const TeamStatementSchema = v.object({
  id: v.string(),
  hash: v.string(),
  text: v.string(),
  title: optionalText,
  date: optionalText,
  issuer: optionalText,
  speaker: optionalText,
  url: optionalText,
  lang: optionalText,
});
export type TeamStatement = v.InferOutput<typeof TeamStatementSchema>;

export const StatementsResponseSchema = v.object({ statements: v.pipe(v.array(TeamStatementSchema), v.maxLength(TEAM_LIMITS.maxIds)) });
export type StatementsResponse = v.InferOutput<typeof StatementsResponseSchema>;

export const ErrorResponseSchema = v.object({ error: v.string() });
