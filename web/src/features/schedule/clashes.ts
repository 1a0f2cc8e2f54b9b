// Clash detection before saving (casting.md "Auditions"): a planned audition
// clashes with another SCHEDULED one of the same actor, or in the same
// location, when their times overlap. Touching intervals ([10:00,10:20) and
// [10:20,10:40)) do not clash. The server decides (409); this only warns.
import type { Audition } from '../../api/auditions';

export interface Planned { id?: number; actorId: number; start: string; end: string; location: string }
export interface Clash { kind: 'actor' | 'location'; with: Audition }

/** Locations are the same room when equal after trimming (as the server compares). */
export const sameLocation = (a: string, b: string): boolean => a.trim() === b.trim();

export function overlaps(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  return aStart < bEnd && bStart < aEnd;
}

/** The loaded auditions the planned one would clash with (itself excluded),
 * actor clashes first, each audition once. Invalid times clash with nothing. */
export function findClashes(p: Planned, loaded: readonly Audition[]): Clash[] {
  const s = Date.parse(p.start), e = Date.parse(p.end);
  if (!Number.isFinite(s) || !Number.isFinite(e) || s >= e) return [];
  const out: Clash[] = [];
  const seen = new Set<number>();
  for (const kind of ['actor', 'location'] as const) {
    for (const a of loaded) {
      if (a.status !== 'SCHEDULED' || (p.id !== undefined && a.id === p.id) || seen.has(a.id)) continue;
      if (!overlaps(s, e, Date.parse(a.start), Date.parse(a.end))) continue;
      const hit = kind === 'actor' ? a.actorId === p.actorId : p.location.trim() !== '' && sameLocation(a.location, p.location);
      if (hit) {
        out.push({ kind, with: a });
        seen.add(a.id);
      }
    }
  }
  return out;
}
