// Actors: searchable, paged cards, filtered by gender and age range (kept in
// the address: ?gender=&ageMin=&ageMax=); add and edit only for roles that may.
import { MenuItem, Stack, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { ActorFilters, ActorSummary, Gender } from '../../api/types';
import { useDebounced } from '../../components/common';
import { ListScreen } from '../../components/ListScreen';
import { withParams } from '../../components/useAddressSearch';
import { useAuth } from '../auth/AuthContext';
import { ActorCard } from './ActorCard';

const age = (s: string | null): number | null => (s && /^\d{1,3}$/.test(s) && Number(s) <= 120 ? Number(s) : null);

/** The filters in the address, ignoring values the API would refuse. */
export function filtersOf(params: URLSearchParams): ActorFilters {
  const g = params.get('gender');
  return { gender: g === 'MALE' || g === 'FEMALE' ? g : '', ageMin: age(params.get('ageMin')), ageMax: age(params.get('ageMax')) };
}

export function ActorsPage() {
  const { api, can } = useAuth();
  const [params] = useSearchParams();
  const f = filtersOf(params);
  return (
    <ListScreen<ActorSummary> title="Actors" noun="actors" searchLabel="Search actors"
      addLabel="Add actor" addTo={can('create:actors') ? '/actors/new' : undefined}
      filters={<ActorFilterBar />} filterDeps={[f.gender, f.ageMin, f.ageMax]}
      load={(p, s) => api.listActors(p, s, f)} card={(a) => <ActorCard actor={a} />} />
  );
}

function ActorFilterBar() {
  const [params, setParams] = useSearchParams();
  const [min, setMin] = useState(params.get('ageMin') ?? '');
  const [max, setMax] = useState(params.get('ageMax') ?? '');
  const dMin = useDebounced(min, 300), dMax = useDebounced(max, 300);
  const bad = (s: string) => s.trim() !== '' && age(s.trim()) === null;
  const crossed = !bad(min) && !bad(max) && min.trim() !== '' && max.trim() !== '' && Number(min) > Number(max);
  useEffect(() => {
    const next = { ageMin: bad(dMin) || !dMin.trim() ? null : dMin.trim(), ageMax: bad(dMax) || !dMax.trim() ? null : dMax.trim() };
    if (next.ageMin !== null && next.ageMax !== null && Number(next.ageMin) > Number(next.ageMax)) return;  // the API would refuse it
    if (next.ageMin !== params.get('ageMin') || next.ageMax !== params.get('ageMax'))
      setParams((old) => withParams(old, { ...next, page: null }), { replace: true });
  }, [dMin, dMax]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <Stack direction="row" spacing={2} sx={{ mb: 2, flexWrap: 'wrap', rowGap: 2 }} role="group" aria-label="Filters">
      <TextField select label="Gender" size="small" value={params.get('gender') ?? ''} sx={{ minWidth: 140 }}
        onChange={(e) => setParams((old) => withParams(old, { gender: (e.target.value as Gender | '') || null, page: null }))}>
        <MenuItem value="">Any</MenuItem>
        <MenuItem value="FEMALE">Female</MenuItem>
        <MenuItem value="MALE">Male</MenuItem>
      </TextField>
      <TextField label="Minimum age" type="number" size="small" value={min} onChange={(e) => setMin(e.target.value)}
        error={bad(min)} helperText={bad(min) ? 'Enter an age from 0 to 120.' : undefined}
        slotProps={{ htmlInput: { min: 0, max: 120 } }} sx={{ width: 150 }} />
      <TextField label="Maximum age" type="number" size="small" value={max} onChange={(e) => setMax(e.target.value)}
        error={bad(max) || crossed} helperText={bad(max) ? 'Enter an age from 0 to 120.' : crossed ? 'Below the minimum age.' : undefined}
        slotProps={{ htmlInput: { min: 0, max: 120 } }} sx={{ width: 150 }} />
    </Stack>
  );
}
