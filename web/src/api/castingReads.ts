// The few reads of roles and candidates (casting.md "Roles", "Candidates")
// that scheduling and share links need: a role, a movie's roles, a role's
// candidates. (The roles screens own the rest of that API.)
import type { ApiClient } from './client';
import type { ActorSummary } from './types';

export interface RoleSummary { id: number; movieId: number; name: string; status: string }
export interface CandidateSummary { actor: ActorSummary; rating: number | null; stage: string }

export async function fetchRole(api: ApiClient, id: number): Promise<RoleSummary> {
  return (await api.request<{ role: RoleSummary }>('GET', `/roles/${id}`)).data.role;
}
export async function fetchMovieRoles(api: ApiClient, movieId: number): Promise<RoleSummary[]> {
  const all: RoleSummary[] = [];
  for (let page = 1; page <= 20; page++) {
    const r = await api.request<{ roles: RoleSummary[]; totalRoles?: number }>('GET', `/movies/${movieId}/roles?page=${page}`);
    const items = r.data.roles ?? [];
    all.push(...items);
    if (items.length < 10 || all.length >= (r.data.totalRoles ?? all.length)) break;
  }
  return all;
}
export async function fetchCandidates(api: ApiClient, roleId: number): Promise<CandidateSummary[]> {
  const all: CandidateSummary[] = [];
  for (let page = 1; page <= 20; page++) {
    const r = await api.request<{ candidates: CandidateSummary[]; totalCandidates?: number }>(
      'GET', `/roles/${roleId}/candidates?page=${page}`);
    const items = r.data.candidates ?? [];
    all.push(...items);
    if (items.length < 10 || all.length >= (r.data.totalCandidates ?? all.length)) break;
  }
  return all;
}
