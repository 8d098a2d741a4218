import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxText } from '../helpers/docx-text.ts';
import { signIn } from '../helpers/app.ts';
import { openStatuses } from '../../src/server/contacts/contacts.repository.ts';
import { loginAs, pick, startHarness, type Harness } from './harness.ts';

/**
 * The sampling day of the issue, in the browser: a sampler prints the day list of 韩家坡村, registers ten
 * samples by typing their codes + Enter (a keyboard-wedge scanner does exactly that) and pools them; the lab
 * imports a file where that pool is positive; the retests appear; one contact's retest is positive and an
 * investigator converts the contact to a case from the suggestion.
 */

let h: Harness;
const VILLAGE = '141102006001';
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
// The lab ran the tubes an hour ago, written as lab systems print local times.
const testedAt = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'short',
  timeStyle: 'short',
}).format(new Date(Date.now() - 3_600_000));
type Entry = { code: string; name: string; subjectId: number };
let entries: Entry[] = [];
let poolCode = '';
let retestCode = '';

async function switchUser(username: string): Promise<void> {
  await h.context.clearCookies();
  await loginAs(h, username);
}

beforeAll(async () => {
  h = await startHarness('sampling');
  // The plan for the day (not part of the flow): a throat swab today for each demo contact of 韩家坡村.
  const sampler = await signIn(h.app, 'sampler');
  const contacts = await h.db.kysely
    .selectFrom('contacts')
    .select('id')
    .where('division_code', '=', VILLAGE)
    .where('classification', '=', 'close')
    .where('status', 'in', openStatuses)
    .orderBy('id')
    .limit(10)
    .execute();
  expect(contacts).toHaveLength(10);
  for (const contact of contacts) {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/samples',
      headers: { cookie: sampler.cookie, 'x-csrf-token': sampler.csrfToken },
      payload: {
        subjectType: 'contact',
        subjectId: Number(contact.id),
        specimen: 'throat_swab',
        plannedDate: today,
        label: '复核采样',
      },
    });
    expect(response.statusCode, response.body).toBe(201);
  }
  const list = await h.app.inject({
    method: 'GET',
    url: `/api/v1/sampling/day-list?date=${today}&division=${VILLAGE}`,
    headers: { cookie: sampler.cookie },
  });
  entries = list.json<{ groups: Array<{ entries: Entry[] }> }>().groups.flatMap((g) => g.entries);
  expect(entries).toHaveLength(10);
}, 180_000);

afterAll(async () => {
  await h?.close();
});

describe('a sampling day from the printed list to a converted case', () => {
  it('the sampler opens the day list of 韩家坡村, on a desk and on a phone, and prints it', async () => {
    await loginAs(h, 'sampler');
    await h.page.goto(`${h.baseUrl}/samples?date=${today}&division=${VILLAGE}`);
    const group = h.page.getByTestId('day-group');
    await group.filter({ hasText: '韩家坡村' }).waitFor();
    await expect.poll(() => group.locator('tbody tr').count()).toBe(10);
    await h.page
      .getByText(entries[0]?.name ?? '')
      .first()
      .waitFor();
    await h.shot('01-day-list');
    await h.page.setViewportSize({ width: 390, height: 844 });
    await h.page.getByTestId('day-entry').first().waitFor();
    expect(await h.page.getByTestId('day-entry').count()).toBe(10);
    await h.shot('02-day-list-phone');
    await h.page.setViewportSize({ width: 1366, height: 860 });
    const [download] = await Promise.all([
      h.page.waitForEvent('download'),
      h.page.getByTestId('download-docx').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`采样清单-${today}.docx`);
    const text = docxText(fs.readFileSync(await download.path()));
    expect(text).toContain('韩家坡村');
    for (const entry of entries) {
      expect(text).toContain(entry.name);
    }
  });

  it('registers ten samples by typing their codes + Enter, refuses a second scan in red, and pools them', async () => {
    await h.page.getByTestId('samples-tab-register').click();
    const scan = h.page.getByTestId('scan-input');
    await scan.waitFor();
    await expect.poll(() => scan.evaluate((el) => el === document.activeElement)).toBe(true);
    // A slow connection (a sampling site on a mobile network): the next tubes are scanned before the
    // first registration is answered.
    const registration = '**/api/v1/samples/register';
    await h.page.route(registration, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    for (const entry of entries) {
      // Typed into whatever holds the focus, as a wedge scanner does, without waiting for the answers: the
      // box must keep the focus between scans, and every scan must reach the list.
      await h.page.keyboard.type(entry.code);
      await h.page.keyboard.press('Enter');
    }
    // Data rows only: an empty table shows a placeholder row.
    const rows = h.page.getByTestId('registered-list').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(entries.length);
    await h.page.unroute(registration);
    await h.page.getByTestId('scan-ok').waitFor();
    await h.page.keyboard.type(entries[0]?.code ?? '');
    await h.page.keyboard.press('Enter');
    const error = h.page.getByTestId('scan-error');
    await error.waitFor();
    expect(await error.textContent()).toContain(entries[0]?.code);
    await h.shot('03-register-duplicate');
    await h.page.getByTestId('pool-these').click();
    const pool = h.page.getByTestId('pool-created');
    await pool.waitFor();
    poolCode = ((await pool.locator('.samples-pool-code').textContent()) ?? '').trim();
    expect(poolCode).toMatch(/^P\d{9}$/);
    await h.shot('04-pooled');
  });

  it('the lab receives the pool by scan; a tube it cannot receive stays listed after the next scan', async () => {
    await switchUser('lab');
    await h.page.goto(`${h.baseUrl}/samples/lab`);
    // Over a slow connection the pool is scanned before the unknown tube's answer comes back.
    const receiving = '**/api/v1/samples/receive';
    await h.page.route(receiving, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    await h.page.getByTestId('receive-input').click();
    for (const code of ['S999999999', poolCode]) {
      await h.page.keyboard.type(code);
      await h.page.keyboard.press('Enter');
    }
    const note = h.page.getByTestId('receive-note');
    await note.waitFor();
    expect(await note.textContent()).toContain(`${poolCode}：已接收 10 管`);
    const failed = h.page.getByTestId('receive-failed');
    await expect.poll(() => failed.count()).toBe(1);
    expect(await failed.textContent()).toContain('S999999999');
    await h.page.unroute(receiving);
    await h.shot('04b-received');
    await failed.locator('.ant-alert-close-icon').click();
    await expect.poll(() => failed.count()).toBe(0);
  });

  it('the lab imports a file where the pool is positive: bad rows by line, ten retests appear', async () => {
    const csv = [
      '样本编号,检测时间,ORF1ab,N',
      `${poolCode},${testedAt},28.1,27.4`,
      `S000000000,${testedAt},,`,
      `${entries[1]?.code},${testedAt},52,30`,
    ].join('\n');
    await h.page
      .getByTestId('lab-import')
      .locator('input[type=file]')
      .setInputFiles({ name: 'lab.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await h.page.getByTestId('start-lab-import').click();
    await h.page.getByTestId('import-result').waitFor();
    expect(await h.page.getByTestId('import-imported').textContent()).toBe('1');
    expect(await h.page.getByTestId('import-retests').textContent()).toBe('10');
    const bad = h.page.getByTestId('bad-rows').locator('tbody tr');
    await expect.poll(() => bad.count()).toBe(2);
    expect(await bad.nth(0).locator('td').first().textContent()).toBe('3');
    expect(await bad.nth(1).locator('td').first().textContent()).toBe('4');
    const retests = h.page.getByTestId('pool-retests').locator('tbody tr');
    await expect.poll(() => retests.count()).toBe(10);
    await h.page.getByTestId('import-result').scrollIntoViewIfNeeded();
    await h.shot('05-import-and-retests');
    retestCode = ((await retests.first().locator('code').textContent()) ?? '').trim();
    expect(retestCode).toMatch(/^S\d{9}$/);
  });

  it('the retest of one contact is collected and tested positive by hand', async () => {
    await h.page.getByTestId('samples-tab-register').click();
    await h.page.getByTestId('scan-input').waitFor();
    await h.page.keyboard.type(retestCode);
    await h.page.keyboard.press('Enter');
    await h.page.getByTestId('scan-ok').waitFor();
    await h.page.getByTestId('samples-tab-lab').click();
    await h.page.getByTestId('result-code').fill(retestCode);
    await h.page.getByTestId('result-orf1ab-ct').fill('25.3');
    await h.page.getByTestId('result-n-ct').fill('26');
    await h.page.getByTestId('result-submit').click();
    const done = h.page.getByTestId('result-done');
    await done.waitFor();
    expect(await done.textContent()).toContain('阳性');
    await h.shot('06-positive-retest');
  });

  it('an investigator converts the contact to a case from the suggestion, and opens the new case', async () => {
    await switchUser('investigator');
    await h.page.goto(`${h.baseUrl}/samples/suggestions`);
    const card = h.page.getByTestId('suggestion').filter({ hasText: '阳性预警' }).first();
    await card.waitFor();
    expect(await card.textContent()).toContain('25.3');
    await h.shot('07-suggestion');
    await card.getByTestId('suggestion-accept').click();
    await h.page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    const link = h.page.getByTestId('converted-case').getByRole('link');
    await link.waitFor();
    await h.shot('08-converted');
    await link.click();
    const title = h.page.getByTestId('case-title');
    await title.waitFor();
    expect(await title.textContent()).toMatch(/^LS-2020-\d{4}/);
    await h.shot('09-new-case');
  });

  it('a discharged case shows where its follow-up stands', async () => {
    const kase = await h.db.kysely
      .selectFrom('cases')
      .select('id')
      .where('case_number', '=', 'LS-2020-0001')
      .executeTakeFirstOrThrow();
    await h.page.goto(`${h.baseUrl}/cases/${kase.id}`);
    const card = h.page.getByTestId('discharge-follow-up');
    await card.waitFor();
    expect(await card.textContent()).toContain('2020-02-10');
    await card.scrollIntoViewIfNeeded();
    await h.shot('10-discharge-follow-up');
    // The investigator moves the date: the follow-up is planned again from it.
    await card.getByTestId('move-discharge').click();
    await pick(h, h.page.locator('.ant-modal input[data-testid="discharge-date"]'), '2020-02-12');
    await h.page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => card.getByTestId('discharge-date-shown').textContent()).toBe('2020-02-12');
    const moved = await h.db.kysely
      .selectFrom('case_discharges')
      .select(['discharge_date', 'version'])
      .where('case_id', '=', kase.id)
      .executeTakeFirstOrThrow();
    expect(moved).toMatchObject({ discharge_date: '2020-02-12', version: 2 });
  });
});
