// The frame around every signed-in screen: logo, navigation the role may
// use, who is signed in, sign out.
import { AppBar, Box, Button, Chip, Container, Stack, Toolbar } from '@mui/material';
import { Link as RouterLink, Navigate, Outlet, useLocation } from 'react-router-dom';
import { Logo } from '../components/common';
import { useAuth } from '../features/auth/AuthContext';
import { ROLE_LABELS } from '../features/auth/jwt';

export function Layout() {
  const { user, can, signOut } = useAuth();
  const location = useLocation();
  const wide = /^\/roles\/\d+\/?$/.test(location.pathname);     // a role's board: seven columns side by side
  if (!user) return <Navigate to="/" replace state={{ from: location.pathname + location.search }} />;
  return (
    <>
      <a href="#main" className="skip-link">Skip to content</a>
      <AppBar position="static" color="transparent" elevation={0}>
        <Toolbar component="nav" aria-label="Main" sx={{ flexWrap: 'wrap', gap: 1, py: 1 }}>
          <Box component={RouterLink} to="/" sx={{ textDecoration: 'none', mr: 2 }} aria-label="Audition home">
            <Logo size={40} />
          </Box>
          <Button component={RouterLink} to="/movies">Movies</Button>
          <Button component={RouterLink} to="/actors">Actors</Button>
          {can('create:casts') && <Button component={RouterLink} to="/casts/new">Assign cast</Button>}
          {/* websched: the schedule for everyone, the audit log for producers */}
          <Button component={RouterLink} to="/schedule">Schedule</Button>
          {can('create:movies') && <Button component={RouterLink} to="/audit">Audit</Button>}
          <Box sx={{ flexGrow: 1 }} />
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Chip label={`${user.displayName} · ${ROLE_LABELS[user.role] ?? user.role}`} variant="outlined"
              data-testid="whoami" />
            <Button color="secondary" variant="outlined" onClick={() => signOut()}>Sign out</Button>
          </Stack>
        </Toolbar>
      </AppBar>
      <Container component="main" id="main" maxWidth={wide ? false : 'lg'} sx={{ pb: 6 }}>
        <Outlet />
      </Container>
    </>
  );
}
