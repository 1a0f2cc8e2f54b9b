// One actor: details and the movies they are cast in (removable by directors
// and producers); delete for roles with delete:actors.
import { Box, Button, Grid, Stack, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { EmptyState } from '../../components/common';
import { DetailCard } from '../../components/DetailCard';
import { useEntityPage } from '../../components/useEntityPage';
import { useAuth } from '../auth/AuthContext';
import { MovieCard } from '../movies/MoviesPage';
import { genderLabel } from './ActorCard';

export function ActorPage() {
  const { api, can } = useAuth();
  const page = useEntityPage({ noun: 'actor', listPath: '/actors', load: (id) => api.getActor(id), remove: (id) => api.deleteActor(id) });
  if (page.view) return page.view;
  const { id, act } = page;
  const a = page.data.actor;
  const removeCast = (movieId: number, title: string) =>
    act(() => api.deleteCast(movieId, id), `${a.name} removed from the cast of “${title}”.`);

  return (
    <Box sx={{ mt: 2 }}>
      <DetailCard title={a.name} pictureUrl={a.photoUrl}>
        <Typography sx={{ color: 'text.secondary', my: 1 }}>{a.age} years · {genderLabel(a.gender)}</Typography>
        <Stack direction="row" sx={{ mt: 3, flexWrap: 'wrap', gap: 1 }}>
          {can('modify:actors') && <Button variant="contained" component={RouterLink} to={`/actors/${id}/edit`}>Edit</Button>}
          {can('create:casts') && <Button variant="outlined" component={RouterLink} to={`/casts/new?actor=${id}`}>Assign to a movie</Button>}
          {can('delete:actors') && <Button color="secondary" variant="outlined" onClick={page.askDelete}>Delete actor</Button>}
        </Stack>
      </DetailCard>
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
      {page.deleteDialog({ title: 'Delete this actor?', done: `Deleted ${a.name}.`,
        text: `${a.name} and their cast links will be deleted. This cannot be undone.` })}
    </Box>
  );
}
