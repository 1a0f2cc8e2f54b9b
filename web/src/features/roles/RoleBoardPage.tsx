// A role's board: one column per stage with the candidates' cards. Those with
// create:casts move cards by drag and drop or with each card's "Move to…"
// menu, and edit rating, notes and tags in the side panel; everyone else sees
// the board read-only. Booking an actor already booked in another role of the
// movie asks first and then books with ?confirm=true. Cards show the share-link
// viewers' thumbs up/down totals (reloaded with the board).
import { Alert, Box, Button, Chip, Link, Stack, Typography } from '@mui/material';
import { useState, type DragEvent } from 'react';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import type { Candidate, Stage } from '../../api/types';
import { STAGES, stageLabel } from '../../api/types';
import { ConfirmDialog, EmptyState, ErrorState, Loading } from '../../components/common';
import { useNotify } from '../../components/Notify';
import { useAuth } from '../auth/AuthContext';
import { CandidatesCsvButton } from '../csv/ExportButtons'; // websched
import { ShareLinksPanel } from '../shares/ShareLinksPanel'; // websched
import { CandidateCard, DRAG_TYPE } from './CandidateCard';
import { CandidatePanel } from './CandidatePanel';
import { statusLabel } from './RoleDialog';
import { breakdown } from './roleForm';
import { useBoard } from './useBoard';

export function RoleBoardPage() {
  const id = Number(useParams().id);
  const { can } = useAuth();
  const notify = useNotify();
  const board = useBoard(id);
  const editable = can('create:casts');
  const [details, setDetails] = useState<Candidate | null>(null);
  const [ask, setAsk] = useState<{ c: Candidate; text: string } | null>(null);
  const [over, setOver] = useState<Stage | null>(null);
  const [announce, setAnnounce] = useState('');

  if (board.loading && !board.role) return <Loading label="Loading the board" />;
  if (board.error instanceof ApiError && board.error.status === 404) return <EmptyState>This role does not exist (any more).</EmptyState>;
  if (board.error || !board.role || !board.candidates) return <ErrorState error={board.error} onRetry={board.reload} />;
  const role = board.role;
  const candidates = board.candidates;

  async function move(c: Candidate, stage: Stage, confirm = false) {
    const out = await board.move(c, stage, confirm);
    if (out.kind === 'moved') {
      const text = stage === 'BOOKED' ? `${c.actor.name} is booked as ${role.name} and now in the movie's cast.`
        : `${c.actor.name} moved to ${stageLabel(stage)}.`;
      setAnnounce(text);
      notify(text);
    } else if (out.kind === 'confirm') {
      const where = out.clash ? `${c.actor.name} is already booked as ${out.clash} in this movie.` : out.message;
      setAsk({ c, text: `${where} Book them as ${role.name} as well?` });
    } else {
      notify(out.message, 'error');
    }
  }
  function drop(e: DragEvent, stage: Stage) {
    e.preventDefault();
    setOver(null);
    const actorId = Number(e.dataTransfer.getData(DRAG_TYPE));
    const c = candidates.find((x) => x.actor.id === actorId);
    if (c && c.stage !== stage) void move(c, stage);
  }
  const dragOver = (e: DragEvent, stage: Stage) => {
    if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    if (over !== stage) setOver(stage);
  };

  return (
    <Box sx={{ mt: 2 }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' }, mb: 1 }}>
        <Box sx={{ flexGrow: 1 }}>
          <Typography variant="h4" component="h1">{role.name}</Typography>
          <Typography sx={{ color: 'text.secondary' }}>
            {breakdown(role)} · <Chip size="small" label={statusLabel(role.status)} component="span" />
            {' · '}<Link component={RouterLink} to={`/movies/${role.movieId}`}>Back to the movie</Link>
          </Typography>
        </Box>
        <Button variant="contained" component={RouterLink} to={`/roles/${id}/matches`}>Find actors</Button>
        <CandidatesCsvButton roleId={id} />
      </Stack>
      {role.description && <Typography sx={{ mb: 1 }}>{role.description}</Typography>}
      {editable
        ? <Typography variant="body2" sx={{ color: 'text.secondary', mb: 2 }} id="board-help">
            Drag a card to another column, or use its “Move to…” menu.
          </Typography>
        : <Alert severity="info" sx={{ mb: 2 }}>You can view this board; your role does not allow changes.</Alert>}
      <Box role="status" aria-live="polite" sx={{ position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' }}>
        {announce}
      </Box>
      <Box role="region" aria-label="Stages" tabIndex={0}
        sx={{ display: 'flex', gap: 1, overflowX: 'auto', pb: 2, alignItems: 'flex-start' }}>
        {STAGES.map((stage) => {
          const inStage = candidates.filter((c) => c.stage === stage);
          return (
            <Box key={stage} component="section" aria-labelledby={`col-${stage}`} data-testid={`column-${stage}`}
              onDragOver={editable ? (e) => dragOver(e, stage) : undefined}
              onDragLeave={editable ? () => setOver(null) : undefined}
              onDrop={editable ? (e) => drop(e, stage) : undefined}
              sx={{ flex: '1 0 164px', minWidth: 164, minHeight: 240, p: 1, borderRadius: 2, bgcolor: over === stage ? '#2d2b5c' : 'rgba(255,255,255,0.05)',
                outline: over === stage ? '2px dashed #4fc3f7' : 'none' }}>
              <Typography variant="subtitle1" component="h2" id={`col-${stage}`} sx={{ fontWeight: 700, px: 0.5, mb: 1 }}>
                {stageLabel(stage)} ({inStage.length})
              </Typography>
              <Stack component="ul" spacing={1} sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label={stageLabel(stage)}>
                {inStage.map((c) => (
                  <li key={c.actor.id}>
                    <CandidateCard candidate={c} votes={board.votes.get(c.actor.id)} editable={editable} onMove={move} onDetails={setDetails} />
                  </li>
                ))}
              </Stack>
            </Box>
          );
        })}
      </Box>
      {candidates.length === 0 && (
        <EmptyState>No candidates yet. {editable ? 'Use “Find actors” to add some.' : ''}</EmptyState>
      )}
      <ShareLinksPanel roleId={id} /> {/* websched: producers' share links and votes */}
      <CandidatePanel roleId={id} candidate={details} onClose={() => setDetails(null)} onChanged={() => void board.reload()} />
      <ConfirmDialog open={!!ask} title="Book despite the other booking?" text={ask?.text ?? ''} confirm="Book anyway"
        onClose={() => setAsk(null)} onConfirm={() => { const a = ask; setAsk(null); if (a) void move(a.c, 'BOOKED', true); }} />
    </Box>
  );
}
