// Who is signed in, the API client acting for them, and sign-in/out. A 401
// from the API ends the session and sends the user to the sign-in screen.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { ApiClient } from '../../api/client';
import type { User } from '../../api/types';
import { loadSession, saveSession, sessionFromToken, type Session } from './session';

interface AuthValue {
  user: User | null;
  api: ApiClient;
  can: (permission: string) => boolean;
  signIn: (token: string, user?: User) => boolean;
  signOut: (reason?: string) => void;
  expiredNotice: string | null;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children, client }: { children: ReactNode; client?: ApiClient }) {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [expiredNotice, setExpiredNotice] = useState<string | null>(null);
  const holder = useMemo(() => ({ token: session?.token ?? null }), [session]);

  const signOut = useCallback((reason?: string) => {
    saveSession(null);
    setSession(null);
    setExpiredNotice(reason ?? null);
  }, []);

  const api = useMemo(
    () => client ?? new ApiClient({
      token: () => holder.token,
      onUnauthorized: () => signOut('Your session has ended. Please sign in again.'),
    }),
    [client, holder, signOut],
  );

  const signIn = useCallback((token: string, user?: User) => {
    const s = sessionFromToken(token, user);
    if (!s) return false;
    saveSession(s);
    setSession(s);
    setExpiredNotice(null);
    return true;
  }, []);

  const value = useMemo<AuthValue>(() => ({
    user: session?.user ?? null,
    api,
    can: (p) => !!session?.user.permissions.includes(p),
    signIn,
    signOut,
    expiredNotice,
  }), [session, api, signIn, signOut, expiredNotice]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
