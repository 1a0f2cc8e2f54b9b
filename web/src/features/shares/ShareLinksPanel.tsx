// Producers' share links of one role (include it on a role's page:
// <ShareLinksPanel roleId={id} />): make a link (expiry in hours, the stages
// it shows), copy it (its address is shown once: the server keeps only a
// hash), see the links with their votes, and revoke one. Renders nothing for
// roles without create:movies.
import {
  Alert, Box, Button, Card, CardContent, Checkbox, FormControl, FormControlLabel, FormGroup, FormHelperText, FormLabel,
  Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography,
} from '@mui/material';
import { useState, type FormEvent } from 'react';
import type { ApiClient } from '../../api/client';
import {
  createShare, listShares, revokeShare, roleVotes, type CreatedShare, type Share,
} from '../../api/shares';
import { STAGES, stageLabel } from '../../api/types';
import { ConfirmDialog, ErrorState, errorText, Loading } from '../../components/common';
import { useNotify } from '../../components/Notify';
import { useFetch } from '../../components/useFetch';
import { useAuth } from '../auth/AuthContext';

const DEFAULT_STAGES = ['SHORTLISTED', 'AUDITION', 'CALLBACK'];

export function shareState(s: Share, now = Date.now()): 'active' | 'expired' | 'revoked' {
  if (s.revokedAt) return 'revoked';
  return Date.parse(s.expiresAt) <= now ? 'expired' : 'active';
}

export function formatWhen(iso: string): string {
  const t = Date.parse(iso);
  return Number.isFinite(t)
    ? new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(t) : iso;
}

/** The absolute address of a link the server answered with (it may be a path). */
export function absoluteUrl(url: string): string {
  try {
    return new URL(url, window.location.origin).toString();
  } catch {
    return url;
  }
}

export function ShareLinksPanel({ roleId }: { roleId: number }) {
  const { api, can } = useAuth();
  if (!can('create:movies')) return null;
  return <Panel roleId={roleId} api={api} />;
}

function Panel({ roleId, api }: { roleId: number; api: ApiClient }) {
  const notify = useNotify();
  const { data, error, loading, reload } = useFetch(() => listShares(api, roleId), [roleId]);
  const [hours, setHours] = useState('72');
  const [stages, setStages] = useState<string[]>(DEFAULT_STAGES);
  const [errors, setErrors] = useState<{ hours?: string; stages?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedShare | null>(null);
  const [busy, setBusy] = useState(false);
  const [revoking, setRevoking] = useState<Share | null>(null);

  async function create(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const n = Number(hours);
    const found = {
      hours: /^\d+$/.test(hours.trim()) && n >= 1 && n <= 720 ? undefined : 'Enter whole hours from 1 to 720 (30 days).',
      stages: stages.length ? undefined : 'Choose at least one stage.',
    };
    setErrors(found);
    if (found.hours || found.stages) return;
    setBusy(true);
    try {
      setCreated(await createShare(api, roleId, n, STAGES.filter((s) => stages.includes(s))));
      notify('Share link created.');
      reload();
    } catch (err) {
      setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      notify('Link copied.');
    } catch {
      notify('Copying is not allowed here; select the address and copy it.', 'warning');
    }
  }
  async function revoke() {
    if (!revoking) return;
    setBusy(true);
    try {
      await revokeShare(api, revoking.id);
      notify('The link was revoked.');
      if (created?.id === revoking.id) setCreated(null);
      reload();
    } catch (err) {
      notify(errorText(err), 'error');
    } finally {
      setBusy(false);
      setRevoking(null);
    }
  }
  const toggle = (s: string) => setStages((old) => (old.includes(s) ? old.filter((x) => x !== s) : [...old, s]));

  return (
    <Card component="section" aria-labelledby="shares-title" sx={{ mt: 3 }}>
      <CardContent>
        <Typography id="shares-title" variant="h5" component="h2" gutterBottom>Share links</Typography>
        <Typography variant="body2" sx={{ color: 'text.secondary', mb: 2 }}>
          A link shows this role’s candidates in the chosen stages — photos, names, age, gender and rating, never
          notes — to anyone who has it, without signing in, until it expires or is revoked. Viewers can vote.
        </Typography>
        <Box component="form" noValidate onSubmit={create}>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'flex-start' } }}>
            <TextField label="Expires in (hours)" value={hours} onChange={(e) => setHours(e.target.value)}
              error={!!errors.hours} helperText={errors.hours ?? '1 to 720'} sx={{ width: { md: 200 } }}
              slotProps={{ htmlInput: { inputMode: 'numeric' } }} />
            <FormControl error={!!errors.stages} component="fieldset" variant="standard">
              <FormLabel component="legend">Stages shown</FormLabel>
              <FormGroup row>
                {STAGES.map((s) => (
                  <FormControlLabel key={s} label={stageLabel(s)}
                    control={<Checkbox checked={stages.includes(s)} onChange={() => toggle(s)} />} />
                ))}
              </FormGroup>
              {errors.stages && <FormHelperText>{errors.stages}</FormHelperText>}
            </FormControl>
          </Stack>
          <Button type="submit" variant="contained" disabled={busy} sx={{ mt: 1 }}>Create share link</Button>
        </Box>
        {formError && <Alert severity="error" role="alert" sx={{ mt: 2 }}>{formError}</Alert>}
        {created && (
          <Alert severity="success" sx={{ mt: 2 }} action={<Button color="inherit" onClick={() => copy(absoluteUrl(created.url))}>Copy link</Button>}>
            <Typography variant="body2">New link (valid until {formatWhen(created.expiresAt)}). Copy it now: it is not shown again.</Typography>
            <TextField value={absoluteUrl(created.url)} size="small" fullWidth sx={{ mt: 1 }} label="Share link address"
              slotProps={{ htmlInput: { readOnly: true, 'data-testid': 'share-url' } }}
              onFocus={(e) => e.target.select()} />
          </Alert>
        )}
        <Box sx={{ mt: 3 }}>
          {loading && !data && <Loading label="Loading share links" />}
          {error ? <ErrorState error={error} onRetry={reload} /> : null}
          {data && data.length === 0 && <Typography sx={{ color: 'text.secondary' }}>No share links yet.</Typography>}
          {data && data.length > 0 && <SharesTable shares={data} onRevoke={setRevoking} />}
        </Box>
        {data && data.length > 0 && <VotesByCandidate roleId={roleId} api={api} shares={data} />}
      </CardContent>
      <ConfirmDialog open={!!revoking} title="Revoke this link?" confirm="Revoke" busy={busy}
        text="Anyone who opens it will be told it is no longer valid. This cannot be undone."
        onConfirm={revoke} onClose={() => setRevoking(null)} />
    </Card>
  );
}

function SharesTable({ shares, onRevoke }: { shares: Share[]; onRevoke: (s: Share) => void }) {
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Share links">
        <TableHead>
          <TableRow>
            <TableCell>Link</TableCell><TableCell>Stages</TableCell><TableCell>Expires</TableCell>
            <TableCell>State</TableCell><TableCell>Votes</TableCell><TableCell><span className="visually-hidden">Actions</span></TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {shares.map((s) => {
            const st = shareState(s);
            return (
              <TableRow key={s.id}>
                <TableCell>#{s.id}{s.createdBy ? ` by ${s.createdBy}` : ''}</TableCell>
                <TableCell>{s.stages.map(stageLabel).join(', ')}</TableCell>
                <TableCell>{formatWhen(s.expiresAt)}</TableCell>
                <TableCell>{st}</TableCell>
                <TableCell><VoteList votes={s.votes} /></TableCell>
                <TableCell>
                  {st === 'active' && <Button color="secondary" size="small" onClick={() => onRevoke(s)} aria-label={`Revoke link #${s.id}`}>Revoke</Button>}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}

function VoteList({ votes }: { votes?: Share['votes'] }) {
  if (!votes) return <>—</>;
  return <>{votes.up} up, {votes.down} down</>;
}

/** Votes per candidate over all the role's links, with the candidates' names. */
function VotesByCandidate({ roleId, api, shares }: { roleId: number; api: ApiClient; shares: Share[] }) {
  const { data } = useFetch(async () => {
    const [votes, candidates] = await Promise.all([roleVotes(api, roleId), api.listCandidates(roleId)]);
    const names = new Map(candidates.map((c) => [c.actor.id, c.actor.name]));
    return votes.filter((v) => v.up || v.down).map((v) => ({ ...v, name: names.get(v.actorId) ?? `Actor ${v.actorId}` }));
  }, [roleId, shares]);                  // again whenever the links are read
  if (!data || data.length === 0) return null;
  return (
    <Box sx={{ mt: 3 }}>
      <Typography variant="h6" component="h3">Viewers’ votes</Typography>
      <Box component="ul" aria-label="Votes by candidate" sx={{ pl: 2.5, my: 1 }}>
        {data.map((v) => <li key={v.actorId}>{v.name}: {v.up} up, {v.down} down</li>)}
      </Box>
    </Box>
  );
}
