// Time arithmetic for the schedule, in the browser's local time zone: the
// visible window of a day or a week, positions in the time grid, and the
// conversions between <input type="datetime-local"> and the API's UTC.
export type View = 'day' | 'week';

export function startOfDay(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
}
/** Monday of the week of d. */
export function startOfWeek(d: Date): Date {
  const s = startOfDay(d);
  return addDays(s, -((s.getDay() + 6) % 7));
}
export function addDays(d: Date, n: number): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + n, d.getHours(), d.getMinutes());
}

/** The days a view shows, starting at the anchor's day (or its Monday). */
export function visibleDays(view: View, anchor: Date): Date[] {
  const first = view === 'day' ? startOfDay(anchor) : startOfWeek(anchor);
  return Array.from({ length: view === 'day' ? 1 : 7 }, (_, i) => addDays(first, i));
}

/** The API's UTC form, seconds and no milliseconds: 2026-12-10T10:00:00Z. */
export function toApiTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** "2026-12-10T11:00" (local) for a datetime-local input; '' for bad input. */
export function toLocalInput(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return '';
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
/** A datetime-local value as the API's UTC time, or null if incomplete. */
export function fromLocalInput(v: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v)) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : toApiTime(d);
}

/** Hours the grid spans: 8–20, widened to hold every audition shown. */
export function gridHours(items: { start: string; end: string }[], days: Date[]): { from: number; to: number } {
  let from = 8, to = 20;
  const first = days[0].getTime(), last = addDays(days[days.length - 1], 1).getTime();
  for (const a of items) {
    const s = new Date(a.start), e = new Date(a.end);
    if (e.getTime() <= first || s.getTime() >= last) continue;
    from = Math.min(from, s.getTime() < first ? 0 : s.getHours());
    const nextDay = startOfDay(e).getTime() > startOfDay(s).getTime();
    to = Math.max(to, nextDay ? 24 : Math.ceil(e.getHours() + e.getMinutes() / 60));
  }
  return { from, to };
}

/** Top and height (in hours from the grid's first hour) of an audition within one day. */
export function blockBox(a: { start: string; end: string }, day: Date, hours: { from: number; to: number }):
  { top: number; height: number } | null {
  const d0 = day.getTime() + hours.from * 3_600_000, d1 = day.getTime() + hours.to * 3_600_000;
  const s = Math.max(Date.parse(a.start), d0), e = Math.min(Date.parse(a.end), d1);
  if (!(e > s)) return null;
  return { top: (s - d0) / 3_600_000, height: (e - s) / 3_600_000 };
}

export function dayLabel(d: Date): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short' }).format(d);
}
export function timeLabel(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}
export function rangeLabel(days: Date[]): string {
  const f = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  if (days.length === 1) return f.format(days[0]);
  const g = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
  return `${g.format(days[0])} – ${g.format(days[days.length - 1])}`;
}
