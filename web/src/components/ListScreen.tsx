// The shared shape of the movies and actors lists: a search box that searches
// as you type (debounced, kept in the address), pages with the total, cards,
// an empty state and a loading indicator. A screen may add filter controls
// (kept in the address too) and the values they depend on.
import { Box, Button, Grid, LinearProgress, Stack, TextField, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import type { Page } from '../api/types';
import { PAGE_SIZE } from '../api/types';
import { EmptyState, ErrorState, Pager } from './common';
import { useAddressSearch } from './useAddressSearch';
import { useFetch } from './useFetch';

export function ListScreen<T extends { id: number }>(props: {
  title: string; noun: string; searchLabel: string;
  addLabel?: string; addTo?: string;
  load: (page: number, search: string) => Promise<Page<T>>;
  card: (item: T, reload: () => void) => ReactNode;
  filters?: ReactNode;
  filterDeps?: unknown[];
}) {
  const { page, search, typed, setTyped, setPage } = useAddressSearch();
  const { data, error, loading, reload } = useFetch(() => props.load(page, search),
    [page, search, ...(props.filterDeps ?? [])]);

  return (
    <Box>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' }, my: 2 }}>
        <Typography variant="h4" component="h1" sx={{ flexGrow: 1 }}>{props.title}</Typography>
        <TextField label={props.searchLabel} type="search" value={typed} size="small"
          onChange={(e) => setTyped(e.target.value)} sx={{ minWidth: { sm: 320 } }} />
        {props.addTo && <Button variant="contained" component={RouterLink} to={props.addTo}>{props.addLabel}</Button>}
      </Stack>
      {props.filters}
      <Box sx={{ height: 4 }}>{loading && <LinearProgress aria-label={`Loading ${props.noun}`} />}</Box>
      {error ? <ErrorState error={error} onRetry={reload} /> : null}
      {data && (
        <>
          <Pager page={page} total={data.total} pageSize={PAGE_SIZE} onPage={setPage} noun={props.noun} />
          {data.items.length === 0 ? (
            <EmptyState>{search ? `No ${props.noun} match “${search}”.` : `There are no ${props.noun} yet.`}</EmptyState>
          ) : (
            <Grid container spacing={2} component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label={props.title}>
              {data.items.map((item) => (
                <Grid key={item.id} size={{ xs: 12, sm: 6, md: 4, lg: 3 }} component="li">
                  {props.card(item, reload)}
                </Grid>
              ))}
            </Grid>
          )}
        </>
      )}
    </Box>
  );
}
