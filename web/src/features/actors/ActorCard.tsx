// An actor as a card: photo (or placeholder), name, age and gender, links.
import { Button, Card, CardActions, CardContent, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import type { ActorSummary } from '../../api/types';
import { Picture } from '../../components/common';
import { useAuth } from '../auth/AuthContext';

export const genderLabel = (g: string | null) => (g === 'MALE' ? 'Male' : g === 'FEMALE' ? 'Female' : 'Gender not given');

export function ActorCard({ actor, extra }: { actor: ActorSummary; extra?: ReactNode }) {
  const { can } = useAuth();
  return (
    <Card component="article" aria-label={actor.name} sx={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
      <Picture url={actor.photoUrl} label={actor.name} />
      <CardContent sx={{ flexGrow: 1, textAlign: 'center' }}>
        <Typography variant="h6" component="h3">{actor.name}</Typography>
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {actor.age} years · {genderLabel(actor.gender)}
        </Typography>
      </CardContent>
      <CardActions sx={{ justifyContent: 'center', flexWrap: 'wrap' }}>
        <Button component={RouterLink} to={`/actors/${actor.id}`} aria-label={`View ${actor.name}`}>View</Button>
        {can('modify:actors') && (
          <Button component={RouterLink} to={`/actors/${actor.id}/edit`} aria-label={`Edit ${actor.name}`}>Edit</Button>
        )}
        {extra}
      </CardActions>
    </Card>
  );
}
