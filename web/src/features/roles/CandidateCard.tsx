// One candidate on the board: photo, name, age, rating stars, tags, a warning
// when the actor is a candidate elsewhere; draggable and with an accessible
// "Move to…" menu for those who may change the stage; "Details" opens the panel.
// With share-link votes, a badge with the thumbs up/down totals.
import { Avatar, Box, Button, Card, CardActions, CardContent, Chip, Menu, MenuItem, Rating, Stack, Tooltip, Typography } from '@mui/material';
import { useState, type DragEvent } from 'react';
import type { Votes } from '../../api/shares';
import { Thumb } from '../shares/SharedPage';
import type { Candidate, Stage } from '../../api/types';
import { STAGES, stageLabel } from '../../api/types';
import { allowedTargets } from './useBoard';

export const DRAG_TYPE = 'application/x-audition-candidate';

export function otherRolesText(c: Candidate): string {
  return c.otherRoles.map((o) => `${o.roleName} (${stageLabel(o.stage)})`).join(', ');
}

/** The accessible text of a vote badge: "3 thumbs up, 1 thumbs down". */
export function votesText(v: Votes): string {
  return `${v.up} thumbs up, ${v.down} thumbs down`;
}

export function CandidateCard({ candidate: c, votes, editable, onMove, onDetails }: {
  candidate: Candidate; votes?: Votes; editable: boolean; onMove: (c: Candidate, s: Stage) => void; onDetails: (c: Candidate) => void;
}) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const name = c.actor.name;
  const menuId = `move-menu-${c.actor.id}`;
  const targets = allowedTargets(c.stage, STAGES);
  const dragStart = (e: DragEvent) => {
    e.dataTransfer.setData(DRAG_TYPE, String(c.actor.id));
    e.dataTransfer.setData('text/plain', name);
    e.dataTransfer.effectAllowed = 'move';
  };
  return (
    <Card component="article" aria-label={name} draggable={editable} onDragStart={editable ? dragStart : undefined}
      data-testid={`candidate-${c.actor.id}`} sx={{ cursor: editable ? 'grab' : 'default', bgcolor: '#262636' }}>
      <CardContent sx={{ p: 1.5, pb: 1 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Avatar src={c.actor.photoUrl ?? undefined} alt={name} sx={{ width: 40, height: 40, bgcolor: '#2a2670', color: '#e0e0ff', fontWeight: 700 }}>
            {name.split(/\s+/).slice(0, 2).map((w) => w[0]).join('')}
          </Avatar>
          <Box sx={{ minWidth: 0 }}>
            <Typography component="h3" sx={{ fontWeight: 600, lineHeight: 1.3 }}>{name}</Typography>
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>{c.actor.age} years</Typography>
          </Box>
        </Stack>
        <Box sx={{ mt: 1 }}>
          {c.rating ? <Rating value={c.rating} readOnly size="small" aria-label={`Rated ${c.rating} of 5`} />
            : <Typography variant="body2" sx={{ color: 'text.secondary' }}>Not rated</Typography>}
        </Box>
        {votes && (votes.up > 0 || votes.down > 0) && (
          <Stack direction="row" role="img" aria-label={votesText(votes)} data-testid={`votes-${c.actor.id}`} title="Votes from share links"
            spacing={0.5} sx={{ alignItems: 'center', mt: 0.5, color: 'text.secondary', fontSize: '0.875rem' }}>
            <Thumb /><span>{votes.up}</span><Box component="span" sx={{ pl: 1, display: 'inline-flex' }}><Thumb down /></Box><span>{votes.down}</span>
          </Stack>
        )}
        {(c.tags.length > 0 || c.otherRoles.length > 0) && (
          <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5, mt: 1 }}>
            {c.otherRoles.length > 0 && (
              <Tooltip title={`Also a candidate for: ${otherRolesText(c)}`}>
                <Chip size="small" color="warning" label={`⚠ ${c.otherRoles.length} other ${c.otherRoles.length === 1 ? 'role' : 'roles'}`}
                  aria-label={`Warning: also a candidate for ${otherRolesText(c)}`} />
              </Tooltip>
            )}
            {c.tags.map((t) => <Chip key={t} size="small" variant="outlined" label={t} />)}
          </Stack>
        )}
      </CardContent>
      <CardActions disableSpacing sx={{ pt: 0, px: 1, flexWrap: 'wrap', columnGap: 0.5 }}>
        {editable && (
          <>
            <Button size="small" sx={{ minWidth: 0, px: 0.75 }} aria-haspopup="menu" aria-controls={anchor ? menuId : undefined}
              aria-expanded={anchor ? 'true' : undefined} aria-label={`Move ${name} to…`}
              onClick={(e) => setAnchor(e.currentTarget)}>Move to…</Button>
            <Menu id={menuId} anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)}>
              {STAGES.filter((s) => s !== c.stage).map((s) => (
                <MenuItem key={s} disabled={!targets.includes(s)} onClick={() => { setAnchor(null); onMove(c, s); }}>
                  {stageLabel(s)}
                </MenuItem>
              ))}
            </Menu>
          </>
        )}
        <Button size="small" sx={{ minWidth: 0, px: 0.75 }} onClick={() => onDetails(c)} aria-label={`Details of ${name}`}>Details</Button>
      </CardActions>
    </Card>
  );
}
