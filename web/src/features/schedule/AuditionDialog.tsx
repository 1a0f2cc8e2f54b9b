// Schedule or move an audition: who (movie → role → candidate, when new),
// start, end, location. Clashes with the auditions already known (the
// schedule's and those the server lists around the chosen time) are shown
// while typing, before saving; the server's 409 is shown as it says it.
// Cancelling needs delete:casts; without create:casts the dialog only shows.
import {
  Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField, Typography,
} from '@mui/material';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../api/client';
import {
  AUDITION_STATUSES, cancelAudition, createAudition, listAllAuditions, patchAudition, type Audition, type AuditionStatus,
} from '../../api/auditions';
import { stageLabel, type Candidate, type Role } from '../../api/types';
import { ConfirmDialog, errorText, useDebounced } from '../../components/common';
import { useNotify } from '../../components/Notify';
import { useAuth } from '../auth/AuthContext';
import { SearchSelect, type Option } from '../casts/SearchSelect';
import { findClashes, type Clash } from './clashes';
import { fromLocalInput, timeLabel, toLocalInput } from './time';
import { useNames, type Names } from './useNames';

const MAX_HOURS = 8;

export interface DialogSeed { start: string; end: string; location: string }

export function AuditionDialog(props: {
  audition: Audition | null; seed: DialogSeed; loaded: Audition[]; names: Names;
  onClose: () => void; onSaved: () => void;
}) {
  const { api, can } = useAuth();
  const notify = useNotify();
  const a = props.audition;
  const editable = can('create:casts') && (!a || a.status !== 'CANCELLED');
  const [movie, setMovie] = useState<Option | null>(null);
  const [roles, setRoles] = useState<Role[]>([]);
  const [roleId, setRoleId] = useState<number | ''>(a?.roleId ?? '');
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  const [actorId, setActorId] = useState<number | ''>(a?.actorId ?? '');
  const [start, setStart] = useState(toLocalInput(a?.start ?? props.seed.start));
  const [end, setEnd] = useState(toLocalInput(a?.end ?? props.seed.end));
  const [location, setLocation] = useState(a?.location ?? props.seed.location);
  const [status, setStatus] = useState<AuditionStatus>(a?.status ?? 'SCHEDULED');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [nearby, setNearby] = useState<Audition[]>([]);

  const searchMovies = useCallback(async (t: string) =>
    (await api.listMovies(1, t)).items.map((m) => ({ id: m.id, label: m.title })), [api]);
  useEffect(() => {
    setRoles([]);
    setRoleId('');
    if (movie) api.listRoles(movie.id).then(setRoles, () => setRoles([]));
  }, [api, movie]);
  useEffect(() => {
    setCandidates([]);
    if (!a) setActorId('');
    if (roleId !== '' && !a) api.listCandidates(roleId).then(setCandidates, () => setCandidates([]));
  }, [api, roleId, a]);

  // The auditions around the chosen time, from the server, for the clash check.
  const startIso = fromLocalInput(start), endIso = fromLocalInput(end);
  const window = useDebounced(`${startIso ?? ''}|${endIso ?? ''}`, 300);
  useEffect(() => {
    const [s, e] = window.split('|');
    if (!s || !e || Date.parse(s) >= Date.parse(e)) return;
    let live = true;
    const pad = MAX_HOURS * 3_600_000;
    const from = new Date(Date.parse(s) - pad).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const to = new Date(Date.parse(e) + pad).toISOString().replace(/\.\d{3}Z$/, 'Z');
    listAllAuditions(api, { from, to }).then((l) => { if (live) setNearby(l); }, () => {});
    return () => { live = false; };
  }, [api, window]);

  // Names for the auditions found around the time (the schedule knows only its own).
  const nearNames = useNames(api, nearby.map((x) => x.actorId), nearby.map((x) => x.roleId));
  const names: Names = {
    actor: (id) => (props.loaded.some((x) => x.actorId === id) ? props.names.actor(id) : nearNames.actor(id)),
    role: (id) => (props.loaded.some((x) => x.roleId === id) ? props.names.role(id) : nearNames.role(id)),
  };
  const clashes = useMemo<Clash[]>(() => {
    if (!editable || status !== 'SCHEDULED' || actorId === '' || !startIso || !endIso) return [];
    const known = new Map<number, Audition>();
    for (const x of [...props.loaded, ...nearby]) known.set(x.id, x);
    return findClashes({ id: a?.id, actorId, start: startIso, end: endIso, location }, [...known.values()]);
  }, [editable, status, actorId, startIso, endIso, location, props.loaded, nearby, a]);

  function validate(): Record<string, string> {
    const e: Record<string, string> = {};
    if (!a && roleId === '') e.role = 'Choose a role.';
    if (!a && actorId === '') e.actor = 'Choose a candidate.';
    if (!startIso) e.start = 'Enter the start.';
    if (!endIso) e.end = 'Enter the end.';
    if (startIso && endIso) {
      const ms = Date.parse(endIso) - Date.parse(startIso);
      if (ms <= 0) e.end = 'The end must be after the start.';
      else if (ms > MAX_HOURS * 3_600_000) e.end = `An audition lasts at most ${MAX_HOURS} hours.`;
    }
    if (!location.trim()) e.location = 'Enter a location.';
    else if ([...location.trim()].length > 100) e.location = 'At most 100 characters.';
    return e;
  }

  async function save() {
    setServerError(null);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      if (a) {
        const change: Record<string, string> = {};
        if (startIso !== a.start) change.start = startIso!;
        if (endIso !== a.end) change.end = endIso!;
        if (location.trim() !== a.location) change.location = location.trim();
        if (status !== a.status) change.status = status;
        await patchAudition(api, a.id, change);
        notify(Object.keys(change).some((k) => k !== 'status') ? 'The audition was moved.' : 'The audition was saved.');
      } else {
        await createAudition(api, roleId as number, { actorId: actorId as number, start: startIso!, end: endIso!, location: location.trim() });
        notify('The audition was scheduled.');
      }
      props.onSaved();
    } catch (err) {
      setServerError(err instanceof ApiError && err.status === 409 ? `Not saved: ${err.message}` : errorText(err));
    } finally {
      setBusy(false);
    }
  }

  async function cancel() {
    if (!a) return;
    setBusy(true);
    try {
      await cancelAudition(api, a.id);
      notify('The audition was cancelled.');
      props.onSaved();
    } catch (err) {
      setServerError(errorText(err));
      setConfirmCancel(false);
    } finally {
      setBusy(false);
    }
  }

  const title = a ? (editable ? 'Move audition' : 'Audition') : 'Schedule an audition';
  return (
    <Dialog open onClose={props.onClose} aria-labelledby="audition-title" fullWidth maxWidth="sm">
      <DialogTitle id="audition-title">{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }} component="form" noValidate id="audition-form"
          onSubmit={(e) => { e.preventDefault(); void save(); }}>
          {a ? (
            <Typography>
              <strong>{props.names.actor(a.actorId)}</strong> for {props.names.role(a.roleId)} · {statusLabel(a.status)}
            </Typography>
          ) : (
            <>
              <SearchSelect label="Movie" value={movie} onChange={setMovie} search={searchMovies} />
              <TextField select label="Role" value={roleId} disabled={!movie} error={!!errors.role} helperText={errors.role ?? (movie && roles.length === 0 ? 'This movie has no roles yet.' : undefined)}
                onChange={(e) => setRoleId(e.target.value === '' ? '' : Number(e.target.value))}>
                {roles.map((r) => <MenuItem key={r.id} value={r.id}>{r.name}</MenuItem>)}
              </TextField>
              <TextField select label="Candidate" value={actorId} disabled={roleId === ''} error={!!errors.actor}
                helperText={errors.actor ?? (roleId !== '' && candidates.length === 0 ? 'This role has no candidates yet.' : undefined)}
                onChange={(e) => setActorId(e.target.value === '' ? '' : Number(e.target.value))}>
                {candidates.map((c) => (
                  <MenuItem key={c.actor.id} value={c.actor.id}>{c.actor.name} ({stageLabel(c.stage)})</MenuItem>
                ))}
              </TextField>
            </>
          )}
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField label="Start" type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)}
              disabled={!editable} error={!!errors.start} helperText={errors.start} fullWidth
              slotProps={{ inputLabel: { shrink: true } }} />
            <TextField label="End" type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)}
              disabled={!editable} error={!!errors.end} helperText={errors.end} fullWidth
              slotProps={{ inputLabel: { shrink: true } }} />
          </Stack>
          <TextField label="Location" value={location} onChange={(e) => setLocation(e.target.value)}
            disabled={!editable} error={!!errors.location} helperText={errors.location} />
          {a && editable && (
            <TextField select label="Status" value={status} onChange={(e) => setStatus(e.target.value as AuditionStatus)}>
              {AUDITION_STATUSES.filter((x) => x !== 'CANCELLED').map((x) => (
                <MenuItem key={x} value={x}>{statusLabel(x)}</MenuItem>
              ))}
            </TextField>
          )}
          {clashes.length > 0 && (
            <Alert severity="warning" role="alert" data-testid="clash-warning">
              <strong>Clash:</strong>
              <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
                {clashes.map((c) => <li key={c.with.id}>{clashText(c, names)}</li>)}
              </ul>
              The server will refuse overlapping auditions; choose another time or place.
            </Alert>
          )}
          {serverError && <Alert severity="error" role="alert">{serverError}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>
        {a && a.status !== 'CANCELLED' && can('delete:casts') && (
          <Button color="secondary" onClick={() => setConfirmCancel(true)} sx={{ mr: 'auto' }}>Cancel audition</Button>
        )}
        <Button onClick={props.onClose}>Close</Button>
        {editable && <Button type="submit" form="audition-form" variant="contained" disabled={busy}>{busy ? 'Saving…' : 'Save'}</Button>}
      </DialogActions>
      <ConfirmDialog open={confirmCancel} title="Cancel this audition?" confirm="Cancel audition" busy={busy}
        text={a ? `${props.names.actor(a.actorId)}, ${timeLabel(a.start)}–${timeLabel(a.end)} in ${a.location}.` : ''}
        onConfirm={cancel} onClose={() => setConfirmCancel(false)} />
    </Dialog>
  );
}

export const statusLabel = (s: string): string =>
  s === 'NO_SHOW' ? 'No-show' : s.charAt(0) + s.slice(1).toLowerCase();

export function clashText(c: Clash, names: Names): string {
  const w = c.with;
  const when = `${timeLabel(w.start)}–${timeLabel(w.end)}`;
  return c.kind === 'actor'
    ? `${names.actor(w.actorId)} already has an audition ${when} in ${w.location} (${names.role(w.roleId)}).`
    : `${w.location} is taken ${when} by ${names.actor(w.actorId)} (${names.role(w.roleId)}).`;
}
