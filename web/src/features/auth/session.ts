// The signed-in session kept in localStorage: the access token and who it is
// for. Tokens pasted or injected (tests, `audition token`) are described from
// their own claims.
import type { User } from '../../api/types';
import { decodeClaims, isExpired, permissionsOf, roleOf } from './jwt';

export const SESSION_KEY = 'audition.session';

export interface Session { token: string; user: User }

export function sessionFromToken(token: string, user?: Partial<User>): Session | null {
  const claims = decodeClaims(token);
  if (!claims || isExpired(claims)) return null;
  const permissions = user?.permissions ?? permissionsOf(claims);
  const username = user?.username ?? claims.preferred_username ?? claims.sub ?? 'user';
  return {
    token,
    user: {
      displayName: user?.displayName ?? claims.name ?? username,
      id: user?.id,
      permissions,
      role: user?.role ?? claims.role ?? roleOf(permissions),
      username,
    },
  };
}

export function loadSession(storage: Storage = localStorage): Session | null {
  try {
    const raw = storage.getItem(SESSION_KEY);
    if (!raw) return null;
    const saved = JSON.parse(raw) as { token?: unknown; user?: Partial<User> };
    if (typeof saved.token !== 'string') return null;
    return sessionFromToken(saved.token, saved.user);
  } catch {
    return null;
  }
}

export function saveSession(s: Session | null, storage: Storage = localStorage): void {
  if (s) storage.setItem(SESSION_KEY, JSON.stringify(s));
  else storage.removeItem(SESSION_KEY);
}
