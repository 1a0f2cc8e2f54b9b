// The casting screens against a scripted API: the movie's roles (order,
// role-dependent controls, the add/edit dialog's validation and requests), the
// role board (moves by menu and by drag and drop, the double-booking question
// and its ?confirm=true retry, a second booking's 409, read-only for
// assistants), the candidate panel, "Find actors" and the actor filters.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { Candidate, Role } from '../../src/api/types';
import { ActorsPage } from '../../src/features/actors/ActorsPage';
import { CandidatePanel } from '../../src/features/roles/CandidatePanel';
import { MatchesPage } from '../../src/features/roles/MatchesPage';
import { RoleBoardPage } from '../../src/features/roles/RoleBoardPage';
import { RolesSection } from '../../src/features/roles/RolesSection';
import { fakeFetch, renderScreen, signedInAs, type Recorded } from './helpers';

const role = (o: Partial<Role>): Role => ({
  ageMax: null, ageMin: null, billing: null, candidateCount: 0, description: null, gender: null, id: 1, movieId: 2,
  name: 'Someone', status: 'OPEN', ...o,
});
const ellie = role({ id: 7, name: 'Ellie Arroway', billing: 1, ageMin: 30, ageMax: 45, gender: 'FEMALE', candidateCount: 3 });
const roles = [role({ id: 9, name: 'Zed' }), role({ id: 8, name: 'Kent', billing: 2 }), role({ id: 10, name: 'Alma' }), ellie];
const rolesReply = { status: 200, body: { roles, success: true, totalRoles: 4 } };

const actor = (id: number, name: string, age = 40) => ({ age, gender: 'FEMALE' as const, id, name, photoUrl: null });
const cand = (id: number, name: string, stage: Candidate['stage'], o: Partial<Candidate> = {}): Candidate => ({
  actor: actor(id, name), notes: null, otherRoles: [], rating: null, stage, tags: [], updatedAt: '2026-12-04T10:00:00Z', ...o,
});

describe('RolesSection', () => {
  it('lists roles in billing order, unbilled last by name, read-only for an assistant', async () => {
    signedInAs('assistant');
    const f = fakeFetch({ 'GET /movies/2/roles': rolesReply });
    renderScreen(<RolesSection movieId={2} />, { path: '/movies/:id', at: '/movies/2', fetch: f.fn });
    const list = await screen.findByRole('list', { name: 'Roles' });
    expect(within(list).getAllByRole('article').map((a) => a.getAttribute('aria-label')))
      .toEqual(['Ellie Arroway', 'Kent', 'Alma', 'Zed']);
    const card = within(list).getByRole('article', { name: 'Ellie Arroway' });
    expect(within(card).getByText('Billing 1 · Female · 30–45 years')).toBeInTheDocument();
    expect(within(card).getByText('3 candidates')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'Open the board of Ellie Arroway' })).toHaveAttribute('href', '/roles/7');
    expect(screen.queryByRole('button', { name: 'Add role' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Edit |^Delete / })).toBeNull();
  });

  it('lets a director add a role after checking the age range, and sends numbers', async () => {
    signedInAs('director');
    let posted: Recorded | null = null;
    const f = fakeFetch({
      'GET /movies/2/roles': rolesReply,
      'POST /movies/2/roles': (r) => { posted = r; return { status: 201, body: { id: 11, success: true } }; },
    });
    renderScreen(<RolesSection movieId={2} />, { path: '/movies/:id', at: '/movies/2', fetch: f.fn });
    await userEvent.click(await screen.findByRole('button', { name: 'Add role' }));
    const dialog = screen.getByRole('dialog', { name: 'Add role' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByText('A name is required.')).toBeInTheDocument();
    await userEvent.type(within(dialog).getByLabelText(/Name/), 'Palmer Joss');
    await userEvent.type(within(dialog).getByLabelText('Minimum age'), '50');
    await userEvent.type(within(dialog).getByLabelText('Maximum age'), '40');
    await userEvent.type(within(dialog).getByLabelText('Billing'), '0');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByText('Must not be below the minimum age.')).toBeInTheDocument();
    expect(within(dialog).getByText('Enter a whole number from 1.')).toBeInTheDocument();
    expect(posted).toBeNull();
    await userEvent.clear(within(dialog).getByLabelText('Maximum age'));
    await userEvent.type(within(dialog).getByLabelText('Maximum age'), '60');
    await userEvent.clear(within(dialog).getByLabelText('Billing'));
    await userEvent.type(within(dialog).getByLabelText('Billing'), '3');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The role “Palmer Joss” was added.')).toBeInTheDocument();
    expect(JSON.parse(posted!.body!)).toEqual({
      name: 'Palmer Joss', description: null, gender: null, ageMin: 50, ageMax: 60, billing: 3, status: 'OPEN' });
    expect(f.calls.filter((c) => c.url.startsWith('/movies/2/roles') && c.method === 'GET').length).toBeGreaterThan(1);
  });

  it('edits with JSON Patch and If-Match, and puts a server 400 on its field', async () => {
    signedInAs('producer');
    const f = fakeFetch({
      'GET /movies/2/roles': rolesReply,
      'GET /roles/7': { status: 200, body: { role: ellie, success: true }, headers: { ETag: '"r7"' } },
      'PATCH /roles/7': { status: 400, body: { error: 'Bad Request', message: 'operation 0: billing 1 is taken in this movie', success: false } },
    });
    renderScreen(<RolesSection movieId={2} />, { path: '/movies/:id', at: '/movies/2', fetch: f.fn });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit Ellie Arroway' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit role' });
    await waitFor(() => expect(f.calls.some((c) => c.url === '/roles/7')).toBe(true));
    await userEvent.clear(within(dialog).getByLabelText('Maximum age'));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('billing 1 is taken in this movie')).toBeInTheDocument();
    const patch = f.calls.find((c) => c.method === 'PATCH')!;
    expect(patch.headers['If-Match']).toBe('"r7"');
    expect(JSON.parse(patch.body!)).toEqual([{ op: 'remove', path: '/ageMax' }]);
  });

  it('deletes a role after confirming', async () => {
    signedInAs('director');
    const f = fakeFetch({ 'GET /movies/2/roles': rolesReply, 'DELETE /roles/8': { status: 200, body: { id: 8, success: true } } });
    renderScreen(<RolesSection movieId={2} />, { path: '/movies/:id', at: '/movies/2', fetch: f.fn });
    await userEvent.click(await screen.findByRole('button', { name: 'Delete Kent' }));
    await userEvent.click(within(screen.getByRole('dialog', { name: 'Delete this role?' })).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('The role “Kent” was deleted.')).toBeInTheDocument();
    expect(f.calls.some((c) => c.method === 'DELETE' && c.url === '/roles/8')).toBe(true);
  });
});

/** A board API whose candidates change with each accepted PATCH. */
function boardApi(initial: Candidate[], onPatch?: (r: Recorded, c: Candidate) => { status: number; body?: unknown } | null) {
  let list = initial.map((c) => ({ ...c }));
  const f = fakeFetch({
    'GET /roles/7': { status: 200, body: { role: ellie, success: true }, headers: { ETag: '"r7"' } },
    'GET /roles/7/candidates': () => ({ status: 200, body: { candidates: list, success: true, totalCandidates: list.length } }),
  });
  const base = f.fn;
  const fn: typeof f.fn = async (url, init) => {
    const m = /^\/roles\/7\/candidates\/(\d+)/.exec(url);
    if (init?.method === 'PATCH' && m) {
      const res = await base(url, init);               // records the call (answers 404)
      void res;
      const rec = f.calls[f.calls.length - 1];
      const c = list.find((x) => x.actor.id === Number(m[1]))!;
      const special = onPatch?.(rec, c);
      if (special) return new Response(JSON.stringify(special.body ?? {}), { status: special.status });
      for (const op of JSON.parse(String(init.body)) as { op: string; path: string; value?: unknown }[]) {
        const key = op.path.slice(1) as 'stage' | 'rating' | 'notes' | 'tags';
        list = list.map((x) => (x.actor.id === c.actor.id ? { ...x, [key]: op.op === 'remove' ? null : op.value } : x));
      }
      return new Response(JSON.stringify({ success: true }), { status: 200 });
    }
    return base(url, init);
  };
  return { fn, calls: f.calls };
}

const column = (stage: string) => screen.getByTestId(`column-${stage}`);

describe('RoleBoardPage', () => {
  it('shows a column per stage with the cards: photo, age, stars, tags and the other-roles warning', async () => {
    signedInAs('director');
    const b = boardApi([
      cand(16, 'Jodie Foster', 'SHORTLISTED', { rating: 4, tags: ['lead'], otherRoles: [{ movieId: 3, roleId: 12, roleName: 'Nell', stage: 'AUDITION' }] }),
      cand(17, 'Meg Ryan', 'SUGGESTED'),
    ]);
    renderScreen(<RoleBoardPage />, { path: '/roles/:id', at: '/roles/7', fetch: b.fn });
    expect(await screen.findByRole('heading', { name: 'Ellie Arroway', level: 1 })).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Suggested (1)', 'Shortlisted (1)', 'Audition (0)', 'Callback (0)', 'On hold (0)', 'Booked (0)', 'Released (0)']);
    const card = within(column('SHORTLISTED')).getByRole('article', { name: 'Jodie Foster' });
    expect(within(card).getByText('40 years')).toBeInTheDocument();
    expect(within(card).getByRole('img', { name: 'Rated 4 of 5' })).toBeInTheDocument();
    expect(within(card).getByText('lead')).toBeInTheDocument();
    expect(within(card).getByLabelText('Warning: also a candidate for Nell (Audition)')).toBeInTheDocument();
    expect(card).toHaveAttribute('draggable', 'true');
    expect(b.calls.map((c) => c.url)).toContain('/roles/7/candidates?page=1');
  });

  it('moves a card with the "Move to…" menu (keyboard) and says so', async () => {
    signedInAs('director');
    const b = boardApi([cand(16, 'Jodie Foster', 'SHORTLISTED')]);
    renderScreen(<RoleBoardPage />, { path: '/roles/:id', at: '/roles/7', fetch: b.fn });
    const move = await screen.findByRole('button', { name: 'Move Jodie Foster to…' });
    move.focus();
    await userEvent.keyboard('{Enter}');
    const menu = await screen.findByRole('menu');
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Audition' }));
    await waitFor(() => expect(within(column('AUDITION')).getByRole('article', { name: 'Jodie Foster' })).toBeInTheDocument());
    const patch = b.calls.find((c) => c.method === 'PATCH')!;
    expect(patch.url).toBe('/roles/7/candidates/16');
    expect(patch.headers['Content-Type']).toBe('application/json-patch+json');
    expect(JSON.parse(patch.body!)).toEqual([{ op: 'add', path: '/stage', value: 'AUDITION' }]);
    expect((await screen.findAllByText('Jodie Foster moved to Audition.')).length).toBeGreaterThan(0);
  });

  it('offers only "Released" out of Booked', async () => {
    signedInAs('director');
    renderScreen(<RoleBoardPage />, { path: '/roles/:id', at: '/roles/7', fetch: boardApi([cand(16, 'Jodie Foster', 'BOOKED')]).fn });
    await userEvent.click(await screen.findByRole('button', { name: 'Move Jodie Foster to…' }));
    const menu = await screen.findByRole('menu');
    expect(within(menu).getByRole('menuitem', { name: 'Released' })).not.toHaveAttribute('aria-disabled');
    expect(within(menu).getByRole('menuitem', { name: 'Callback' })).toHaveAttribute('aria-disabled', 'true');
  });

  it('moves a card by drag and drop', async () => {
    signedInAs('director');
    const b = boardApi([cand(17, 'Meg Ryan', 'SUGGESTED')]);
    renderScreen(<RoleBoardPage />, { path: '/roles/:id', at: '/roles/7', fetch: b.fn });
    const card = await screen.findByRole('article', { name: 'Meg Ryan' });
    const store = new Map<string, string>();
    const dataTransfer = {
      setData: (t: string, v: string) => store.set(t, v), getData: (t: string) => store.get(t) ?? '',
      get types() { return [...store.keys()]; }, effectAllowed: 'all', dropEffect: 'none',
    };
    fireEvent.dragStart(card, { dataTransfer });
    fireEvent.dragOver(column('CALLBACK'), { dataTransfer });
    fireEvent.drop(column('CALLBACK'), { dataTransfer });
    await waitFor(() => expect(within(column('CALLBACK')).getByRole('article', { name: 'Meg Ryan' })).toBeInTheDocument());
    expect(JSON.parse(b.calls.find((c) => c.method === 'PATCH')!.body!)).toEqual([{ op: 'add', path: '/stage', value: 'CALLBACK' }]);
  });

  it('asks before booking an actor booked in another role of the movie, then books with ?confirm=true', async () => {
    signedInAs('director');
    const b = boardApi([cand(16, 'Jodie Foster', 'ON_HOLD', {
      otherRoles: [{ movieId: 2, roleId: 8, roleName: 'Kent', stage: 'BOOKED' }] })],
    (r) => (r.url.endsWith('?confirm=true') ? null
      : { status: 409, body: { error: 'Conflict', message: 'the actor is already booked as Kent in this movie', success: false } }));
    renderScreen(<RoleBoardPage />, { path: '/roles/:id', at: '/roles/7', fetch: b.fn });
    await userEvent.click(await screen.findByRole('button', { name: 'Move Jodie Foster to…' }));
    await userEvent.click(within(await screen.findByRole('menu')).getByRole('menuitem', { name: 'Booked' }));
    const dialog = await screen.findByRole('dialog', { name: 'Book despite the other booking?' });
    expect(within(dialog).getByText(/Jodie Foster is already booked as Kent in this movie\. Book them as Ellie Arroway as well\?/)).toBeInTheDocument();
    expect(within(column('ON_HOLD')).getByTestId('candidate-16')).toBeInTheDocument();   // not moved while asking
    await userEvent.click(within(dialog).getByRole('button', { name: 'Book anyway' }));
    await waitFor(() => expect(within(column('BOOKED')).getByRole('article', { name: 'Jodie Foster' })).toBeInTheDocument());
    expect(b.calls.filter((c) => c.method === 'PATCH').map((c) => c.url))
      .toEqual(['/roles/7/candidates/16', '/roles/7/candidates/16?confirm=true']);
  });

  it('shows the 409 of a second booking in the same role and keeps the card where it was', async () => {
    signedInAs('director');
    const b = boardApi([cand(16, 'Jodie Foster', 'BOOKED'), cand(17, 'Meg Ryan', 'CALLBACK')],
      () => ({ status: 409, body: { error: 'Conflict', message: 'this role already has a booked candidate', success: false } }));
    renderScreen(<RoleBoardPage />, { path: '/roles/:id', at: '/roles/7', fetch: b.fn });
    await userEvent.click(await screen.findByRole('button', { name: 'Move Meg Ryan to…' }));
    await userEvent.click(within(await screen.findByRole('menu')).getByRole('menuitem', { name: 'Booked' }));
    expect(await screen.findByText('this role already has a booked candidate')).toBeInTheDocument();
    expect(screen.queryByRole('dialog', { name: 'Book despite the other booking?' })).toBeNull();
    expect(within(column('CALLBACK')).getByRole('article', { name: 'Meg Ryan' })).toBeInTheDocument();
  });

  it('is read-only for an assistant: no drag, no menu, no editing in the panel', async () => {
    signedInAs('assistant');
    const b = boardApi([cand(16, 'Jodie Foster', 'SHORTLISTED', { notes: 'Great read.', rating: 5 })]);
    renderScreen(<RoleBoardPage />, { path: '/roles/:id', at: '/roles/7', fetch: b.fn });
    const card = await screen.findByRole('article', { name: 'Jodie Foster' });
    expect(card).toHaveAttribute('draggable', 'false');
    expect(screen.queryByRole('button', { name: /^Move / })).toBeNull();
    expect(screen.getByText('You can view this board; your role does not allow changes.')).toBeInTheDocument();
    await userEvent.click(within(card).getByRole('button', { name: 'Details of Jodie Foster' }));
    const panel = await screen.findByRole('dialog', { name: 'Jodie Foster' });
    expect(within(panel).getByText('Great read.')).toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: 'Save' })).toBeNull();
    expect(within(panel).queryByRole('textbox')).toBeNull();
    expect(within(panel).queryByRole('button', { name: 'Remove from role' })).toBeNull();
  });

  it('saves rating, notes and tags from the side panel as one patch', async () => {
    signedInAs('director');
    const b = boardApi([cand(16, 'Jodie Foster', 'SHORTLISTED', { rating: 2, tags: ['old'] })]);
    renderScreen(<RoleBoardPage />, { path: '/roles/:id', at: '/roles/7', fetch: b.fn });
    await userEvent.click(await screen.findByRole('button', { name: 'Details of Jodie Foster' }));
    const panel = await screen.findByRole('dialog', { name: 'Jodie Foster' });
    fireEvent.click(within(panel).getByRole('radio', { name: '4 Stars' }));   // (jsdom has no layout for hover)
    await userEvent.type(within(panel).getByLabelText('Notes'), 'Strong audition tape.');
    const tags = within(panel).getByLabelText('Tags');
    await userEvent.clear(tags);
    await userEvent.type(tags, 'callback-1, lead , callback-1,');
    await userEvent.click(within(panel).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(within(column('SHORTLISTED')).getByText('lead')).toBeInTheDocument());
    expect(JSON.parse(b.calls.find((c) => c.method === 'PATCH')!.body!)).toEqual([
      { op: 'add', path: '/rating', value: 4 },
      { op: 'add', path: '/notes', value: 'Strong audition tape.' },
      { op: 'add', path: '/tags', value: ['callback-1', 'lead'] },
    ]);
  });
});

/** The board API plus GET /roles/7/votes answering `votes()` at each call. */
function boardWithVotes(initial: Candidate[], votes: () => { actorId: number; down: number; up: number }[]) {
  const b = boardApi(initial);
  const fn: typeof b.fn = async (url, init) => {
    if ((init?.method ?? 'GET') === 'GET' && url === '/roles/7/votes') {
      b.calls.push({ method: 'GET', url, headers: {}, body: undefined });
      return new Response(JSON.stringify({ success: true, votes: votes() }), { status: 200 });
    }
    return b.fn(url, init);
  };
  return { fn, calls: b.calls };
}

describe('RoleBoardPage share-link votes', () => {
  it('shows each candidate\'s vote totals on the card, none without votes, and refreshes them with the board', async () => {
    signedInAs('director');
    let up = 3;
    const b = boardWithVotes([cand(16, 'Jodie Foster', 'SHORTLISTED'), cand(17, 'Meg Ryan', 'SUGGESTED'), cand(18, 'Angela Bassett', 'SUGGESTED')],
      () => [{ actorId: 16, up, down: 1 }, { actorId: 18, up: 0, down: 0 }]);
    renderScreen(<RoleBoardPage />, { path: '/roles/:id', at: '/roles/7', fetch: b.fn });
    const jodie = await screen.findByRole('article', { name: 'Jodie Foster' });
    const badge = await within(jodie).findByRole('img', { name: '3 thumbs up, 1 thumbs down' });
    expect(badge).toHaveTextContent('31');
    expect(within(screen.getByRole('article', { name: 'Meg Ryan' })).queryByRole('img', { name: /thumbs/ })).toBeNull();
    expect(within(screen.getByRole('article', { name: 'Angela Bassett' })).queryByRole('img', { name: /thumbs/ })).toBeNull();
    up = 4;                                                            // a viewer votes; the next reload shows it
    await userEvent.click(within(jodie).getByRole('button', { name: 'Move Jodie Foster to…' }));
    await userEvent.click(within(await screen.findByRole('menu')).getByRole('menuitem', { name: 'Audition' }));
    const moved = await within(column('AUDITION')).findByRole('article', { name: 'Jodie Foster' });
    expect(await within(moved).findByRole('img', { name: '4 thumbs up, 1 thumbs down' })).toBeInTheDocument();
    expect(b.calls.filter((c) => c.url === '/roles/7/votes').length).toBe(2);
  });

  it('shows the votes to an assistant too, and the board still loads when the votes cannot be read', async () => {
    signedInAs('assistant');
    const b = boardWithVotes([cand(16, 'Jodie Foster', 'SHORTLISTED')], () => [{ actorId: 16, up: 0, down: 2 }]);
    renderScreen(<RoleBoardPage />, { path: '/roles/:id', at: '/roles/7', fetch: b.fn });
    const jodie = await screen.findByRole('article', { name: 'Jodie Foster' });
    expect(await within(jodie).findByRole('img', { name: '0 thumbs up, 2 thumbs down' })).toBeInTheDocument();

    const plain = boardApi([cand(17, 'Meg Ryan', 'SUGGESTED')]);        // GET /roles/7/votes answers 404
    renderScreen(<RoleBoardPage />, { path: '/roles/:id', at: '/roles/7', fetch: plain.fn });
    const meg = await screen.findByRole('article', { name: 'Meg Ryan' });
    expect(within(meg).queryByRole('img', { name: /thumbs/ })).toBeNull();
    expect(plain.calls.map((c) => c.url)).toContain('/roles/7/votes');
  });
});

describe('CandidatePanel removal', () => {
  it('removes a candidate after confirming (delete:casts) and reloads the board', async () => {
    signedInAs('director');
    let gone = false;
    const f = fakeFetch({
      'GET /roles/7': { status: 200, body: { role: ellie, success: true } },
      'GET /roles/7/candidates': () => ({ status: 200, body: { candidates: gone ? [] : [cand(17, 'Meg Ryan', 'SUGGESTED')], success: true, totalCandidates: gone ? 0 : 1 } }),
      'DELETE /roles/7/candidates/17': () => { gone = true; return { status: 200, body: { id: 17, success: true } }; },
    });
    renderScreen(<RoleBoardPage />, { path: '/roles/:id', at: '/roles/7', fetch: f.fn });
    await userEvent.click(await screen.findByRole('button', { name: 'Details of Meg Ryan' }));
    await userEvent.click(within(await screen.findByRole('dialog', { name: 'Meg Ryan' })).getByRole('button', { name: 'Remove from role' }));
    await userEvent.click(within(screen.getByRole('dialog', { name: 'Remove this candidate?' })).getByRole('button', { name: 'Remove' }));
    expect(await screen.findByText('Meg Ryan is no longer a candidate.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId('candidate-17')).toBeNull());
    expect(f.calls.some((c) => c.method === 'DELETE' && c.url === '/roles/7/candidates/17')).toBe(true);
  });
});

describe('CandidatePanel while the board refreshes', () => {
  it('keeps what is being edited when the open candidate is refreshed, and loads another one afresh', async () => {
    signedInAs('director');
    const jodie = cand(16, 'Jodie Foster', 'BOOKED', { rating: 2, notes: 'old notes' });
    const meg = cand(17, 'Meg Ryan', 'SHORTLISTED', { rating: 3 });
    function Harness() {
      const [c, setC] = useState<Candidate | null>(jodie);
      return (
        <>
          <button type="button" onClick={() => setC({ ...jodie })}>refresh</button>
          <button type="button" onClick={() => setC(meg)}>other</button>
          <CandidatePanel roleId={7} candidate={c} onClose={() => setC(null)} onChanged={() => {}} />
        </>
      );
    }
    renderScreen(<Harness />, { path: '/roles/:id', at: '/roles/7', fetch: boardApi([jodie]).fn });
    const panel = await screen.findByRole('dialog', { name: 'Jodie Foster' });
    fireEvent.change(within(panel).getByLabelText('Notes'), { target: { value: 'new notes' } });
    fireEvent.click(screen.getByText('refresh'));   // the board re-read its candidates: a new object
    expect(within(screen.getByRole('dialog', { name: 'Jodie Foster' })).getByLabelText('Notes')).toHaveValue('new notes');
    fireEvent.click(screen.getByText('other'));
    const other = await screen.findByRole('dialog', { name: 'Meg Ryan' });
    expect(within(other).getByLabelText('Notes')).toHaveValue('');
  });
});

describe('MatchesPage', () => {
  it('pages the matches and adds one as a candidate in one click', async () => {
    signedInAs('director');
    let added = false;
    const f = fakeFetch({
      'GET /roles/7': { status: 200, body: { role: ellie, success: true } },
      'GET /roles/7/matches': () => ({ status: 200, body: { actors: added ? [actor(18, 'Emma Stone', 35)] : [actor(16, 'Jodie Foster'), actor(18, 'Emma Stone', 35)],
        offset: 0, success: true, totalActors: added ? 11 : 12 } }),
      'POST /roles/7/candidates': () => { added = true; return { status: 201, body: { success: true } }; },
    });
    renderScreen(<MatchesPage />, { path: '/roles/:id/matches', at: '/roles/7/matches', fetch: f.fn });
    expect(await screen.findByRole('heading', { name: 'Find actors for Ellie Arroway' })).toBeInTheDocument();
    expect(await screen.findByText('Page 1 of 2 · 12 matching actors')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Add Jodie Foster as candidate' }));
    expect(await screen.findByText('Jodie Foster added as a candidate for Ellie Arroway.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Jodie Foster' })).toBeNull());
    expect(JSON.parse(f.calls.find((c) => c.method === 'POST')!.body!)).toEqual({ actorId: 16 });
    expect(f.calls.filter((c) => c.url.startsWith('/roles/7/matches')).map((c) => c.url)[0]).toBe('/roles/7/matches?page=1');
  });

  it('searches the matches by name as you type, once, from the first page', async () => {
    signedInAs('director');
    const f = fakeFetch({
      'GET /roles/7': { status: 200, body: { role: ellie, success: true } },
      'GET /roles/7/matches': (r) => {
        const q = new URL(r.url, 'http://x').searchParams;
        const all = [actor(16, 'Jodie Foster'), actor(18, 'Emma Stone', 35)];
        const hits = all.filter((a) => a.name.toLowerCase().includes((q.get('search') ?? '').toLowerCase()));
        return { status: 200, body: { actors: hits, offset: 0, success: true, totalActors: q.get('search') ? hits.length : 12 } };
      },
    });
    renderScreen(<MatchesPage />, { path: '/roles/:id/matches', at: '/roles/7/matches?page=2', fetch: f.fn });
    expect(await screen.findByText('Page 2 of 2 · 12 matching actors')).toBeInTheDocument();
    const box = screen.getByRole('searchbox', { name: 'Search by name' });
    await userEvent.type(box, 'fos');
    expect(await screen.findByText('Page 1 of 1 · 1 matching actor')).toBeInTheDocument();
    expect(screen.getByRole('article', { name: 'Jodie Foster' })).toBeInTheDocument();
    expect(screen.queryByRole('article', { name: 'Emma Stone' })).toBeNull();
    const urls = f.calls.filter((c) => c.url.startsWith('/roles/7/matches')).map((c) => c.url);
    expect(urls).toEqual(['/roles/7/matches?page=2', '/roles/7/matches?page=1&search=fos']);
    await userEvent.clear(box);
    await userEvent.type(box, 'nobody');
    expect(await screen.findByText('No actor fitting this role matches “nobody”.')).toBeInTheDocument();
  });

  it('offers an assistant no "Add as candidate"', async () => {
    signedInAs('assistant');
    const f = fakeFetch({
      'GET /roles/7': { status: 200, body: { role: ellie, success: true } },
      'GET /roles/7/matches': { status: 200, body: { actors: [actor(16, 'Jodie Foster')], offset: 0, success: true, totalActors: 1 } },
    });
    renderScreen(<MatchesPage />, { path: '/roles/:id/matches', at: '/roles/7/matches', fetch: f.fn });
    await screen.findByRole('article', { name: 'Jodie Foster' });
    expect(screen.queryByRole('button', { name: /as candidate/ })).toBeNull();
  });
});

describe('ActorsPage filters', () => {
  it('sends gender and the age range with the search, and starts again at page 1', async () => {
    signedInAs('assistant');
    const f = fakeFetch({ 'GET /actors': { status: 200, body: { actors: [actor(16, 'Jodie Foster')], offset: 10, success: true, totalActors: 11 } } });
    renderScreen(<ActorsPage />, { path: '/actors', at: '/actors?page=2&q=jo', fetch: f.fn });
    await screen.findByRole('article', { name: 'Jodie Foster' });
    expect(f.calls[0].url).toBe('/actors?page=2&search=jo');
    await userEvent.click(screen.getByLabelText('Gender'));
    await userEvent.click(await screen.findByRole('option', { name: 'Female' }));
    await waitFor(() => expect(f.calls.at(-1)!.url).toBe('/actors?page=1&search=jo&gender=FEMALE'));
    await userEvent.type(screen.getByLabelText('Minimum age'), '30');
    await userEvent.type(screen.getByLabelText('Maximum age'), '20');
    expect(screen.getByText('Below the minimum age.')).toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText('Maximum age'));
    await userEvent.type(screen.getByLabelText('Maximum age'), '45');
    await waitFor(() => expect(f.calls.at(-1)!.url).toBe('/actors?page=1&search=jo&gender=FEMALE&ageMin=30&ageMax=45'));
  });
});
