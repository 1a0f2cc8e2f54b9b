// One movie: its details and cast. Directors and producers may remove a cast
// link; producers may delete the movie (after confirming).
import { Box, Button, Card, CardContent, Chip, Grid, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { CastCsvButton } from '../csv/ExportButtons'; // websched
import { genreLabel } from '../../api/types';
import { ConfirmDialog, EmptyState, ErrorState, errorText, formatDate, Loading, Picture } from '../../components/common';
import { useNotify } from '../../components/Notify';
import { useFetch } from '../../components/useFetch';
import { ActorCard } from '../actors/ActorCard';
import { useAuth } from '../auth/AuthContext';
import { RolesSection } from '../roles/RolesSection';

export function MoviePage() {
  const id = Number(useParams().id);
  const { api, can } = useAuth();
  const notify = useNotify();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useFetch(() => api.getMovie(id), [id]);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);

  if (loading && !data) return <Loading label="Loading movie" />;
  if (error instanceof ApiError && error.status === 404) return <EmptyState>This movie does not exist (any more).</EmptyState>;
  if (error || !data) return <ErrorState error={error} onRetry={reload} />;
  const m = data.movie;

  async function removeCast(actorId: number, name: string) {
    try {
      await api.deleteCast(id, actorId);
      notify(`${name} removed from the cast of “${m.title}”.`);
      reload();
    } catch (e) {
      notify(errorText(e), 'error');
    }
  }
  async function remove() {
    setBusy(true);
    try {
      await api.deleteMovie(id);
      notify(`Deleted “${m.title}”.`);
      navigate('/movies');
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
          <Grid size={{ xs: 12, md: 4 }}><Picture url={m.posterUrl} label={m.title} height={320} /></Grid>
          <Grid size={{ xs: 12, md: 8 }}>
            <CardContent>
              <Typography variant="h4" component="h1">{m.title}</Typography>
              <Typography sx={{ color: 'text.secondary', my: 1 }}>{formatDate(m.releaseDate)}</Typography>
              <Chip label={genreLabel(m.genre)} />
              <Stack direction="row" sx={{ mt: 3, flexWrap: 'wrap', gap: 1 }}>
                {can('modify:movies') && <Button variant="contained" component={RouterLink} to={`/movies/${id}/edit`}>Edit</Button>}
                {can('create:casts') && <Button variant="outlined" component={RouterLink} to={`/casts/new?movie=${id}`}>Assign cast</Button>}
                {can('delete:movies') && <Button color="secondary" variant="outlined" onClick={() => setConfirm(true)}>Delete movie</Button>}
                {/* websched: cast list export and print */}
                <CastCsvButton movieId={id} />
                <Button variant="outlined" component={RouterLink} to={`/movies/${id}/print`}>Print cast list</Button>
              </Stack>
            </CardContent>
          </Grid>
        </Grid>
      </Card>
      <RolesSection movieId={id} />
      <Typography variant="h5" component="h2" sx={{ mt: 4, mb: 2 }}>Cast</Typography>
      {m.actors.length === 0 ? <EmptyState>No one is cast in this movie yet.</EmptyState> : (
        <Grid container spacing={2} component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label="Cast">
          {m.actors.map((a) => (
            <Grid key={a.id} size={{ xs: 12, sm: 6, md: 3 }} component="li">
              <ActorCard actor={a} extra={can('delete:casts') && (
                <Button color="secondary" onClick={() => removeCast(a.id, a.name)} aria-label={`Remove ${a.name} from the cast`}>
                  Remove
                </Button>
              )} />
            </Grid>
          ))}
        </Grid>
      )}
      <ConfirmDialog open={confirm} title="Delete this movie?" confirm="Delete" busy={busy}
        text={`“${m.title}” and its cast links will be deleted. This cannot be undone.`}
        onConfirm={remove} onClose={() => setConfirm(false)} />
    </Box>
  );
}
