// The app's routes (under /app/), its providers and the theme.
import { CssBaseline, ThemeProvider } from '@mui/material';
import { BrowserRouter, Navigate, Route, Routes, useParams } from 'react-router-dom';
import type { ReactElement } from 'react';
import { NotifyProvider } from '../components/Notify';
import { ActorFormPage } from '../features/actors/ActorFormPage';
import { ActorPage } from '../features/actors/ActorPage';
import { ActorsPage } from '../features/actors/ActorsPage';
import { AuthProvider, useAuth } from '../features/auth/AuthContext';
import { CallbackPage } from '../features/auth/CallbackPage';
import { HomePage } from '../features/auth/HomePage';
import { AssignCastPage } from '../features/casts/AssignCastPage';
import { MovieFormPage } from '../features/movies/MovieFormPage';
import { MoviePage } from '../features/movies/MoviePage';
import { MoviesPage } from '../features/movies/MoviesPage';
import { MatchesPage } from '../features/roles/MatchesPage';
import { RoleBoardPage } from '../features/roles/RoleBoardPage';
import { theme } from '../theme';
// websched: schedule, share links, audit log, CSV and printing
import { AuditPage } from '../features/audit/AuditPage';
import { WithActorsImport } from '../features/csv/ImportActorsDialog';
import { PrintCastPage } from '../features/csv/PrintCastPage';
import { SchedulePage } from '../features/schedule/SchedulePage';
import { SharedPage } from '../features/shares/SharedPage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';

/** Shows the page only to roles with the permission; others see Not found's cousin. */
function Need({ perm, children }: { perm: string; children: ReactElement }) {
  const { can } = useAuth();
  return can(perm) ? children : <Navigate to="/forbidden" replace />;
}

/** Ids in paths are positive integers; anything else is not found. */
function Id({ children }: { children: ReactElement }) {
  const { id } = useParams();
  return /^[1-9]\d{0,15}$/.test(id ?? '') ? children : <NotFoundPage />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<HomePage />} />
      <Route path="/callback" element={<CallbackPage />} />
      <Route path="/shared/:token" element={<SharedPage />} /> {/* public: no sign-in */}
      <Route element={<Layout />}>
        {/* websched */}
        <Route path="/schedule" element={<Need perm="read:movies"><SchedulePage /></Need>} />
        <Route path="/audit" element={<Need perm="create:movies"><AuditPage /></Need>} />
        <Route path="/movies/:id/print" element={<Id><PrintCastPage /></Id>} />
        <Route path="/movies" element={<MoviesPage />} />
        <Route path="/movies/new" element={<Need perm="create:movies"><MovieFormPage /></Need>} />
        <Route path="/movies/:id" element={<Id><MoviePage /></Id>} />
        <Route path="/movies/:id/edit" element={<Id><Need perm="modify:movies"><MovieFormPage /></Need></Id>} />
        <Route path="/actors" element={<WithActorsImport><ActorsPage /></WithActorsImport>} />
        <Route path="/actors/new" element={<Need perm="create:actors"><ActorFormPage /></Need>} />
        <Route path="/actors/:id" element={<Id><ActorPage /></Id>} />
        <Route path="/actors/:id/edit" element={<Id><Need perm="modify:actors"><ActorFormPage /></Need></Id>} />
        <Route path="/casts/new" element={<Need perm="create:casts"><AssignCastPage /></Need>} />
        <Route path="/roles/:id" element={<Id><RoleBoardPage /></Id>} />
        <Route path="/roles/:id/matches" element={<Id><MatchesPage /></Id>} />
        <Route path="/forbidden" element={<NotFoundPage forbidden />} />
      </Route>
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

export function App() {
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <NotifyProvider>
        <AuthProvider>
          <BrowserRouter basename="/app">
            <AppRoutes />
          </BrowserRouter>
        </AuthProvider>
      </NotifyProvider>
    </ThemeProvider>
  );
}
