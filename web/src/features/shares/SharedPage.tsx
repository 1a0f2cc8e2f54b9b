// The public page of a share link (/app/shared/:token), for viewers without a
// login: the role and its candidates — photo, name, age, gender, rating, never
// notes — with a thumbs up / down each. An expired, revoked or unknown link
// gets a plain "no longer valid" page.
import { Box, Button, Card, CardContent, Container, Grid, Rating, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { getShared, voteShared, type SharedCandidate } from '../../api/shares';
import { ErrorState, errorText, Loading, Logo, Picture } from '../../components/common';
import { useFetch } from '../../components/useFetch';
import { genderLabel } from '../actors/ActorCard';
import { useAuth } from '../auth/AuthContext';
import { myVotes, rememberVote, viewerId, type Vote } from './viewer';
import { formatWhen } from './ShareLinksPanel';

export function SharedPage() {
  const token = useParams().token ?? '';
  const { api } = useAuth();
  const valid = /^[A-Za-z0-9_-]{8,128}$/.test(token);
  const { data, error, loading, reload } = useFetch(
    () => (valid ? getShared(api, token) : Promise.reject(new ApiError(404, 'Not Found', 'no such link'))), [token]);
  return (
    <Container component="main" id="main" maxWidth="lg" sx={{ py: 3 }}>
      <Box sx={{ display: 'flex', justifyContent: 'center', mb: 2 }}><Logo size={48} /></Box>
      {loading && !data && <Loading label="Loading the shared candidates" />}
      {error instanceof ApiError && error.status === 404 ? <Invalid /> : error ? <ErrorState error={error} onRetry={reload} /> : null}
      {data && !error && (
        <>
          <Typography variant="h4" component="h1" sx={{ textAlign: 'center' }}>
            {data.role.name}{data.role.movieTitle ? ` — ${data.role.movieTitle}` : ''}
          </Typography>
          {data.role.description && <Typography sx={{ textAlign: 'center', mt: 1 }}>{data.role.description}</Typography>}
          <Typography variant="body2" sx={{ textAlign: 'center', color: 'text.secondary', my: 2 }}>
            Candidates shared for your review{data.expiresAt ? ` until ${formatWhen(data.expiresAt)}` : ''}. Give each a thumbs up or down.
          </Typography>
          {data.candidates.length === 0
            ? <Typography sx={{ textAlign: 'center', py: 6 }}>There are no candidates to show right now.</Typography>
            : (
              <Grid container spacing={2} component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label="Candidates">
                {data.candidates.map((c) => (
                  <Grid key={c.actorId} size={{ xs: 12, sm: 6, md: 4, lg: 3 }} component="li">
                    <CandidateCard token={token} c={c} />
                  </Grid>
                ))}
              </Grid>
            )}
        </>
      )}
    </Container>
  );
}

function Invalid() {
  return (
    <Box sx={{ textAlign: 'center', py: 8 }}>
      <Typography variant="h4" component="h1" gutterBottom>This link is no longer valid</Typography>
      <Typography>It has expired or was revoked. Ask the person who sent it for a new one.</Typography>
    </Box>
  );
}

function CandidateCard({ token, c }: { token: string; c: SharedCandidate }) {
  const { api } = useAuth();
  const [mine, setMine] = useState<Vote | undefined>(() => myVotes(token)[c.actorId]);
  const [votes, setVotes] = useState(c.votes);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function vote(v: Vote) {
    setBusy(true);
    setMessage(null);
    try {
      const totals = await voteShared(api, token, c.actorId, v, viewerId());
      if (totals) setVotes(totals);
      else if (votes) {
        const next = { ...votes };
        if (mine) next[mine] -= 1;
        next[v] += 1;
        setVotes(next);
      }
      rememberVote(token, c.actorId, v);
      setMine(v);
      setMessage('Thank you, your vote was saved.');
    } catch (e) {
      setMessage(e instanceof ApiError && e.status === 404 ? 'This link is no longer valid.' : errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card component="article" aria-label={c.name} sx={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
      <Picture url={c.photoUrl} label={c.name} />
      <CardContent sx={{ flexGrow: 1, textAlign: 'center' }}>
        <Typography variant="h6" component="h2">{c.name}</Typography>
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {c.age !== null ? `${c.age} years · ` : ''}{genderLabel(c.gender)}
        </Typography>
        {c.rating !== null
          ? <Rating value={c.rating} readOnly size="small" sx={{ mt: 1 }} aria-label={`Rated ${c.rating} of 5`} />
          : <Typography variant="body2" sx={{ mt: 1 }}>Not rated</Typography>}
        <Stack direction="row" spacing={1} sx={{ justifyContent: 'center', mt: 2 }}>
          <Button variant={mine === 'up' ? 'contained' : 'outlined'} aria-pressed={mine === 'up'} disabled={busy}
            onClick={() => vote('up')} aria-label={`Thumbs up for ${c.name}`} startIcon={<Thumb />}>
            {votes ? votes.up : 'Up'}
          </Button>
          <Button color="secondary" variant={mine === 'down' ? 'contained' : 'outlined'} aria-pressed={mine === 'down'}
            disabled={busy} onClick={() => vote('down')} aria-label={`Thumbs down for ${c.name}`} startIcon={<Thumb down />}>
            {votes ? votes.down : 'Down'}
          </Button>
        </Stack>
        {message && <Typography variant="body2" role="status" sx={{ mt: 1 }}>{message}</Typography>}
      </CardContent>
    </Card>
  );
}

export function Thumb({ down = false }: { down?: boolean }) {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden style={down ? { transform: 'rotate(180deg)' } : undefined}>
      <path fill="currentColor" d="M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z" />
    </svg>
  );
}
