import ExcelJS from 'exceljs';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../src/core/identity/resident-id.ts';
import { DEMO_SITE } from '../../src/server/demo/contacts.ts';
import { loginAs, pick, startHarness, type Harness } from './harness.ts';

let h: Harness;
let caseId = 0;
let siteId = 0;

beforeAll(async () => {
  h = await startHarness('contacts');
  // A blank page is a script that failed: say which.
  h.page.on('pageerror', (error) => console.error('page error:', error.message));
  h.page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().includes('/api/')) {
      console.error('failed to load', response.status(), response.url());
    }
  });
  // The demo case reported 30 hours ago: its look-back window reaches today, so its contacts' plans are live.
  const kase = await h.db.kysely
    .selectFrom('cases')
    .innerJoin('persons', 'persons.id', 'cases.person_id')
    .select('cases.id')
    .where('persons.name', '=', '孙强')
    .executeTakeFirstOrThrow();
  caseId = Number(kase.id);
  const site = await h.db.kysely
    .selectFrom('quarantine_sites')
    .select('id')
    .where('name', '=', DEMO_SITE)
    .executeTakeFirstOrThrow();
  siteId = Number(site.id);
});
afterAll(async () => {
  await h?.close();
});

function residentId(serial: number): string {
  const body = `14110219900301${String(serial).padStart(3, '0')}`;
  return body + checkCharacter(body);
}

/** `hoursAgo` hours before now as a Shanghai wall-clock time, the way a sheet writes it. */
function wallTime(hoursAgo: number): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(Date.now() - hoursAgo * 3_600_000));
}

// The case fell ill about 60 hours ago and was isolated 30 hours ago: exposures lie between.
const first = wallTime(44);
const last = wallTime(34);
const suffix = String(Date.now() % 10000).padStart(4, '0');
/** What a tracer copies out of the hotel's sheet: a header row and three people, one phone mistyped. */
const sheet = [
  [
    '姓名',
    '身份证号',
    '联系电话',
    '现住址',
    '区划代码',
    '接触类型',
    '首次接触时间',
    '末次接触时间',
    '接触地点',
  ],
  [
    '赵一鸣',
    residentId(1),
    `1390358${suffix}`,
    '凤山街道龙山路20号',
    '141102003000',
    '同住',
    first,
    last,
    '家中',
  ],
  ['钱二妹', residentId(2), '12345', '凤山街道龙山路22号', '141102003000', '共餐', first, last, '某饭店'],
  [
    '周三强',
    residentId(3),
    `1370358${suffix}`,
    '田家会街道某村',
    '141102006000',
    '同一空间',
    first,
    last,
    '某车间',
  ],
]
  .map((row) => row.join('\t'))
  .join('\r\n');

/** A real paste event carrying tab-separated text, as a browser fires it when the user presses Ctrl+V. */
async function paste(target: Locator, text: string): Promise<void> {
  await target.click();
  await target.evaluate((element, data) => {
    const clipboard = new DataTransfer();
    clipboard.setData('text/plain', data);
    element.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }),
    );
  }, text);
}

async function openContact(name: string): Promise<void> {
  await h.page.goto(`${h.baseUrl}/contacts?caseId=${caseId}`);
  const link = h.page.getByTestId('contacts-table').getByRole('link', { name });
  // A screenshot of the list when the contact is not on it says why the rest of the flow stopped.
  await link.waitFor().catch(async (error: unknown) => {
    await h.shot(`failed-open-${name}`);
    throw error;
  });
  await link.click();
  await h.page.getByTestId('contact-title').filter({ hasText: name }).waitFor();
}

async function switchUser(username: string): Promise<void> {
  await h.context.clearCookies();
  await loginAs(h, username);
}

const dialog = () => h.page.locator('.ant-modal:visible');
const ok = () => dialog().locator('.ant-modal-footer .ant-btn-primary');

describe('a tracer’s night: contacts pasted from Excel, placed, followed up, converted and released', () => {
  it('adds a case’s contacts from a pasted grid, showing the server’s field message on the bad cell first', async () => {
    await loginAs(h, 'tracer');
    await h.page.goto(`${h.baseUrl}/cases/${caseId}?tab=contacts`);
    await h.page.getByTestId('open-contact-grid').click();
    await paste(h.page.getByTestId('grid-0-name'), sheet);
    await expect.poll(() => h.page.getByTestId('grid-2-name').inputValue()).toBe('周三强');
    expect(await h.page.getByTestId('grid-1-phone').inputValue()).toBe('12345');
    expect(await h.page.getByTestId('grid-0-lastExposureAt').inputValue()).toBe(last);
    await h.shot('01-grid-pasted');

    await h.page.getByTestId('grid-submit').click();
    const phoneError = h.page.getByTestId('grid-error-1-phone');
    await phoneError.waitFor();
    expect(await phoneError.textContent()).toMatch(/号码|电话|手机/);
    await h.page.getByTestId('grid-errors').waitFor();
    await h.shot('02-grid-field-error');
    // All-or-nothing: nothing was saved while one row was bad.
    expect(await h.page.getByTestId('contacts-table').getByRole('link', { name: '赵一鸣' }).count()).toBe(0);

    await h.page.getByTestId('grid-1-phone').fill(`1380358${suffix}`);
    await h.page.getByTestId('grid-submit').click();
    await h.page.getByTestId('contact-grid').waitFor({ state: 'detached' });
    const table = h.page.getByTestId('contacts-table');
    for (const name of ['赵一鸣', '钱二妹', '周三强']) {
      await table.getByRole('link', { name }).waitFor();
    }
    await h.shot('03-case-contacts');

    // One at a time: the same case, through the form.
    await h.page.getByTestId('open-contact-form').click();
    const form = h.page.getByTestId('contact-form');
    await h.page.getByTestId('contact-form-name').fill('吴六');
    await h.page.getByTestId('contact-form-phone').fill(`1330358${suffix}`);
    await h.page.getByTestId('exposure-kind').click();
    await h.page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: '探视' })
      .first()
      .click();
    for (const [label, value] of [
      ['首次暴露时间', first],
      ['末次暴露时间', last],
    ] as const) {
      await pick(h, form.getByLabel(label), value);
    }
    await h.page.getByTestId('contact-form-submit').click();
    await table.getByRole('link', { name: '吴六' }).waitFor();
  });

  it('the tracer notifies by phone; the list reads its filters from the URL', async () => {
    for (const name of ['赵一鸣', '钱二妹', '周三强']) {
      await openContact(name);
      await h.page.getByTestId('action-notify').click();
      await h.page.getByTestId('contact-status').filter({ hasText: '已告知' }).waitFor();
    }
    await h.page.getByTestId('plan-tests').waitFor();
    await h.shot('04-contact-notified');

    await h.page.goto(`${h.baseUrl}/contacts?caseId=${caseId}&status=notified`);
    const rows = h.page.getByTestId('contacts-table').locator('tbody tr.ant-table-row');
    await expect
      .poll(() => rows.count())
      .toBe(3)
      .catch(async (error: unknown) => {
        await h.shot('failed-list');
        throw error;
      });
    await h.page.waitForLoadState('networkidle');
    await h.shot('05-list-from-url');
    await h.page.getByTestId('filter-status').click();
    await h.page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: '已判定' })
      .click();
    await expect.poll(() => new URL(h.page.url()).searchParams.get('status')).toBe('identified');
    await expect.poll(() => rows.count()).toBe(0);
  });

  it('places one in a room of the site and records follow-ups; out-of-range input shows the field message', async () => {
    await h.page.goto(`${h.baseUrl}/quarantine`);
    await h.page.getByTestId('sites-table').getByRole('link', { name: DEMO_SITE }).waitFor();
    await h.shot('06-sites');
    await openContact('赵一鸣');
    await h.page.getByTestId('action-place').click();
    await h.page.getByTestId('place-site').click();
    await h.page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: '宾馆' })
      .click();
    await h.page.getByTestId('place-room').click();
    const room = h.page
      .locator('.ant-select-dropdown:visible .ant-select-item-option:not(.ant-select-item-option-disabled)')
      // The site list may still be fading out: a room's label starts with its number.
      .filter({ hasText: /^\d+（/ })
      .first();
    const roomLabel = (await room.textContent()) ?? '';
    const roomNumber = roomLabel.slice(0, 3);
    await room.click();
    await h.shot('07-place-dialog');
    await ok().click();
    await h.page.getByTestId('contact-status').filter({ hasText: '隔离中' }).waitFor();
    expect(await h.page.getByTestId('contact-placement').textContent()).toContain(roomNumber);

    await h.page.getByTestId('tab-follow-ups').click();
    const temperature = h.page.getByTestId('follow-up-temperature');
    await temperature.fill('43');
    await h.page.getByTestId('follow-up-submit').click();
    const fieldMessage = h.page.locator('.ant-form-item-explain-error').filter({ hasText: /35|42/ });
    await fieldMessage.waitFor();
    await h.shot('08-follow-up-out-of-range');

    await temperature.fill('36.6');
    await h.page.getByTestId('follow-up-submit').click();
    const table = h.page.getByTestId('follow-ups-table');
    await table.getByText('36.6 °C').waitFor();
    await temperature.fill('37.9');
    await h.page.getByTestId('follow-up-symptoms').getByText('咳嗽').click();
    await h.page.getByTestId('follow-up-submit').click();
    await table.getByText('37.9 °C').waitFor();
    const alerts = h.page.getByTestId('alerts-list');
    await alerts.waitFor();
    expect(await alerts.textContent()).toMatch(/发热/);
    expect(await alerts.textContent()).toMatch(/建议/);
    await h.shot('09-follow-ups-alert');

    await h.page.goto(`${h.baseUrl}/quarantine/${siteId}`);
    const board = h.page.getByTestId(`room-${roomNumber}`);
    await board.getByText('赵一鸣').waitFor();
    await h.shot('10-occupancy-board');
  });

  it('converts one to a case, which links to the new case', async () => {
    await openContact('钱二妹');
    await h.page.getByTestId('action-convert').click();
    await h.page.getByTestId('convert-institution').fill('吕梁市人民医院');
    await h.page.getByTestId('convert-reason').fill('隔离期间出现发热，咽拭子核酸检测阳性');
    await ok().click();
    await h.page.getByTestId('convert-done').waitFor();
    await h.shot('11-converted');
    await dialog().getByRole('link').click();
    await h.page.getByTestId('case-title').filter({ hasText: '钱二妹' }).waitFor();
    await h.shot('12-new-case');

    await openContact('钱二妹');
    await h.page.getByTestId('contact-status').filter({ hasText: '已转病例' }).waitFor();
    await h.page.getByTestId('converted-case-link').waitFor();
  });

  it('releases another early, which asks for a reason, and offers the release certificate', async () => {
    await openContact('周三强');
    await h.page.getByTestId('action-place').click();
    await dialog().getByText('居家隔离').click();
    await h.page.getByTestId('place-address').fill('离石区田家会街道某村12号');
    await ok().click();
    await h.page.getByTestId('contact-status').filter({ hasText: '隔离中' }).waitFor();
    // The placement dialog has closed before the release dialog opens: `dialog()` then means the latter.
    await expect.poll(() => dialog().count()).toBe(0);

    await h.page.getByTestId('action-release').click();
    await expect.poll(() => dialog().textContent()).toMatch(/提前解除须填写原因/);
    await ok().click();
    await dialog().locator('.ant-form-item-explain-error').waitFor();
    await h.page.getByTestId('reason-input').fill('经专家组评估为一般接触者，解除集中管理');
    await h.shot('13-early-release');
    await ok().click();
    await h.page.getByTestId('contact-status').filter({ hasText: '已解除' }).waitFor();
    await h.page.getByTestId('release-certificate').waitFor();
    expect(await h.page.getByTestId('contact-overview').textContent()).toContain('经专家组评估');
    await h.shot('14-released');
  });

  it('imports a workbook: the error report lists line, field and column, and a clean file is imported whole', async () => {
    await switchUser('tracer');
    async function workbook(phone: string): Promise<Buffer> {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('密接名单');
      sheet.addRow(['某宾馆同楼层人员名单']);
      sheet.addRow(['姓名', '联系电话', '接触方式', '首次接触', '末次接触', '地点']);
      sheet.addRow(['孙四', `1350358${suffix}`, '同一空间', first, last, '宾馆三楼']);
      sheet.addRow(['李五', phone, '同一空间', first, last, '宾馆三楼']);
      return Buffer.from(await book.xlsx.writeBuffer());
    }
    const mime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    await h.page.goto(`${h.baseUrl}/contacts/import?caseId=${caseId}`);
    const input = h.page.locator('input[type="file"]');
    await input.setInputFiles({ name: 'bad.xlsx', mimeType: mime, buffer: await workbook('8888') });
    const errors = h.page.getByTestId('import-errors');
    await errors.waitFor();
    const row = errors.locator('tbody tr.ant-table-row').first();
    // The title line is line 1 and the header line 2, so 李五 is on line 4 as Excel numbers it.
    expect(await row.textContent()).toMatch(/^4联系电话联系电话电话应为/);
    expect(await h.page.getByTestId('import-commit').count()).toBe(0);
    await h.shot('15-import-errors');

    await input.setInputFiles({
      name: 'good.xlsx',
      mimeType: mime,
      buffer: await workbook(`1360358${suffix}`),
    });
    await h.page.getByTestId('import-commit').click();
    await h.page.getByTestId('import-done').waitFor();
    await h.shot('16-import-done');
    await h.page.goto(`${h.baseUrl}/contacts?caseId=${caseId}&q=${encodeURIComponent('李五')}`);
    await h.page.getByTestId('contacts-table').getByRole('link', { name: '李五' }).waitFor();
  });
});
