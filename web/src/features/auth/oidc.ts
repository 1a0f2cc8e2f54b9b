// Sign-in with an outside OIDC provider: authorization code + PKCE (S256) in
// the browser, settings from GET /auth/config. The verifier and state live in
// sessionStorage between the redirect and the callback.
import type { OidcSettings } from '../../api/types';

const PENDING_KEY = 'audition.oidc';

export function base64url(bytes: Uint8Array): string {
  let s = '';
  bytes.forEach((b) => { s += String.fromCharCode(b); });
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomString(byteCount = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(byteCount)));
}

export async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

export function redirectUri(): string {
  return `${window.location.origin}/app/callback`;
}

export async function authorizeUrl(s: OidcSettings, verifier: string, state: string): Promise<string> {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: s.clientId,
    redirect_uri: redirectUri(),
    scope: s.scopes,
    state,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  });
  if (s.audience) q.set('audience', s.audience);
  return `${s.authorizeUrl}${s.authorizeUrl.includes('?') ? '&' : '?'}${q}`;
}

export async function startSignIn(s: OidcSettings): Promise<void> {
  const verifier = randomString(48), state = randomString(16);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, tokenUrl: s.tokenUrl, clientId: s.clientId }));
  window.location.assign(await authorizeUrl(s, verifier, state));
}

/** Exchanges the callback's code for an access token; throws a sentence on failure. */
export async function finishSignIn(params: URLSearchParams): Promise<string> {
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  if (params.get('error')) throw new Error(params.get('error_description') ?? params.get('error') ?? 'Sign-in failed.');
  if (!raw) throw new Error('This sign-in was not started here; please start again.');
  const pending = JSON.parse(raw) as { verifier: string; state: string; tokenUrl: string; clientId: string };
  if (params.get('state') !== pending.state) throw new Error('The sign-in answer does not match the request; please start again.');
  const code = params.get('code');
  if (!code) throw new Error('The provider sent no authorization code.');
  const res = await fetch(pending.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code, redirect_uri: redirectUri(),
      client_id: pending.clientId, code_verifier: pending.verifier,
    }),
  });
  const body = (await res.json().catch(() => ({}))) as { access_token?: string; error_description?: string };
  if (!res.ok || !body.access_token) throw new Error(body.error_description ?? 'The provider did not issue a token.');
  return body.access_token;
}
