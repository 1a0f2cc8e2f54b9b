// The side panel of one candidate: rating, notes and tags, saved as one JSON
// Patch of what changed; removal from the role for those with delete:casts.
// Read-only for those who may not change candidates.
import {
  Alert, Box, Button, Chip, Drawer, Rating, Stack, TextField, Typography,
} from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import type { Candidate, PatchOp } from '../../api/types';
import { stageLabel } from '../../api/types';
import { ConfirmDialog, errorText } from '../../components/common';
import { useNotify } from '../../components/Notify';
import { useAuth } from '../auth/AuthContext';
import { otherRolesText } from './CandidateCard';

export const MAX_TAGS = 20;

/** "callback-1, Comedy ,," → ["callback-1", "Comedy"]: trimmed, no empties, no duplicates. */
export function parseTags(s: string): string[] {
  return [...new Set(s.split(',').map((t) => t.trim()).filter(Boolean))];
}

/** The patch from the candidate as loaded to the panel's values. */
export function candidatePatch(c: Candidate, rating: number | null, notes: string, tags: string[]): PatchOp[] {
  const ops: PatchOp[] = [];
  if (rating !== c.rating) ops.push(rating === null ? { op: 'remove', path: '/rating' } : { op: 'add', path: '/rating', value: rating });
  const n = notes.trim();
  if (n !== (c.notes ?? '')) ops.push(n ? { op: 'add', path: '/notes', value: n } : { op: 'remove', path: '/notes' });
  if (JSON.stringify(tags) !== JSON.stringify(c.tags)) ops.push({ op: 'add', path: '/tags', value: tags });
  return ops;
}

export function CandidatePanel({ roleId, candidate, onClose, onChanged }: {
  roleId: number; candidate: Candidate | null; onClose: () => void; onChanged: () => void;
}) {
  const { api, can } = useAuth();
  const notify = useNotify();
  const editable = can('create:casts');
  const [rating, setRating] = useState<number | null>(null);
  const [notes, setNotes] = useState('');
  const [tags, setTags] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);

  // Loads the fields when a candidate is opened; a refresh of the board while
  // the same candidate stays open (a new object) keeps what is being edited.
  const loaded = useRef<number | null>(null);
  useEffect(() => {
    if (!candidate) { loaded.current = null; return; }
    if (loaded.current === candidate.actor.id) return;
    loaded.current = candidate.actor.id;
    setRating(candidate.rating);
    setNotes(candidate.notes ?? '');
    setTags(candidate.tags.join(', '));
    setError(null);
  }, [candidate]);

  if (!candidate) return <Drawer anchor="right" open={false} onClose={onClose} />;
  const c = candidate;
  const name = c.actor.name;

  async function save() {
    const list = parseTags(tags);
    if (list.length > MAX_TAGS) { setError(`At most ${MAX_TAGS} tags.`); return; }
    const ops = candidatePatch(c, rating, notes, list);
    if (ops.length === 0) { notify('Nothing changed.', 'info'); onClose(); return; }
    setBusy(true);
    setError(null);
    try {
      await api.patchCandidate(roleId, c.actor.id, ops);
      notify(`Saved ${name}'s notes.`);
      onChanged();
      onClose();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  async function remove() {
    setBusy(true);
    try {
      await api.deleteCandidate(roleId, c.actor.id);
      notify(`${name} is no longer a candidate.`);
      setConfirmRemove(false);
      onChanged();
      onClose();
    } catch (e) {
      setError(errorText(e));
      setConfirmRemove(false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer anchor="right" open onClose={onClose}
      slotProps={{ paper: { sx: { width: { xs: '100%', sm: 380 }, p: 3 }, role: 'dialog', 'aria-labelledby': 'panel-title' } as object }}>
      <Typography variant="h5" component="h2" id="panel-title">{name}</Typography>
      <Typography sx={{ color: 'text.secondary', mb: 2 }}>{c.actor.age} years · {stageLabel(c.stage)}</Typography>
      {c.otherRoles.length > 0 && (
        <Alert severity="warning" sx={{ mb: 2 }}>Also a candidate for: {otherRolesText(c)}</Alert>
      )}
      {error && <Alert severity="error" sx={{ mb: 2 }} role="alert">{error}</Alert>}
      <Stack spacing={2}>
        <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
          <Typography component="legend" variant="body2" sx={{ color: 'text.secondary' }}>Rating</Typography>
          {editable
            ? <Rating name={`rating-${c.actor.id}`} value={rating} onChange={(_, v) => { if (v === null || (Number.isInteger(v) && v >= 1 && v <= 5)) setRating(v); }} />
            : rating ? <Rating value={rating} readOnly aria-label={`Rated ${rating} of 5`} /> : <Typography>Not rated</Typography>}
        </Box>
        {editable ? (
          <>
            <TextField label="Notes" multiline minRows={4} value={notes} onChange={(e) => setNotes(e.target.value)}
              slotProps={{ htmlInput: { maxLength: 4000 } }} />
            <TextField label="Tags" value={tags} onChange={(e) => setTags(e.target.value)}
              helperText="Separate tags with commas" slotProps={{ htmlInput: { maxLength: 1000 } }} />
          </>
        ) : (
          <>
            <Box>
              <Typography variant="body2" sx={{ color: 'text.secondary' }}>Notes</Typography>
              <Typography sx={{ whiteSpace: 'pre-wrap' }}>{c.notes ?? 'No notes.'}</Typography>
            </Box>
            <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }}>
              {c.tags.map((t) => <Chip key={t} size="small" variant="outlined" label={t} />)}
            </Stack>
          </>
        )}
      </Stack>
      <Stack direction="row" spacing={1} sx={{ mt: 3, justifyContent: 'flex-end', flexWrap: 'wrap' }}>
        {can('delete:casts') && (
          <Button color="secondary" onClick={() => setConfirmRemove(true)} sx={{ mr: 'auto' }}>Remove from role</Button>
        )}
        <Button onClick={onClose}>{editable ? 'Cancel' : 'Close'}</Button>
        {editable && <Button variant="contained" onClick={save} disabled={busy}>{busy ? 'Saving…' : 'Save'}</Button>}
      </Stack>
      <ConfirmDialog open={confirmRemove} title="Remove this candidate?" confirm="Remove" busy={busy}
        text={`${name} will no longer be considered for this role.`} onConfirm={remove} onClose={() => setConfirmRemove(false)} />
    </Drawer>
  );
}
