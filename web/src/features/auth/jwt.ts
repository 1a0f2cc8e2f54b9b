// Reading (not verifying: the server does that) an access token's claims in
// the browser, to know whom the app acts for and which actions to offer.
export interface Claims {
  sub?: string;
  exp?: number;
  permissions?: string[] | string;
  scope?: string;
  name?: string;
  preferred_username?: string;
  role?: string;
}

export function decodeClaims(token: string): Claims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const b64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === 'object' ? (claims as Claims) : null;
  } catch {
    return null;
  }
}

/** Permissions as the server reads them: an array, a comma-joined string, or the scope. */
export function permissionsOf(c: Claims): string[] {
  if (Array.isArray(c.permissions)) return c.permissions.filter((p) => typeof p === 'string');
  if (typeof c.permissions === 'string') return c.permissions.split(',').map((p) => p.trim()).filter(Boolean);
  if (typeof c.scope === 'string') return c.scope.split(' ').filter((p) => p.includes(':'));
  return [];
}

/** The role a set of permissions amounts to (the table in api.md). */
export function roleOf(perms: string[]): string {
  if (perms.includes('create:movies')) return 'producer';
  if (perms.includes('modify:movies') || perms.includes('create:casts')) return 'director';
  return 'assistant';
}

export const ROLE_LABELS: Record<string, string> = {
  assistant: 'Casting assistant',
  director: 'Casting director',
  producer: 'Executive producer',
};

export function isExpired(c: Claims, nowSeconds = Date.now() / 1000): boolean {
  return typeof c.exp === 'number' && c.exp <= nowSeconds;
}
