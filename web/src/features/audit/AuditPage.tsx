// The audit log for producers (/app/audit): newest first, filtered by entity,
// id and subject (kept in the address), 10 a page; each entry's before/after
// as a compact diff of the fields that changed.
import {
  Box, Button, LinearProgress, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography,
} from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { AUDIT_ENTITIES, auditDiff, listAudit, type AuditEntry } from '../../api/audit';
import { PAGE_SIZE } from '../../api/types';
import { EmptyState, ErrorState, Pager } from '../../components/common';
import { useFetch } from '../../components/useFetch';
import { useAuth } from '../auth/AuthContext';
import { formatWhen } from '../shares/ShareLinksPanel';

export function AuditPage() {
  const { api } = useAuth();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const filter = { entity: params.get('entity') ?? '', id: params.get('id') ?? '', actor: params.get('subject') ?? '' };
  const [typed, setTyped] = useState(filter);
  const [idError, setIdError] = useState<string | null>(null);
  const { data, error, loading, reload } = useFetch(() => listAudit(api, filter, page),
    [page, filter.entity, filter.id, filter.actor]);

  function apply(e: FormEvent) {
    e.preventDefault();
    if (new TextEncoder().encode(typed.id.trim()).length > 128) return setIdError('At most 128 characters.');
    setIdError(null);
    const next: Record<string, string> = {};
    if (typed.entity.trim()) next.entity = typed.entity.trim();
    if (typed.id.trim()) next.id = typed.id.trim();
    if (typed.actor.trim()) next.subject = typed.actor.trim();
    setParams(next);
  }
  const setPage = (p: number) => setParams({ ...Object.fromEntries(params), page: String(p) });

  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="h4" component="h1" gutterBottom>Audit log</Typography>
      <Stack component="form" onSubmit={apply} direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mb: 2 }}>
        <TextField select label="Entity" size="small" value={typed.entity} sx={{ minWidth: 160 }} helperText=" "
          onChange={(e) => setTyped({ ...typed, entity: e.target.value })}>
          <MenuItem value="">Any</MenuItem>
          {AUDIT_ENTITIES.map((x) => <MenuItem key={x} value={x}>{x}</MenuItem>)}
        </TextField>
        <TextField label="Id" size="small" value={typed.id} error={!!idError} helperText={idError ?? 'e.g. 7 or movie-2-actor-1'}
          onChange={(e) => setTyped({ ...typed, id: e.target.value })} />
        <TextField label="Subject" size="small" value={typed.actor} helperText="who made the change"
          onChange={(e) => setTyped({ ...typed, actor: e.target.value.slice(0, 256) })} />
        <Box><Button type="submit" variant="contained">Filter</Button></Box>
        <Box><Button onClick={() => { setTyped({ entity: '', id: '', actor: '' }); setParams({}); }}>Clear</Button></Box>
      </Stack>
      <Box sx={{ height: 4 }}>{loading && <LinearProgress aria-label="Loading the audit log" />}</Box>
      {error ? <ErrorState error={error} onRetry={reload} /> : null}
      {data && (
        <>
          <Pager page={page} total={data.total} pageSize={PAGE_SIZE} onPage={setPage} noun="entries" />
          {data.entries.length === 0 ? <EmptyState>No entries match.</EmptyState> : <AuditTable entries={data.entries} />}
        </>
      )}
    </Box>
  );
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Audit entries">
        <TableHead>
          <TableRow>
            <TableCell>When</TableCell><TableCell>Subject</TableCell><TableCell>Action</TableCell>
            <TableCell>Entity</TableCell><TableCell>Changes</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {entries.map((e, i) => (
            <TableRow key={e.entryId ?? `${e.at}-${e.entity}-${e.id}-${i}`} sx={{ verticalAlign: 'top' }}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatWhen(e.at)}</TableCell>
              <TableCell>{e.subject ?? '—'}</TableCell>
              <TableCell>{e.action}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{e.entity}{e.id !== null && e.id !== undefined ? ` #${e.id}` : ''}</TableCell>
              <TableCell><Diff entry={e} /></TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

const show = (v: unknown): string => {
  if (v === undefined) return '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
};

export function Diff({ entry }: { entry: AuditEntry }) {
  // A create or delete lists its fields: the empty (null) ones are left out.
  const changes = auditDiff(entry.before, entry.after)
    .filter((c) => c.kind === 'changed' || (c.kind === 'added' ? c.after : c.before) !== null);
  if (changes.length === 0) return <Typography variant="body2" sx={{ color: 'text.secondary' }}>no field changes</Typography>;
  return (
    <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none', fontFamily: 'monospace', fontSize: 13 }}>
      {changes.map((c) => (
        <li key={c.field}>
          <strong>{c.field}</strong>:{' '}
          {c.kind === 'added' && <ins style={{ color: '#9ccc65', textDecoration: 'none' }}>+ {show(c.after)}</ins>}
          {c.kind === 'removed' && <del style={{ color: '#ff8a80' }}>{show(c.before)}</del>}
          {c.kind === 'changed' && (
            <><del style={{ color: '#ff8a80' }}>{show(c.before)}</del> → <ins style={{ color: '#9ccc65', textDecoration: 'none' }}>{show(c.after)}</ins></>
          )}
        </li>
      ))}
    </Box>
  );
}
