// Home: the sign-in screen (built-in login, "Sign in with …" for an OIDC
// provider, or a pasted token), or, once signed in, who you are and where to go.
import {
  Alert, Box, Button, Card, CardContent, Collapse, Container, Divider, Link, Stack, TextField, Typography,
} from '@mui/material';
import { useEffect, useState, type FormEvent } from 'react';
import { Link as RouterLink, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import type { AuthConfig } from '../../api/types';
import { Logo } from '../../components/common';
import { useAuth } from './AuthContext';
import { ROLE_LABELS } from './jwt';
import { startSignIn } from './oidc';

export function HomePage() {
  const { user, can, signOut } = useAuth();
  if (!user) return <SignIn />;
  return (
    <Container component="main" maxWidth="sm" sx={{ py: 8, textAlign: 'center' }}>
      <Logo size={140} />
      <Typography variant="h5" component="h1" sx={{ mt: 4 }}>Welcome, {user.displayName}</Typography>
      <Typography sx={{ color: 'text.secondary', mb: 4 }} data-testid="whoami">
        Signed in as {user.username} · {ROLE_LABELS[user.role] ?? user.role}
      </Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ justifyContent: 'center' }}>
        <Button variant="contained" component={RouterLink} to="/movies">Movies</Button>
        <Button variant="contained" component={RouterLink} to="/actors">Actors</Button>
        {can('create:casts') && <Button variant="contained" component={RouterLink} to="/casts/new">Casts</Button>}
      </Stack>
      <Button sx={{ mt: 4 }} color="secondary" onClick={() => signOut()}>Sign out</Button>
    </Container>
  );
}

function SignIn() {
  const { api, signIn, expiredNotice } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/movies';
  const [config, setConfig] = useState<AuthConfig | null>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [showToken, setShowToken] = useState(false);
  const [token, setToken] = useState('');

  useEffect(() => {
    api.authConfig().then(setConfig).catch(() => setConfig({ builtinLogin: true, oidc: null }));
  }, [api]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!username.trim() || !password) {
      setError('Enter your user name and password.');
      return;
    }
    setBusy(true);
    try {
      const r = await api.login(username.trim(), password);
      if (!signIn(r.accessToken, r.user)) throw new Error('The server sent an unusable token.');
      navigate(from, { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError('Wrong user name or password.');
      else if (err instanceof ApiError && err.status === 429)
        setError(`Too many attempts. Try again in ${err.retryAfter ?? 60} seconds.`);
      else setError(err instanceof Error ? err.message : 'Sign-in failed.');
    } finally {
      setBusy(false);
    }
  }

  function useToken(e: FormEvent) {
    e.preventDefault();
    if (signIn(token.trim())) navigate(from, { replace: true });
    else setError('That is not a valid, unexpired access token.');
  }

  return (
    <Container component="main" maxWidth="xs" sx={{ py: 6 }}>
      <Box sx={{ mb: 3 }}><Logo size={120} /></Box>
      <Card>
        <CardContent>
          <Typography variant="h5" component="h1" gutterBottom>Sign in</Typography>
          {expiredNotice && <Alert severity="info" sx={{ mb: 2 }}>{expiredNotice}</Alert>}
          {error && <Alert severity="error" sx={{ mb: 2 }} role="alert">{error}</Alert>}
          {(config?.builtinLogin ?? true) && (
            <Box component="form" onSubmit={submit} noValidate>
              <TextField label="User name" value={username} onChange={(e) => setUsername(e.target.value)}
                fullWidth margin="normal" autoComplete="username" autoFocus required />
              <TextField label="Password" type="password" value={password} onChange={(e) => setPassword(e.target.value)}
                fullWidth margin="normal" autoComplete="current-password" required />
              <Button type="submit" variant="contained" fullWidth sx={{ mt: 2 }} disabled={busy}>
                {busy ? 'Signing in…' : 'Sign in'}
              </Button>
            </Box>
          )}
          {config?.oidc && (
            <>
              <Divider sx={{ my: 2 }}>or</Divider>
              <Button variant="outlined" fullWidth onClick={() => startSignIn(config.oidc!)}>
                Sign in with {config.oidc.name}
              </Button>
            </>
          )}
          <Box sx={{ mt: 2, textAlign: 'center' }}>
            <Link component="button" type="button" onClick={() => setShowToken((v) => !v)} aria-expanded={showToken}>
              Use an access token instead
            </Link>
          </Box>
          <Collapse in={showToken}>
            <Box component="form" onSubmit={useToken} sx={{ mt: 1 }}>
              <TextField label="Access token" value={token} onChange={(e) => setToken(e.target.value)} fullWidth
                multiline minRows={2} helperText="For example from: build/audition token --role director" />
              <Button type="submit" variant="outlined" fullWidth sx={{ mt: 1 }}>Use token</Button>
            </Box>
          </Collapse>
        </CardContent>
      </Card>
    </Container>
  );
}
