import * as v from 'valibot';
import type { SourceLensDb } from '../corpus/db';

/**
 * The team server the user connects to (options, "Team corpus"): its address and the read token the
 * corpus keeper gave them. Kept in the settings table under its own key, so the general settings'
 * schema and backups are untouched; a backup does not carry the token.
 */
export const TeamSettingsSchema = v.object({
  address: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1),
    v.maxLength(2048),
    v.regex(/^https?:\/\/[^\s/]+/i, 'the address must start with https:// (or http:// for a server on this machine)'),
  ),
  token: v.pipe(v.string(), v.trim(), v.minLength(8, 'the token is too short'), v.maxLength(512), v.regex(/^\S+$/, 'a token has no spaces')),
});
export type TeamSettings = v.InferOutput<typeof TeamSettingsSchema>;

/** What is wrong with an address and token as typed, as a stable code the options page words in the user's language. */
export type TeamSettingsProblem = 'address-not-web' | 'address-too-long' | 'token-too-short' | 'token-too-long' | 'token-has-spaces';

/**
 * The first problem TeamSettingsSchema finds in what the user typed, or null when it would be
 * accepted: from valibot's issue (the field is the first key of its path, the kind its type).
 */
export function teamSettingsProblem(settings: { address: string; token: string }): TeamSettingsProblem | null {
  const parsed = v.safeParse(TeamSettingsSchema, settings);
  if (parsed.success) return null;
  const issue = parsed.issues[0];
  if (issue.path?.[0]?.key === 'address') return issue.type === 'max_length' ? 'address-too-long' : 'address-not-web';
  if (issue.type === 'min_length') return 'token-too-short';
  return issue.type === 'max_length' ? 'token-too-long' : 'token-has-spaces';
}

const TEAM_KEY = 'team.server';

export async function readTeamSettings(db: SourceLensDb): Promise<TeamSettings | null> {
  const parsed = v.safeParse(TeamSettingsSchema, (await db.settings.get(TEAM_KEY))?.value);
  return parsed.success ? parsed.output : null;
}

export async function writeTeamSettings(db: SourceLensDb, settings: TeamSettings | null): Promise<void> {
  if (settings) await db.settings.put({ key: TEAM_KEY, value: settings });
  else await db.settings.delete(TEAM_KEY);
}

/** Where the team server stands, in words, for the options page. */
export interface TeamStatus {
  configured: boolean;
  address?: string;
  /** Last successful exchange with the server (ms since epoch). */
  lastSyncAt?: number;
  /** Statements on the server at the last exchange. */
  statements?: number;
  /** The last failure, in words, while it lasts (cleared by the next success). */
  lastError?: string;
  lastErrorAt?: number;
  /** Team statements cached in this browser. */
  cached?: number;
}
