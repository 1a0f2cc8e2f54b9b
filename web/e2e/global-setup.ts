// Starts the real server for the end-to-end tests: a fresh SQLite database in
// a temp dir, seeded with the demo data, serving web/dist under /app/. Mints a
// token per role with `audition token` (for direct API calls) and adds one
// user per role with `audition user add` (password on stdin) for the login screen.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_URL } from '../playwright.config';
import { ROLES, STATE_FILE, WEB_DIR, type E2EState, type Role } from './state';

const SCRUB = ['DATABASE_URL', 'HYDRATE_DB', 'AUTH0_DOMAIN', 'API_AUDIENCE', 'ALGORITHMS', 'AUTH_ISSUER',
  'AUTH_AUDIENCE', 'AUTH_JWKS_URL', 'ORIGINS', 'HOST', 'PORT', 'DATA_DIR', 'PUBLIC_URL', 'WEB_ROOT',
  'OIDC_AUTHORIZE_URL', 'OIDC_TOKEN_URL', 'OIDC_CLIENT_ID'];

async function waitForHealth(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url, { headers: { Accept: 'application/json' } });
      if (r.status === 200) return;
    } catch { /* not up yet */ }
    if (Date.now() > until) throw new Error(`the server did not answer at ${url}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export default async function globalSetup(): Promise<void> {
  const repo = join(WEB_DIR, '..');
  const bin = process.env.AUDITION_BIN ?? join(repo, 'build/audition');
  if (!existsSync(bin)) throw new Error(`${bin} is missing: build it first (make build)`);
  if (!existsSync(join(WEB_DIR, 'dist/index.html'))) throw new Error('web/dist is missing: run npm run build');
  const tmp = mkdtempSync(join(tmpdir(), 'audition-e2e-'));
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !SCRUB.includes(k)));
  Object.assign(env, {
    DATABASE_URL: `sqlite://${join(tmp, 'e2e.db')}`, // sqlite:// + /abs/path
    DATA_DIR: tmp, HOST: '127.0.0.1', PORT: new URL(BASE_URL).port, WEB_ROOT: join(WEB_DIR, 'dist'), ACCESS_LOG: '0',
  });
  execFileSync(bin, ['seed'], { env, stdio: 'pipe' });
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES)
    tokens[role] = execFileSync(bin, ['token', '--role', role, '--ttl', '2h', '--sub', `e2e-${role}`], { env })
      .toString().trim();

  const log = openSync(join(tmp, 'server.log'), 'a');
  const server = spawn(bin, ['serve'], { env, stdio: ['ignore', log, log], detached: true });
  server.unref();
  await waitForHealth(`${BASE_URL}/`, 10_000);

  const users = {} as E2EState['users'];
  for (const role of ROLES) {
    const username = `e2e-${role}`, password = randomBytes(12).toString('base64url');
    execFileSync(bin, ['user', 'add', username, '--role', role], { env, input: `${password}\n`, stdio: 'pipe' });
    users[role] = { username, password };
  }
  mkdirSync(join(WEB_DIR, 'test-results'), { recursive: true });
  const state: E2EState = { baseURL: BASE_URL, tmp, pid: server.pid!, tokens, users };
  writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
}
