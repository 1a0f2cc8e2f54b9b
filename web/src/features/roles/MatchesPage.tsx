// "Find actors" for a role: the actors fitting its age range and gender who
// are not candidates yet (GET /roles/{id}/matches), paged, narrowed by name as
// you type (debounced, kept in the address as q), each with one-click "Add as
// candidate" for those with create:casts.
import { Box, Button, Grid, LinearProgress, Link, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { PAGE_SIZE } from '../../api/types';
import { EmptyState, ErrorState, errorText, Pager } from '../../components/common';
import { useAddressSearch } from '../../components/useAddressSearch';
import { useNotify } from '../../components/Notify';
import { useFetch } from '../../components/useFetch';
import { ActorCard } from '../actors/ActorCard';
import { useAuth } from '../auth/AuthContext';
import { breakdown } from './roleForm';

export function MatchesPage() {
  const id = Number(useParams().id);
  const { api, can } = useAuth();
  const notify = useNotify();
  const { page, search, typed, setTyped, setPage } = useAddressSearch();
  const role = useFetch(() => api.getRole(id), [id]);
  const matches = useFetch(() => api.listMatches(id, page, search), [id, page, search]);
  const [adding, setAdding] = useState<number | null>(null);

  if (role.error instanceof ApiError && role.error.status === 404) return <EmptyState>This role does not exist (any more).</EmptyState>;
  const r = role.data?.role;

  async function add(actorId: number, name: string) {
    setAdding(actorId);
    try {
      await api.addCandidate(id, actorId);
      notify(`${name} added as a candidate for ${r?.name ?? 'the role'}.`);
      matches.reload();
    } catch (e) {
      notify(errorText(e), 'error');
    } finally {
      setAdding(null);
    }
  }

  return (
    <Box sx={{ mt: 2 }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' }, mb: 1 }}>
        <Box sx={{ flexGrow: 1 }}>
          <Typography variant="h4" component="h1">Find actors{r ? ` for ${r.name}` : ''}</Typography>
          {r && <Typography sx={{ color: 'text.secondary' }}>Fitting the breakdown: {breakdown(r)}</Typography>}
        </Box>
        <TextField label="Search by name" type="search" value={typed} size="small"
          onChange={(e) => setTyped(e.target.value)} sx={{ minWidth: { sm: 280 } }} />
        <Button variant="outlined" component={RouterLink} to={`/roles/${id}`}>Open the board</Button>
      </Stack>
      {r && <Link component={RouterLink} to={`/movies/${r.movieId}`}>Back to the movie</Link>}
      <Box sx={{ height: 4, mt: 1 }}>{matches.loading && <LinearProgress aria-label="Loading matches" />}</Box>
      {role.error || matches.error ? <ErrorState error={role.error ?? matches.error} onRetry={matches.reload} /> : null}
      {matches.data && (
        <>
          <Pager page={page} total={matches.data.total} pageSize={PAGE_SIZE} noun="matching actors"
            onPage={setPage} />
          {matches.data.items.length === 0 ? (
            <EmptyState>{search ? `No actor fitting this role matches “${search}”.` : 'No more actors fit this role.'}</EmptyState>
          ) : (
            <Grid container spacing={2} component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label="Matching actors">
              {matches.data.items.map((a) => (
                <Grid key={a.id} size={{ xs: 12, sm: 6, md: 4, lg: 3 }} component="li">
                  <ActorCard actor={a} extra={can('create:casts') && (
                    <Button variant="contained" size="small" disabled={adding === a.id} onClick={() => add(a.id, a.name)}
                      aria-label={`Add ${a.name} as candidate`}>Add as candidate</Button>
                  )} />
                </Grid>
              ))}
            </Grid>
          )}
        </>
      )}
    </Box>
  );
}
