// Add or edit a role in a dialog: breakdown fields, client-side validation,
// a server 400 placed on the field it names, a 412 (someone else saved) told.
import {
  Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField,
} from '@mui/material';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, diffPatch, fieldOfMessage } from '../../api/client';
import type { Gender, Role, RoleStatus } from '../../api/types';
import { ROLE_STATUSES } from '../../api/types';
import { errorText } from '../../components/common';
import { useAuth } from '../auth/AuthContext';
import {
  EMPTY_ROLE, ROLE_FIELDS, rolePayload, roleValues, validateRole, type RoleErrors, type RoleValues,
} from './roleForm';

export function RoleDialog({ open, movieId, role, onClose, onSaved }: {
  open: boolean; movieId: number; role: Role | null; onClose: () => void; onSaved: (message: string) => void;
}) {
  const { api } = useAuth();
  const [values, setValues] = useState<RoleValues>(EMPTY_ROLE);
  const [etag, setEtag] = useState<string | null>(null);
  const [errors, setErrors] = useState<RoleErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setErrors({});
    setFormError(null);
    setValues(role ? roleValues(role) : EMPTY_ROLE);
    setEtag(null);
    if (role) api.getRole(role.id).then((r) => { setValues(roleValues(r.role)); setEtag(r.etag); }).catch(() => {});
  }, [open, role, api]);

  const set = <K extends keyof RoleValues>(k: K, v: RoleValues[K]) => {
    setValues((old) => ({ ...old, [k]: v }));
    setErrors((old) => ({ ...old, [k]: undefined }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const found = validateRole(values);
    if (Object.values(found).some(Boolean)) { setErrors(found); return; }
    setBusy(true);
    try {
      const after = rolePayload(values);
      if (!role) {
        await api.createRole(movieId, after);
        onSaved(`The role “${after.name}” was added.`);
        return;
      }
      const ops = diffPatch(rolePayload(roleValues(role)) as Record<string, unknown>, after, ROLE_FIELDS);
      if (ops.length) await api.patchRole(role.id, ops, etag);
      onSaved(ops.length ? `The role “${after.name}” was saved.` : 'Nothing changed.');
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) setFormError('Someone else changed this role meanwhile. Close and open it again to see their version.');
      else if (err instanceof ApiError && err.status === 400) {
        const f = fieldOfMessage(err.message, ROLE_FIELDS);
        if (f) setErrors({ [f]: err.message.replace(/^operation \d+: /, '') });
        else setFormError(err.message);
      } else setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const title = role ? 'Edit role' : 'Add role';
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="role-dialog-title" fullWidth maxWidth="sm">
      <form noValidate onSubmit={submit}>
        <DialogTitle id="role-dialog-title">{title}</DialogTitle>
        <DialogContent>
          {formError && <Alert severity="error" sx={{ mb: 2 }} role="alert">{formError}</Alert>}
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TextField label="Name" required value={values.name} onChange={(e) => set('name', e.target.value)}
              error={!!errors.name} helperText={errors.name} slotProps={{ htmlInput: { maxLength: 200 } }} autoFocus />
            <TextField label="Description" multiline minRows={2} value={values.description}
              onChange={(e) => set('description', e.target.value)} error={!!errors.description}
              helperText={errors.description ?? 'Optional'} slotProps={{ htmlInput: { maxLength: 2000 } }} />
            <TextField select label="Gender" value={values.gender} onChange={(e) => set('gender', e.target.value as Gender | '')}
              error={!!errors.gender} helperText={errors.gender ?? 'Optional'}>
              <MenuItem value="">Any</MenuItem>
              <MenuItem value="FEMALE">Female</MenuItem>
              <MenuItem value="MALE">Male</MenuItem>
            </TextField>
            <Stack direction="row" spacing={2}>
              <TextField label="Minimum age" type="number" value={values.ageMin} fullWidth
                onChange={(e) => set('ageMin', e.target.value)} error={!!errors.ageMin} helperText={errors.ageMin ?? 'Optional'}
                slotProps={{ htmlInput: { min: 0, max: 120 } }} />
              <TextField label="Maximum age" type="number" value={values.ageMax} fullWidth
                onChange={(e) => set('ageMax', e.target.value)} error={!!errors.ageMax} helperText={errors.ageMax ?? 'Optional'}
                slotProps={{ htmlInput: { min: 0, max: 120 } }} />
            </Stack>
            <Stack direction="row" spacing={2}>
              <TextField label="Billing" type="number" value={values.billing} fullWidth
                onChange={(e) => set('billing', e.target.value)} error={!!errors.billing}
                helperText={errors.billing ?? 'Optional: 1 is top billing'} slotProps={{ htmlInput: { min: 1 } }} />
              <TextField select label="Status" value={values.status} fullWidth
                onChange={(e) => set('status', e.target.value as RoleStatus)} error={!!errors.status} helperText={errors.status}>
                {ROLE_STATUSES.map((s) => <MenuItem key={s} value={s}>{statusLabel(s)}</MenuItem>)}
              </TextField>
            </Stack>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={busy}>{busy ? 'Saving…' : 'Save'}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

export const statusLabel = (s: string) => (s === 'OPEN' ? 'Open' : s === 'CAST' ? 'Cast' : s === 'CUT' ? 'Cut' : s);
