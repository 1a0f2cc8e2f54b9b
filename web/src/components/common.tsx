// Small shared pieces: loading indicator, error/empty states, confirm dialog,
// pager, debounced value, the logo, date and error wording.
import {
  Alert, Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle,
  Stack, Typography,
} from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../api/client';

export function Loading({ label = 'Loading' }: { label?: string }) {
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', py: 6 }} role="progressbar" aria-label={label}>
      <CircularProgress aria-hidden />
    </Box>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Alert severity="error" sx={{ my: 2 }} action={onRetry && <Button color="inherit" onClick={onRetry}>Retry</Button>}>
      {errorText(error)}
    </Alert>
  );
}

export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 403) return 'Your role does not allow this action.';
    return e.message;
  }
  return e instanceof Error ? e.message : 'Something went wrong.';
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <Typography sx={{ textAlign: 'center', py: 6, color: 'text.secondary' }}>{children}</Typography>;
}

export function ConfirmDialog(props: {
  open: boolean; title: string; text: string; confirm: string; busy?: boolean;
  onConfirm: () => void; onClose: () => void;
}) {
  return (
    <Dialog open={props.open} onClose={props.onClose} aria-labelledby="confirm-title">
      <DialogTitle id="confirm-title">{props.title}</DialogTitle>
      <DialogContent><DialogContentText>{props.text}</DialogContentText></DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} autoFocus>Cancel</Button>
        <Button color="error" variant="contained" onClick={props.onConfirm} disabled={props.busy}>{props.confirm}</Button>
      </DialogActions>
    </Dialog>
  );
}

export function Pager({ page, total, pageSize, onPage, noun }: {
  page: number; total: number; pageSize: number; onPage: (p: number) => void; noun: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center', justifyContent: 'center', my: 2 }}>
      <Button variant="outlined" disabled={page <= 1} onClick={() => onPage(page - 1)}>Prev</Button>
      <Typography aria-live="polite">Page {Math.min(page, pages)} of {pages} · {total} {total === 1 ? noun.replace(/s$/, '') : noun}</Typography>
      <Button variant="outlined" disabled={page >= pages} onClick={() => onPage(page + 1)}>Next</Button>
    </Stack>
  );
}

export function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function formatDate(d: string | null): string {
  if (!d) return 'Release date unknown';
  const t = Date.parse(`${d}T00:00:00Z`);
  if (Number.isNaN(t)) return d;
  return new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(t);
}

export function Logo({ size = 64 }: { size?: number }) {
  return (
    <Stack sx={{ alignItems: 'center' }} aria-label="Audition" role="img">
      <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden>
        <defs>
          <linearGradient id="logo-g" x1="0" y1="0" x2="1" y2="1">
            <stop offset="0" stopColor="#2fd4ff" /><stop offset="1" stopColor="#e040fb" />
          </linearGradient>
        </defs>
        <rect x="6" y="18" width="52" height="40" rx="10" fill="none" stroke="url(#logo-g)" strokeWidth="6" />
        <path d="M26 28v20l16-10z" fill="url(#logo-g)" />
        <path d="M10 14l40-10" stroke="url(#logo-g)" strokeWidth="6" strokeLinecap="round" />
      </svg>
      <Typography component="span" sx={{ fontWeight: 800, letterSpacing: 2, color: '#4fc3f7', fontSize: size / 3.2 }}>
        AUDITION
      </Typography>
    </Stack>
  );
}

/** A poster or photo, or a placeholder with the initials when there is none (or it fails to load). */
export function Picture({ url, label, height = 180 }: { url: string | null; label: string; height?: number }) {
  const [failed, setFailed] = useState(false);
  useEffect(() => setFailed(false), [url]);
  if (url && !failed) {
    return <Box component="img" src={url} alt={label} onError={() => setFailed(true)}
      sx={{ width: '100%', height, objectFit: 'cover', display: 'block', bgcolor: '#111' }} />;
  }
  const initials = label.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0]?.toUpperCase()).join('');
  return (
    <Box role="img" aria-label={`${label} (no picture)`} sx={{
      height, display: 'flex', alignItems: 'center', justifyContent: 'center',
      background: 'linear-gradient(135deg, #2a2670, #3b1d4f)', color: '#e0e0ff', fontSize: 44, fontWeight: 700,
    }}>{initials}</Box>
  );
}
