// The schedule's pure logic: clash detection (actor and location overlaps,
// touching intervals, cancelled and self excluded), lanes for overlapping
// blocks, and the time helpers (local input <-> API UTC, weeks, grid boxes).
import { describe, expect, it } from 'vitest';
import type { Audition } from '../../src/api/auditions';
import { findClashes, overlaps } from '../../src/features/schedule/clashes';
import { lanes } from '../../src/features/schedule/ScheduleGrid';
import {
  blockBox, fromLocalInput, gridHours, startOfWeek, toApiTime, toLocalInput, visibleDays,
} from '../../src/features/schedule/time';

const at = (h: number, m = 0) => toApiTime(new Date(2026, 11, 10, h, m));
const aud = (id: number, actorId: number, s: string, e: string, location: string, status: Audition['status'] = 'SCHEDULED'): Audition =>
  ({ id, actorId, roleId: 1, start: s, end: e, location, status });

const loaded = [
  aud(1, 10, at(10), at(10, 20), 'Room A'),
  aud(2, 11, at(11), at(11, 30), 'Room B'),
  aud(3, 12, at(12), at(13), 'Room A', 'CANCELLED'),
];

describe('findClashes', () => {
  it('finds the same actor elsewhere at an overlapping time', () => {
    const c = findClashes({ actorId: 10, start: at(10, 10), end: at(10, 40), location: 'Room C' }, loaded);
    expect(c.map((x) => [x.kind, x.with.id])).toEqual([['actor', 1]]);
  });
  it('finds another actor in the same location at an overlapping time', () => {
    const c = findClashes({ actorId: 99, start: at(11, 15), end: at(11, 45), location: ' Room B ' }, loaded);
    expect(c.map((x) => [x.kind, x.with.id])).toEqual([['location', 2]]);
  });
  it('reports an audition once even when both actor and location clash', () => {
    const c = findClashes({ actorId: 10, start: at(9, 50), end: at(10, 5), location: 'Room A' }, loaded);
    expect(c.map((x) => [x.kind, x.with.id])).toEqual([['actor', 1]]);
  });
  it('does not count touching intervals as a clash', () => {
    expect(findClashes({ actorId: 10, start: at(10, 20), end: at(10, 40), location: 'Room A' }, loaded)).toEqual([]);
    expect(findClashes({ actorId: 10, start: at(9, 40), end: at(10), location: 'Room A' }, loaded)).toEqual([]);
  });
  it('ignores cancelled auditions and the audition being moved', () => {
    expect(findClashes({ actorId: 12, start: at(12, 15), end: at(12, 45), location: 'Room A' }, loaded)).toEqual([]);
    expect(findClashes({ id: 1, actorId: 10, start: at(10, 5), end: at(10, 25), location: 'Room A' }, loaded)).toEqual([]);
  });
  it('compares locations exactly (after trimming), as the server does', () => {
    expect(findClashes({ actorId: 99, start: at(10), end: at(10, 10), location: 'room a' }, loaded)).toEqual([]);
  });
  it('finds nothing for invalid or empty intervals', () => {
    expect(findClashes({ actorId: 10, start: at(10, 30), end: at(10), location: 'Room A' }, loaded)).toEqual([]);
    expect(findClashes({ actorId: 10, start: 'nonsense', end: at(11), location: 'Room A' }, loaded)).toEqual([]);
  });
  it('overlaps is strict at both ends', () => {
    expect(overlaps(0, 10, 10, 20)).toBe(false);
    expect(overlaps(0, 11, 10, 20)).toBe(true);
    expect(overlaps(12, 13, 10, 20)).toBe(true);
  });
});

describe('lanes', () => {
  it('puts overlapping blocks side by side and reuses a freed lane', () => {
    const l = lanes([aud(1, 1, at(10), at(11), 'X'), aud(2, 2, at(10, 30), at(11, 30), 'Y'), aud(3, 3, at(11), at(12), 'Z')]);
    expect(l.map((x) => [x.a.id, x.lane, x.of])).toEqual([[1, 0, 2], [2, 1, 2], [3, 0, 2]]);
  });
});

describe('time helpers', () => {
  it('converts a datetime-local value to UTC and back', () => {
    const iso = fromLocalInput('2026-12-10T10:00');
    expect(iso).toBe(toApiTime(new Date(2026, 11, 10, 10, 0)));
    expect(iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/);
    expect(toLocalInput(iso!)).toBe('2026-12-10T10:00');
    expect(fromLocalInput('2026-12-10')).toBeNull();
    expect(toLocalInput('bad')).toBe('');
  });
  it('starts weeks on Monday', () => {
    const w = visibleDays('week', new Date(2026, 11, 10));          // a Thursday
    expect(w).toHaveLength(7);
    expect(w[0]).toEqual(new Date(2026, 11, 7));
    expect(startOfWeek(new Date(2026, 11, 13))).toEqual(new Date(2026, 11, 7)); // Sunday belongs to the week before
    expect(visibleDays('day', new Date(2026, 11, 10, 15))).toEqual([new Date(2026, 11, 10)]);
  });
  it('widens the grid for early and late auditions and places blocks', () => {
    const day = new Date(2026, 11, 10);
    expect(gridHours([], [day])).toEqual({ from: 8, to: 20 });
    expect(gridHours([{ start: at(7, 30), end: at(21, 15) }], [day])).toEqual({ from: 7, to: 22 });
    expect(blockBox({ start: at(9, 30), end: at(10) }, day, { from: 8, to: 20 })).toEqual({ top: 1.5, height: 0.5 });
    expect(blockBox({ start: at(21), end: at(22) }, day, { from: 8, to: 20 })).toBeNull();
  });
});
