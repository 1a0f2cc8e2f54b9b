// The actor and movie pages (ActorPage, MoviePage) share their frame: a
// loading indicator, "does not exist" for a 404, an error with Retry, removing
// a cast link, and deleting after confirming (then back to the list, or the
// reason it failed, staying on the page).
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ActorPage } from '../../src/features/actors/ActorPage';
import { MoviePage } from '../../src/features/movies/MoviePage';
import { fakeFetch, renderScreen, signedInAs, type Recorded } from './helpers';

const jodie = { age: 62, gender: 'FEMALE', id: 16, name: 'Jodie Foster', photoUrl: null };
const contact = { genre: 'SCI_FI', id: 2, posterUrl: null, releaseDate: '1997-07-11', title: 'Contact' };

const pages = [
  {
    noun: 'actor', ui: <ActorPage />, path: '/actors/:id', at: '/actors/16', get: 'GET /actors/16', del: 'DELETE /actors/16',
    body: (withCast: boolean) => ({ actor: { ...jodie, movies: withCast ? [contact] : [] }, success: true }),
    name: 'Jodie Foster', deleteButton: 'Delete actor', deleted: 'Deleted Jodie Foster.',
    removeButton: 'Remove Jodie Foster from Contact', removed: 'Jodie Foster removed from the cast of “Contact”.',
  },
  {
    noun: 'movie', ui: <MoviePage />, path: '/movies/:id', at: '/movies/2', get: 'GET /movies/2', del: 'DELETE /movies/2',
    body: (withCast: boolean) => ({ movie: { ...contact, actors: withCast ? [jodie] : [] }, success: true }),
    name: 'Contact', deleteButton: 'Delete movie', deleted: 'Deleted “Contact”.',
    removeButton: 'Remove Jodie Foster from the cast', removed: 'Jodie Foster removed from the cast of “Contact”.',
  },
];

const extra = { 'GET /movies/2/roles': { status: 200, body: { roles: [], success: true, totalRoles: 0 } } };

describe.each(pages)('the $noun page', (p) => {
  it('shows loading, then says a missing one does not exist', async () => {
    signedInAs('producer');
    const f = fakeFetch({ ...extra, [p.get]: { status: 404, body: { error: 'Not Found', success: false } } });
    renderScreen(p.ui, { path: p.path, at: p.at, fetch: f.fn });
    expect(screen.getByRole('progressbar', { name: `Loading ${p.noun}` })).toBeInTheDocument();
    expect(await screen.findByText(`This ${p.noun} does not exist (any more).`)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('offers Retry after another error, and shows it once it loads', async () => {
    signedInAs('producer');
    let failed = false;
    const f = fakeFetch({
      ...extra,
      [p.get]: () => failed ? { status: 200, body: p.body(false) }
        : (failed = true, { status: 503, body: { error: 'Service Unavailable', message: 'try later', success: false } }),
    });
    renderScreen(p.ui, { path: p.path, at: p.at, fetch: f.fn });
    await userEvent.click(await screen.findByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { name: p.name, level: 1 })).toBeInTheDocument();
  });

  it('removes a cast link and reads it again', async () => {
    signedInAs('producer');
    let removed = false;
    const f = fakeFetch({
      ...extra,
      [p.get]: () => ({ status: 200, body: p.body(!removed) }),
      'DELETE /casts/movies/2/actors/16': () => { removed = true; return { status: 204 }; },
    });
    renderScreen(p.ui, { path: p.path, at: p.at, fetch: f.fn });
    await userEvent.click(await screen.findByRole('button', { name: p.removeButton }));
    expect(await screen.findByText(p.removed)).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('button', { name: p.removeButton })).toBeNull());
    expect(f.calls.filter((c) => c.url === p.get.split(' ')[1])).toHaveLength(2);
  });

  it('deletes after confirming and goes back to the list', async () => {
    signedInAs('producer');
    const f = fakeFetch({ ...extra, [p.get]: { status: 200, body: p.body(false) }, [p.del]: { status: 204 } });
    renderScreen(p.ui, { path: p.path, at: p.at, fetch: f.fn });
    await userEvent.click(await screen.findByRole('button', { name: p.deleteButton }));
    const dialog = screen.getByRole('dialog');
    expect(f.calls.some((c: Recorded) => c.method === 'DELETE')).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('elsewhere')).toBeInTheDocument();
    expect(screen.getByText(p.deleted)).toBeInTheDocument();
  });

  it('says why a delete failed and stays on the page', async () => {
    signedInAs('producer');
    const f = fakeFetch({ ...extra, [p.get]: { status: 200, body: p.body(false) },
      [p.del]: { status: 403, body: { error: 'Forbidden', success: false } } });
    renderScreen(p.ui, { path: p.path, at: p.at, fetch: f.fn });
    await userEvent.click(await screen.findByRole('button', { name: p.deleteButton }));
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Your role does not allow this action.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('heading', { name: p.name, level: 1 })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: p.deleteButton })).toBeEnabled();
  });
});
