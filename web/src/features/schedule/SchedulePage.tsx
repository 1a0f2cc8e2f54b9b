// The auditions schedule (/app/schedule): a day view with a column per
// location or a week view with a column per day, filtered by location; the
// view, date and location live in the address. Directors and producers
// schedule and move (create:casts) and cancel (delete:casts); assistants read.
// The calendar feed downloads with the session's token.
import {
  Box, Button, LinearProgress, MenuItem, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography,
} from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { auditionsCalendar, listAllAuditions, type Audition } from '../../api/auditions';
import { EmptyState, ErrorState, errorText } from '../../components/common';
import { useNotify } from '../../components/Notify';
import { useFetch } from '../../components/useFetch';
import { saveDownload } from '../csv/download';
import { useAuth } from '../auth/AuthContext';
import { AuditionDialog, type DialogSeed } from './AuditionDialog';
import { ScheduleGrid } from './ScheduleGrid';
import { addDays, rangeLabel, startOfDay, toApiTime, visibleDays, type View } from './time';
import { useNames } from './useNames';

const ALL = '';

function parseDate(s: string | null): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s ?? '');
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : startOfDay(new Date());
}
function formatDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function SchedulePage() {
  const { api, can } = useAuth();
  const notify = useNotify();
  const [params, setParams] = useSearchParams();
  const view: View = params.get('view') === 'week' ? 'week' : 'day';
  const anchor = parseDate(params.get('date'));
  const location = params.get('location') ?? ALL;
  const days = visibleDays(view, anchor);
  const from = toApiTime(days[0]), to = toApiTime(addDays(days[days.length - 1], 1));
  const { data, error, loading, reload } = useFetch(() => listAllAuditions(api, { from, to, location: location || undefined }),
    [from, to, location]);
  const [open, setOpen] = useState<{ audition: Audition | null; seed: DialogSeed } | null>(null);
  const [seen, setSeen] = useState<string[]>([]);

  const items = useMemo(() => data ?? [], [data]);
  const names = useNames(api, items.map((a) => a.actorId), items.map((a) => a.roleId));
  const locations = useMemo(() => {
    const s = new Set(items.map((a) => a.location));
    if (location) s.add(location);
    return [...s].sort((x, y) => x.localeCompare(y));
  }, [items, location]);
  useEffect(() => {                       // every location seen stays a filter choice
    setSeen((old) => (locations.every((l) => old.includes(l)) ? old : [...new Set([...old, ...locations])].sort()));
  }, [locations]);

  const set = (change: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(change)) if (v) next.set(k, v); else next.delete(k);
    setParams(next);
  };
  const step = (n: number) => set({ date: formatDay(addDays(anchor, n * (view === 'week' ? 7 : 1))) });

  async function downloadCalendar() {
    try {
      saveDownload(await auditionsCalendar(api, from, to));
    } catch (e) {
      notify(errorText(e), 'error');
    }
  }
  function newAudition() {
    const s = new Date(anchor.getFullYear(), anchor.getMonth(), anchor.getDate(), 10, 0);
    setOpen({ audition: null, seed: { start: toApiTime(s), end: toApiTime(new Date(s.getTime() + 30 * 60_000)), location } });
  }

  return (
    <Box sx={{ mt: 2 }}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'center' }, mb: 2 }}>
        <Typography variant="h4" component="h1" sx={{ flexGrow: 1 }}>Schedule</Typography>
        {can('create:casts') && <Button variant="contained" onClick={newAudition}>New audition</Button>}
        <Button variant="outlined" onClick={downloadCalendar}>Download calendar (.ics)</Button>
      </Stack>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' }, mb: 2, flexWrap: 'wrap', rowGap: 2 }}>
        <ToggleButtonGroup exclusive size="small" value={view} aria-label="View"
          onChange={(_, v: View | null) => v && set({ view: v === 'day' ? null : v })}>
          <ToggleButton value="day">Day</ToggleButton>
          <ToggleButton value="week">Week</ToggleButton>
        </ToggleButtonGroup>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Button variant="outlined" size="small" onClick={() => step(-1)} aria-label={view === 'week' ? 'Previous week' : 'Previous day'}>Prev</Button>
          <Button variant="outlined" size="small" onClick={() => set({ date: null })}>Today</Button>
          <Button variant="outlined" size="small" onClick={() => step(1)} aria-label={view === 'week' ? 'Next week' : 'Next day'}>Next</Button>
        </Stack>
        <TextField label="Date" type="date" size="small" value={formatDay(anchor)}
          onChange={(e) => /^\d{4}-\d{2}-\d{2}$/.test(e.target.value) && set({ date: e.target.value })}
          slotProps={{ inputLabel: { shrink: true } }} />
        <TextField select label="Location" size="small" value={location} sx={{ minWidth: 180 }}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
          onChange={(e) => set({ location: e.target.value || null })}>
          <MenuItem value={ALL}>All locations</MenuItem>
          {(seen.length ? seen : locations).map((l) => <MenuItem key={l} value={l}>{l}</MenuItem>)}
        </TextField>
      </Stack>
      <Typography variant="h6" component="h2" aria-live="polite" sx={{ mb: 1 }}>
        {rangeLabel(days)}{location ? ` · ${location}` : ''}
      </Typography>
      <Box sx={{ height: 4 }}>{loading && <LinearProgress aria-label="Loading auditions" />}</Box>
      {error ? <ErrorState error={error} onRetry={reload} /> : null}
      {data && (view === 'day' && locations.length === 0
        ? <EmptyState>No auditions {location ? `in ${location} ` : ''}on this day.</EmptyState>
        : <ScheduleGrid view={view} days={days} items={items} locations={locations} names={names}
          onOpen={(a) => setOpen({ audition: a, seed: { start: a.start, end: a.end, location: a.location } })} />)}
      {data && view === 'week' && items.length === 0 && <EmptyState>No auditions {location ? `in ${location} ` : ''}this week.</EmptyState>}
      <Typography variant="body2" sx={{ mt: 2, color: 'text.secondary' }}>
        Times are in your browser’s time zone. The calendar file holds the auditions shown; calendar apps that
        subscribe to <code>/auditions.ics</code> by address must send an access token (see the documentation).
      </Typography>
      {open && (
        <AuditionDialog audition={open.audition} seed={open.seed} loaded={items} names={names}
          onClose={() => setOpen(null)} onSaved={() => { setOpen(null); reload(); }} />
      )}
    </Box>
  );
}
