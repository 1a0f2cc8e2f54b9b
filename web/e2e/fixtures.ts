// Test helpers: sign in as a role through the login screen, put a session
// straight into the app's storage (for stale or forged sessions), a screenshot of each screen under test-results/screens/, an
// axe-core check (no serious or critical violation), and no page errors.
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { readState, WEB_DIR, type E2EState, type Role } from './state';

export const state: E2EState = readState();

export async function signIn(page: Page, role: Role): Promise<void> {
  const u = state.users[role];
  await page.goto('/app/');
  await page.getByLabel('User name').fill(u.username);
  await page.getByLabel('Password').fill(u.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Movies' })).toBeVisible();
}

/** Puts a session into localStorage as the app stores it, then opens the movies. */
export async function injectSession(page: Page, session: object): Promise<void> {
  await page.goto('/app/');
  await page.evaluate((s) => localStorage.setItem('audition.session', s), JSON.stringify(session));
  await page.goto('/app/movies');
}

/** Screenshot of the screen plus the accessibility check. */
export async function screen(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${WEB_DIR}test-results/screens/${name}.png`, fullPage: true });
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `accessibility violations on ${name}`).toEqual([]);
}

/** API calls made directly (as another user would), with a role's token. */
export async function api(method: string, path: string, role: Role, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(state.baseURL + path, {
    method,
    headers: { Authorization: `Bearer ${state.tokens[role]}`, ...headers,
      ...(body !== undefined && !headers['Content-Type'] ? { 'Content-Type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get('ETag'), body: text ? JSON.parse(text) : null };
}

export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      // Chromium logs every 4xx/5xx fetch as "Failed to load resource"; the app handles those.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
    });
    await use(errors);
    expect(errors, 'errors in the page').toEqual([]);
  }, { auto: true }],
});
export { expect };
