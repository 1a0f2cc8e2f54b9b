// A role's sharing and export page (/app/roles/:id/shares): the share links
// panel and the candidates' CSV, for when the role's own page does not
// include them.
import { Box, Stack, Typography } from '@mui/material';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { fetchRole } from '../../api/castingReads';
import { EmptyState, ErrorState, Loading } from '../../components/common';
import { useFetch } from '../../components/useFetch';
import { useAuth } from '../auth/AuthContext';
import { CandidatesCsvButton } from '../csv/ExportButtons';
import { ShareLinksPanel } from './ShareLinksPanel';

export function RoleSharesPage() {
  const id = Number(useParams().id);
  const { api } = useAuth();
  const { data, error, loading, reload } = useFetch(() => fetchRole(api, id), [id]);
  if (loading && !data) return <Loading label="Loading role" />;
  if (error instanceof ApiError && error.status === 404) return <EmptyState>This role does not exist (any more).</EmptyState>;
  if (error || !data) return <ErrorState error={error} onRetry={reload} />;
  return (
    <Box sx={{ mt: 2 }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
        <Typography variant="h4" component="h1" sx={{ flexGrow: 1 }}>{data.name}: sharing and export</Typography>
        <CandidatesCsvButton roleId={id} />
      </Stack>
      <ShareLinksPanel roleId={id} />
    </Box>
  );
}
