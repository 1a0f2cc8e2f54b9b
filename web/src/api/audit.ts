// The audit log (casting.md "Audit log"): newest first, filtered, paged; for
// producers only.
import type { ApiClient } from './client';

export const AUDIT_ENTITIES = ['actor', 'audition', 'candidate', 'cast', 'database', 'movie', 'role', 'share',
  'shareVote', 'signingKey', 'user'] as const;

export interface AuditEntry {
  action: string;
  after: Record<string, unknown> | null;
  at: string;
  before: Record<string, unknown> | null;
  entity: string;
  entryId?: number;
  id: string | number | null;             // text: "7", "movie-2-actor-1"
  subject: string | null;
}
export interface AuditFilter { entity?: string; id?: string; actor?: string }

export async function listAudit(api: ApiClient, f: AuditFilter, page: number):
  Promise<{ entries: AuditEntry[]; total: number }> {
  const q = new URLSearchParams();
  if (f.entity) q.set('entity', f.entity);
  if (f.id) q.set('id', f.id);
  if (f.actor) q.set('actor', f.actor);
  q.set('page', String(page));
  const r = await api.request<{ entries: AuditEntry[]; totalEntries: number }>('GET', `/audit?${q}`);
  return { entries: r.data.entries ?? [], total: r.data.totalEntries ?? 0 };
}

export interface FieldChange { field: string; before: unknown; after: unknown; kind: 'added' | 'removed' | 'changed' }

/** The fields that differ between before and after, in name order. */
export function auditDiff(before: Record<string, unknown> | null, after: Record<string, unknown> | null): FieldChange[] {
  const b = before ?? {}, a = after ?? {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  const out: FieldChange[] = [];
  for (const field of keys) {
    const inB = field in b && before !== null, inA = field in a && after !== null;
    if (inB && inA && JSON.stringify(b[field]) === JSON.stringify(a[field])) continue;
    out.push({ field, before: b[field], after: a[field], kind: !inB ? 'added' : !inA ? 'removed' : 'changed' });
  }
  return out;
}
