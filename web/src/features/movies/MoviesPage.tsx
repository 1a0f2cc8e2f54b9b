// Movies: searchable, paged cards; edit and delete only for roles that may.
import { Button, Card, CardActions, CardContent, Chip, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import type { MovieSummary } from '../../api/types';
import { genreLabel } from '../../api/types';
import { ConfirmDialog, errorText, formatDate, Picture } from '../../components/common';
import { ListScreen } from '../../components/ListScreen';
import { useNotify } from '../../components/Notify';
import { useAuth } from '../auth/AuthContext';

export function MoviesPage() {
  const { api, can } = useAuth();
  return (
    <ListScreen<MovieSummary> title="Movies" noun="movies" searchLabel="Search movies"
      addLabel="Add movie" addTo={can('create:movies') ? '/movies/new' : undefined}
      load={(p, s) => api.listMovies(p, s)}
      card={(m, reload) => <MovieCard movie={m} onDeleted={reload} />} />
  );
}

export function MovieCard({ movie, onDeleted, extra }: { movie: MovieSummary; onDeleted?: () => void; extra?: ReactNode }) {
  const { api, can } = useAuth();
  const notify = useNotify();
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  async function remove() {
    setBusy(true);
    try {
      await api.deleteMovie(movie.id);
      notify(`Deleted “${movie.title}”.`);
      onDeleted?.();
    } catch (e) {
      notify(errorText(e), 'error');
    } finally {
      setBusy(false);
      setConfirm(false);
    }
  }
  return (
    <Card component="article" aria-label={movie.title} sx={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
      <Picture url={movie.posterUrl} label={movie.title} />
      <CardContent sx={{ flexGrow: 1, textAlign: 'center' }}>
        <Typography variant="h6" component="h2">{movie.title}</Typography>
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>{formatDate(movie.releaseDate)}</Typography>
        <Chip size="small" label={genreLabel(movie.genre)} sx={{ mt: 1 }} />
      </CardContent>
      <CardActions sx={{ justifyContent: 'center', flexWrap: 'wrap' }}>
        <Button component={RouterLink} to={`/movies/${movie.id}`} aria-label={`View ${movie.title}`}>View</Button>
        {can('modify:movies') && (
          <Button component={RouterLink} to={`/movies/${movie.id}/edit`} aria-label={`Edit ${movie.title}`}>Edit</Button>
        )}
        {can('delete:movies') && onDeleted && (
          <Button color="secondary" onClick={() => setConfirm(true)} aria-label={`Delete ${movie.title}`}>Delete</Button>
        )}
        {extra}
      </CardActions>
      <ConfirmDialog open={confirm} title="Delete this movie?" confirm="Delete" busy={busy}
        text={`“${movie.title}” and its cast links will be deleted. This cannot be undone.`}
        onConfirm={remove} onClose={() => setConfirm(false)} />
    </Card>
  );
}
