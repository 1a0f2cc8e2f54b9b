// The time grid: hours down the side, one column per location (day view) or
// per day (week view), each audition a block placed by its times. Blocks are
// buttons that open the audition; a cancelled one is struck through.
import { Box, ButtonBase, Typography } from '@mui/material';
import type { Audition } from '../../api/auditions';
import type { Names } from './useNames';
import { blockBox, dayLabel, gridHours, timeLabel, type View } from './time';

const HOUR_PX = 72;

interface Column { key: string; label: string; day: Date; items: Audition[] }

function columnsOf(view: View, days: Date[], items: Audition[], locations: string[]): Column[] {
  if (view === 'week') {
    return days.map((day) => ({ key: day.toISOString(), label: dayLabel(day), day,
      items: items.filter((a) => blockBox(a, day, { from: 0, to: 24 }) !== null) }));
  }
  return locations.map((loc) => ({ key: loc, label: loc, day: days[0], items: items.filter((a) => a.location === loc) }));
}

export function ScheduleGrid(props: {
  view: View; days: Date[]; items: Audition[]; locations: string[]; names: Names;
  onOpen: (a: Audition) => void;
}) {
  const hours = gridHours(props.items, props.days);
  const cols = columnsOf(props.view, props.days, props.items, props.locations);
  const span = hours.to - hours.from;
  return (
    <Box sx={{ overflowX: 'auto', border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'background.paper' }}
      role="region" aria-label={props.view === 'day' ? 'Auditions by location' : 'Auditions by day'} tabIndex={0}>
      <Box sx={{ display: 'grid', gridTemplateColumns: `56px repeat(${cols.length}, minmax(150px, 1fr))`, minWidth: 56 + 150 * cols.length }}>
        <Box />
        {cols.map((c) => (
          <Typography key={c.key} component="h3" variant="subtitle2"
            sx={{ p: 1, textAlign: 'center', borderLeft: 1, borderBottom: 1, borderColor: 'divider' }}>{c.label}</Typography>
        ))}
        <Box sx={{ position: 'relative', height: span * HOUR_PX }} aria-hidden>
          {Array.from({ length: span }, (_, i) => (
            <Typography key={i} variant="caption" sx={{ position: 'absolute', top: i * HOUR_PX + 2, right: 6, color: 'text.secondary' }}>
              {String(hours.from + i).padStart(2, '0')}:00
            </Typography>
          ))}
        </Box>
        {cols.map((c) => (
          <Box key={c.key} component="ul" aria-label={`Auditions, ${c.label}`} sx={{
            position: 'relative', height: span * HOUR_PX, m: 0, p: 0, listStyle: 'none', borderLeft: 1, borderColor: 'divider',
            backgroundImage: `repeating-linear-gradient(to bottom, rgba(255,255,255,0.08) 0 1px, transparent 1px ${HOUR_PX}px)`,
          }}>
            {lanes(c.items).map(({ a, lane, of }) => {
              const box = blockBox(a, c.day, hours);
              if (!box) return null;
              return <Block key={a.id} a={a} box={box} lane={lane} of={of} names={props.names}
                showLocation={props.view === 'week'} onOpen={props.onOpen} />;
            })}
          </Box>
        ))}
      </Box>
    </Box>
  );
}

/** Side-by-side lanes for overlapping blocks: each audition takes the first
 * lane free at its start; a column's blocks share its width by lane count. */
export function lanes(items: Audition[]): { a: Audition; lane: number; of: number }[] {
  const sorted = [...items].sort((x, y) => Date.parse(x.start) - Date.parse(y.start) || x.id - y.id);
  const ends: number[] = [];
  const placed = sorted.map((a) => {
    const s = Date.parse(a.start);
    let lane = ends.findIndex((e) => e <= s);
    if (lane < 0) lane = ends.length;
    ends[lane] = Date.parse(a.end);
    return { a, lane };
  });
  return placed.map((p) => ({ ...p, of: ends.length }));
}

function Block({ a, box, lane, of, names, showLocation, onOpen }: {
  a: Audition; box: { top: number; height: number }; lane: number; of: number; names: Names; showLocation: boolean;
  onOpen: (a: Audition) => void;
}) {
  const cancelled = a.status === 'CANCELLED';
  const when = `${timeLabel(a.start)}–${timeLabel(a.end)}`;
  const label = `${names.actor(a.actorId)} for ${names.role(a.roleId)}, ${when}, ${a.location}${a.status === 'SCHEDULED' ? '' : `, ${a.status.toLowerCase().replace('_', ' ')}`}`;
  return (
    <Box component="li" sx={{ position: 'absolute', left: `calc(${(100 * lane) / of}% + 3px)`, width: `calc(${100 / of}% - 6px)`, top: box.top * HOUR_PX + 1, height: Math.max(box.height * HOUR_PX - 2, 22) }}>
      <ButtonBase onClick={() => onOpen(a)} aria-label={label} data-testid="audition-block" sx={{
        width: '100%', height: '100%', display: 'block', textAlign: 'left', overflow: 'hidden', px: 1, py: 0.5, borderRadius: 1,
        bgcolor: cancelled ? '#333' : a.status === 'SCHEDULED' ? '#12395a' : '#2d3b2d',
        border: 1, borderColor: cancelled ? '#555' : 'primary.main', color: cancelled ? '#bbb' : '#fff',
        textDecoration: cancelled ? 'line-through' : 'none',
        '&:focus-visible': { outline: '3px solid #e879f9' },
      }}>
        <Typography variant="caption" component="span" sx={{ display: 'block', fontWeight: 700, lineHeight: 1.25 }}>
          {when} {names.actor(a.actorId)}
        </Typography>
        <Typography variant="caption" component="span" sx={{ display: 'block', lineHeight: 1.25 }}>
          {names.role(a.roleId)}{showLocation ? ` · ${a.location}` : ''}{cancelled ? ' · cancelled' : ''}
        </Typography>
      </ButtonBase>
    </Box>
  );
}
