// The casting office's journeys in a real browser against a real server: one
// per role, sign-in (failure too), a concurrent edit, 401/403 handling, phone
// width, keyboard use. Each screen is photographed and checked with axe.
import { api, expect, injectSession, screen, signIn, state, test } from './fixtures';

test('sign-in screen: accessible, offers the built-in login and a token field', async ({ page }) => {
  await page.goto('/');                     // the server sends browsers on to /app/
  await expect(page).toHaveURL(/\/app\/$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByLabel('User name')).toBeVisible();
  await screen(page, 'login');
});

test('login failure shows a clear message and stays signed out', async ({ page }) => {
  await page.goto('/app/');
  await page.getByLabel('User name').fill(state.users!.director.username);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(/Wrong user name or password/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await screen(page, 'login-failed');
});

test('repeated failures are throttled, and the screen says how long to wait', async ({ page }) => {
  await page.goto('/app/');
  await page.getByLabel('User name').fill('e2e-nobody');
  await page.getByLabel('Password').fill('guess');
  const alert = page.getByRole('alert');
  for (let i = 0; i < 12; i++) {
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(alert).toHaveText(/Wrong user name or password|Too many attempts/);
    if (/Too many attempts/.test(await alert.innerText())) break;
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
  }
  await expect(alert).toHaveText(/Too many attempts\. Try again in \d+ seconds\./);
});

test('assistant browses and searches, and is offered no changes', async ({ page }) => {
  await signIn(page, 'assistant');
  await page.goto('/app/');
  await expect(page.getByTestId('whoami')).toContainText('Casting assistant');
  await expect(page.getByRole('link', { name: 'Casts' })).toHaveCount(0);
  await screen(page, 'home');

  await page.getByRole('link', { name: 'Movies' }).click();
  await expect(page.getByText('Page 1 of 2 · 11 movies')).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(10);
  await expect(page.getByRole('link', { name: 'Add movie' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /^Edit / })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Delete / })).toHaveCount(0);
  await screen(page, 'movies');

  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Page 2 of 2 · 11 movies')).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(1);

  await page.getByLabel('Search movies').fill('apol');
  await expect(page.getByText('Page 1 of 1 · 1 movie')).toBeVisible();
  await expect(page.getByRole('article', { name: 'Apollo 13' })).toBeVisible();
  await page.getByLabel('Search movies').fill('no such film');
  await expect(page.getByText('No movies match “no such film”.')).toBeVisible();
  await screen(page, 'movies-empty');

  await page.goto('/app/movies/2');
  await expect(page.getByRole('heading', { name: 'Contact', level: 1 })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Cast' }).getByRole('article').first()).toBeVisible();
  await expect(page.getByRole('button', { name: /Remove|Delete/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);
  await screen(page, 'movie');

  await page.getByRole('link', { name: 'Actors' }).click();
  await expect(page.getByText(/Page 1 of 2 · 19 actors/)).toBeVisible();
  await page.getByLabel('Search actors').fill('hanks');
  await expect(page.getByRole('article')).toHaveCount(1);
  await screen(page, 'actors');
  await page.getByRole('link', { name: 'View Tom Hanks' }).click();
  await expect(page.getByRole('heading', { name: 'Tom Hanks' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Movies' }).getByRole('article', { name: 'Apollo 13' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);
  await screen(page, 'actor');

  await page.goto('/app/movies/new');
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await page.goto('/app/no/such/page');
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await screen(page, 'not-found');

  await page.goto('/app/actors');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.goto('/app/movies');                                  // signed out: back to sign-in
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('director edits an actor, assigns a cast (and is told of a duplicate), removes it', async ({ page }) => {
  await signIn(page, 'director');
  await expect(page.getByRole('link', { name: 'Add movie' })).toHaveCount(0);
  await page.goto('/app/actors/17');                               // Meg Ryan
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await expect(page.getByLabel('Name')).toHaveValue('Meg Ryan');
  await page.getByLabel('Age').fill('');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Enter an age from 1 to 150.')).toBeVisible();
  await page.getByLabel('Age').fill('63');
  await page.getByLabel('Photo URL').fill('https://example.org/meg.jpg');
  await screen(page, 'actor-form');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('The actor was saved.')).toBeVisible();
  await expect(page.getByText('63 years')).toBeVisible();
  expect((await api('GET', '/actors/17', 'director')).body.actor.age).toBe(63);

  await page.getByRole('link', { name: 'Assign cast' }).click();
  await page.getByLabel('Movie').fill('red');
  await page.getByRole('option', { name: 'Red Notice | id: 5' }).click();
  await page.getByLabel('Actor').fill('meg');
  await page.getByRole('option', { name: 'Meg Ryan | id: 17' }).click();
  await page.getByRole('button', { name: 'Assign' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Meg Ryan is now cast in “Red Notice”.' })).toBeVisible();
  await page.getByRole('button', { name: 'Assign' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Meg Ryan is already cast in “Red Notice”.' })).toBeVisible();
  await screen(page, 'assign-cast');

  await page.getByRole('link', { name: 'View movie' }).click();
  await expect(page.getByRole('heading', { name: 'Red Notice', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete movie' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Remove Meg Ryan from the cast' }).click();
  await expect(page.getByText('Meg Ryan removed from the cast of “Red Notice”.')).toBeVisible();
  await expect(page.getByRole('article', { name: 'Meg Ryan' })).toHaveCount(0);
  const movie = (await api('GET', '/movies/5', 'director')).body.movie;
  expect(movie.actors.map((a: { name: string }) => a.name)).not.toContain('Meg Ryan');
});

test('producer creates, edits and deletes a movie', async ({ page }) => {
  await signIn(page, 'producer');
  await page.getByRole('link', { name: 'Add movie' }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('A title is required.')).toBeVisible();
  await expect(page.getByText('Choose a genre.')).toBeVisible();
  await page.getByLabel('Title').fill('  The Casting Office  ');
  await page.getByLabel('Genre').click();
  await page.getByRole('option', { name: 'Comedy' }).click();
  await page.getByLabel('Release date').fill('2024-02-29');
  await screen(page, 'movie-form');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('The movie was added.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The Casting Office', level: 1 })).toBeVisible();
  await expect(page.getByText('Feb 29, 2024')).toBeVisible();
  const id = Number(new URL(page.url()).pathname.split('/').pop());

  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await page.getByLabel('Title').fill('The Casting Office II');
  await page.getByLabel('Genre').click();
  await page.getByRole('option', { name: 'Drama' }).click();
  await page.getByLabel('Release date').fill('');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('The movie was saved.')).toBeVisible();
  const saved = (await api('GET', `/movies/${id}`, 'producer')).body.movie;
  expect(saved).toMatchObject({ title: 'The Casting Office II', genre: 'DRAMA', releaseDate: null });

  await page.getByRole('button', { name: 'Delete movie' }).click();
  await expect(page.getByRole('dialog', { name: 'Delete this movie?' })).toBeVisible();
  await screen(page, 'movie-delete-confirm');
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('Deleted “The Casting Office II”.')).toBeVisible();
  await expect(page).toHaveURL(/\/app\/movies$/);
  expect((await api('GET', `/movies/${id}`, 'producer')).status).toBe(404);
});

test('a concurrent edit is explained (412) and can be redone on their version', async ({ page }) => {
  await signIn(page, 'director');
  await page.goto('/app/movies/6/edit');                           // Top Gun
  await expect(page.getByLabel('Title')).toHaveValue('Top Gun');
  const other = await api('PATCH', '/movies/6', 'producer', [{ op: 'add', path: '/posterUrl', value: 'https://example.org/tg.jpg' }],
    { 'Content-Type': 'application/json-patch+json' });
  expect(other.status).toBe(200);
  await page.getByLabel('Title').fill('Top Gun (1986)');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Someone else changed this movie' })).toBeVisible();
  await screen(page, 'movie-conflict');
  expect((await api('GET', '/movies/6', 'director')).body.movie.title).toBe('Top Gun');
  await page.getByRole('button', { name: 'Load their version' }).click();
  await expect(page.getByLabel('Poster URL')).toHaveValue('https://example.org/tg.jpg');
  await page.getByLabel('Title').fill('Top Gun (1986)');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('The movie was saved.')).toBeVisible();
  expect((await api('GET', '/movies/6', 'director')).body.movie).toMatchObject({
    title: 'Top Gun (1986)', posterUrl: 'https://example.org/tg.jpg' });
});

test('a 403 from the server is reported, a 401 ends the session', async ({ page }) => {
  // The app believes it may delete (a stale session), the server knows better.
  await injectSession(page, { token: state.tokens.assistant, user: {
    displayName: 'stale', username: 'stale', role: 'producer',
    permissions: ['read:movies', 'read:actors', 'delete:movies'] } });
  await page.getByRole('button', { name: 'Delete Apollo 13' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('Your role does not allow this action.')).toBeVisible();
  expect((await api('GET', '/movies/1', 'assistant')).status).toBe(200);

  const forged = state.tokens.assistant.replace(/\.[^.]+$/, '.AAAA');
  await injectSession(page, { token: forged });
  await expect(page.getByText('Your session has ended. Please sign in again.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('phone width: no sideways scrolling, and the keyboard reaches everything', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'producer');
  await expect(page.getByRole('article').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await screen(page, 'movies-phone');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.getByRole('link', { name: 'View Apollo 13' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Apollo 13', level: 1 })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await screen(page, 'movie-phone');
});
