// The API client: headers, bodies, ETags, the error shape, 401 handling,
// and the helpers that build JSON Patch and place server errors on fields.
import { describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError, diffPatch, fieldOfMessage } from '../../src/api/client';
import { fakeFetch } from './helpers';

const movie = { actors: [], genre: 'SCI_FI', id: 2, posterUrl: null, releaseDate: '1997-07-11', title: 'Contact' };

describe('ApiClient', () => {
  it('lists movies with page and trimmed search, sending the bearer token', async () => {
    const f = fakeFetch({ 'GET /movies': { status: 200, body: { movies: [movie], offset: 10, success: true, totalMovies: 11 } } });
    const c = new ApiClient({ token: () => 'tok', fetch: f.fn });
    const page = await c.listMovies(2, '  con  ');
    expect(page).toEqual({ items: [movie], total: 11, offset: 10 });
    expect(f.calls[0].url).toBe('/movies?page=2&search=con');
    expect(f.calls[0].headers.Authorization).toBe('Bearer tok');
  });

  it('returns the ETag of a GET and sends it back as If-Match with a JSON Patch', async () => {
    const f = fakeFetch({
      'GET /movies/2': { status: 200, body: { movie, success: true }, headers: { ETag: '"abc"' } },
      'PATCH /movies/2': { status: 200, body: { id: 2, success: true }, headers: { ETag: '"def"' } },
    });
    const c = new ApiClient({ token: () => 't', fetch: f.fn });
    const { etag } = await c.getMovie(2);
    expect(etag).toBe('"abc"');
    const next = await c.patchMovie(2, [{ op: 'add', path: '/title', value: 'X' }], etag);
    expect(next).toBe('"def"');
    const patch = f.calls[1];
    expect(patch.headers['Content-Type']).toBe('application/json-patch+json');
    expect(patch.headers['If-Match']).toBe('"abc"');
    expect(JSON.parse(patch.body!)).toEqual([{ op: 'add', path: '/title', value: 'X' }]);
  });

  it('accepts 204 (nothing changed) without a body', async () => {
    const f = fakeFetch({ 'PATCH /actors/1': { status: 204, headers: { ETag: '"same"' } } });
    const c = new ApiClient({ token: () => 't', fetch: f.fn });
    expect(await c.patchActor(1, [], null)).toBe('"same"');
  });

  it('posts JSON and returns the new id', async () => {
    const f = fakeFetch({ 'POST /actors': { status: 201, body: { id: 20, success: true } } });
    const c = new ApiClient({ token: () => 't', fetch: f.fn });
    expect(await c.createActor({ name: 'A', age: 3 })).toBe(20);
    expect(f.calls[0].headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(f.calls[0].body!)).toEqual({ name: 'A', age: 3 });
  });

  it('turns the contract error shape into ApiError with status, reason and message', async () => {
    const f = fakeFetch({ 'POST /movies': { status: 400, body: { error: 'Bad Request', message: 'title must not be empty', success: false } } });
    const c = new ApiClient({ token: () => 't', fetch: f.fn });
    const err = await c.createMovie({ title: '', genre: 'DRAMA' }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, reason: 'Bad Request', message: 'title must not be empty' });
  });

  it('reads Retry-After of a 429 and gives a default message when the body has none', async () => {
    const f = fakeFetch({ 'POST /auth/login': { status: 429, body: { error: 'Too Many Requests', success: false }, headers: { 'Retry-After': '30' } } });
    const c = new ApiClient({ token: () => null, fetch: f.fn });
    const err = await c.login('a', 'b').catch((e) => e);
    expect(err).toMatchObject({ status: 429, retryAfter: 30, message: 'Too many attempts; wait a moment.' });
    expect(f.calls[0].headers.Authorization).toBeUndefined();
  });

  it('calls onUnauthorized on a 401 for a request that carried a token', async () => {
    const f = fakeFetch({ 'GET /actors/1': { status: 401, body: { error: 'Unauthorized', success: false } } });
    const onUnauthorized = vi.fn();
    const c = new ApiClient({ token: () => 'expired', fetch: f.fn, onUnauthorized });
    await expect(c.getActor(1)).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('reports an unreachable server as status 0 with a readable message', async () => {
    const c = new ApiClient({ token: () => 't', fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    await expect(c.getMovie(1)).rejects.toMatchObject({ status: 0, message: expect.stringMatching(/cannot be reached/) });
  });

  it('deletes a cast link by movie and actor', async () => {
    const f = fakeFetch({ 'DELETE /casts/movies/3/actors/5': { status: 200, body: { id: 'movie-3-actor-5', success: true } } });
    await new ApiClient({ token: () => 't', fetch: f.fn }).deleteCast(3, 5);
    expect(f.calls).toHaveLength(1);
  });
});

describe('diffPatch', () => {
  const before = { title: 'A', genre: 'DRAMA', releaseDate: '2000-01-01' as string | null, posterUrl: null as string | null };
  it('adds changed values, removes cleared ones, skips unchanged', () => {
    expect(diffPatch(before, { title: 'B', genre: 'DRAMA', releaseDate: null, posterUrl: 'https://p' },
      ['title', 'genre', 'releaseDate', 'posterUrl'])).toEqual([
      { op: 'add', path: '/title', value: 'B' },
      { op: 'remove', path: '/releaseDate' },
      { op: 'add', path: '/posterUrl', value: 'https://p' },
    ]);
  });
  it('does not remove what is already null', () => {
    expect(diffPatch(before, { posterUrl: null }, ['posterUrl'])).toEqual([]);
  });
});

describe('fieldOfMessage', () => {
  const fields = ['title', 'genre', 'releaseDate', 'posterUrl'];
  it.each([
    ['title must not be empty', 'title'],
    ['operation 1: genre must be one of ACTION_AND_ADVENTURE, …', 'genre'],
    ['releaseDate is not a date that exists', 'releaseDate'],
    ['the body must be a JSON object', null],
  ])('%s → %s', (msg, want) => expect(fieldOfMessage(msg, fields)).toBe(want));
});
