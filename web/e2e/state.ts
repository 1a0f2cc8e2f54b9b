// What global setup hands to the tests: the server, a token per role (for
// direct API calls), and the users it made for the login screen.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Role = 'assistant' | 'director' | 'producer';
export const ROLES: Role[] = ['assistant', 'director', 'producer'];

export interface E2EState {
  baseURL: string;
  tmp: string;
  pid: number;
  tokens: Record<Role, string>;
  users: Record<Role, { username: string; password: string }>;
}

export const WEB_DIR = fileURLToPath(new URL('..', import.meta.url));
export const STATE_FILE = `${WEB_DIR}test-results/e2e-state.json`;

export function readState(): E2EState {
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as E2EState;
}
