import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Pool } from 'pg';
import type { Role } from '../lib/team/protocol';

/**
 * Team tokens. The database keeps SHA-256 digests only; the server holds them in memory and compares
 * a presented token's digest with every one of them through timingSafeEqual, without stopping at a
 * match, so the time an answer takes says nothing about how close a guess was.
 */

export interface TokenEntry {
  digest: Buffer;
  role: Role;
  label: string;
}

export const ROLE_RANK: Record<Role, number> = { read: 1, write: 2, admin: 3 };

export function digestToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** A new token: 32 random bytes, base64url, prefixed so it is recognisable in a leaked paste. */
export function newToken(): string {
  return `slt_${randomBytes(32).toString('base64url')}`;
}

export function matchToken(presented: string, tokens: readonly TokenEntry[]): TokenEntry | undefined {
  const digest = digestToken(presented);
  let found: TokenEntry | undefined;
  for (const entry of tokens) {
    if (timingSafeEqual(digest, entry.digest) && !found) found = entry;
  }
  return found;
}

export async function loadTokens(pool: Pool): Promise<TokenEntry[]> {
  const { rows } = await pool.query<{ digest: Buffer; role: Role; label: string }>('SELECT digest, role, label FROM tokens');
  return rows;
}

export async function createToken(pool: Pool, role: Role, label: string): Promise<string> {
  const token = newToken();
  await pool.query('INSERT INTO tokens (digest, role, label) VALUES ($1, $2, $3)', [digestToken(token), role, label]);
  return token;
}

/** Tokens given in the environment (`SOURCELENS_TOKENS="read:TOKEN,admin:TOKEN"`), e.g. by docker compose secrets. */
export function tokensFromEnv(value: string | undefined): TokenEntry[] {
  if (!value) return [];
  return value.split(',').map((pair, i) => {
    const [role, ...rest] = pair.trim().split(':');
    const token = rest.join(':');
    if (!['read', 'write', 'admin'].includes(role!) || token.length < 16) {
      throw new Error(`SOURCELENS_TOKENS entry ${i + 1} must be role:token with role read, write or admin and a token of 16 characters or more`);
    }
    return { digest: digestToken(token), role: role as Role, label: `env ${i + 1}` };
  });
}
