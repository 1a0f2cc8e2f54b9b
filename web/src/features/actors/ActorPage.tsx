// One actor: details and the movies they are cast in (removable by directors
// and producers); delete for roles with delete:actors.
import { Box, Button, Card, CardContent, Grid, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { ConfirmDialog, EmptyState, ErrorState, errorText, Loading, Picture } from '../../components/common';
import { useNotify } from '../../components/Notify';
import { useFetch } from '../../components/useFetch';
import { useAuth } from '../auth/AuthContext';
import { MovieCard } from '../movies/MoviesPage';
import { genderLabel } from './ActorCard';

export function ActorPage() {
  const id = Number(useParams().id);
  const { api, can } = useAuth();
  const notify = useNotify();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useFetch(() => api.getActor(id), [id]);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);

  if (loading && !data) return <Loading label="Loading actor" />;
  if (error instanceof ApiError && error.status === 404) return <EmptyState>This actor does not exist (any more).</EmptyState>;
  if (error || !data) return <ErrorState error={error} onRetry={reload} />;
  const a = data.actor;

  async function removeCast(movieId: number, title: string) {
    try {
      await api.deleteCast(movieId, id);
      notify(`${a.name} removed from the cast of “${title}”.`);
      reload();
    } catch (e) {
      notify(errorText(e), 'error');
    }
  }
  async function remove() {
    setBusy(true);
    try {
      await api.deleteActor(id);
      notify(`Deleted ${a.name}.`);
      navigate('/actors');
    } catch (e) {
      notify(errorText(e), 'error');
      setBusy(false);
      setConfirm(false);
    }
  }

  return (
    <Box sx={{ mt: 2 }}>
      <Card>
        <Grid container>
          <Grid size={{ xs: 12, md: 4 }}><Picture url={a.photoUrl} label={a.name} height={320} /></Grid>
          <Grid size={{ xs: 12, md: 8 }}>
            <CardContent>
              <Typography variant="h4" component="h1">{a.name}</Typography>
              <Typography sx={{ color: 'text.secondary', my: 1 }}>{a.age} years · {genderLabel(a.gender)}</Typography>
              <Stack direction="row" sx={{ mt: 3, flexWrap: 'wrap', gap: 1 }}>
                {can('modify:actors') && <Button variant="contained" component={RouterLink} to={`/actors/${id}/edit`}>Edit</Button>}
                {can('create:casts') && <Button variant="outlined" component={RouterLink} to={`/casts/new?actor=${id}`}>Assign to a movie</Button>}
                {can('delete:actors') && <Button color="secondary" variant="outlined" onClick={() => setConfirm(true)}>Delete actor</Button>}
              </Stack>
            </CardContent>
          </Grid>
        </Grid>
      </Card>
      <Typography variant="h5" component="h2" sx={{ mt: 4, mb: 2 }}>Movies</Typography>
      {a.movies.length === 0 ? <EmptyState>{a.name} is not cast in any movie yet.</EmptyState> : (
        <Grid container spacing={2} component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label="Movies">
          {a.movies.map((m) => (
            <Grid key={m.id} size={{ xs: 12, sm: 6, md: 3 }} component="li">
              <MovieCard movie={m} extra={can('delete:casts') && (
                <Button color="secondary" onClick={() => removeCast(m.id, m.title)} aria-label={`Remove ${a.name} from ${m.title}`}>
                  Remove
                </Button>
              )} />
            </Grid>
          ))}
        </Grid>
      )}
      <ConfirmDialog open={confirm} title="Delete this actor?" confirm="Delete" busy={busy}
        text={`${a.name} and their cast links will be deleted. This cannot be undone.`}
        onConfirm={remove} onClose={() => setConfirm(false)} />
    </Box>
  );
}
