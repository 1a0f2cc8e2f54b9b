// What global setup hands to the tests: the server, role tokens, and whether
// the built-in login (POST /auth/login) exists and which users it has.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Role = 'assistant' | 'director' | 'producer';
export const ROLES: Role[] = ['assistant', 'director', 'producer'];

export interface E2EState {
  baseURL: string;
  tmp: string;
  pid: number;
  tokens: Record<Role, string>;
  login: boolean;                            // the server has the built-in login
  users: Record<Role, { username: string; password: string }> | null;
}

export const WEB_DIR = fileURLToPath(new URL('..', import.meta.url));
export const STATE_FILE = `${WEB_DIR}test-results/e2e-state.json`;

export function readState(): E2EState {
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as E2EState;
}
