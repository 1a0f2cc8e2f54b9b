// Add or edit a movie: title (required), genre, release date, poster URL.
import { MenuItem, TextField } from '@mui/material';
import { useParams } from 'react-router-dom';
import type { Genre, Movie } from '../../api/types';
import { GENRES, genreLabel } from '../../api/types';
import { FormShell, isHttpUrl } from '../../components/FormShell';
import { useEntityForm, type Errors } from '../../components/useEntityForm';
import { useAuth } from '../auth/AuthContext';

interface MovieValues { title: string; genre: Genre | ''; releaseDate: string; posterUrl: string }
const FIELDS = ['title', 'genre', 'releaseDate', 'posterUrl'] as const;

export function validateMovie(v: MovieValues): Errors<MovieValues> {
  const e: Errors<MovieValues> = {};
  if (!v.title.trim()) e.title = 'A title is required.';
  else if (v.title.trim().length > 200) e.title = 'At most 200 characters.';
  if (!v.genre) e.genre = 'Choose a genre.';
  if (v.releaseDate && !/^\d{4}-\d{2}-\d{2}$/.test(v.releaseDate)) e.releaseDate = 'Use a date like 1997-07-11.';
  if (v.posterUrl.trim() && !isHttpUrl(v.posterUrl.trim())) e.posterUrl = 'Enter an http:// or https:// address.';
  return e;
}

export function MovieFormPage() {
  const { id } = useParams();
  const { api } = useAuth();
  const f = useEntityForm<MovieValues, Movie>({
    id: id ? Number(id) : null,
    empty: { title: '', genre: '', releaseDate: '', posterUrl: '' },
    fields: FIELDS,
    noun: 'movie',
    listPath: '/movies',
    load: async (n) => { const r = await api.getMovie(n); return { entity: r.movie, etag: r.etag }; },
    toValues: (m) => ({ title: m.title, genre: m.genre, releaseDate: m.releaseDate ?? '', posterUrl: m.posterUrl ?? '' }),
    validate: validateMovie,
    toPayload: (v) => ({
      title: v.title.trim(), genre: v.genre, releaseDate: v.releaseDate || null, posterUrl: v.posterUrl.trim() || null,
    }),
    create: (p) => api.createMovie(p as never),
    patch: (n, ops, etag) => api.patchMovie(n, ops, etag),
  });
  return (
    <FormShell title={id ? 'Edit movie' : 'Add movie'} noun="movie" loading={f.loading} loadError={f.loadError}
      busy={f.busy} conflict={f.conflict} formError={f.formError} onSubmit={f.submit} onReloadTheirs={f.reloadTheirs}>
      <TextField label="Title" required value={f.values.title} onChange={(e) => f.set('title', e.target.value)}
        error={!!f.errors.title} helperText={f.errors.title} slotProps={{ htmlInput: { maxLength: 200 } }} autoFocus />
      <TextField select label="Genre" required value={f.values.genre} onChange={(e) => f.set('genre', e.target.value as Genre)}
        error={!!f.errors.genre} helperText={f.errors.genre}>
        {GENRES.map((g) => <MenuItem key={g} value={g}>{genreLabel(g)}</MenuItem>)}
      </TextField>
      <TextField label="Release date" type="date" value={f.values.releaseDate}
        onChange={(e) => f.set('releaseDate', e.target.value)} error={!!f.errors.releaseDate}
        helperText={f.errors.releaseDate ?? 'Optional'} slotProps={{ inputLabel: { shrink: true } }} />
      <TextField label="Poster URL" type="url" value={f.values.posterUrl} onChange={(e) => f.set('posterUrl', e.target.value)}
        error={!!f.errors.posterUrl} helperText={f.errors.posterUrl ?? 'Optional: https://…'} />
    </FormShell>
  );
}
