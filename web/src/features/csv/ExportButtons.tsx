// Export buttons: a movie's cast list and a role's candidates as CSV files,
// fetched with the session's token and saved by the browser.
import { Button } from '@mui/material';
import { useState } from 'react';
import type { ApiClient, Download } from '../../api/client';
import { candidatesCsv, castCsv } from '../../api/csv';
import { errorText } from '../../components/common';
import { useNotify } from '../../components/Notify';
import { useAuth } from '../auth/AuthContext';
import { saveDownload } from './download';

function DownloadButton({ label, fetchFile }: { label: string; fetchFile: (api: ApiClient) => Promise<Download> }) {
  const { api } = useAuth();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    try {
      saveDownload(await fetchFile(api));
    } catch (e) {
      notify(errorText(e), 'error');
    } finally {
      setBusy(false);
    }
  }
  return <Button variant="outlined" onClick={run} disabled={busy}>{label}</Button>;
}

export function CastCsvButton({ movieId }: { movieId: number }) {
  return <DownloadButton label="Export cast (CSV)" fetchFile={(api) => castCsv(api, movieId)} />;
}
export function CandidatesCsvButton({ roleId }: { roleId: number }) {
  return <DownloadButton label="Export candidates (CSV)" fetchFile={(api) => candidatesCsv(api, roleId)} />;
}
