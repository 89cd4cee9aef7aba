import type pg from "pg";
import { hashToken } from "@/lib/crypto/tokens";

export type ResolvedWriteKey = { keyId: string; workspaceId: string; sourceId: string; prefix: string };

type Row = { id: string; workspace_id: string; source_id: string; prefix: string; expires_at: Date | null; revoked_at: Date | null };

type Entry = { row: Row | null; fetchedAt: number };

export type WriteKeyResolverOptions = { pool: pg.Pool; ttlMs?: number; maxEntries?: number };

// Looks write keys up by hash, with a short in-process cache. Expiry is checked on every use, so a rotated key's
// grace period ends on time; revocation takes effect within ttlMs.
export class WriteKeyResolver {
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
    const hash = hashToken(writeKey);
    let entry = this.cache.get(hash);
    if (!entry || now - entry.fetchedAt > this.ttlMs) {
      const res = await this.pool.query<Row>(
        `SELECT id, workspace_id, source_id, prefix, expires_at, revoked_at FROM write_keys WHERE key_hash = $1`,
        [hash],
      );
      entry = { row: res.rows[0] ?? null, fetchedAt: now };
      if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(hash, entry);
    }
    const row = entry.row;
    if (!row) return null;
    if (row.revoked_at && row.revoked_at.getTime() <= now) return null;
    if (row.expires_at && row.expires_at.getTime() <= now) return null;
    return { keyId: row.id, workspaceId: row.workspace_id, sourceId: row.source_id, prefix: row.prefix };
  }

  // After resolve() refused a key: the source it names when it is known but revoked or expired (for the debugger).
  inactive(writeKey: string): ResolvedWriteKey | null {
    const row = this.cache.get(hashToken(writeKey))?.row;
    if (!row) return null;
    return { keyId: row.id, workspaceId: row.workspace_id, sourceId: row.source_id, prefix: row.prefix };
  }
}
