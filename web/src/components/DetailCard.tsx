// The head of a detail page (an actor, a movie): the picture on the left (on
// top on a phone), the name as the page's heading, then what the page adds
// (facts, its buttons).
import { Card, CardContent, Grid, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Picture } from './common';

export function DetailCard(props: { title: string; pictureUrl: string | null; children: ReactNode }) {
  return (
    <Card>
      <Grid container>
        <Grid size={{ xs: 12, md: 4 }}><Picture url={props.pictureUrl} label={props.title} height={320} /></Grid>
        <Grid size={{ xs: 12, md: 8 }}>
          <CardContent>
            <Typography variant="h4" component="h1">{props.title}</Typography>
            {props.children}
          </CardContent>
        </Grid>
      </Grid>
    </Card>
  );
}
