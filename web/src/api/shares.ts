// Producers' share links (casting.md "Share links"): create, list, revoke, and
// the public side a viewer without login uses: the shared role and votes.
import type { ApiClient } from './client';
import type { Gender } from './types';


export interface Votes { down: number; up: number }
export interface CreatedShare { expiresAt: string; id: number; url: string }
export interface Share {
  createdAt?: string;
  createdBy?: string;
  expiresAt: string;
  id: number;
  revokedAt?: string | null;
  stages: string[];
  /** The link's vote totals. */
  votes?: Votes;
}
/** Votes for one candidate over all of a role's links. */
export interface ActorVotes { actorId: number; down: number; up: number }

export interface SharedCandidate {
  actorId: number;
  age: number | null;
  gender: Gender | null;
  name: string;
  photoUrl: string | null;
  rating: number | null;
  votes: Votes | null;
}
export interface SharedRole { name: string; description: string | null; movieTitle: string | null }
export interface SharedView { role: SharedRole; candidates: SharedCandidate[]; expiresAt: string | null }

export async function createShare(api: ApiClient, roleId: number, expiresInHours: number, stages: string[]):
  Promise<CreatedShare> {
  return (await api.request<CreatedShare>('POST', `/roles/${roleId}/shares`, { json: { expiresInHours, stages } })).data;
}

/** A role's links, newest first (every page, up to 20). */
export async function listShares(api: ApiClient, roleId: number): Promise<Share[]> {
  const all: Share[] = [];
  for (let page = 1; page <= 20; page++) {
    const r = await api.request<{ shares: Share[]; totalShares?: number }>('GET', `/roles/${roleId}/shares?page=${page}`);
    const items = r.data.shares ?? [];
    all.push(...items);
    if (items.length === 0 || all.length >= (r.data.totalShares ?? all.length)) break;
  }
  return all;
}

/** The viewers' votes per candidate over all the role's links. */
export async function roleVotes(api: ApiClient, roleId: number): Promise<ActorVotes[]> {
  return (await api.request<{ votes: ActorVotes[] }>('GET', `/roles/${roleId}/votes`)).data.votes ?? [];
}

export async function revokeShare(api: ApiClient, id: number): Promise<void> {
  await api.request('DELETE', `/shares/${id}`);
}

/** The public view of a link (no token sent). */
export async function getShared(api: ApiClient, token: string): Promise<SharedView> {
  const r = await api.request<Record<string, unknown>>('GET', `/shared/${encodeURIComponent(token)}`, { auth: false });
  return normaliseShared(r.data);
}

/** Records the viewer's vote (the latest counts); the candidate's new totals, if the server says. */
export async function voteShared(api: ApiClient, token: string, actorId: number, vote: 'up' | 'down', viewer: string):
  Promise<Votes | null> {
  const r = await api.request<{ votes?: Votes }>('POST', `/shared/${encodeURIComponent(token)}/votes`,
    { json: { actorId, vote, viewer }, auth: false });
  const v = r.data?.votes;
  return v && typeof v.up === 'number' && typeof v.down === 'number' ? { up: v.up, down: v.down } : null;
}

type Loose = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The shared view from the server's answer, whether a candidate carries its
 * actor nested ({"actor": {...}, "rating"}) or flat ({"name", "rating"}).
 * Only the fields a viewer may see are kept: never notes. */
export function normaliseShared(d: Loose): SharedView {
  const role = (d.role ?? {}) as Loose;
  const movie = (d.movie ?? role.movie ?? null) as Loose | null;
  const list = (Array.isArray(d.candidates) ? d.candidates : Array.isArray(role.candidates) ? role.candidates : []) as Loose[];
  return {
    role: {
      name: str(role.name) ?? 'Role',
      description: str(role.description),
      movieTitle: str(role.movieTitle) ?? (movie ? str(movie.title) : null),
    },
    expiresAt: str(d.expiresAt),
    candidates: list.map((c) => {
      const a = (c.actor ?? c) as Loose;
      const v = c.votes as Loose | undefined;
      return {
        actorId: num(a.id) ?? num(c.actorId) ?? 0,
        name: str(a.name) ?? '',
        age: num(a.age),
        gender: (str(a.gender) as Gender | null),
        photoUrl: str(a.photoUrl),
        rating: num(c.rating),
        votes: v && typeof v === 'object' ? { up: num(v.up) ?? 0, down: num(v.down) ?? 0 } : null,
      };
    }),
  };
}
