import type pg from "pg";
import { hashToken } from "@/lib/crypto/tokens";

export type ResolvedWriteKey = { keyId: string; workspaceId: string; sourceId: string; prefix: string };

type Row = { id: string; workspace_id: string; source_id: string; prefix: string; expires_at: Date | null; revoked_at: Date | null };

type Entry = { key: ResolvedWriteKey | null; revokedAt: number | null; expiresAt: number | null; fetchedAt: number };

export type WriteKeyResolverOptions = { pool: pg.Pool; ttlMs?: number; maxEntries?: number };

// Looks write keys up by hash, with a short in-process cache. Expiry is checked on every use, so a rotated key's
// grace period ends on time; revocation takes effect within ttlMs.
export class WriteKeyResolver {
  // Keyed by the write key itself, so only a miss pays for hashing it.
  private readonly cache = new Map<string, Entry>();
  private readonly pool: pg.Pool;
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(o: WriteKeyResolverOptions) {
    this.pool = o.pool;
    this.ttlMs = o.ttlMs ?? 3_000;
    this.maxEntries = o.maxEntries ?? 10_000;
  }

  async resolve(writeKey: string, now = Date.now()): Promise<ResolvedWriteKey | null> {
    const hit = this.cached(writeKey, now);
    return hit !== undefined ? hit : activeKey(await this.fetch(writeKey, now), now);
  }

  // resolve()'s answer from the cache alone, without a promise; undefined when the key must be looked up.
  cached(writeKey: string, now = Date.now()): ResolvedWriteKey | null | undefined {
    const entry = this.cache.get(writeKey);
    if (!entry || now - entry.fetchedAt > this.ttlMs) return undefined;
    return activeKey(entry, now);
  }

  // After resolve() refused a key: the source it names when it is known but revoked or expired (for the debugger).
  inactive(writeKey: string): ResolvedWriteKey | null {
    return this.cache.get(writeKey)?.key ?? null;
  }

  private async fetch(writeKey: string, now: number): Promise<Entry> {
    const res = await this.pool.query<Row>(
      `SELECT id, workspace_id, source_id, prefix, expires_at, revoked_at FROM write_keys WHERE key_hash = $1`,
      [hashToken(writeKey)],
    );
    const row = res.rows[0];
    const entry: Entry = row
      ? {
          key: { keyId: row.id, workspaceId: row.workspace_id, sourceId: row.source_id, prefix: row.prefix },
          revokedAt: row.revoked_at?.getTime() ?? null,
          expiresAt: row.expires_at?.getTime() ?? null,
          fetchedAt: now,
        }
      : { key: null, revokedAt: null, expiresAt: null, fetchedAt: now };
    if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(writeKey, entry);
    return entry;
  }
}

function activeKey(entry: Entry, now: number): ResolvedWriteKey | null {
  if (entry.revokedAt !== null && entry.revokedAt <= now) return null;
  if (entry.expiresAt !== null && entry.expiresAt <= now) return null;
  return entry.key;
}
