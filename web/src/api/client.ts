// The one typed client of the Audition API: every request the app makes goes
// through ApiClient.request, which adds the bearer token, sends JSON or JSON
// Patch, reads ETags and turns the contract's error shape into ApiError.
import type {
  Actor, ActorFilters, ActorInput, ActorSummary, AuthConfig, Candidate, LoginResult, Movie, MovieInput, MovieSummary,
  Page, PatchOp, Role, RoleInput, User,
} from './types';

export class ApiError extends Error {
  readonly status: number;
  readonly reason: string;
  readonly retryAfter: number | null;
  /** The whole parsed error body (e.g. an import's row/field errors), or null. */
  readonly body: unknown;
  constructor(status: number, reason: string, message: string, retryAfter: number | null = null, body: unknown = null) {
    super(message);
    this.status = status;
    this.reason = reason;
    this.retryAfter = retryAfter;
    this.body = body;
  }
}

interface RequestOptions {
  json?: unknown;
  patch?: PatchOp[];
  ifMatch?: string;
  auth?: boolean;
  /** A raw body with its type (a CSV upload). */
  raw?: { type: string; text: string };
}

/** A file the API answered with (CSV, calendar): its bytes and its name. */
export interface Download { blob: Blob; filename: string }

export interface Result<T> { data: T; etag: string | null; status: number }

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

const MAX_PAGES = 50;
const PAGE_SIZE = 10;
const NETWORK_MESSAGE = 'The server cannot be reached. Check your connection and try again.';

export class ApiClient {
  private readonly base: string;
  private readonly token: () => string | null;
  private readonly onUnauthorized: () => void;
  private readonly fetchFn: FetchFn;

  constructor(opts: { base?: string; token: () => string | null; onUnauthorized?: () => void; fetch?: FetchFn }) {
    this.base = opts.base ?? '';
    this.token = opts.token;
    this.onUnauthorized = opts.onUnauthorized ?? (() => {});
    this.fetchFn = opts.fetch ?? ((i, init) => fetch(i, init));
  }

  async request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<Result<T>> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    let body: string | undefined;
    if (opts.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.json);
    } else if (opts.patch !== undefined) {
      headers['Content-Type'] = 'application/json-patch+json';
      body = JSON.stringify(opts.patch);
    } else if (opts.raw !== undefined) {
      headers['Content-Type'] = opts.raw.type;
      body = opts.raw.text;
    }
    if (opts.ifMatch) headers['If-Match'] = opts.ifMatch;
    const token = opts.auth === false ? null : this.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await this.fetchFn(this.base + path, { method, headers, body });
    } catch {
      throw new ApiError(0, 'Network Error', NETWORK_MESSAGE);
    }
    const text = res.status === 204 ? '' : await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!res.ok) {
      const err = (parsed ?? {}) as { error?: string; message?: string };
      const retry = Number(res.headers.get('Retry-After'));
      if (res.status === 401 && token) this.onUnauthorized();
      throw new ApiError(res.status, err.error ?? res.statusText, err.message ?? defaultMessage(res.status),
        Number.isFinite(retry) && retry > 0 ? retry : null, parsed);
    }
    return { data: parsed as T, etag: res.headers.get('ETag'), status: res.status };
  }

  /** GET a file (CSV, calendar) with the bearer token; errors as for request. */
  async download(path: string, fallbackName: string): Promise<Download> {
    const headers: Record<string, string> = {};
    const token = this.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await this.fetchFn(this.base + path, { method: 'GET', headers });
    } catch {
      throw new ApiError(0, 'Network Error', NETWORK_MESSAGE);
    }
    if (!res.ok) {
      let err: { error?: string; message?: string } = {};
      try { err = JSON.parse(await res.text()); } catch { /* not JSON */ }
      if (res.status === 401 && token) this.onUnauthorized();
      throw new ApiError(res.status, err.error ?? res.statusText, err.message ?? defaultMessage(res.status));
    }
    const disposition = res.headers.get('Content-Disposition') ?? '';
    const named = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
    return { blob: await res.blob(), filename: named ?? fallbackName };
  }

  // -- movies ---------------------------------------------------------------
  async listMovies(page: number, search: string): Promise<Page<MovieSummary>> {
    const r = await this.request<{ movies: MovieSummary[]; offset: number; totalMovies: number }>(
      'GET', `/movies?${query(page, search)}`);
    return { items: r.data.movies, total: r.data.totalMovies, offset: r.data.offset };
  }
  async getMovie(id: number): Promise<{ movie: Movie; etag: string | null }> {
    const r = await this.request<{ movie: Movie }>('GET', `/movies/${id}`);
    return { movie: r.data.movie, etag: r.etag };
  }
  async createMovie(m: MovieInput): Promise<number> {
    return (await this.request<{ id: number }>('POST', '/movies', { json: m })).data.id;
  }
  async patchMovie(id: number, ops: PatchOp[], etag: string | null): Promise<string | null> {
    return (await this.request('PATCH', `/movies/${id}`, { patch: ops, ifMatch: etag ?? undefined })).etag;
  }
  async deleteMovie(id: number): Promise<void> {
    await this.request('DELETE', `/movies/${id}`);
  }

  // -- actors ---------------------------------------------------------------
  async listActors(page: number, search: string, filters: ActorFilters = {}): Promise<Page<ActorSummary>> {
    const r = await this.request<{ actors: ActorSummary[]; offset: number; totalActors: number }>(
      'GET', `/actors?${query(page, search, filters)}`);
    return { items: r.data.actors, total: r.data.totalActors, offset: r.data.offset };
  }
  async getActor(id: number): Promise<{ actor: Actor; etag: string | null }> {
    const r = await this.request<{ actor: Actor }>('GET', `/actors/${id}`);
    return { actor: r.data.actor, etag: r.etag };
  }
  async createActor(a: ActorInput): Promise<number> {
    return (await this.request<{ id: number }>('POST', '/actors', { json: a })).data.id;
  }
  async patchActor(id: number, ops: PatchOp[], etag: string | null): Promise<string | null> {
    return (await this.request('PATCH', `/actors/${id}`, { patch: ops, ifMatch: etag ?? undefined })).etag;
  }
  async deleteActor(id: number): Promise<void> {
    await this.request('DELETE', `/actors/${id}`);
  }

  // -- casts ----------------------------------------------------------------
  async createCast(movieId: number, actorId: number): Promise<string> {
    return (await this.request<{ id: string }>('POST', '/casts', { json: { movieId, actorId } })).data.id;
  }
  async deleteCast(movieId: number, actorId: number): Promise<void> {
    await this.request('DELETE', `/casts/movies/${movieId}/actors/${actorId}`);
  }

  // -- roles and candidates (casting.md) --------------------------------------
  async listRoles(movieId: number): Promise<Role[]> {
    return this.listAll<Role>(`/movies/${movieId}/roles`, 'roles', (r) => r.id);
  }
  async getRole(id: number): Promise<{ role: Role; etag: string | null }> {
    const r = await this.request<{ role: Role }>('GET', `/roles/${id}`);
    return { role: r.data.role, etag: r.etag };
  }
  async createRole(movieId: number, role: RoleInput): Promise<number> {
    return (await this.request<{ id: number }>('POST', `/movies/${movieId}/roles`, { json: role })).data.id;
  }
  async patchRole(id: number, ops: PatchOp[], etag: string | null): Promise<string | null> {
    return (await this.request('PATCH', `/roles/${id}`, { patch: ops, ifMatch: etag ?? undefined })).etag;
  }
  async deleteRole(id: number): Promise<void> {
    await this.request('DELETE', `/roles/${id}`);
  }
  async listCandidates(roleId: number): Promise<Candidate[]> {
    return this.listAll<Candidate>(`/roles/${roleId}/candidates`, 'candidates', (c) => c.actor.id);
  }

  /** Every item of a paged collection (10 a page), page by page, at most MAX_PAGES. */
  private async listAll<T>(path: string, key: string, idOf: (t: T) => number): Promise<T[]> {
    const seen = new Map<number, T>();
    for (let page = 1; page <= MAX_PAGES; page++) {
      const r = await this.request<Record<string, unknown>>('GET', `${path}?page=${page}`);
      const items = listIn<T>(r.data, key);
      const before = seen.size;
      for (const it of items) seen.set(idOf(it), it);
      const total = Number(r.data?.[`total${key[0].toUpperCase()}${key.slice(1)}`] ?? r.data?.total ?? NaN);
      if (items.length < PAGE_SIZE || seen.size === before || seen.size >= total) break;
    }
    return [...seen.values()];
  }
  async addCandidate(roleId: number, actorId: number): Promise<void> {
    await this.request('POST', `/roles/${roleId}/candidates`, { json: { actorId } });
  }
  /** JSON Patch on /stage, /rating, /notes, /tags; `confirm` books an actor already booked in the movie. */
  async patchCandidate(roleId: number, actorId: number, ops: PatchOp[], confirm = false): Promise<void> {
    await this.request('PATCH', `/roles/${roleId}/candidates/${actorId}${confirm ? '?confirm=true' : ''}`, { patch: ops });
  }
  async deleteCandidate(roleId: number, actorId: number): Promise<void> {
    await this.request('DELETE', `/roles/${roleId}/candidates/${actorId}`);
  }
  /** Actors fitting the role who are not candidates yet, paged like /actors; `search` narrows by name. */
  async listMatches(roleId: number, page: number, search = ''): Promise<Page<ActorSummary>> {
    const r = await this.request<Record<string, unknown>>('GET', `/roles/${roleId}/matches?${query(page, search)}`);
    const items = listIn<ActorSummary>(r.data, 'actors');
    const total = Number(r.data.totalActors ?? r.data.totalMatches ?? r.data.total ?? items.length);
    return { items, total, offset: Number(r.data.offset ?? 0) };
  }

  // -- sign-in --------------------------------------------------------------
  async authConfig(): Promise<AuthConfig> {
    const r = await this.request<AuthConfig>('GET', '/auth/config', { auth: false });
    return { builtinLogin: r.data.builtinLogin, oidc: r.data.oidc };
  }
  async login(username: string, password: string): Promise<LoginResult> {
    return (await this.request<LoginResult>('POST', '/auth/login', { json: { username, password }, auth: false })).data;
  }
  async me(): Promise<User> {
    return (await this.request<{ user: User }>('GET', '/auth/me')).data.user;
  }
}

function query(page: number, search: string, filters: ActorFilters = {}): string {
  const q = new URLSearchParams({ page: String(page) });
  if (search.trim()) q.set('search', search.trim());
  if (filters.gender) q.set('gender', filters.gender);
  if (filters.ageMin != null) q.set('ageMin', String(filters.ageMin));
  if (filters.ageMax != null) q.set('ageMax', String(filters.ageMax));
  return q.toString();
}

/** The list in a collection answer: under its name ("roles"), else the answer's one array. */
function listIn<T>(data: Record<string, unknown> | null, key: string): T[] {
  if (!data) return [];
  if (Array.isArray(data[key])) return data[key] as T[];
  const arr = Object.values(data).find(Array.isArray);
  return (arr ?? []) as T[];
}

function defaultMessage(status: number): string {
  switch (status) {
    case 401: return 'Please sign in again.';
    case 403: return 'Your role does not allow this.';
    case 404: return 'It does not exist (any more).';
    case 412: return 'Someone else changed it meanwhile.';
    case 429: return 'Too many attempts; wait a moment.';
    default: return status >= 500 ? 'The server had a problem; try again.' : 'The request was not accepted.';
  }
}

/** The form field a 400's message is about ("title must not be empty",
 * "operation 0: genre must be one of …"), or null. */
export function fieldOfMessage(message: string, fields: readonly string[]): string | null {
  const m = message.replace(/^operation \d+: /, '');
  for (const f of fields) if (m.startsWith(`${f} `) || m.startsWith(`/${f} `)) return f;
  for (const f of fields) if (new RegExp(`\\b${f}\\b`).test(m)) return f;
  return null;
}

/** JSON Patch from the fields that differ between before and after: changed
 * values are `add`, cleared nullable values are `remove`. */
export function diffPatch<T extends object>(before: T, after: Partial<T>, keys: readonly (keyof T & string)[]): PatchOp[] {
  const ops: PatchOp[] = [];
  for (const k of keys) {
    const a = after[k];
    if (a === undefined || a === before[k]) continue;
    if (a === null || a === '') {
      if (before[k] !== null) ops.push({ op: 'remove', path: `/${k}` });
    } else {
      ops.push({ op: 'add', path: `/${k}`, value: a });
    }
  }
  return ops;
}
