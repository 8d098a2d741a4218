import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateIn, nextDate, startOfDay } from '../../src/core/time/zone.ts';
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
    await h.shot('04-chains');
    const [download] = await Promise.all([
      h.page.waitForEvent('download'),
      h.page.getByTestId('export-png').click(),
    ]);
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(1000);
  }, 120_000);
});
