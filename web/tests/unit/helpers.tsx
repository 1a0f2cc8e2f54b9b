// Test helpers: unsigned tokens with given claims, a scripted fetch that
// records requests, and rendering a screen inside the app's providers.
import { ThemeProvider } from '@mui/material';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { ApiClient, type FetchFn } from '../../src/api/client';
import { NotifyProvider } from '../../src/components/Notify';
import { AuthProvider } from '../../src/features/auth/AuthContext';
import { SESSION_KEY } from '../../src/features/auth/session';
import { theme } from '../../src/theme';

const b64 = (o: object) => btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(o)))).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
export const tokenWith = (claims: object) => `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}.c2ln`;

export const PERMS: Record<string, string[]> = {
  assistant: ['read:actors', 'read:movies'],
  director: ['read:actors', 'read:movies', 'create:actors', 'modify:actors', 'delete:actors', 'modify:movies',
    'create:casts', 'delete:casts'],
  producer: ['read:actors', 'read:movies', 'create:actors', 'modify:actors', 'delete:actors', 'modify:movies',
    'create:casts', 'delete:casts', 'create:movies', 'delete:movies'],
};

export function signedInAs(role: string): string {
  const token = tokenWith({ sub: `test-${role}`, exp: Math.floor(Date.now() / 1000) + 3600, permissions: PERMS[role] });
  localStorage.setItem(SESSION_KEY, JSON.stringify({ token }));
  return token;
}

export interface Recorded { method: string; url: string; headers: Record<string, string>; body?: string }
type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

/** A fetch that answers from routes ("GET /movies/1" or a predicate) and records every call. */
export function fakeFetch(routes: Record<string, Reply | ((r: Recorded) => Reply)>) {
  const calls: Recorded[] = [];
  const fn: FetchFn = async (url, init) => {
    const rec: Recorded = { method: init?.method ?? 'GET', url, headers: (init?.headers ?? {}) as Record<string, string>,
      body: init?.body as string | undefined };
    calls.push(rec);
    const path = url.split('?')[0];
    const route = routes[`${rec.method} ${path}`] ?? routes[`${rec.method} ${url}`];
    const reply = typeof route === 'function' ? route(rec) : route ?? { status: 404, body: { error: 'Not Found', success: false } };
    const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
    return new Response(reply.status === 204 ? null : text, { status: reply.status, headers: reply.headers });
  };
  return { fn, calls };
}

export function renderScreen(ui: ReactElement, { path, at, fetch }: { path: string; at: string; fetch: FetchFn }) {
  const client = new ApiClient({ token: () => JSON.parse(localStorage.getItem(SESSION_KEY) ?? '{}').token ?? null, fetch });
  return render(
    <ThemeProvider theme={theme}>
      <NotifyProvider>
        <AuthProvider client={client}>
          <MemoryRouter initialEntries={[at]}>
            <Routes>
              <Route path={path} element={ui} />
              <Route path="*" element={<div>elsewhere</div>} />
            </Routes>
          </MemoryRouter>
        </AuthProvider>
      </NotifyProvider>
    </ThemeProvider>,
  );
}
