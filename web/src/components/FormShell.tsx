// The frame of an add/edit form: title, loading, the conflict explanation
// with a way to load the other person's version, errors, save and cancel.
import { Alert, Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import type { FormEvent, ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../api/client';
import { EmptyState, ErrorState, Loading } from './common';

export function FormShell(props: {
  title: string; noun: string; loading: boolean; loadError: unknown; busy: boolean; conflict: boolean;
  formError: string | null; onSubmit: () => void; onReloadTheirs: () => void; children: ReactNode;
}) {
  const navigate = useNavigate();
  if (props.loading) return <Loading label={`Loading ${props.noun}`} />;
  if (props.loadError instanceof ApiError && props.loadError.status === 404)
    return <EmptyState>This {props.noun} does not exist (any more).</EmptyState>;
  if (props.loadError) return <ErrorState error={props.loadError} />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit();
  };
  return (
    <Card sx={{ maxWidth: 640, mx: 'auto', mt: 3 }}>
      <CardContent>
        <Typography variant="h4" component="h1" gutterBottom>{props.title}</Typography>
        {props.conflict && (
          <Alert severity="warning" sx={{ mb: 2 }} role="alert" action={
            <Button color="inherit" onClick={props.onReloadTheirs}>Load their version</Button>
          }>
            Someone else changed this {props.noun} after you opened it, so your changes were not saved.
            Load their version, then make your change again.
          </Alert>
        )}
        {props.formError && <Alert severity="error" sx={{ mb: 2 }} role="alert">{props.formError}</Alert>}
        <Box component="form" noValidate onSubmit={submit}>
          <Stack spacing={2}>{props.children}</Stack>
          <Stack direction="row" spacing={2} sx={{ mt: 3, justifyContent: 'flex-end' }}>
            <Button onClick={() => navigate(-1)}>Cancel</Button>
            <Button type="submit" variant="contained" disabled={props.busy}>{props.busy ? 'Saving…' : 'Save'}</Button>
          </Stack>
        </Box>
      </CardContent>
    </Card>
  );
}

export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
