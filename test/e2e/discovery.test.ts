import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('discovery');
});
afterAll(async () => {
  await h?.close();
});

describe('automatic contact discovery in the browser', () => {
  it('an investigator uploads a visit log, runs discovery for the demo outbreak, confirms two candidates and dismisses one', async () => {
    await loginAs(h, 'investigator');
    await h.page.goto(`${h.baseUrl}/places`);
    await h.page.getByTestId('places-table').getByText('离石区某大药房').waitFor();
    await h.shot('01-places');

    await h.page.getByText('离石区某大药房').click();
    await h.page.getByTestId('exposure-windows').getByText('LS-2020-0001').waitFor();
    await h.page.getByTestId('measures-table').getByText('建议', { exact: true }).waitFor();
    await h.shot('02-pharmacy');

    await h.page.goto(`${h.baseUrl}/places/imports`);
    const inputs = h.page.locator('input[type=file]');
    await inputs.nth(0).setInputFiles('src/server/demo/visits-demo.csv');
    await inputs.nth(1).setInputFiles('src/server/demo/visits-demo-persons.csv');
    await h.page.getByTestId('start-import').click();
    await h.page.getByTestId('import-status').getByText('已完成').waitFor();
    await expect(h.page.getByTestId('import-progress').textContent()).resolves.toContain('76');
    await h.shot('03-import-done');

    await h.page.goto(`${h.baseUrl}/places/discovery`);
    await h.page.getByTestId('run-discovery').click();
    const table = h.page.getByTestId('candidates-table');
    await table.getByText('离石区某购物中心').first().waitFor();
    await h.page.getByTestId('counts-by-place').getByText('离石区某大药房').waitFor();
    await h.shot('04-candidates');

    for (let i = 0; i < 2; i += 1) {
      await table.getByRole('button', { name: '确认为密接' }).first().click();
      await table.getByText('已确认为密接').nth(i).waitFor({ timeout: 30_000 });
    }
    await table
      .getByRole('button', { name: /^排\s?除$/ })
      .first()
      .click();
    await h.page.getByTestId('dismiss-reason').fill('当日为店内员工，已按职业暴露单独评估');
    await h.page.locator('.ant-modal .ant-btn-primary').click();
    await table.getByText('已排除').waitFor();
    await h.shot('05-triaged');

    const decided = await h.db.kysely
      .selectFrom('discovery_candidates')
      .select(['status', 'contact_id', 'reason'])
      .where('status', '!=', 'pending')
      .execute();
    expect(decided.filter((c) => c.status === 'confirmed' && c.contact_id !== null)).toHaveLength(2);
    expect(decided.filter((c) => c.status === 'dismissed').map((c) => c.reason)).toEqual([
      '当日为店内员工，已按职业暴露单独评估',
    ]);
    const exposures = await h.db.kysely
      .selectFrom('exposures')
      .select(['kind', 'place_id'])
      .where('place_id', 'is not', null)
      .execute();
    expect(exposures.length).toBeGreaterThanOrEqual(2);
    expect(exposures.every((e) => e.kind === 'same_space')).toBe(true);
  });
  it('a lead registers a place, archives it with a reason, finds it among the archived, and restores it', async () => {
    await h.context.clearCookies();
    await loginAs(h, 'lead');
    await h.page.goto(`${h.baseUrl}/places`);
    await h.page.getByRole('button', { name: '登记场所' }).click();
    await h.page.locator('.ant-drawer #name').fill('离石区某临时检测点');
    await h.page.locator('.ant-drawer button[type="submit"]').click();
    const table = h.page.getByTestId('places-table');
    await table.getByText('离石区某临时检测点').click();

    // Someone else edits the place while its page is open: the archive is refused with 409, the place is
    // reloaded, and the same reason then archives it at the new version.
    await h.page.getByTestId('place-archive').click();
    await h.page.getByTestId('place-archive-reason').fill('检测点已撤除');
    await h.db.kysely
      .updateTable('places')
      .set((eb) => ({ address: '离石区某街道', version: eb('version', '+', 1) }))
      .where('name', '=', '离石区某临时检测点')
      .execute();
    await h.page.locator('.ant-modal .ant-btn-primary').click();
    await h.page.locator('.ant-modal .ant-alert-error').waitFor();
    await h.page.getByText('离石区某街道').waitFor();
    await h.page.locator('.ant-modal .ant-btn-primary').click();
    await h.page.getByTestId('place-archived').getByText('此场所已归档：检测点已撤除').waitFor();
    await h.shot('06-place-archived');

    await h.page.goto(`${h.baseUrl}/places`);
    await table.getByText('离石区某大药房').waitFor();
    expect(await table.getByText('离石区某临时检测点').count()).toBe(0);
    await h.page.getByTestId('places-archived').click();
    await table.getByText('已归档').waitFor();
    await table.getByText('离石区某临时检测点').click();
    await h.page.getByRole('button', { name: '恢复场所' }).click();
    await h.page.getByTestId('place-archive').waitFor();
    expect(await h.page.getByTestId('place-archived').count()).toBe(0);

    const row = await h.db.kysely
      .selectFrom('places')
      .select(['archived', 'archived_reason'])
      .where('name', '=', '离石区某临时检测点')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ archived: 0, archived_reason: null });
    const events = await h.db.kysely
      .selectFrom('audit_events')
      .select('changes')
      .where('action', '=', 'place.update')
      .execute();
    expect(events.map((e) => JSON.stringify(e.changes)).join()).toContain('检测点已撤除');
  });
});
