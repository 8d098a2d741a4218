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

    await h.page.goto(`${h.baseUrl}/chains`);
    const graph = h.page.getByTestId('chain-graph');
    await graph.locator('canvas').first().waitFor();
    await expect(graph.getAttribute('data-nodes')).resolves.toBe(
      String(Number(cases.n) + Number(contacts.n)),
    );
    await h.shot('02-chains');
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
