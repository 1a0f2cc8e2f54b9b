// Reading tokens in the browser (claims, permissions, role, expiry), the
// stored session, and the PKCE pieces of the OIDC sign-in.
import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { decodeClaims, isExpired, permissionsOf, roleOf } from '../../src/features/auth/jwt';
import { authorizeUrl, base64url, challengeOf, finishSignIn } from '../../src/features/auth/oidc';
import { loadSession, saveSession, sessionFromToken } from '../../src/features/auth/session';
import { PERMS, tokenWith } from './helpers';

describe('token claims', () => {
  it('decodes a base64url payload, including non-ASCII text', () => {
    expect(decodeClaims(tokenWith({ sub: 'zoë', exp: 5 }))).toEqual({ sub: 'zoë', exp: 5 });
    expect(decodeClaims('not.a-token')).toBeNull();
    expect(decodeClaims('a.!!!.c')).toBeNull();
  });
  it('reads permissions as an array, a comma-joined string, or the scope', () => {
    expect(permissionsOf({ permissions: ['read:movies'] })).toEqual(['read:movies']);
    expect(permissionsOf({ permissions: 'read:movies, create:casts' })).toEqual(['read:movies', 'create:casts']);
    expect(permissionsOf({ scope: 'openid read:actors profile' })).toEqual(['read:actors']);
    expect(permissionsOf({})).toEqual([]);
  });
  it('names the role the permissions amount to', () => {
    expect(roleOf(PERMS.assistant)).toBe('assistant');
    expect(roleOf(PERMS.director)).toBe('director');
    expect(roleOf(PERMS.producer)).toBe('producer');
  });
  it('knows an expired token', () => {
    expect(isExpired({ exp: 100 }, 200)).toBe(true);
    expect(isExpired({ exp: 300 }, 200)).toBe(false);
    expect(isExpired({}, 200)).toBe(false);
  });
});

describe('session', () => {
  it('describes a pasted token from its claims and round-trips through storage', () => {
    const token = tokenWith({ sub: 'dana', exp: Date.now() / 1000 + 60, permissions: PERMS.director });
    const s = sessionFromToken(token)!;
    expect(s.user).toMatchObject({ username: 'dana', role: 'director' });
    saveSession(s);
    expect(loadSession()).toEqual(s);
    saveSession(null);
    expect(loadSession()).toBeNull();
  });
  it('prefers the user the login answered with', () => {
    const token = tokenWith({ sub: '7', exp: Date.now() / 1000 + 60, permissions: PERMS.producer });
    const s = sessionFromToken(token, { displayName: 'Pat Producer', username: 'pat', role: 'producer', permissions: PERMS.producer });
    expect(s?.user.displayName).toBe('Pat Producer');
  });
  it('refuses expired or unreadable tokens', () => {
    expect(sessionFromToken(tokenWith({ sub: 'x', exp: 1 }))).toBeNull();
    expect(sessionFromToken('garbage')).toBeNull();
    localStorage.setItem('audition.session', '{not json');
    expect(loadSession()).toBeNull();
  });
});

describe('PKCE', () => {
  it('computes the S256 challenge: base64url(SHA-256(verifier)), as node:crypto does', async () => {
    const verifier = 'dBjftJeZ4CVP-mJ92IXlW3y0Cd8G2h8bS4GyLhoXTmQ';
    expect(await challengeOf(verifier)).toBe(createHash('sha256').update(verifier).digest('base64url'));
  });
  it('encodes base64url without padding', () => {
    expect(base64url(new Uint8Array([251, 255]))).toBe('-_8');
  });
  it('builds the authorization URL with the code flow parameters', async () => {
    const url = new URL(await authorizeUrl({
      authorizeUrl: 'https://id.example/authorize', tokenUrl: 'https://id.example/token', clientId: 'spa',
      scopes: 'openid read:movies', audience: 'audition', name: 'Example',
    }, 'verifier-verifier-verifier-verifier-verifier', 'st'));
    expect(url.origin + url.pathname).toBe('https://id.example/authorize');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code', client_id: 'spa', scope: 'openid read:movies', state: 'st',
      code_challenge_method: 'S256', audience: 'audition', redirect_uri: `${window.location.origin}/app/callback`,
    });
  });
});

describe('OIDC callback', () => {
  const pending = { verifier: 'v'.repeat(43), state: 's1', tokenUrl: 'https://id.example/token', clientId: 'spa' };

  it('exchanges the code with the verifier and returns the access token', async () => {
    sessionStorage.setItem('audition.oidc', JSON.stringify(pending));
    const seen: { url: string; body: string }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      seen.push({ url, body: String(init.body) });
      return new Response(JSON.stringify({ access_token: 'at', token_type: 'Bearer' }), { status: 200 });
    });
    try {
      expect(await finishSignIn(new URLSearchParams('code=c1&state=s1'))).toBe('at');
    } finally {
      vi.unstubAllGlobals();
    }
    expect(seen[0].url).toBe('https://id.example/token');
    expect(Object.fromEntries(new URLSearchParams(seen[0].body))).toMatchObject({
      grant_type: 'authorization_code', code: 'c1', client_id: 'spa', code_verifier: pending.verifier });
    expect(sessionStorage.getItem('audition.oidc')).toBeNull();
  });

  it('refuses a mismatched state, a provider error and an unstarted sign-in', async () => {
    sessionStorage.setItem('audition.oidc', JSON.stringify(pending));
    await expect(finishSignIn(new URLSearchParams('code=c1&state=forged'))).rejects.toThrow(/does not match/);
    await expect(finishSignIn(new URLSearchParams('code=c1&state=s1'))).rejects.toThrow(/not started here/);
    await expect(finishSignIn(new URLSearchParams('error=access_denied&error_description=No+way')))
      .rejects.toThrow('No way');
  });
});
