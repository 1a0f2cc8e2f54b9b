// The auditions part of the API (casting.md "Auditions"): list with filters
// (every page of a time window), schedule, move (JSON Patch), cancel, and the
// calendar feed as a file.
import type { ApiClient, Download } from './client';
import type { PatchOp } from './types';

export const AUDITION_STATUSES = ['SCHEDULED', 'DONE', 'NO_SHOW', 'CANCELLED'] as const;
export type AuditionStatus = (typeof AUDITION_STATUSES)[number];

export interface Audition {
  actorId: number;
  end: string;
  id: number;
  location: string;
  roleId: number;
  start: string;
  status: AuditionStatus;
}
export interface AuditionInput { actorId: number; start: string; end: string; location: string }
export interface AuditionFilter { from?: string; to?: string; location?: string; actorId?: number }

/** More than this many pages of one window is not a schedule anyone reads. */
const MAX_PAGES = 30;

interface ListReply { auditions: Audition[]; totalAuditions?: number; total?: number }

export async function listAuditionsPage(api: ApiClient, f: AuditionFilter, page: number):
  Promise<{ items: Audition[]; total: number }> {
  const q = new URLSearchParams();
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  if (f.location) q.set('location', f.location);
  if (f.actorId) q.set('actorId', String(f.actorId));
  q.set('page', String(page));
  const r = await api.request<ListReply>('GET', `/auditions?${q}`);
  const items = r.data.auditions ?? [];
  return { items, total: r.data.totalAuditions ?? r.data.total ?? items.length };
}

/** Every audition of the filter, page by page (10 a page), up to MAX_PAGES. */
export async function listAllAuditions(api: ApiClient, f: AuditionFilter): Promise<Audition[]> {
  const all: Audition[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { items, total } = await listAuditionsPage(api, f, page);
    all.push(...items);
    if (items.length === 0 || all.length >= total) break;
  }
  return all;
}

export async function createAudition(api: ApiClient, roleId: number, a: AuditionInput): Promise<number> {
  return (await api.request<{ id: number }>('POST', `/roles/${roleId}/auditions`, { json: a })).data.id;
}

export type AuditionChange = Partial<Pick<Audition, 'start' | 'end' | 'location' | 'status'>>;

export async function patchAudition(api: ApiClient, id: number, change: AuditionChange): Promise<void> {
  const ops: PatchOp[] = Object.entries(change)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ({ op: 'add', path: `/${k}`, value: v }));
  if (ops.length) await api.request('PATCH', `/auditions/${id}`, { patch: ops });
}

export async function cancelAudition(api: ApiClient, id: number): Promise<void> {
  await api.request('DELETE', `/auditions/${id}`);
}

export function auditionsCalendar(api: ApiClient, from?: string, to?: string): Promise<Download> {
  const q = new URLSearchParams();
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  const s = q.toString();
  return api.download(`/auditions.ics${s ? `?${s}` : ''}`, 'auditions.ics');
}
