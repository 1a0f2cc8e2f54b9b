// Reading tokens in the browser (claims, permissions, role, expiry), the
// stored session, and the PKCE pieces of the OIDC sign-in.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeClaims, isExpired, permissionsOf, roleOf } from '../../src/features/auth/jwt';
import { authorizeUrl, base64url, challengeOf } from '../../src/features/auth/oidc';
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
