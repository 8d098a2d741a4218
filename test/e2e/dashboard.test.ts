import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateIn, nextDate, startOfDay } from '../../src/core/time/zone.ts';
import { sampleRow } from '../helpers/sample-rows.ts';
import { loginAs, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('dashboard');
});
afterAll(async () => {
  await h?.close();
});

async function receivedBetween(from: string, to: string): Promise<number> {
  const row = await h.db.kysely
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('archived', '=', 0)
    .where('division_code', 'like', '141102%')
    .where('received_at', '>=', from)
    .where('received_at', '<', to)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The list's table shows exactly `n` records (all on the first page: the demo is small). */
async function expectRows(testId: string, n: number): Promise<void> {
  const rows = h.page.getByTestId(testId).locator('tbody tr[data-row-key]');
  if (n === 0) {
    await h.page.getByTestId(testId).locator('.ant-empty').waitFor();
  } else {
    await rows.nth(n - 1).waitFor();
  }
  await expect(rows.count()).resolves.toBe(n);
}

describe('the command dashboard', () => {
  it('shows the demo outbreak’s numbers to the commander, then the chains graph, exported as a PNG', async () => {
    const zone = 'Asia/Shanghai';
    const today = dateIn(new Date(), zone);
    const yesterday = dateIn(new Date(Date.parse(startOfDay(today, zone)) - 1000), zone);
    const expectedToday = await receivedBetween(startOfDay(today, zone), startOfDay(nextDate(today), zone));
    const expectedYesterday = await receivedBetween(startOfDay(yesterday, zone), startOfDay(today, zone));
    const cases = await h.db.kysely
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('division_code', 'like', '141102%')
      .executeTakeFirstOrThrow();
    expect(Number(cases.n)).toBeGreaterThan(0);
    const contacts = await h.db.kysely
      .selectFrom('contacts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('division_code', 'like', '141102%')
      .executeTakeFirstOrThrow();

    await loginAs(h, 'commander');
    await h.page.getByTestId('dashboard').waitFor();
    const figure = async (id: string) => (await h.page.getByTestId(id).textContent()) ?? '';
    await expect(figure('dash-new-today')).resolves.toContain(String(expectedToday));
    await expect(figure('dash-new-yesterday')).resolves.toContain(String(expectedYesterday));
    // The streak of each street is listed; the epi curve is drawn.
    await h.page.getByTestId('dash-streaks').getByText('莲花池街道').waitFor();
    await h.page.getByTestId('epi-curve').locator('canvas').first().waitFor();
    await h.shot('01-dashboard');

    await h.page.getByTestId('dash-new-today').click();
    await h.page.waitForURL(`**/cases?reportFrom=${today}&reportTo=${today}`);
    await expectRows('cases-table', expectedToday);

    // The streak opens the confirmed cases: the list applies the filter it read from the URL.
    const confirmed = await h.db.kysely
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('archived', '=', 0)
      .where('classification', '=', 'confirmed')
      .where('division_code', 'like', '141102%')
      .executeTakeFirstOrThrow();
    expect(Number(confirmed.n)).toBeGreaterThan(0);
    await h.page.goto(`${h.baseUrl}/`);
    await h.page.getByTestId('dash-streak').click();
    await h.page.waitForURL('**/cases?classification=confirmed');
    await expectRows('cases-table', Number(confirmed.n));
    await h.page.getByTestId('cases-filters').getByText('确诊').waitFor();
    await h.shot('02-confirmed-cases');

    // Contacts who became cases: the contacts list with status=converted shows exactly them.
    const converted = await h.db.kysely
      .selectFrom('contacts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'converted')
      .where('division_code', 'like', '141102%')
      .executeTakeFirstOrThrow();
    expect(Number(converted.n)).toBeGreaterThan(0);
    await h.page.goto(`${h.baseUrl}/`);
    await expect(h.page.getByTestId('dash-became-cases').getAttribute('data-value')).resolves.toBe(
      String(converted.n),
    );
    await h.page.getByTestId('dash-became-cases').click();
    await h.page.waitForURL('**/contacts?status=converted');
    await expectRows('contacts-table', Number(converted.n));
    await h.shot('03-converted-contacts');

    // Home observation: the contacts under observation at home, exactly as many as the figure, with the
    // filter shown and cleared from the page.
    const home = await h.db.kysely
      .selectFrom('placements')
      .innerJoin('contacts', 'contacts.id', 'placements.contact_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('placements.kind', '=', 'home')
      .where('placements.check_out_at', 'is', null)
      .where('contacts.status', 'in', ['placed', 'home_monitoring'])
      .where('contacts.division_code', 'like', '141102%')
      .executeTakeFirstOrThrow();
    expect(Number(home.n)).toBeGreaterThan(0);
    await h.page.goto(`${h.baseUrl}/`);
    await expect(h.page.getByTestId('dash-home').getAttribute('data-value')).resolves.toBe(String(home.n));
    await h.page.getByTestId('dash-home').click();
    await h.page.waitForURL('**/contacts?placement=home');
    await expectRows('contacts-table', Number(home.n));
    await h.page.getByTestId('filter-placement').getByText('居家隔离观察').waitFor();
    await h.shot('04-home-observation');
    await h.page.getByTestId('filter-placement').hover();
    await h.page.getByTestId('filter-placement').locator('.ant-select-clear').click();
    await h.page.waitForURL((url) => !url.search.includes('placement'));
    await expect
      .poll(() => h.page.getByTestId('contacts-table').locator('tbody tr[data-row-key]').count())
      .toBeGreaterThan(Number(home.n));

    // Releases due and the day's results open the lists for the dashboard's own date; a result entered
    // now makes today's results non-empty (the demo's results are from 2020).
    const person = await h.db.kysely
      .selectFrom('persons')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    await h.db.kysely
      .insertInto('samples')
      .values(
        sampleRow({
          subject_id: 99_001,
          person_id: Number(person.id),
          status: 'tested',
          result: 'negative',
          collected_at: now,
          received_at: now,
          tested_at: now,
        }),
      )
      .execute();
    for (const [figureId, url, table] of [
      ['dash-releases-due', `**/contacts?releaseDueBy=${today}`, 'contacts-table'],
      ['dash-tests-done', `**/samples/list?testedOn=${today}`, 'sample-list'],
    ] as const) {
      await h.page.goto(`${h.baseUrl}/`);
      const shown = Number(await h.page.getByTestId(figureId).getAttribute('data-value'));
      await h.page.getByTestId(figureId).click();
      await h.page.waitForURL(url);
      await expectRows(table, shown);
      if (figureId === 'dash-tests-done') {
        expect(shown).toBeGreaterThan(0);
      }
    }
    const testedOn = h.page.locator(
      'input[data-testid="filter-testedOn"], [data-testid="filter-testedOn"] input',
    );
    await expect.poll(() => testedOn.inputValue()).toBe(today);
    await h.shot('05-results-today');

    // Overdue tasks: the tasks page opens on its overdue view, read from the URL.
    await h.page.goto(`${h.baseUrl}/`);
    await h.page.getByTestId('dash-overdue-tasks').click();
    await h.page.waitForURL('**/tasks?view=overdue');
    await h.page.locator('.ant-segmented-item-selected').getByText('已超时').waitFor();
    await expect
      .poll(() => h.page.getByTestId('tasks-table').locator('tr.row-overdue').count())
      .toBeGreaterThan(0);

    await h.page.goto(`${h.baseUrl}/chains`);
    const graph = h.page.getByTestId('chain-graph');
    await graph.locator('canvas').first().waitFor();
    await expect(graph.getAttribute('data-nodes')).resolves.toBe(
      String(Number(cases.n) + Number(contacts.n)),
    );
    await h.page.locator('[data-testid="chain-graph"][data-edges]').waitFor();
    await h.shot('06-chains');
    const [download] = await Promise.all([
      h.page.waitForEvent('download'),
      h.page.getByTestId('export-png').click(),
    ]);
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(1000);
  }, 120_000);

  it('lets the commander break the glass on a case’s masked person, with a reason, for a few minutes', async () => {
    const kase = await h.db.kysely
      .selectFrom('cases')
      .innerJoin('persons', 'persons.id', 'cases.person_id')
      .select(['cases.id', 'persons.id as personId', 'persons.name', 'persons.phone'])
      .where('cases.division_code', 'like', '141102%')
      .orderBy('cases.id')
      .executeTakeFirstOrThrow();
    // Signed in afresh: the test before leaves the commander signed in, and /login then opens the home page.
    await h.context.clearCookies();
    await loginAs(h, 'commander');
    await h.page.goto(`${h.baseUrl}/cases/${kase.id}`);
    const basic = h.page.getByTestId('case-basic');
    await basic.waitFor();
    // Masked for the commander, who has no personal:read.
    await expect(basic.textContent()).resolves.not.toContain(kase.name);
    // The investigation's team by name, not by user id.
    const investigation = await h.db.kysely
      .selectFrom('investigations')
      .select('team')
      .where('case_id', '=', kase.id)
      .executeTakeFirstOrThrow();
    const team = JSON.parse(investigation.team) as number[];
    expect(team.length).toBeGreaterThan(0);
    const members = await h.db.kysely
      .selectFrom('users')
      .select('display_name')
      .where('id', 'in', team)
      .execute();
    const panel = h.page.getByTestId('investigation-panel');
    for (const member of members) {
      await panel.getByText(member.display_name).first().waitFor();
    }
    await expect(panel.textContent()).resolves.not.toMatch(/#\d/);
    await h.page.getByTestId('person-reveal').click();
    const reason = h.page.getByTestId('reveal-reason');
    await reason.fill('转运');
    const ok = h.page.locator('.ant-modal-footer .ant-btn-primary');
    await expect(ok.isDisabled()).resolves.toBe(true);
    await reason.fill('核对病例联系电话，安排转运');
    await ok.click();
    await h.page.getByTestId('person-revealed').waitFor();
    await expect.poll(() => basic.textContent()).toContain(kase.name);
    await expect(basic.textContent()).resolves.toContain(kase.phone ?? '');
    await h.shot('07-break-the-glass');
    const audit = await h.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'actor_username', 'changes'])
      .where('action', '=', 'person.reveal')
      .where('entity_id', '=', String(kase.personId))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_username).toBe('commander');
    const changes = audit[0]?.changes;
    expect(typeof changes === 'string' ? changes : JSON.stringify(changes)).toContain(
      '核对病例联系电话，安排转运',
    );
    // Hidden again on demand (and after the minutes the notice names).
    await h.page.getByRole('button', { name: '立即隐藏' }).click();
    await h.page.getByTestId('person-reveal').waitFor();
    await expect(basic.textContent()).resolves.not.toContain(kase.name);
  }, 60_000);

  it('shows the lead the tasks escalated for being long past due, and opens them on the board', async () => {
    const limit = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const escalated = await h.db.kysely
      .selectFrom('tasks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'open')
      .where('due_at', '<', limit)
      .where('division_code', 'like', '141102%')
      .executeTakeFirstOrThrow();
    expect(Number(escalated.n)).toBeGreaterThan(0);
    await h.context.clearCookies();
    await loginAs(h, 'lead');
    const note = h.page.getByTestId('escalated-tasks');
    await note.waitFor();
    await expect(note.textContent()).resolves.toContain(`${Number(escalated.n)} 项任务`);
    await note.getByRole('button').click();
    await h.page.waitForURL('**/tasks?view=escalated');
    const rows = h.page.getByTestId('tasks-table').locator('tbody tr[data-row-key]');
    await expect.poll(() => rows.count()).toBe(Number(escalated.n));
    await expect(rows.filter({ hasText: '超时已升级' }).count()).resolves.toBe(Number(escalated.n));
    await h.shot('08-escalated-tasks');
  }, 60_000);
});
