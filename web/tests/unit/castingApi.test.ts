// The casting parts of the API client: every page of auditions, the JSON
// Patch of a move, downloads with the bearer token and the file name, the CSV
// upload and its row/field errors, the public share view (never notes, no
// token sent), and the audit diff.
import { describe, expect, it } from 'vitest';
import { auditDiff, listAudit } from '../../src/api/audit';
import { listAllAuditions, patchAudition } from '../../src/api/auditions';
import { ApiClient } from '../../src/api/client';
import { castCsv, importActors } from '../../src/api/csv';
import { getShared, normaliseShared, voteShared } from '../../src/api/shares';
import { fakeFetch } from './helpers';

const client = (fn: Parameters<typeof fakeFetch>[0]) => {
  const f = fakeFetch(fn);
  return { api: new ApiClient({ token: () => 'tok', fetch: f.fn }), calls: f.calls };
};
const a = (id: number) => ({ actorId: 1, end: '2026-12-10T10:20:00Z', id, location: 'A', roleId: 1, start: '2026-12-10T10:00:00Z', status: 'SCHEDULED' });

describe('auditions', () => {
  it('reads every page of a window', async () => {
    const { api, calls } = client({
      'GET /auditions': (r) => {
        const page = Number(new URL(r.url, 'http://x').searchParams.get('page'));
        const items = page === 1 ? Array.from({ length: 10 }, (_, i) => a(i + 1)) : [a(11), a(12)];
        return { status: 200, body: { auditions: items, offset: (page - 1) * 10, success: true, totalAuditions: 12 } };
      },
    });
    const all = await listAllAuditions(api, { from: '2026-12-10T00:00:00Z', to: '2026-12-11T00:00:00Z', location: 'Room A' });
    expect(all.map((x) => x.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(calls.map((c) => c.url)).toEqual([
      '/auditions?from=2026-12-10T00%3A00%3A00Z&to=2026-12-11T00%3A00%3A00Z&location=Room+A&page=1',
      '/auditions?from=2026-12-10T00%3A00%3A00Z&to=2026-12-11T00%3A00%3A00Z&location=Room+A&page=2',
    ]);
  });
  it('moves with a JSON Patch of the changed fields', async () => {
    const { api, calls } = client({ 'PATCH /auditions/4': { status: 200, body: { id: 4, success: true } } });
    await patchAudition(api, 4, { start: '2026-12-10T11:00:00Z', location: 'B', end: undefined });
    expect(calls[0].headers['Content-Type']).toBe('application/json-patch+json');
    expect(JSON.parse(calls[0].body!)).toEqual([
      { op: 'add', path: '/start', value: '2026-12-10T11:00:00Z' }, { op: 'add', path: '/location', value: 'B' }]);
  });
});

describe('downloads and import', () => {
  it('downloads with the bearer token and the server’s file name', async () => {
    const calls: { url: string; init?: RequestInit }[] = [];
    const api = new ApiClient({ token: () => 'tok', fetch: async (url, init) => {
      calls.push({ url, init });
      return new Response('name,age\r\n', { status: 200, headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="contact-cast.csv"' } });
    } });
    const d = await castCsv(api, 2);
    expect(calls[0].url).toBe('/movies/2/cast.csv');
    expect((calls[0].init?.headers as Record<string, string>).Authorization).toBe('Bearer tok');
    expect(d.filename).toBe('contact-cast.csv');
    expect(await d.blob.text()).toBe('name,age\r\n');
  });
  it('falls back to a file name and reports errors in the API’s shape', async () => {
    const { api } = client({ 'GET /movies/9/cast.csv': { status: 404, body: { error: 'Not Found', message: 'movie 9 not found', success: false } } });
    await expect(castCsv(api, 9)).rejects.toMatchObject({ status: 404, message: 'movie 9 not found' });
  });
  it('uploads CSV as text/csv and returns row/field errors', async () => {
    const { api, calls } = client({ 'POST /actors/import': { status: 400, body: {
      error: 'Bad Request', message: '2 rows have errors', success: false,
      errors: [{ row: 2, field: 'age', message: 'age must be an integer' }, { row: 3, field: 'name', message: 'name is required' }] } } });
    const r = await importActors(api, 'name,age\nAda,x\n,3\n');
    expect(calls[0].headers['Content-Type']).toBe('text/csv');
    expect(calls[0].body).toBe('name,age\nAda,x\n,3\n');
    expect(r).toEqual({ ok: false, message: '2 rows have errors', problems: [
      { row: 2, field: 'age', message: 'age must be an integer' }, { row: 3, field: 'name', message: 'name is required' }] });
  });
});

describe('share links (public side)', () => {
  it('reads the shared view without a token and keeps no notes', async () => {
    const { api, calls } = client({ 'GET /shared/abcDEF123_-x': { status: 200, body: {
      candidates: [{ actor: { age: 40, gender: 'FEMALE', id: 3, name: 'Jodie', photoUrl: null }, notes: 'secret', rating: 4, votes: { down: 1, up: 2 } }],
      role: { name: 'Ellie Arroway' }, success: true } } });
    const v = await getShared(api, 'abcDEF123_-x');
    expect(calls[0].headers.Authorization).toBeUndefined();
    expect(v.role.name).toBe('Ellie Arroway');
    expect(v.candidates).toEqual([{ actorId: 3, age: 40, gender: 'FEMALE', name: 'Jodie', photoUrl: null, rating: 4, votes: { up: 2, down: 1 } }]);
    expect(JSON.stringify(v)).not.toContain('secret');
  });
  it('accepts flat candidates too', () => {
    const v = normaliseShared({ role: { name: 'R' }, candidates: [{ actorId: 5, name: 'Bo', age: 30, gender: null, photoUrl: 'https://x/y.jpg', rating: null, notes: 'n' }] });
    expect(v.candidates[0]).toEqual({ actorId: 5, name: 'Bo', age: 30, gender: null, photoUrl: 'https://x/y.jpg', rating: null, votes: null });
  });
  it('votes with the viewer id and no token', async () => {
    const { api, calls } = client({ 'POST /shared/tok123456/votes': { status: 201, body: { success: true } } });
    await voteShared(api, 'tok123456', 3, 'down', 'v1');
    expect(calls[0].headers.Authorization).toBeUndefined();
    expect(JSON.parse(calls[0].body!)).toEqual({ actorId: 3, vote: 'down', viewer: 'v1' });
  });
});

describe('audit', () => {
  it('sends the filters and reads entries and the total', async () => {
    const { api, calls } = client({ 'GET /audit': { status: 200, body: { entries: [], success: true, totalEntries: 0 } } });
    await listAudit(api, { entity: 'movie', id: '2', actor: 'e2e-producer' }, 3);
    expect(calls[0].url).toBe('/audit?entity=movie&id=2&actor=e2e-producer&page=3');
  });
  it('diffs only the fields that changed', () => {
    expect(auditDiff({ a: 1, b: 'x', c: [1] }, { a: 1, b: 'y', d: null })).toEqual([
      { field: 'b', before: 'x', after: 'y', kind: 'changed' },
      { field: 'c', before: [1], after: undefined, kind: 'removed' },
      { field: 'd', before: undefined, after: null, kind: 'added' },
    ]);
    expect(auditDiff(null, { title: 'T' })).toEqual([{ field: 'title', before: undefined, after: 'T', kind: 'added' }]);
    expect(auditDiff({ title: 'T' }, null)).toEqual([{ field: 'title', before: 'T', after: undefined, kind: 'removed' }]);
  });
});
