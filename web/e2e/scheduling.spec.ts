// The casting office's scheduling and sharing journeys in a real browser
// against a real server (issue 10): a director schedules auditions, is warned
// of a clash before saving (and told the server's 409), moves one and cancels
// one; a producer's share link works in a fresh browser context without a
// login (no notes, votes), and after revoking it the page says it is no
// longer valid. Roles and candidates are set up through the API.
import { api, expect, screen, signIn, test } from './fixtures';

test.use({ timezoneId: 'UTC' });          // the schedule shows local time; UTC makes it the API's

const DAY = '2030-01-15';                 // a Tuesday no other test uses
const CONTACT = 2;
const JODIE = 16, MATTHEW = 15, ANGELA = 14;

/** A fresh role of a movie with candidates (as the producer), its id. */
async function roleWithCandidates(movieId: number, name: string, actorIds: number[]): Promise<number> {
  const r = await api('POST', `/movies/${movieId}/roles`, 'producer', { name });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  for (const actorId of actorIds) {
    const c = await api('POST', `/roles/${r.body.id}/candidates`, 'producer', { actorId });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
  }
  return r.body.id;
}

async function candidatePatch(roleId: number, actorId: number, ops: object[]) {
  const r = await api('PATCH', `/roles/${roleId}/candidates/${actorId}`, 'producer', ops,
    { 'Content-Type': 'application/json-patch+json' });
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
}

test('director schedules auditions, sees a clash before saving, moves one and cancels one', async ({ page }) => {
  test.setTimeout(120_000);                                                   // a long journey on a busy machine
  const role = `Schedule role ${Date.now()}`;
  const roleId = await roleWithCandidates(CONTACT, role, [JODIE, MATTHEW, ANGELA]);
  await signIn(page, 'director');
  await page.getByRole('link', { name: 'Schedule' }).click();
  await expect(page.getByRole('heading', { name: 'Schedule', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Audit', exact: true })).toHaveCount(0);          // producers only
  await page.goto(`/app/schedule?date=${DAY}`);
  await expect(page.getByText('No auditions on this day.')).toBeVisible();

  const dialog = page.getByRole('dialog', { name: 'Schedule an audition' });
  async function plan(actor: string, start: string, end: string, location: string) {
    await page.getByRole('button', { name: 'New audition' }).click();
    await dialog.getByLabel('Movie').fill('Contact');
    await page.getByRole('option', { name: `Contact | id: ${CONTACT}` }).click();
    await dialog.getByLabel('Role').click();
    await page.getByRole('option', { name: role }).click();
    await dialog.getByLabel('Candidate').click();
    await page.getByRole('option', { name: new RegExp(`^${actor} `) }).click();
    await dialog.getByLabel('Start').fill(`${DAY}T${start}`);
    await dialog.getByLabel('End').fill(`${DAY}T${end}`);
    await dialog.getByLabel('Location').fill(location);
  }

  await plan('Jodie Foster', '10:00', '10:30', 'Room A');
  await expect(dialog.getByTestId('clash-warning')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('The audition was scheduled.')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Jodie Foster for .*, 10:00–10:30, Room A$/ })).toBeVisible();

  await plan('Matthew McConaughey', '10:30', '11:00', 'Room A');              // touching: no clash
  await expect(dialog.getByTestId('clash-warning')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('button', { name: /^Matthew McConaughey for .*, 10:30–11:00, Room A$/ })).toBeVisible();

  await plan('Angela Bassett', '10:15', '10:45', 'Room A');                   // overlaps both
  const warning = dialog.getByTestId('clash-warning');
  await expect(warning).toContainText('Room A is taken 10:00–10:30 by Jodie Foster');
  await expect(warning).toContainText('Room A is taken 10:30–11:00 by Matthew McConaughey');
  await screen(page, 'schedule-clash');
  await dialog.getByRole('button', { name: 'Save' }).click();                 // the server refuses it too
  await expect(dialog.getByRole('alert').filter({ hasText: /^Not saved: clashes with audition/ })).toBeVisible();
  await dialog.getByLabel('Location').fill('Room B');
  await expect(dialog.getByTestId('clash-warning')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('button', { name: /^Angela Bassett for .*, 10:15–10:45, Room B$/ })).toBeVisible();
  await screen(page, 'schedule-day');

  // Move Matthew to the afternoon in Room C.
  await page.getByRole('button', { name: /^Matthew McConaughey for / }).click();
  const move = page.getByRole('dialog', { name: 'Move audition' });
  await move.getByLabel('Start').fill(`${DAY}T14:00`);
  await move.getByLabel('End').fill(`${DAY}T14:40`);
  await move.getByLabel('Location').fill('Room C');
  await move.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('The audition was moved.')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Matthew McConaughey for .*, 14:00–14:40, Room C$/ })).toBeVisible();

  // Cancel Jodie's.
  await page.getByRole('button', { name: /^Jodie Foster for / }).click();
  await page.getByRole('dialog', { name: 'Move audition' }).getByRole('button', { name: 'Cancel audition' }).click();
  await page.getByRole('dialog', { name: 'Cancel this audition?' }).getByRole('button', { name: 'Cancel audition' }).click();
  await expect(page.getByText('The audition was cancelled.')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Jodie Foster for .*, Room A, cancelled$/ })).toBeVisible();

  const saved = (await api('GET', `/auditions?from=${DAY}T00:00:00Z&to=2030-01-16T00:00:00Z`, 'director')).body.auditions
    .filter((a: { roleId: number }) => a.roleId === roleId)
    .map((a: { actorId: number; start: string; end: string; location: string; status: string }) =>
      [a.actorId, a.start, a.end, a.location, a.status]);
  expect(saved).toEqual([
    [JODIE, `${DAY}T10:00:00Z`, `${DAY}T10:30:00Z`, 'Room A', 'CANCELLED'],
    [ANGELA, `${DAY}T10:15:00Z`, `${DAY}T10:45:00Z`, 'Room B', 'SCHEDULED'],
    [MATTHEW, `${DAY}T14:00:00Z`, `${DAY}T14:40:00Z`, 'Room C', 'SCHEDULED'],
  ]);

  // The week, one location; and the calendar file.
  await page.getByRole('button', { name: 'Week' }).click();
  await page.getByRole('combobox', { name: /^Location/ }).click(); // not the day view's "Auditions by location", which may linger
  await page.getByRole('option', { name: 'Room B' }).click();
  await expect(page.getByRole('button', { name: /^Angela Bassett for / })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Matthew McConaughey for / })).toHaveCount(0);
  await screen(page, 'schedule-week');
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download calendar (.ics)' }).click()]);
  const ics = await (await download.createReadStream()).toArray();
  expect(Buffer.concat(ics).toString()).toMatch(/^BEGIN:VCALENDAR\r\n/);
});

test('an assistant sees the schedule read-only', async ({ page }) => {
  const day = '2030-01-22';
  const roleId = await roleWithCandidates(CONTACT, `Read-only role ${Date.now()}`, [JODIE]);
  const made = await api('POST', `/roles/${roleId}/auditions`, 'director',
    { actorId: JODIE, start: `${day}T16:00:00Z`, end: `${day}T16:30:00Z`, location: 'Room D' });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  await signIn(page, 'assistant');
  await page.goto(`/app/schedule?date=${day}&view=week`);
  await expect(page.getByRole('heading', { name: 'Schedule', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New audition' })).toHaveCount(0);
  await page.getByRole('button', { name: /^Jodie Foster for .*, 16:00–16:30, Room D$/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Audition' });
  await expect(dialog.getByLabel('Start')).toBeDisabled();
  await expect(dialog.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Cancel audition' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 390, height: 844 });                     // phone: the grid scrolls, the page does not
  await expect(page.getByRole('region', { name: 'Auditions by day' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await screen(page, 'schedule-phone');
  await page.goto('/app/audit');
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
});

test('a producer’s share link works without a login, shows no notes, takes votes, and dies when revoked', async ({ page, browser }) => {
  const role = `Shared role ${Date.now()}`;
  const roleId = await roleWithCandidates(CONTACT, role, [JODIE, MATTHEW, ANGELA]);
  await candidatePatch(roleId, JODIE, [{ op: 'add', path: '/stage', value: 'SHORTLISTED' },
    { op: 'add', path: '/notes', value: 'SECRET-NOTE do not share' }, { op: 'add', path: '/rating', value: 4 }]);
  await candidatePatch(roleId, MATTHEW, [{ op: 'add', path: '/stage', value: 'SHORTLISTED' },
    { op: 'add', path: '/notes', value: 'SECRET-NOTE too' }]);
  // Angela stays SUGGESTED: not in the link's stages.

  await signIn(page, 'producer');
  await page.goto(`/app/roles/${roleId}`);                                    // the role's board carries the share links
  await expect(page.getByRole('heading', { name: 'Share links' })).toBeVisible();
  const [csv] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export candidates (CSV)' }).click()]);
  expect(csv.suggestedFilename()).toBe(`role-${roleId}-candidates.csv`);
  expect(Buffer.concat(await (await csv.createReadStream()).toArray()).toString())
    .toMatch(/^id,name,age,gender,photoUrl,stage,rating,notes,tags\r\n/);
  const hours = page.getByLabel('Expires in (hours)');
  await hours.fill('24');
  await page.getByRole('button', { name: 'Create share link' }).click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toMatch(/\/app\/shared\/[A-Za-z0-9_-]+$/);
  await screen(page, 'share-links');

  const viewer = await browser.newContext({ timezoneId: 'UTC' });             // no session, no cookies
  const pub = await viewer.newPage();
  const errors: string[] = [];
  pub.on('pageerror', (e) => errors.push(String(e)));
  await pub.goto(url);
  await expect(pub.getByRole('heading', { name: new RegExp(role) })).toBeVisible();
  const jodie = pub.getByRole('article', { name: 'Jodie Foster' });
  await expect(jodie).toBeVisible();
  await expect(jodie.getByText('62 years · Female')).toBeVisible();
  await expect(jodie.getByRole('img', { name: 'Rated 4 of 5' })).toBeVisible();
  await expect(pub.getByRole('article', { name: 'Matthew McConaughey' })).toBeVisible();
  await expect(pub.getByRole('article', { name: 'Angela Bassett' })).toHaveCount(0);
  expect(await pub.content()).not.toContain('SECRET-NOTE');
  await expect(pub.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  await jodie.getByRole('button', { name: 'Thumbs up for Jodie Foster' }).click();
  await expect(jodie.getByText('Thank you, your vote was saved.')).toBeVisible();
  await expect(jodie.getByRole('button', { name: 'Thumbs up for Jodie Foster' })).toHaveAttribute('aria-pressed', 'true');
  await pub.getByRole('article', { name: 'Matthew McConaughey' }).getByRole('button', { name: /Thumbs down/ }).click();
  await expect(pub.getByRole('article', { name: 'Matthew McConaughey' }).getByText('Thank you, your vote was saved.')).toBeVisible();
  await screen(pub, 'shared-public');

  // The team sees the votes; then the producer revokes the link.
  await page.reload();
  const row = page.getByRole('row', { name: /#\d+/ }).first();
  await expect(row).toContainText('active');
  await expect(row).toContainText('1 up, 1 down');
  await expect(page.getByRole('list', { name: 'Votes by candidate' })).toContainText('Jodie Foster: 1 up, 0 down');
  await expect(page.getByRole('list', { name: 'Votes by candidate' })).toContainText('Matthew McConaughey: 0 up, 1 down');
  const board = (stage: string, name: string) => page.getByTestId(`column-${stage}`).getByRole('article', { name });
  await expect(board('SHORTLISTED', 'Jodie Foster').getByRole('img', { name: '1 thumbs up, 0 thumbs down' })).toBeVisible();
  await expect(board('SHORTLISTED', 'Matthew McConaughey').getByRole('img', { name: '0 thumbs up, 1 thumbs down' })).toBeVisible();
  await row.getByRole('button', { name: /^Revoke link/ }).click();
  await page.getByRole('dialog', { name: 'Revoke this link?' }).getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByText('The link was revoked.')).toBeVisible();
  await expect(row).toContainText('revoked');

  await pub.reload();
  await expect(pub.getByRole('heading', { name: 'This link is no longer valid' })).toBeVisible();
  await screen(pub, 'shared-invalid');
  expect(errors).toEqual([]);
  await viewer.close();
});

test('a producer reads the audit log, exports and prints the cast list, and imports actors', async ({ page }) => {
  await signIn(page, 'producer');
  // A change to find in the log (as the producer, through the API).
  const role = `Audited role ${Date.now()}`;
  const made = await api('POST', `/movies/${CONTACT}/roles`, 'producer', { name: role });
  expect(made.status).toBe(201);
  const renamed = await api('PATCH', `/roles/${made.body.id}`, 'producer', [{ op: 'add', path: '/name', value: `${role} II` }],
    { 'Content-Type': 'application/json-patch+json' });
  expect(renamed.status).toBeLessThan(300);

  await page.getByRole('link', { name: 'Audit', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await page.getByLabel('Entity').click();
  await page.getByRole('option', { name: 'role', exact: true }).click();
  await page.getByLabel('Id').fill(String(made.body.id));
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(new RegExp(`entity=role&id=${made.body.id}`));
  const rows = page.getByRole('table', { name: 'Audit entries' }).getByRole('row');
  await expect(rows).toHaveCount(3);                                    // header, update, create (newest first)
  await expect(rows.nth(1)).toContainText('update');
  await expect(rows.nth(1)).toContainText(`${role} II`);
  await expect(rows.nth(2)).toContainText('create');
  await screen(page, 'audit');

  // The cast list: CSV with the token, and the printable page.
  await page.goto(`/app/movies/${CONTACT}`);
  const [csv] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export cast (CSV)' }).click()]);
  expect(csv.suggestedFilename()).toBe(`movie-${CONTACT}-cast.csv`);
  const text = Buffer.concat(await (await csv.createReadStream()).toArray()).toString();
  expect(text).toMatch(/^id,name,age,gender,photoUrl\r\n/);
  expect(text).toContain('Jodie Foster');
  await page.getByRole('link', { name: 'Print cast list' }).click();
  await expect(page.getByRole('heading', { name: 'Contact: cast list' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Cast list' }).getByRole('row', { name: /Jodie Foster/ })).toBeVisible();
  await screen(page, 'print-cast');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  expect(await page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).backgroundImage,
    getComputedStyle(document.querySelector('h1')!).color])).toEqual(['rgb(255, 255, 255)', 'none', 'rgb(0, 0, 0)']);
  await page.emulateMedia({ media: 'screen' });

  // Import: a bad file is refused with its row errors, a good one imports.
  await page.goto('/app/actors');
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import actors from CSV' });
  await dialog.getByTestId('import-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv',
    buffer: Buffer.from('name,age,gender\nImported One,41,FEMALE\nImported Two,0,MALE\n') });
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByRole('alert')).toContainText(/nothing was imported/i);
  await expect(dialog.getByRole('table', { name: 'Import errors' }).getByRole('row', { name: /^3 age/ })).toBeVisible();
  await screen(page, 'import-errors');
  expect((await api('GET', '/actors?search=Imported%20One', 'producer')).body.totalActors).toBe(0);
  await dialog.getByTestId('import-file').setInputFiles({ name: 'good.csv', mimeType: 'text/csv',
    buffer: Buffer.from('name,age,gender\nImported One,41,FEMALE\nImported Two,30,MALE\n') });
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByText('Imported 2 actors.')).toBeVisible();
  expect((await api('GET', '/actors?search=Imported', 'producer')).body.totalActors).toBe(2);
});
