// The scheduling, sharing, audit and import screens against a scripted API:
// what each role is offered, the clash warning before saving and the
// server's 409, the public page (no notes, votes, invalid link), share link
// creation and revocation, the audit table's diff, and import row errors.
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AuditPage } from '../../src/features/audit/AuditPage';
import { ImportActorsDialog } from '../../src/features/csv/ImportActorsDialog';
import { RoleBoardPage } from '../../src/features/roles/RoleBoardPage';
import { SchedulePage } from '../../src/features/schedule/SchedulePage';
import { toApiTime } from '../../src/features/schedule/time';
import { ShareLinksPanel } from '../../src/features/shares/ShareLinksPanel';
import { SharedPage } from '../../src/features/shares/SharedPage';
import { fakeFetch, renderScreen, signedInAs, type Recorded } from './helpers';

configure({ asyncUtilTimeout: 5000 });     // several fetches per screen on a busy 2-core machine

const at = (h: number, m = 0) => toApiTime(new Date(2026, 11, 10, h, m));
const auditions = [
  { actorId: 3, end: at(10, 30), id: 1, location: 'Room A', roleId: 7, start: at(10), status: 'SCHEDULED' },
  { actorId: 4, end: at(11, 30), id: 2, location: 'Room B', roleId: 7, start: at(11), status: 'SCHEDULED' },
];
const scheduleApi = (extra = {}) => ({
  'GET /auditions': { status: 200, body: { auditions, offset: 0, success: true, totalAuditions: 2 } },
  'GET /actors/3': { status: 200, body: { actor: { id: 3, name: 'Jodie Foster', age: 60, gender: 'FEMALE', photoUrl: null, movies: [] }, success: true } },
  'GET /actors/4': { status: 200, body: { actor: { id: 4, name: 'Tom Hanks', age: 67, gender: 'MALE', photoUrl: null, movies: [] }, success: true } },
  'GET /roles/7': { status: 200, body: { role: { id: 7, movieId: 2, name: 'Ellie Arroway', status: 'OPEN' }, success: true } },
  ...extra,
});

describe('SchedulePage', () => {
  it('shows an assistant the day by location, read-only', async () => {
    signedInAs('assistant');
    const f = fakeFetch(scheduleApi());
    renderScreen(<SchedulePage />, { path: '/schedule', at: '/schedule?date=2026-12-10', fetch: f.fn });
    const block = await screen.findByRole('button', { name: /Jodie Foster for Ellie Arroway, 10:00–10:30, Room A/ });
    expect(screen.getByRole('list', { name: 'Auditions, Room B' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New audition' })).toBeNull();
    const q = new URL(f.calls[0].url, 'http://x').searchParams;
    expect(q.get('from')).toBe(toApiTime(new Date(2026, 11, 10)));
    expect(q.get('to')).toBe(toApiTime(new Date(2026, 11, 11)));
    await userEvent.click(block);
    const dialog = await screen.findByRole('dialog', { name: 'Audition' });
    expect(within(dialog).getByLabelText('Start')).toBeDisabled();
    expect(within(dialog).queryByRole('button', { name: 'Save' })).toBeNull();
    expect(within(dialog).queryByRole('button', { name: 'Cancel audition' })).toBeNull();
  });

  it('warns of a clash while moving, before saving, then shows the server’s 409', async () => {
    signedInAs('director');
    const f = fakeFetch(scheduleApi({
      'PATCH /auditions/2': { status: 409, body: { error: 'Conflict', message: 'clashes with audition 1: "Room A" is taken by Jodie Foster', success: false } },
    }));
    renderScreen(<SchedulePage />, { path: '/schedule', at: '/schedule?date=2026-12-10', fetch: f.fn });
    await userEvent.click(await screen.findByRole('button', { name: /Tom Hanks for Ellie Arroway/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Move audition' });
    expect(within(dialog).queryByTestId('clash-warning')).toBeNull();
    const loc = within(dialog).getByLabelText('Location');
    await userEvent.clear(loc);
    await userEvent.type(loc, 'Room A');
    expect(within(dialog).queryByTestId('clash-warning')).toBeNull();     // 11:00 does not overlap 10:00–10:30
    fireEvent.change(within(dialog).getByLabelText('Start'), { target: { value: '2026-12-10T10:15' } });
    const warning = await within(dialog).findByTestId('clash-warning');
    expect(warning).toHaveTextContent('Room A is taken 10:00–10:30 by Jodie Foster (Ellie Arroway).');
    expect(f.calls.some((c) => c.method === 'PATCH')).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText(/Not saved: clashes with audition 1/)).toBeInTheDocument();
    const patch = f.calls.find((c) => c.method === 'PATCH')!;
    expect(JSON.parse(patch.body!)).toEqual([
      { op: 'add', path: '/start', value: at(10, 15) }, { op: 'add', path: '/location', value: 'Room A' }]);
  });

  it('checks clashes against the server’s auditions around the time, beyond the filtered view', async () => {
    signedInAs('director');
    const f = fakeFetch(scheduleApi({
      'GET /auditions': (r: Recorded) => {
        const q = new URL(r.url, 'http://x').searchParams;
        const items = q.get('location') ? auditions.filter((a) => a.location === q.get('location')) : auditions;
        return { status: 200, body: { auditions: items, offset: 0, success: true, totalAuditions: items.length } };
      },
    }));
    renderScreen(<SchedulePage />, { path: '/schedule', at: '/schedule?date=2026-12-10&location=Room%20B', fetch: f.fn });
    await userEvent.click(await screen.findByRole('button', { name: /Tom Hanks for Ellie Arroway/ }));
    expect(screen.queryByRole('button', { name: /Jodie Foster/ })).toBeNull();           // not in this view
    const dialog = await screen.findByRole('dialog', { name: 'Move audition' });
    const loc = within(dialog).getByLabelText('Location');
    await userEvent.clear(loc);
    await userEvent.type(loc, 'Room A');
    fireEvent.change(within(dialog).getByLabelText('Start'), { target: { value: '2026-12-10T10:15' } });
    expect(await within(dialog).findByTestId('clash-warning'))
      .toHaveTextContent('Room A is taken 10:00–10:30 by Jodie Foster (Ellie Arroway).');
    const around = f.calls.filter((c) => c.url.startsWith('/auditions?') && !c.url.includes('location='));
    expect(around.length).toBeGreaterThan(0);
  });

  it('marks an audition done (a status patch, no move)', async () => {
    signedInAs('director');
    const f = fakeFetch(scheduleApi({ 'PATCH /auditions/1': { status: 200, body: { id: 1, success: true } } }));
    renderScreen(<SchedulePage />, { path: '/schedule', at: '/schedule?date=2026-12-10', fetch: f.fn });
    await userEvent.click(await screen.findByRole('button', { name: /Jodie Foster for Ellie Arroway/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Move audition' });
    await userEvent.click(within(dialog).getByLabelText('Status'));
    await userEvent.click(screen.getByRole('option', { name: 'Done' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await screen.findByText('The audition was saved.');
    const patch = f.calls.find((c) => c.method === 'PATCH')!;
    expect(JSON.parse(patch.body!)).toEqual([{ op: 'add', path: '/status', value: 'DONE' }]);
  });

  it('cancels after confirming (delete:casts)', async () => {
    signedInAs('director');
    const f = fakeFetch(scheduleApi({ 'DELETE /auditions/1': { status: 200, body: { id: 1, success: true } } }));
    renderScreen(<SchedulePage />, { path: '/schedule', at: '/schedule?date=2026-12-10', fetch: f.fn });
    await userEvent.click(await screen.findByRole('button', { name: /Jodie Foster for Ellie Arroway/ }));
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel audition' }));
    const confirm = await screen.findByRole('dialog', { name: 'Cancel this audition?' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Cancel audition' }));
    await waitFor(() => expect(f.calls.some((c) => c.method === 'DELETE' && c.url === '/auditions/1')).toBe(true));
  });

  it('validates a new audition before sending it', async () => {
    signedInAs('producer');
    const f = fakeFetch(scheduleApi({ 'GET /movies': { status: 200, body: { movies: [], offset: 0, success: true, totalMovies: 0 } } }));
    renderScreen(<SchedulePage />, { path: '/schedule', at: '/schedule?date=2026-12-10&view=week', fetch: f.fn });
    await screen.findByRole('button', { name: /Jodie Foster/ });
    expect(screen.getByRole('list', { name: /Auditions, Thu 10 Dec/ })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'New audition' }));
    const dialog = await screen.findByRole('dialog', { name: 'Schedule an audition' });
    fireEvent.change(within(dialog).getByLabelText('End'), { target: { value: '2026-12-10T09:00' } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByText('Choose a role.')).toBeInTheDocument();
    expect(within(dialog).getByText('Choose a candidate.')).toBeInTheDocument();
    expect(within(dialog).getByText('The end must be after the start.')).toBeInTheDocument();
    expect(within(dialog).getByText('Enter a location.')).toBeInTheDocument();
    expect(f.calls.some((c) => c.method === 'POST')).toBe(false);
  });
});

const shared = {
  candidates: [
    { actor: { age: 60, gender: 'FEMALE', id: 3, name: 'Jodie Foster', photoUrl: null }, notes: 'private remark', rating: 4, votes: { down: 0, up: 1 } },
  ],
  role: { name: 'Ellie Arroway' }, success: true,
};

describe('SharedPage (public)', () => {
  it('shows candidates without notes and votes with a stable viewer id and no token', async () => {
    const f = fakeFetch({
      'GET /shared/Tok_12345678': { status: 200, body: shared },
      'POST /shared/Tok_12345678/votes': (r) => ({ status: 200, body: { actorId: 3, success: true, vote: JSON.parse(r.body!).vote,
        votes: JSON.parse(r.body!).vote === 'up' ? { down: 0, up: 2 } : { down: 1, up: 1 } } }),
    });
    renderScreen(<SharedPage />, { path: '/shared/:token', at: '/shared/Tok_12345678', fetch: f.fn });
    const card = await screen.findByRole('article', { name: 'Jodie Foster' });
    expect(within(card).getByText('60 years · Female')).toBeInTheDocument();
    expect(within(card).getByRole('img', { name: 'Rated 4 of 5' })).toBeInTheDocument();
    expect(screen.queryByText(/private remark/)).toBeNull();
    const up = within(card).getByRole('button', { name: 'Thumbs up for Jodie Foster' });
    expect(up).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(up);
    await within(card).findByText('Thank you, your vote was saved.');
    expect(up).toHaveAttribute('aria-pressed', 'true');
    expect(up).toHaveTextContent('2');
    await userEvent.click(within(card).getByRole('button', { name: 'Thumbs down for Jodie Foster' }));
    await waitFor(() => expect(f.calls.filter((c) => c.method === 'POST')).toHaveLength(2));
    const [v1, v2] = f.calls.filter((c) => c.method === 'POST');
    expect(v1.headers.Authorization).toBeUndefined();
    expect(JSON.parse(v1.body!).viewer).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse(v2.body!)).toEqual({ actorId: 3, vote: 'down', viewer: JSON.parse(v1.body!).viewer });
    expect(localStorage.getItem('audition.viewer')).toBe(JSON.parse(v1.body!).viewer);
  });

  it('says plainly that an expired or revoked link is no longer valid', async () => {
    const f = fakeFetch({ 'GET /shared/Gone_12345678': { status: 404, body: { error: 'Not Found', success: false } } });
    renderScreen(<SharedPage />, { path: '/shared/:token', at: '/shared/Gone_12345678', fetch: f.fn });
    expect(await screen.findByRole('heading', { name: 'This link is no longer valid' })).toBeInTheDocument();
  });
});

describe('ShareLinksPanel', () => {
  it('is not offered to a director', () => {
    signedInAs('director');
    const f = fakeFetch({});
    const { container } = renderScreen(<ShareLinksPanel roleId={7} />, { path: '/', at: '/', fetch: f.fn });
    expect(container).toBeEmptyDOMElement();
    expect(f.calls).toHaveLength(0);
  });

  it('lets a producer create a link (shown once), see votes and revoke', async () => {
    signedInAs('producer');
    let shares: object[] = [];
    const f = fakeFetch({
      'GET /roles/7/shares': () => ({ status: 200, body: { shares, success: true } }),
      'POST /roles/7/shares': () => {
        shares = [{ createdAt: '2026-12-10T10:00:00Z', createdBy: 'auth0|p', expiresAt: '2099-12-13T10:00:00Z', id: 5,
          revokedAt: null, stages: ['SHORTLISTED'], votes: { down: 1, up: 2 } }];
        return { status: 201, body: { expiresAt: '2099-12-13T10:00:00Z', id: 5, success: true, url: '/app/shared/abcdef0123456789' } };
      },
      'GET /roles/7/votes': { status: 200, body: { success: true, votes: [{ actorId: 3, down: 1, up: 2 }] } },
      'GET /roles/7/candidates': { status: 200, body: { candidates: [{ actor: { id: 3, name: 'Jodie Foster', age: 60, gender: 'FEMALE', photoUrl: null },
        notes: null, otherRoles: [], rating: null, stage: 'SHORTLISTED', tags: [], updatedAt: '2026-12-10T10:00:00Z' }], success: true } },
      'DELETE /shares/5': () => { shares = [{ ...shares[0], revokedAt: '2026-12-10T11:00:00Z' }]; return { status: 200, body: { id: 5, success: true } }; },
    });
    renderScreen(<ShareLinksPanel roleId={7} />, { path: '/', at: '/', fetch: f.fn });
    await screen.findByText('No share links yet.');
    const hours = screen.getByLabelText('Expires in (hours)');
    await userEvent.clear(hours);
    await userEvent.type(hours, '721');
    await userEvent.click(screen.getByRole('button', { name: 'Create share link' }));
    expect(screen.getByText('Enter whole hours from 1 to 720 (30 days).')).toBeInTheDocument();
    await userEvent.clear(hours);
    await userEvent.type(hours, '48');
    for (const s of ['Audition', 'Callback']) await userEvent.click(screen.getByRole('checkbox', { name: s }));
    await userEvent.click(screen.getByRole('button', { name: 'Create share link' }));
    expect(await screen.findByTestId('share-url')).toHaveValue(`${window.location.origin}/app/shared/abcdef0123456789`);
    const post = f.calls.find((c) => c.method === 'POST')!;
    expect(JSON.parse(post.body!)).toEqual({ expiresInHours: 48, stages: ['SHORTLISTED'] });
    const row = await screen.findByRole('row', { name: /#5/ });
    expect(row).toHaveTextContent('2 up, 1 down');
    expect(row).toHaveTextContent('active');
    const votes = await screen.findByRole('list', { name: 'Votes by candidate' });
    expect(votes).toHaveTextContent('Jodie Foster: 2 up, 1 down');
    await userEvent.click(within(row).getByRole('button', { name: 'Revoke link #5' }));
    await userEvent.click(within(await screen.findByRole('dialog', { name: 'Revoke this link?' })).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(within(screen.getByRole('row', { name: /#5/ })).getByText('revoked')).toBeInTheDocument());
    expect(screen.queryByTestId('share-url')).toBeNull();
  });
});

describe('AuditPage', () => {
  it('lists entries with a compact diff and filters through the address', async () => {
    signedInAs('producer');
    const f = fakeFetch({ 'GET /audit': { status: 200, body: { entries: [
      { action: 'update', after: { title: 'Contact (1997)', genre: 'SCI_FI' }, at: '2026-12-04T20:00:00Z',
        before: { title: 'Contact', genre: 'SCI_FI' }, entity: 'movie', entryId: 9, id: '2', subject: 'e2e-producer' },
    ], success: true, totalEntries: 11 } } });
    renderScreen(<AuditPage />, { path: '/audit', at: '/audit', fetch: f.fn });
    const row = await screen.findByRole('row', { name: /e2e-producer/ });
    expect(within(row).getByText('movie #2')).toBeInTheDocument();
    expect(within(row).getByText('Contact')).toBeInTheDocument();
    expect(within(row).getByText('Contact (1997)')).toBeInTheDocument();
    expect(within(row).queryByText('genre')).toBeNull();
    expect(screen.getByText('Page 1 of 2 · 11 entries')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Id'), { target: { value: 'x'.repeat(129) } });
    await userEvent.click(screen.getByRole('button', { name: 'Filter' }));
    expect(screen.getByText('At most 128 characters.')).toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText('Id'));
    await userEvent.click(screen.getByLabelText('Entity'));
    await userEvent.click(screen.getByRole('option', { name: 'movie' }));
    await userEvent.type(screen.getByLabelText('Id'), '2');
    await userEvent.click(screen.getByRole('button', { name: 'Filter' }));
    await waitFor(() => expect(f.calls.at(-1)!.url).toBe('/audit?entity=movie&id=2&page=1'));
  });
});

describe('ImportActorsDialog', () => {
  it('uploads the chosen file and lists row/field errors', async () => {
    signedInAs('director');
    const f = fakeFetch({ 'POST /actors/import': { status: 400, body: { error: 'Bad Request', message: 'row 2: age must be an integer',
      errors: [{ row: 2, field: 'age', message: 'age must be an integer' }], success: false } } });
    renderScreen(<ImportActorsDialog onClose={() => {}} onImported={() => {}} />, { path: '/', at: '/', fetch: f.fn });
    const file = new File(['name,age\nAda,x\n'], 'actors.csv', { type: 'text/csv' });
    await userEvent.upload(screen.getByTestId('import-file'), file);
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('Nothing was imported: row 2: age must be an integer')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Import errors' });
    expect(within(table).getByRole('row', { name: '2 age age must be an integer' })).toBeInTheDocument();
    expect(f.calls[0].body).toBe('name,age\nAda,x\n');
  });
});

describe('the role board (share links and export)', () => {
  const ellie = { ageMax: null, ageMin: null, billing: null, candidateCount: 0, description: null, gender: null, id: 7,
    movieId: 2, name: 'Ellie Arroway', status: 'OPEN' };
  const board = () => fakeFetch({
    'GET /roles/7': { status: 200, body: { role: ellie, success: true } },
    'GET /roles/7/candidates': { status: 200, body: { candidates: [], success: true, totalCandidates: 0 } },
    'GET /roles/7/shares': { status: 200, body: { offset: 0, shares: [], success: true, totalShares: 0 } },
  });
  it('offers a producer the share links and everyone the candidates export', async () => {
    signedInAs('producer');
    const f = board();
    renderScreen(<RoleBoardPage />, { path: '/roles/:id', at: '/roles/7', fetch: f.fn });
    expect(await screen.findByRole('heading', { name: 'Share links' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export candidates (CSV)' })).toBeInTheDocument();
    await screen.findByText('No share links yet.');
  });
  it('shows a director no share links (and asks for none)', async () => {
    signedInAs('director');
    const f = board();
    renderScreen(<RoleBoardPage />, { path: '/roles/:id', at: '/roles/7', fetch: f.fn });
    expect(await screen.findByRole('button', { name: 'Export candidates (CSV)' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Share links' })).toBeNull();
    expect(f.calls.some((c) => c.url.includes('/shares'))).toBe(false);
  });
});
