// The page for any address the app does not know, and for pages the role may not use.
import { Button, Container, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';

export function NotFoundPage({ forbidden = false }: { forbidden?: boolean }) {
  return (
    <Container component={forbidden ? 'div' : 'main'} maxWidth="sm" sx={{ py: 10, textAlign: 'center' }}>
      <Typography variant="h3" component="h1" gutterBottom>{forbidden ? 'Not allowed' : 'Not found'}</Typography>
      <Typography sx={{ mb: 4 }}>
        {forbidden ? 'Your role does not allow this page.' : 'There is nothing at this address.'}
      </Typography>
      <Button variant="contained" component={RouterLink} to="/">Home</Button>
    </Container>
  );
}
