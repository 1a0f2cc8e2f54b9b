// The movie page's "Roles" section: the roles in billing order with their
// breakdown, status and candidate count, links to each role's board and its
// matches; add, edit and delete for those with modify:movies.
import { Box, Button, Card, CardActions, CardContent, Chip, Grid, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import type { Role } from '../../api/types';
import { ConfirmDialog, EmptyState, ErrorState, errorText, Loading } from '../../components/common';
import { useNotify } from '../../components/Notify';
import { useFetch } from '../../components/useFetch';
import { useAuth } from '../auth/AuthContext';
import { RoleDialog, statusLabel } from './RoleDialog';
import { breakdown, byBilling } from './roleForm';

export function RolesSection({ movieId }: { movieId: number }) {
  const { api, can } = useAuth();
  const notify = useNotify();
  const { data, error, loading, reload } = useFetch(() => api.listRoles(movieId), [movieId]);
  const [editing, setEditing] = useState<Role | null | 'new'>(null);
  const [deleting, setDeleting] = useState<Role | null>(null);
  const [busy, setBusy] = useState(false);
  const mayEdit = can('modify:movies');

  async function remove(r: Role) {
    setBusy(true);
    try {
      await api.deleteRole(r.id);
      notify(`The role “${r.name}” was deleted.`);
      reload();
    } catch (e) {
      notify(errorText(e), 'error');
    } finally {
      setBusy(false);
      setDeleting(null);
    }
  }

  const roles = data ? [...data].sort(byBilling) : [];
  return (
    <Box component="section" aria-labelledby="roles-heading">
      <Stack direction="row" sx={{ alignItems: 'center', mt: 4, mb: 2 }}>
        <Typography variant="h5" component="h2" id="roles-heading" sx={{ flexGrow: 1 }}>Roles</Typography>
        {mayEdit && <Button variant="contained" onClick={() => setEditing('new')}>Add role</Button>}
      </Stack>
      {loading && !data && <Loading label="Loading roles" />}
      {error ? <ErrorState error={error} onRetry={reload} /> : null}
      {data && roles.length === 0 && <EmptyState>This movie has no roles yet.</EmptyState>}
      {roles.length > 0 && (
        <Grid container spacing={2} component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label="Roles">
          {roles.map((r) => (
            <Grid key={r.id} size={{ xs: 12, sm: 6, md: 4 }} component="li">
              <Card component="article" aria-label={r.name} sx={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
                <CardContent sx={{ flexGrow: 1 }}>
                  <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
                    <Typography variant="h6" component="h3" sx={{ flexGrow: 1 }}>{r.name}</Typography>
                    <Chip size="small" label={statusLabel(r.status)} color={r.status === 'CAST' ? 'success' : 'default'} />
                  </Stack>
                  <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                    {r.billing !== null ? `Billing ${r.billing} · ` : 'Unbilled · '}{breakdown(r)}
                  </Typography>
                  {r.description && <Typography variant="body2" sx={{ mt: 1 }}>{r.description}</Typography>}
                  <Typography variant="body2" sx={{ mt: 1 }}>
                    {r.candidateCount} {r.candidateCount === 1 ? 'candidate' : 'candidates'}
                  </Typography>
                </CardContent>
                <CardActions sx={{ flexWrap: 'wrap' }}>
                  <Button component={RouterLink} to={`/roles/${r.id}`} aria-label={`Open the board of ${r.name}`}>Board</Button>
                  <Button component={RouterLink} to={`/roles/${r.id}/matches`} aria-label={`Find actors for ${r.name}`}>Find actors</Button>
                  {mayEdit && <Button onClick={() => setEditing(r)} aria-label={`Edit ${r.name}`}>Edit</Button>}
                  {mayEdit && (
                    <Button color="secondary" onClick={() => setDeleting(r)} aria-label={`Delete ${r.name}`}>Delete</Button>
                  )}
                </CardActions>
              </Card>
            </Grid>
          ))}
        </Grid>
      )}
      <RoleDialog open={editing !== null} movieId={movieId} role={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)} onSaved={(m) => { setEditing(null); notify(m, m === 'Nothing changed.' ? 'info' : 'success'); reload(); }} />
      <ConfirmDialog open={deleting !== null} title="Delete this role?" confirm="Delete" busy={busy}
        text={`“${deleting?.name ?? ''}”, its candidates and auditions will be deleted. Cast links made by booking stay.`}
        onConfirm={() => deleting && remove(deleting)} onClose={() => setDeleting(null)} />
    </Box>
  );
}
