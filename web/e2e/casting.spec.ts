// The casting journeys in a real browser against a real server: a director
// creates a role, finds matching actors, shortlists three, moves one through
// the stages to Booked (by the "Move to…" menu and by drag and drop), sees the
// booking in the movie's cast and the actor's movies, meets the double-booking
// question and a second booking's 409; an assistant sees the board read-only;
// the actors list filters by gender and age. Every screen is checked with axe.
import type { Locator, Page } from '@playwright/test';
import { api, expect, screen as check, signIn, test } from './fixtures';

/** The screenshot and axe check once dialogs and drawers have finished fading and sliding in. */
async function screen(page: Page, name: string): Promise<void> {
  await page.waitForFunction(() => document.getAnimations()
    .filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().endTime !== Infinity).length === 0);
  await check(page, name);
}

const column = (page: Page, stage: string) => page.getByTestId(`column-${stage}`);
const card = (page: Page, stage: string, name: string) => column(page, stage).getByRole('article', { name });

async function moveByMenu(page: Page, name: string, to: string): Promise<void> {
  await page.getByRole('button', { name: `Move ${name} to…` }).click();
  await page.getByRole('menu').getByRole('menuitem', { name: to, exact: true }).click();
}

async function moveByKeyboard(page: Page, name: string, to: string): Promise<void> {
  await page.getByRole('button', { name: `Move ${name} to…` }).focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  for (let i = 0; i < 8; i++) {
    if (await menu.getByRole('menuitem', { name: to, exact: true }).evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
}

async function drag(from: Locator, to: Locator): Promise<void> {
  await from.dragTo(to);
}

/** Runs a move and waits until the board has settled: the PATCH's 2xx answer, the board's reload (a GET of the
 * candidates sent after it) and the announcement it makes once reloaded, then the card in its new column —
 * so the next menu never opens on a card the reload is about to re-render. */
async function moved(page: Page, name: string, stage: string, to: string, action: () => Promise<void>): Promise<void> {
  let patched = false;
  const saved = page.waitForResponse((r) => {
    if (r.request().method() !== 'PATCH' || !/\/roles\/\d+\/candidates\/\d+/.test(r.url())) return false;
    patched = true;
    return true;
  });
  const reloaded = page.waitForResponse((r) => patched && r.request().method() === 'GET' && /\/roles\/\d+\/candidates(\?|$)/.test(r.url()));
  await action();
  expect((await saved).ok()).toBe(true);
  await reloaded;
  const said = to === 'Booked' ? `${name} is booked as` : `${name} moved to ${to}.`;
  await expect(page.getByRole('status').filter({ hasText: said }).first()).toBeAttached();
  await expect(card(page, stage, name)).toBeVisible();
}

async function roleId(movieId: number, name: string): Promise<number> {
  const r = await api('GET', `/movies/${movieId}/roles`, 'director');
  const list = (r.body.roles ?? Object.values(r.body).find(Array.isArray)) as { id: number; name: string }[];
  return list.find((x) => x.name === name)!.id;
}

test('director: role, matches, shortlist three, book one by menu, keyboard and drag, see the cast', async ({ page }) => {
  test.slow();                                                      // a long journey on a shared 2-core machine
  await signIn(page, 'director');
  await page.goto('/app/movies/10');                                // Friday
  await expect(page.getByRole('heading', { name: 'Roles' })).toBeVisible();
  await expect(page.getByText('This movie has no roles yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Add role' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add role' });
  await dialog.getByLabel('Name').fill('Nana');
  await dialog.getByLabel('Description').fill('The grandmother who runs the block.');
  await dialog.getByLabel('Gender').click();
  await page.getByRole('option', { name: 'Female' }).click();
  await dialog.getByLabel('Minimum age').fill('66');
  await dialog.getByLabel('Maximum age').fill('55');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('Must not be below the minimum age.')).toBeVisible();
  await dialog.getByLabel('Minimum age').fill('55');
  await dialog.getByLabel('Maximum age').fill('65');
  await dialog.getByLabel('Billing').fill('1');
  await screen(page, 'role-dialog');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('The role “Nana” was added.')).toBeVisible();
  const role = page.getByRole('list', { name: 'Roles' }).getByRole('article', { name: 'Nana' });
  await expect(role.getByText('Billing 1 · Female · 55–65 years')).toBeVisible();
  await screen(page, 'movie-roles');
  const id = await roleId(10, 'Nana');

  await role.getByRole('link', { name: 'Find actors for Nana' }).click();
  await expect(page.getByRole('heading', { name: 'Find actors for Nana' })).toBeVisible();
  const matches = page.getByRole('list', { name: 'Matching actors' });
  await expect(matches.getByRole('article', { name: 'Jodie Foster' })).toBeVisible();
  await expect(matches.getByRole('article', { name: 'Tom Hanks' })).toHaveCount(0);        // male, 68
  await expect(matches.getByRole('article', { name: 'Scarlett Johansson' })).toHaveCount(0); // 40
  await screen(page, 'matches');
  const search = page.getByRole('searchbox', { name: 'Search by name' });
  await search.fill('meg');
  await expect(page).toHaveURL(/[?&]q=meg(&|$)/);
  await expect(matches.getByRole('article', { name: 'Meg Ryan' })).toBeVisible();
  await expect(matches.getByRole('article', { name: 'Jodie Foster' })).toHaveCount(0);
  await search.fill('');
  await expect(matches.getByRole('article', { name: 'Jodie Foster' })).toBeVisible();
  for (const name of ['Jodie Foster', 'Meg Ryan', 'Salma Hayek']) {
    await page.getByRole('button', { name: `Add ${name} as candidate` }).click();
    await expect(page.getByText(`${name} added as a candidate for Nana.`)).toBeVisible();
    await expect(matches.getByRole('article', { name })).toHaveCount(0);
  }

  await page.getByRole('link', { name: 'Open the board' }).click();
  await expect(page.getByRole('heading', { name: 'Nana', level: 1 })).toBeVisible();
  await expect(column(page, 'SUGGESTED').getByRole('article')).toHaveCount(3);
  // The columns scroll inside their region; the page itself does not scroll sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await moved(page, 'Jodie Foster', 'SHORTLISTED', 'Shortlisted', () => moveByMenu(page, 'Jodie Foster', 'Shortlisted'));
  await moved(page, 'Meg Ryan', 'SHORTLISTED', 'Shortlisted', () => moveByKeyboard(page, 'Meg Ryan', 'Shortlisted'));
  await moved(page, 'Salma Hayek', 'SHORTLISTED', 'Shortlisted',
    () => drag(card(page, 'SUGGESTED', 'Salma Hayek'), column(page, 'SHORTLISTED')));
  await expect(column(page, 'SHORTLISTED').getByRole('article')).toHaveCount(3);
  await screen(page, 'board-shortlisted');

  await moved(page, 'Jodie Foster', 'AUDITION', 'Audition', () => moveByKeyboard(page, 'Jodie Foster', 'Audition'));
  await moved(page, 'Jodie Foster', 'CALLBACK', 'Callback',
    () => drag(card(page, 'AUDITION', 'Jodie Foster'), column(page, 'CALLBACK')));
  await moved(page, 'Jodie Foster', 'ON_HOLD', 'On hold', () => moveByMenu(page, 'Jodie Foster', 'On hold'));
  await moved(page, 'Jodie Foster', 'BOOKED', 'Booked', () => moveByMenu(page, 'Jodie Foster', 'Booked'));
  await expect(page.getByRole('status').filter({ hasText: 'Jodie Foster is booked as Nana and now in the movie\'s cast.' }))
    .toHaveCount(2);                                               // the snackbar and the screen reader's live region
  const saved = (await api('GET', `/roles/${id}/candidates`, 'director')).body;
  const list = (saved.candidates ?? Object.values(saved).find(Array.isArray)) as { actor: { id: number }; stage: string }[];
  expect(list.find((c) => c.actor.id === 16)!.stage).toBe('BOOKED');
  expect((await api('GET', `/roles/${id}`, 'director')).body.role.status).toBe('CAST');

  // Rating, notes and tags in the side panel.
  await card(page, 'BOOKED', 'Jodie Foster').getByRole('button', { name: 'Details of Jodie Foster' }).click();
  const panel = page.getByRole('dialog', { name: 'Jodie Foster' });
  await panel.locator('label').filter({ hasText: '5 Stars' }).click();
  await panel.getByLabel('Notes').fill('Warm, funny, exactly right.');
  await panel.getByLabel('Tags').fill('lead, callback-1');
  await screen(page, 'board-panel');
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(card(page, 'BOOKED', 'Jodie Foster').getByRole('img', { name: 'Rated 5 of 5' })).toBeVisible();
  await expect(card(page, 'BOOKED', 'Jodie Foster').getByText('callback-1')).toBeVisible();

  // A second booking in the same role: the server's 409 is shown, nothing moves.
  await moveByMenu(page, 'Meg Ryan', 'Booked');
  await expect(page.getByRole('status').filter({ hasText: 'the role has a BOOKED candidate already' })).toBeVisible();
  await expect(card(page, 'SHORTLISTED', 'Meg Ryan')).toBeVisible();
  await expect(column(page, 'BOOKED').getByRole('article')).toHaveCount(1);
  await screen(page, 'board-booked');

  // The booking shows in the movie's cast and in the actor's movies.
  await page.getByRole('link', { name: 'Back to the movie' }).click();
  await expect(page.getByRole('heading', { name: 'Friday', level: 1 })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Cast' }).getByRole('article', { name: 'Jodie Foster' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Roles' }).getByRole('article', { name: 'Nana' }).getByText('Cast', { exact: true })).toBeVisible();
  await page.goto('/app/actors/16');
  await expect(page.getByRole('list', { name: 'Movies' }).getByRole('article', { name: 'Friday' })).toBeVisible();

  // Releasing takes her out of the cast again, and the role is open again.
  await page.goto(`/app/roles/${id}`);
  await moved(page, 'Jodie Foster', 'RELEASED', 'Released', () => moveByMenu(page, 'Jodie Foster', 'Released'));
  await page.getByRole('link', { name: 'Back to the movie' }).click();
  await expect(page.getByRole('heading', { name: 'Friday', level: 1 })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Roles' }).getByRole('article', { name: 'Nana' }).getByText('Open', { exact: true })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Jodie Foster' })).toHaveCount(0);
});

test('director books an actor already booked in the movie only after confirming', async ({ page }) => {
  // Two roles of Lilo & Stitch; Angela Bassett booked in the first through the API.
  const first = await api('POST', '/movies/11/roles', 'director', { name: 'Nani' });
  const second = await api('POST', '/movies/11/roles', 'director', { name: 'Cobra Bubbles' });
  expect([first.status, second.status]).toEqual([201, 201]);
  for (const r of [first.body.id, second.body.id])
    expect((await api('POST', `/roles/${r}/candidates`, 'director', { actorId: 14 })).status).toBe(201);
  const booked = await api('PATCH', `/roles/${first.body.id}/candidates/14`, 'director', [{ op: 'add', path: '/stage', value: 'BOOKED' }],
    { 'Content-Type': 'application/json-patch+json' });
  expect(booked.status).toBe(200);

  await signIn(page, 'director');
  await page.goto(`/app/roles/${second.body.id}`);
  const c = card(page, 'SUGGESTED', 'Angela Bassett');
  await expect(c.getByLabel(/Warning: also a candidate for Nani/)).toBeVisible();
  await moveByMenu(page, 'Angela Bassett', 'Booked');
  const dialog = page.getByRole('dialog', { name: 'Book despite the other booking?' });
  await expect(dialog).toContainText('Angela Bassett is already booked as Nani in this movie.');
  await screen(page, 'board-double-booking');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(card(page, 'SUGGESTED', 'Angela Bassett')).toBeVisible();
  await moveByMenu(page, 'Angela Bassett', 'Booked');
  await dialog.getByRole('button', { name: 'Book anyway' }).click();
  await expect(card(page, 'BOOKED', 'Angela Bassett')).toBeVisible();
});

test('assistant sees a board read-only: no drag, no menu, no editing', async ({ page }) => {
  const made = await api('POST', '/movies/3/roles', 'director', { name: 'Ramonda', gender: 'FEMALE', ageMin: 50, ageMax: 70 });
  expect(made.status).toBe(201);
  expect((await api('POST', `/roles/${made.body.id}/candidates`, 'director', { actorId: 10 })).status).toBe(201);

  await signIn(page, 'assistant');
  await page.goto('/app/movies/3');
  const role = page.getByRole('list', { name: 'Roles' }).getByRole('article', { name: 'Ramonda' });
  await expect(role).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add role' })).toHaveCount(0);
  await expect(role.getByRole('button', { name: /Edit|Delete/ })).toHaveCount(0);
  await screen(page, 'movie-roles-assistant');
  await role.getByRole('link', { name: 'Open the board of Ramonda' }).click();
  await expect(page.getByRole('heading', { name: 'Ramonda', level: 1 })).toBeVisible();
  const c = card(page, 'SUGGESTED', 'Cate Blanchett');
  await expect(c).toBeVisible();
  await expect(c).toHaveAttribute('draggable', 'false');
  await expect(page.getByRole('button', { name: /^Move / })).toHaveCount(0);
  await c.dragTo(column(page, 'BOOKED'));                        // nothing happens
  await expect(card(page, 'SUGGESTED', 'Cate Blanchett')).toBeVisible();
  await screen(page, 'board-assistant');
  await page.setViewportSize({ width: 390, height: 844 });        // phone: the columns scroll, the page does not
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await screen(page, 'board-phone');
  await page.setViewportSize({ width: 1280, height: 900 });
  await c.getByRole('button', { name: 'Details of Cate Blanchett' }).click();
  const panel = page.getByRole('dialog', { name: 'Cate Blanchett' });
  await expect(panel.getByRole('textbox')).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await panel.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('link', { name: 'Find actors' }).click();
  await expect(page.getByRole('heading', { name: 'Find actors for Ramonda' })).toBeVisible();
  await expect(page.getByRole('button', { name: /as candidate/ })).toHaveCount(0);
  await screen(page, 'matches-assistant');
});

test('actors list filters by gender and age range, with search and paging', async ({ page }) => {
  await signIn(page, 'assistant');
  await page.getByRole('link', { name: 'Actors' }).click();
  await page.getByLabel('Gender').click();
  await page.getByRole('option', { name: 'Female' }).click();
  await page.getByLabel('Minimum age').fill('55');
  await page.getByLabel('Maximum age').fill('60');
  await expect(page).toHaveURL(/gender=FEMALE.*ageMin=55.*ageMax=60|ageMin=55.*ageMax=60.*gender=FEMALE/);
  const list = page.getByRole('list', { name: 'Actors' });
  await expect(list.getByRole('article', { name: 'Cate Blanchett' })).toBeVisible();   // 56
  await expect(list.getByRole('article', { name: 'Salma Hayek' })).toBeVisible();      // 58
  await expect(list.getByRole('article')).toHaveCount(2);
  await expect(page.getByText('Page 1 of 1 · 2 actors')).toBeVisible();
  await page.getByLabel('Search actors').fill('salma');
  await expect(list.getByRole('article')).toHaveCount(1);
  await screen(page, 'actors-filtered');
  await page.reload();                                             // the filters live in the address
  await expect(page.getByLabel('Minimum age')).toHaveValue('55');
  await expect(list.getByRole('article', { name: 'Salma Hayek' })).toBeVisible();
});
