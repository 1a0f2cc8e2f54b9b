// The casting half of the API client (every page of a collection, the actor
// filters, ?confirm=true) and the pure rules of the casting screens: role
// validation and order, allowed moves, tags and the candidate patch.
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/api/client';
import type { Candidate, Role } from '../../src/api/types';
import { STAGES } from '../../src/api/types';
import { candidatePatch, parseTags } from '../../src/features/roles/CandidatePanel';
import { breakdown, byBilling, EMPTY_ROLE, rolePayload, validateRole } from '../../src/features/roles/roleForm';
import { allowedTargets } from '../../src/features/roles/useBoard';
import { filtersOf } from '../../src/features/actors/ActorsPage';
import { fakeFetch } from './helpers';

const cand = (id: number): Candidate => ({
  actor: { age: 30, gender: null, id, name: `A${id}`, photoUrl: null }, notes: null, otherRoles: [], rating: null,
  stage: 'SUGGESTED', tags: [], updatedAt: '2026-12-04T10:00:00Z',
});

describe('ApiClient (casting)', () => {
  it('reads every page of a role\'s candidates', async () => {
    const all = Array.from({ length: 13 }, (_, i) => cand(i + 1));
    const f = fakeFetch({ 'GET /roles/7/candidates': (r) => {
      const page = Number(new URL(r.url, 'http://x').searchParams.get('page'));
      return { status: 200, body: { candidates: all.slice((page - 1) * 10, page * 10), success: true, totalCandidates: 13 } };
    } });
    const got = await new ApiClient({ token: () => 't', fetch: f.fn }).listCandidates(7);
    expect(got.map((c) => c.actor.id)).toEqual(all.map((c) => c.actor.id));
    expect(f.calls.map((c) => c.url)).toEqual(['/roles/7/candidates?page=1', '/roles/7/candidates?page=2']);
  });

  it('stops when a server ignores the page (no endless loop, no duplicates)', async () => {
    const all = Array.from({ length: 10 }, (_, i) => cand(i + 1));
    const f = fakeFetch({ 'GET /roles/7/candidates': { status: 200, body: { candidates: all, success: true } } });
    const got = await new ApiClient({ token: () => 't', fetch: f.fn }).listCandidates(7);
    expect(got).toHaveLength(10);
    expect(f.calls).toHaveLength(2);
  });

  it('sends the actor filters with search and page, and ?confirm=true only when asked', async () => {
    const f = fakeFetch({
      'GET /actors': { status: 200, body: { actors: [], offset: 0, success: true, totalActors: 0 } },
      'PATCH /roles/7/candidates/16': { status: 200, body: { success: true } },
    });
    const c = new ApiClient({ token: () => 't', fetch: f.fn });
    await c.listActors(1, ' fo ', { gender: 'MALE', ageMin: 0, ageMax: 40 });
    await c.listActors(1, '', { gender: '', ageMin: null });
    await c.patchCandidate(7, 16, [{ op: 'add', path: '/stage', value: 'BOOKED' }]);
    await c.patchCandidate(7, 16, [{ op: 'add', path: '/stage', value: 'BOOKED' }], true);
    expect(f.calls.map((x) => x.url)).toEqual(['/actors?page=1&search=fo&gender=MALE&ageMin=0&ageMax=40', '/actors?page=1',
      '/roles/7/candidates/16', '/roles/7/candidates/16?confirm=true']);
  });
});

describe('casting rules in the screens', () => {
  it('validates a role as casting.md does', () => {
    expect(validateRole(EMPTY_ROLE)).toEqual({ name: 'A name is required.' });
    expect(validateRole({ ...EMPTY_ROLE, name: 'x'.repeat(201) }).name).toBe('At most 200 characters.');
    expect(validateRole({ ...EMPTY_ROLE, name: 'A', ageMin: '121', ageMax: '-1', billing: '1.5' })).toEqual({
      ageMin: 'Enter an age from 0 to 120.', ageMax: 'Enter an age from 0 to 120.', billing: 'Enter a whole number from 1.' });
    expect(validateRole({ ...EMPTY_ROLE, name: 'A', ageMin: '0', ageMax: '0', billing: '1' })).toEqual({});
    expect(rolePayload({ ...EMPTY_ROLE, name: ' A ', ageMin: '0', description: '  ' }))
      .toMatchObject({ name: 'A', ageMin: 0, ageMax: null, description: null });
  });

  it('orders roles by billing, unbilled last, then by name, and describes the breakdown', () => {
    const r = (name: string, billing: number | null) => ({ name, billing } as Role);
    expect([r('b', null), r('c', 2), r('a', null), r('d', 1)].sort(byBilling).map((x) => x.name)).toEqual(['d', 'c', 'a', 'b']);
    expect(breakdown({ gender: null, ageMin: null, ageMax: null })).toBe('Any gender · any age');
    expect(breakdown({ gender: 'MALE', ageMin: 20, ageMax: null })).toBe('Male · 20+ years');
  });

  it('allows moving backwards but out of Booked only to Released', () => {
    expect(allowedTargets('BOOKED', STAGES)).toEqual(['RELEASED']);
    expect(allowedTargets('CALLBACK', STAGES)).toEqual(['SUGGESTED', 'SHORTLISTED', 'AUDITION', 'ON_HOLD', 'BOOKED', 'RELEASED']);
  });

  it('builds the candidate patch from what changed only', () => {
    const c = { ...cand(1), rating: 3, notes: 'n', tags: ['a'] };
    expect(candidatePatch(c, 3, ' n ', ['a'])).toEqual([]);
    expect(candidatePatch(c, null, '', [])).toEqual([
      { op: 'remove', path: '/rating' }, { op: 'remove', path: '/notes' }, { op: 'add', path: '/tags', value: [] }]);
    expect(parseTags(' x, ,y,x ')).toEqual(['x', 'y']);
  });

  it('reads the actor filters from the address, ignoring what the API would refuse', () => {
    expect(filtersOf(new URLSearchParams('gender=FEMALE&ageMin=30&ageMax=45'))).toEqual({ gender: 'FEMALE', ageMin: 30, ageMax: 45 });
    expect(filtersOf(new URLSearchParams('gender=x&ageMin=-3&ageMax=abc'))).toEqual({ gender: '', ageMin: null, ageMax: null });
  });
});
