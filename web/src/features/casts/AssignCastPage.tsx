// Assign cast: pick a movie and an actor (server-side search), create the
// link; an existing link is reported plainly rather than as a failure code.
import { Alert, Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { errorText } from '../../components/common';
import { useNotify } from '../../components/Notify';
import { useAuth } from '../auth/AuthContext';
import { SearchSelect, type Option } from './SearchSelect';

export function AssignCastPage() {
  const { api } = useAuth();
  const notify = useNotify();
  const [params] = useSearchParams();
  const [movie, setMovie] = useState<Option | null>(null);
  const [actor, setActor] = useState<Option | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ severity: 'success' | 'warning' | 'error'; text: string } | null>(null);
  const [missing, setMissing] = useState<{ movie?: string; actor?: string }>({});

  useEffect(() => {
    const m = Number(params.get('movie')), a = Number(params.get('actor'));
    if (m > 0) api.getMovie(m).then((r) => setMovie({ id: r.movie.id, label: r.movie.title })).catch(() => {});
    if (a > 0) api.getActor(a).then((r) => setActor({ id: r.actor.id, label: r.actor.name })).catch(() => {});
  }, [api, params]);

  const searchMovies = useCallback(async (t: string) =>
    (await api.listMovies(1, t)).items.map((m) => ({ id: m.id, label: m.title })), [api]);
  const searchActors = useCallback(async (t: string) =>
    (await api.listActors(1, t)).items.map((a) => ({ id: a.id, label: a.name })), [api]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    if (!movie || !actor) {
      setMissing({ movie: movie ? undefined : 'Choose a movie.', actor: actor ? undefined : 'Choose an actor.' });
      return;
    }
    setBusy(true);
    try {
      await api.createCast(movie.id, actor.id);
      setMessage({ severity: 'success', text: `${actor.label} is now cast in “${movie.label}”.` });
      notify('Cast assigned.');
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && /already|exist/i.test(err.message))
        setMessage({ severity: 'warning', text: `${actor.label} is already cast in “${movie.label}”.` });
      else setMessage({ severity: 'error', text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card sx={{ maxWidth: 640, mx: 'auto', mt: 3 }}>
      <CardContent>
        <Typography variant="h4" component="h1" gutterBottom>Assign cast</Typography>
        <Box component="form" noValidate onSubmit={submit}>
          <Stack spacing={2}>
            <SearchSelect label="Movie" value={movie} search={searchMovies} error={missing.movie}
              onChange={(o) => { setMovie(o); setMissing((m) => ({ ...m, movie: undefined })); setMessage(null); }} />
            <SearchSelect label="Actor" value={actor} search={searchActors} error={missing.actor}
              onChange={(o) => { setActor(o); setMissing((m) => ({ ...m, actor: undefined })); setMessage(null); }} />
          </Stack>
          {message && (
            <Alert severity={message.severity} sx={{ mt: 2 }} role="alert" action={message.severity !== 'error' && movie ? (
              <Button color="inherit" component={RouterLink} to={`/movies/${movie.id}`}>View movie</Button>
            ) : undefined}>{message.text}</Alert>
          )}
          <Stack direction="row" sx={{ mt: 3, justifyContent: 'flex-end' }}>
            <Button type="submit" variant="contained" disabled={busy}>{busy ? 'Assigning…' : 'Assign'}</Button>
          </Stack>
        </Box>
      </CardContent>
    </Card>
  );
}
