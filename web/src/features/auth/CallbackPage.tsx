// /app/callback: where the OIDC provider sends the browser back with a code.
import { Alert, Button, Container } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { Loading } from '../../components/common';
import { useAuth } from './AuthContext';
import { finishSignIn } from './oidc';

export function CallbackPage() {
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    finishSignIn(new URLSearchParams(window.location.search))
      .then((token) => {
        if (!signIn(token)) throw new Error('The provider issued a token this app cannot read.');
        navigate('/movies', { replace: true });
      })
      .catch((e: Error) => setError(e.message));
  }, [signIn, navigate]);
  return (
    <Container component="main" maxWidth="sm" sx={{ py: 8 }}>
      {error ? (
        <Alert severity="error" action={<Button component={RouterLink} to="/">Back</Button>}>{error}</Alert>
      ) : <Loading label="Signing in" />}
    </Container>
  );
}
