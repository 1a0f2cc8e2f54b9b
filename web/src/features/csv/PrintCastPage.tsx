// The printable cast list of a movie (/app/movies/:id/print): title, release
// date, genre and the cast as a table. Printing hides the navigation and
// prints black on white (global.css, @media print).
import { Box, Button, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { genreLabel } from '../../api/types';
import { EmptyState, ErrorState, formatDate, Loading } from '../../components/common';
import { useFetch } from '../../components/useFetch';
import { genderLabel } from '../actors/ActorCard';
import { useAuth } from '../auth/AuthContext';

export function PrintCastPage() {
  const id = Number(useParams().id);
  const { api } = useAuth();
  const { data, error, loading, reload } = useFetch(() => api.getMovie(id), [id]);
  if (loading && !data) return <Loading label="Loading movie" />;
  if (error instanceof ApiError && error.status === 404) return <EmptyState>This movie does not exist (any more).</EmptyState>;
  if (error || !data) return <ErrorState error={error} onRetry={reload} />;
  const m = data.movie;
  const cast = [...m.actors].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <Box className="print-page" sx={{ mt: 2 }}>
      <Stack direction="row" spacing={2} className="no-print" sx={{ mb: 2 }}>
        <Button variant="contained" onClick={() => window.print()}>Print</Button>
        <Button component={RouterLink} to={`/movies/${id}`}>Back to the movie</Button>
      </Stack>
      <Typography variant="h4" component="h1">{m.title}: cast list</Typography>
      <Typography sx={{ my: 1 }}>{genreLabel(m.genre)} · {formatDate(m.releaseDate)} · {cast.length} {cast.length === 1 ? 'actor' : 'actors'}</Typography>
      {cast.length === 0 ? <Typography>No one is cast in this movie yet.</Typography> : (
        <Table size="small" aria-label="Cast list">
          <TableHead><TableRow><TableCell>#</TableCell><TableCell>Name</TableCell><TableCell>Age</TableCell><TableCell>Gender</TableCell></TableRow></TableHead>
          <TableBody>
            {cast.map((a, i) => (
              <TableRow key={a.id}>
                <TableCell>{i + 1}</TableCell><TableCell>{a.name}</TableCell><TableCell>{a.age}</TableCell>
                <TableCell>{genderLabel(a.gender)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Typography variant="caption" component="p" sx={{ mt: 2 }}>Printed {new Date().toLocaleString('en-GB')}</Typography>
    </Box>
  );
}
