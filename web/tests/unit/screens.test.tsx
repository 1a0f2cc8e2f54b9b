// Screens with Testing Library against a scripted API: what each role is
// offered, form validation, server errors on the right field, the 412
// conflict, the duplicate cast message, and the sign-in screen's errors.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AssignCastPage } from '../../src/features/casts/AssignCastPage';
import { HomePage } from '../../src/features/auth/HomePage';
import { MovieFormPage } from '../../src/features/movies/MovieFormPage';
import { MoviesPage } from '../../src/features/movies/MoviesPage';
import { ActorFormPage } from '../../src/features/actors/ActorFormPage';
import { fakeFetch, renderScreen, signedInAs } from './helpers';

const contact = { actors: [], genre: 'SCI_FI', id: 2, posterUrl: null, releaseDate: '1997-07-11', title: 'Contact' };
const list = { 'GET /movies': { status: 200, body: { movies: [contact], offset: 0, success: true, totalMovies: 1 } } };

describe('MoviesPage', () => {
  it('shows an assistant the cards without add, edit or delete', async () => {
    signedInAs('assistant');
    const f = fakeFetch(list);
    renderScreen(<MoviesPage />, { path: '/movies', at: '/movies', fetch: f.fn });
    const card = await screen.findByRole('article', { name: 'Contact' });
    expect(within(card).getByText('Jul 11, 1997')).toBeInTheDocument();
    expect(within(card).getByText('Sci-fi')).toBeInTheDocument();
    expect(within(card).getByRole('img', { name: 'Contact (no picture)' })).toBeInTheDocument();
    expect(screen.getByText('Page 1 of 1 · 1 movie')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Add movie' })).toBeNull();
    expect(within(card).queryByRole('link', { name: 'Edit Contact' })).toBeNull();
    expect(within(card).queryByRole('button', { name: 'Delete Contact' })).toBeNull();
  });

  it('offers a producer add, edit and delete', async () => {
    signedInAs('producer');
    renderScreen(<MoviesPage />, { path: '/movies', at: '/movies', fetch: fakeFetch(list).fn });
    const card = await screen.findByRole('article', { name: 'Contact' });
    expect(screen.getByRole('link', { name: 'Add movie' })).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'Edit Contact' })).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: 'Delete Contact' })).toBeInTheDocument();
  });

  it('searches as you type, once, after a pause', async () => {
    signedInAs('assistant');
    const f = fakeFetch({ 'GET /movies': { status: 200, body: { movies: [], offset: 0, success: true, totalMovies: 0 } } });
    renderScreen(<MoviesPage />, { path: '/movies', at: '/movies', fetch: f.fn });
    await screen.findByText('There are no movies yet.');
    await userEvent.type(screen.getByLabelText('Search movies'), 'star');
    await screen.findByText('No movies match “star”.');
    const searches = f.calls.filter((c) => c.url.includes('search='));
    expect(searches.map((c) => c.url)).toEqual(['/movies?page=1&search=star']);
  });
});

describe('MovieFormPage', () => {
  it('requires a title and a genre before sending anything', async () => {
    signedInAs('producer');
    const f = fakeFetch({});
    renderScreen(<MovieFormPage />, { path: '/movies/new', at: '/movies/new', fetch: f.fn });
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText('A title is required.')).toBeInTheDocument();
    expect(screen.getByText('Choose a genre.')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/Poster URL/), 'javascript:alert(1)');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText('Enter an http:// or https:// address.')).toBeInTheDocument();
    expect(f.calls).toHaveLength(0);
  });

  it('puts a server 400 on the field it names', async () => {
    signedInAs('director');
    const f = fakeFetch({
      'GET /movies/2': { status: 200, body: { movie: contact, success: true }, headers: { ETag: '"e1"' } },
      'PATCH /movies/2': { status: 400, body: { error: 'Bad Request', message: 'operation 0: title is too long', success: false } },
    });
    renderScreen(<MovieFormPage />, { path: '/movies/:id/edit', at: '/movies/2/edit', fetch: f.fn });
    const title = await screen.findByLabelText(/Title/);
    await waitFor(() => expect(title).toHaveValue('Contact'));
    await userEvent.type(title, '!');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('title is too long')).toBeInTheDocument();
    expect(title).toHaveAttribute('aria-invalid', 'true');
    const patch = f.calls.find((c) => c.method === 'PATCH')!;
    expect(patch.headers['If-Match']).toBe('"e1"');
    expect(JSON.parse(patch.body!)).toEqual([{ op: 'add', path: '/title', value: 'Contact!' }]);
  });

  it('explains a 412 and reloads their version on request', async () => {
    signedInAs('director');
    let version = 1;
    const f = fakeFetch({
      'GET /movies/2': () => ({ status: 200, body: { movie: { ...contact, title: version === 1 ? 'Contact' : 'Contact (1997)' }, success: true },
        headers: { ETag: `"v${version}"` } }),
      'PATCH /movies/2': (r) => (r.headers['If-Match'] === `"v${version}"`
        ? { status: 200, body: { id: 2, success: true } }
        : { status: 412, body: { error: 'Precondition Failed', success: false } }),
    });
    renderScreen(<MovieFormPage />, { path: '/movies/:id/edit', at: '/movies/2/edit', fetch: f.fn });
    const title = await screen.findByLabelText(/Title/);
    await waitFor(() => expect(title).toHaveValue('Contact'));
    version = 2;                                   // someone else saves meanwhile
    await userEvent.clear(title);
    await userEvent.type(title, 'Mine');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Someone else changed this movie/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Load their version' }));
    await waitFor(() => expect(screen.getByLabelText(/Title/)).toHaveValue('Contact (1997)'));
  });
});

describe('ActorFormPage', () => {
  it('validates the age and sends numbers, not strings', async () => {
    signedInAs('director');
    const f = fakeFetch({ 'POST /actors': { status: 201, body: { id: 31, success: true } } });
    renderScreen(<ActorFormPage />, { path: '/actors/new', at: '/actors/new', fetch: f.fn });
    await userEvent.type(screen.getByLabelText(/Name/), 'Ada Actor');
    await userEvent.type(screen.getByLabelText(/Age/), '0');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText('Enter an age from 1 to 150.')).toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText(/Age/));
    await userEvent.type(screen.getByLabelText(/Age/), '41');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('elsewhere');             // navigated to the new actor
    expect(JSON.parse(f.calls[0].body!)).toEqual({ name: 'Ada Actor', age: 41, gender: null, photoUrl: null });
  });
});

describe('AssignCastPage', () => {
  it('shows options as "Name | id: N" and a duplicate as a plain message', async () => {
    signedInAs('director');
    const f = fakeFetch({
      'GET /movies': { status: 200, body: { movies: [contact], offset: 0, success: true, totalMovies: 1 } },
      'GET /actors': { status: 200, body: { actors: [{ age: 60, gender: 'FEMALE', id: 16, name: 'Jodie Foster', photoUrl: null }],
        offset: 0, success: true, totalActors: 1 } },
      'POST /casts': { status: 400, body: { error: 'Bad Request', message: 'the actor is already cast in this movie', success: false } },
    });
    renderScreen(<AssignCastPage />, { path: '/casts/new', at: '/casts/new', fetch: f.fn });
    await userEvent.click(screen.getByRole('button', { name: 'Assign' }));
    expect(screen.getByText('Choose a movie.')).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('Movie'));
    await userEvent.click(await screen.findByRole('option', { name: 'Contact | id: 2' }));
    await userEvent.type(screen.getByLabelText('Actor'), 'jod');
    await waitFor(() => expect(f.calls.some((c) => c.url === '/actors?page=1&search=jod')).toBe(true));
    await userEvent.click(await screen.findByRole('option', { name: 'Jodie Foster | id: 16' }));
    await userEvent.click(screen.getByRole('button', { name: 'Assign' }));
    expect(await screen.findByText('Jodie Foster is already cast in “Contact”.')).toBeInTheDocument();
    expect(JSON.parse(f.calls.find((c) => c.method === 'POST')!.body!)).toEqual({ movieId: 2, actorId: 16 });
  });
});

describe('HomePage (sign-in)', () => {
  it('says so on wrong credentials and on throttling', async () => {
    let status = 401;
    const f = fakeFetch({
      'GET /auth/config': { status: 200, body: { builtinLogin: true, oidc: null, success: true } },
      'POST /auth/login': () => ({ status, body: { error: status === 401 ? 'Unauthorized' : 'Too Many Requests', success: false },
        headers: (status === 429 ? { 'Retry-After': '42' } : {}) as Record<string, string> }),
    });
    renderScreen(<HomePage />, { path: '/', at: '/', fetch: f.fn });
    await userEvent.type(screen.getByLabelText(/User name/), 'director');
    await userEvent.type(screen.getByLabelText(/Password/), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Wrong user name or password.')).toBeInTheDocument();
    status = 429;
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Too many attempts. Try again in 42 seconds.')).toBeInTheDocument();
    expect(JSON.parse(f.calls.find((c) => c.method === 'POST')!.body!)).toEqual({ username: 'director', password: 'wrong' });
  });

  it('offers "Sign in with …" when an OIDC provider is configured', async () => {
    const f = fakeFetch({ 'GET /auth/config': { status: 200, body: { builtinLogin: false, success: true, oidc: {
      audience: null, authorizeUrl: 'https://id.example/authorize', clientId: 'spa', name: 'Example ID',
      scopes: 'openid', tokenUrl: 'https://id.example/token' } } } });
    renderScreen(<HomePage />, { path: '/', at: '/', fetch: f.fn });
    expect(await screen.findByRole('button', { name: 'Sign in with Example ID' })).toBeInTheDocument();
    expect(screen.queryByLabelText(/Password/)).toBeNull();
  });

  it('signs in with the token the login answers and greets the user with the role', async () => {
    const { tokenWith, PERMS } = await import('./helpers');
    const token = tokenWith({ sub: '3', exp: Date.now() / 1000 + 600, permissions: PERMS.producer });
    const f = fakeFetch({
      'GET /auth/config': { status: 200, body: { builtinLogin: true, oidc: null, success: true } },
      'POST /auth/login': { status: 200, body: { accessToken: token, expiresIn: 600, tokenType: 'Bearer',
        user: { displayName: 'Pat', id: 3, permissions: PERMS.producer, role: 'producer', username: 'pat' } } },
    });
    renderScreen(<HomePage />, { path: '/', at: '/', fetch: f.fn });
    await userEvent.type(screen.getByLabelText(/User name/), 'pat');
    await userEvent.type(screen.getByLabelText(/Password/), 'secret');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByText('elsewhere');            // went on to /movies
    expect(JSON.parse(localStorage.getItem('audition.session')!).user.displayName).toBe('Pat');
  });
});
