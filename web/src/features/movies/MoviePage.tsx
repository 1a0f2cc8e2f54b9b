// One movie: its details and cast. Directors and producers may remove a cast
// link; producers may delete the movie (after confirming).
import { Box, Button, Chip, Grid, Stack, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { CastCsvButton } from '../csv/ExportButtons'; // websched
import { genreLabel } from '../../api/types';
import { EmptyState, formatDate } from '../../components/common';
import { DetailCard } from '../../components/DetailCard';
import { useEntityPage } from '../../components/useEntityPage';
import { ActorCard } from '../actors/ActorCard';
import { useAuth } from '../auth/AuthContext';
import { RolesSection } from '../roles/RolesSection';

export function MoviePage() {
  const { api, can } = useAuth();
  const page = useEntityPage({ noun: 'movie', listPath: '/movies', load: (id) => api.getMovie(id), remove: (id) => api.deleteMovie(id) });
  if (page.view) return page.view;
  const { id, act } = page;
  const m = page.data.movie;
  const removeCast = (actorId: number, name: string) =>
    act(() => api.deleteCast(id, actorId), `${name} removed from the cast of “${m.title}”.`);

  return (
    <Box sx={{ mt: 2 }}>
      <DetailCard title={m.title} pictureUrl={m.posterUrl}>
        <Typography sx={{ color: 'text.secondary', my: 1 }}>{formatDate(m.releaseDate)}</Typography>
        <Chip label={genreLabel(m.genre)} />
        <Stack direction="row" sx={{ mt: 3, flexWrap: 'wrap', gap: 1 }}>
          {can('modify:movies') && <Button variant="contained" component={RouterLink} to={`/movies/${id}/edit`}>Edit</Button>}
          {can('create:casts') && <Button variant="outlined" component={RouterLink} to={`/casts/new?movie=${id}`}>Assign cast</Button>}
          {can('delete:movies') && <Button color="secondary" variant="outlined" onClick={page.askDelete}>Delete movie</Button>}
          {/* websched: cast list export and print */}
          <CastCsvButton movieId={id} />
          <Button variant="outlined" component={RouterLink} to={`/movies/${id}/print`}>Print cast list</Button>
        </Stack>
      </DetailCard>
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
      {page.deleteDialog({ title: 'Delete this movie?', done: `Deleted “${m.title}”.`,
        text: `“${m.title}” and its cast links will be deleted. This cannot be undone.` })}
    </Box>
  );
}
