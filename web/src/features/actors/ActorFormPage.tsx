// Add or edit an actor: name (required), age (required, > 0), gender, photo URL.
import { MenuItem, TextField } from '@mui/material';
import { useParams } from 'react-router-dom';
import type { Actor, Gender } from '../../api/types';
import { FormShell, isHttpUrl } from '../../components/FormShell';
import { useEntityForm, type Errors } from '../../components/useEntityForm';
import { useAuth } from '../auth/AuthContext';

interface ActorValues { name: string; age: string; gender: Gender | ''; photoUrl: string }
const FIELDS = ['name', 'age', 'gender', 'photoUrl'] as const;

export function validateActor(v: ActorValues): Errors<ActorValues> {
  const e: Errors<ActorValues> = {};
  if (!v.name.trim()) e.name = 'A name is required.';
  if (!/^\d+$/.test(v.age.trim()) || Number(v.age) < 1 || Number(v.age) > 150) e.age = 'Enter an age from 1 to 150.';
  if (v.photoUrl.trim() && !isHttpUrl(v.photoUrl.trim())) e.photoUrl = 'Enter an http:// or https:// address.';
  return e;
}

export function ActorFormPage() {
  const { id } = useParams();
  const { api } = useAuth();
  const f = useEntityForm<ActorValues, Actor>({
    id: id ? Number(id) : null,
    empty: { name: '', age: '', gender: '', photoUrl: '' },
    fields: FIELDS,
    noun: 'actor',
    listPath: '/actors',
    load: async (n) => { const r = await api.getActor(n); return { entity: r.actor, etag: r.etag }; },
    toValues: (a) => ({ name: a.name, age: String(a.age), gender: a.gender ?? '', photoUrl: a.photoUrl ?? '' }),
    validate: validateActor,
    toPayload: (v) => ({
      name: v.name.trim(), age: Number(v.age), gender: v.gender || null, photoUrl: v.photoUrl.trim() || null,
    }),
    create: (p) => api.createActor(p as never),
    patch: (n, ops, etag) => api.patchActor(n, ops, etag),
  });
  return (
    <FormShell title={id ? 'Edit actor' : 'Add actor'} noun="actor" loading={f.loading} loadError={f.loadError}
      busy={f.busy} conflict={f.conflict} formError={f.formError} onSubmit={f.submit} onReloadTheirs={f.reloadTheirs}>
      <TextField label="Name" required value={f.values.name} onChange={(e) => f.set('name', e.target.value)}
        error={!!f.errors.name} helperText={f.errors.name} slotProps={{ htmlInput: { maxLength: 200 } }} autoFocus />
      <TextField label="Age" required type="number" value={f.values.age} onChange={(e) => f.set('age', e.target.value)}
        error={!!f.errors.age} helperText={f.errors.age} slotProps={{ htmlInput: { min: 1, max: 150 } }} />
      <TextField select label="Gender" value={f.values.gender} onChange={(e) => f.set('gender', e.target.value as Gender | '')}
        error={!!f.errors.gender} helperText={f.errors.gender ?? 'Optional'}>
        <MenuItem value="">Not given</MenuItem>
        <MenuItem value="FEMALE">Female</MenuItem>
        <MenuItem value="MALE">Male</MenuItem>
      </TextField>
      <TextField label="Photo URL" type="url" value={f.values.photoUrl} onChange={(e) => f.set('photoUrl', e.target.value)}
        error={!!f.errors.photoUrl} helperText={f.errors.photoUrl ?? 'Optional: https://…'} />
    </FormShell>
  );
}
