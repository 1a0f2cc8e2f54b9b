// Import actors from a CSV file (the columns of /actors: name, age, gender,
// photoUrl): the server checks every row first and imports all or nothing;
// its row/field errors are listed. Offered to roles with create:actors.
import {
  Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Table, TableBody, TableCell,
  TableHead, TableRow, Typography,
} from '@mui/material';
import { Fragment, useState, type ReactElement } from 'react';
import { importActors, type ImportProblem } from '../../api/csv';
import { errorText } from '../../components/common';
import { useNotify } from '../../components/Notify';
import { useAuth } from '../auth/AuthContext';

const MAX_BYTES = 1024 * 1024;

export function ImportActorsButton({ onImported }: { onImported?: () => void }) {
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  if (!can('create:actors')) return null;
  return (
    <>
      <Button variant="outlined" onClick={() => setOpen(true)}>Import CSV</Button>
      {open && <ImportActorsDialog onClose={() => setOpen(false)} onImported={() => { setOpen(false); onImported?.(); }} />}
    </>
  );
}

export function ImportActorsDialog({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const { api } = useAuth();
  const notify = useNotify();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<ImportProblem[]>([]);

  async function upload() {
    setError(null);
    setProblems([]);
    if (!file) return setError('Choose a CSV file first.');
    if (file.size > MAX_BYTES) return setError('The file is larger than 1 MiB; split it.');
    setBusy(true);
    try {
      const r = await importActors(api, await file.text());
      if (r.ok) {
        notify(r.imported ? `Imported ${r.imported} actor${r.imported === 1 ? '' : 's'}.` : 'The actors were imported.');
        onImported();
      } else {
        setError(/nothing was imported/i.test(r.message) ? r.message : `Nothing was imported: ${r.message}`);
        setProblems(r.problems);
      }
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open onClose={onClose} aria-labelledby="import-title" fullWidth maxWidth="md">
      <DialogTitle id="import-title">Import actors from CSV</DialogTitle>
      <DialogContent>
        <DialogContentText>
          A header row, then one actor a row, with the columns <code>name</code>, <code>age</code>,{' '}
          <code>gender</code> and <code>photoUrl</code>. Every row is checked first: either all are imported or none.
        </DialogContentText>
        <Box sx={{ my: 2 }}>
          <Button variant="outlined" component="label">
            Choose file
            <input type="file" accept=".csv,text/csv" hidden data-testid="import-file"
              onChange={(e) => { setFile(e.target.files?.[0] ?? null); setError(null); setProblems([]); }} />
          </Button>
          <Typography component="span" sx={{ ml: 2 }}>{file ? file.name : 'No file chosen'}</Typography>
        </Box>
        {error && <Alert severity="error" role="alert">{error}</Alert>}
        {problems.length > 0 && (
          <Table size="small" aria-label="Import errors" sx={{ mt: 2 }}>
            <TableHead><TableRow><TableCell>Row</TableCell><TableCell>Field</TableCell><TableCell>Problem</TableCell></TableRow></TableHead>
            <TableBody>
              {problems.map((p, i) => (
                <TableRow key={i}>
                  <TableCell>{p.row ?? '—'}</TableCell><TableCell>{p.field ?? '—'}</TableCell><TableCell>{p.message}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
        <Button variant="contained" onClick={upload} disabled={busy || !file}>{busy ? 'Importing…' : 'Import'}</Button>
      </DialogActions>
    </Dialog>
  );
}

/** The actors screen with the import offered above it; a finished import
 * shows the list afresh. */
export function WithActorsImport({ children }: { children: ReactElement }) {
  const { can } = useAuth();
  const [round, setRound] = useState(0);
  return (
    <>
      {can('create:actors') && (
        <Box sx={{ display: 'flex', justifyContent: 'flex-end', mt: 2, mb: -1 }}>
          <ImportActorsButton onImported={() => setRound((r) => r + 1)} />
        </Box>
      )}
      <Fragment key={round}>{children}</Fragment>
    </>
  );
}
