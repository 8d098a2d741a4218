import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outbreak } from '../../src/server/outbreaks/outbreaks.schema.ts';
import { signIn } from '../helpers/app.ts';
import { loginAs, pick, startHarness, type Harness } from './harness.ts';

/**
 * The team lead declares a second outbreak next to the demo one, renames it (once after someone else
 * changed it meanwhile), and archives it with a reason; roles that only read see the list without buttons.
 */

let h: Harness;
const DEMO = '离石区新冠肺炎疫情';
const DECLARED = '离石区城北聚集性疫情';
const RENAMED = '离石区城北聚集性疫情（滨河街道）';

beforeAll(async () => {
  h = await startHarness('outbreaks');
});
afterAll(async () => {
  await h?.close();
});

/** Chooses an option of an Ant Design select by its label. */
async function choose(select: Locator, label: string): Promise<void> {
  await select.click();
  await h.page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: label })
    .click();
}

const row = (name: string) =>
  h.page.getByTestId('outbreaks-table').locator('tbody tr').filter({ hasText: name });

/** The error shown under one field of the outbreak form. */
const fieldError = (id: string) =>
  h.page
    .getByTestId('outbreak-form')
    .locator('.ant-form-item')
    .filter({ has: h.page.locator(`#${id}`) })
    .locator('.ant-form-item-explain-error');

describe('the outbreaks page (疫情管理)', () => {
  it('lists the demo outbreak with its protocol preset and case-number mask', async () => {
    await loginAs(h, 'lead');
    await h.page.getByRole('menuitem', { name: '疫情管理' }).click();
    await h.page.getByRole('heading', { name: '疫情管理' }).waitFor();
    const demo = row(DEMO);
    await demo.waitFor();
    await expect(demo.textContent()).resolves.toContain('第二版防控方案');
    await expect(demo.textContent()).resolves.toContain('LS-2020-####');
    await expect(demo.textContent()).resolves.toContain('2020-01-25');
  });

  it('declares an outbreak, with the server’s field errors shown next to the fields', async () => {
    await h.page.getByTestId('declare-outbreak').click();
    const form = h.page.getByTestId('outbreak-form');
    await form.locator('#name').fill(DEMO);
    await form.locator('#disease').fill('新型冠状病毒肺炎');
    await choose(form.locator('#presetId'), '第九版防控方案');
    await pick(h, form.locator('#startDate'), '2022-04-02');
    // The division starts as the lead's jurisdiction.
    await expect(form.getByTestId('division-picker').textContent()).resolves.toContain('离石区');
    // Two runs of # cannot take one counter.
    await form.locator('#caseNumberMask').fill('LS-##-####');
    await form.getByRole('button', { name: '保 存' }).click();
    await expect(fieldError('caseNumberMask').textContent()).resolves.toContain('须含一段连续的 #');
    await h.shot('01-mask-error');

    await form.locator('#caseNumberMask').fill('LSCB-2022-###');
    await form.getByRole('button', { name: '保 存' }).click();
    await expect(fieldError('name').textContent()).resolves.toContain(`“${DEMO}”已存在`);
    await h.shot('02-duplicate-name');

    await form.locator('#name').fill(DECLARED);
    await form.getByRole('button', { name: '保 存' }).click();
    await form.waitFor({ state: 'detached' });
    const declared = row(DECLARED);
    await declared.waitFor();
    await expect(declared.textContent()).resolves.toContain('第九版防控方案');
    await expect(declared.textContent()).resolves.toContain('LSCB-2022-###');
    await expect(declared.textContent()).resolves.toContain('141102');
    await h.page.screenshot({ path: '/tmp/outbreaks-page.png', fullPage: true });
    await h.shot('03-declared');
  });

  it('renames it, and after someone else’s change asks to reload instead of overwriting', async () => {
    await row(DECLARED).getByTestId('edit-outbreak').click();
    const form = h.page.getByTestId('outbreak-form');
    await expect(form.locator('#name').inputValue()).resolves.toBe(DECLARED);

    // Another lead corrects the disease while the drawer is open.
    const other = await signIn(h.app, 'lead');
    const list = await other.get('/api/v1/outbreaks?archived=false');
    const current = list.json<{ items: Outbreak[] }>().items.find((o) => o.name === DECLARED);
    const patched = await other.patch(`/api/v1/outbreaks/${current?.id ?? 0}`, {
      version: current?.version,
      disease: '新型冠状病毒感染',
    });
    expect(patched.statusCode, patched.body).toBe(200);

    await form.locator('#name').fill(RENAMED);
    await form.getByRole('button', { name: '保 存' }).click();
    await form.getByText('该疫情已被他人修改').waitFor();
    await h.shot('04-conflict');
    await form.getByTestId('outbreak-reload').click();
    await expect.poll(() => form.locator('#disease').inputValue()).toBe('新型冠状病毒感染');
    await expect(form.locator('#name').inputValue()).resolves.toBe(DECLARED);

    await form.locator('#name').fill(RENAMED);
    await form.getByRole('button', { name: '保 存' }).click();
    await form.waitFor({ state: 'detached' });
    await expect(row(RENAMED).textContent()).resolves.toContain('新型冠状病毒感染');
  });

  it('archives it with a reason, shows it under the archived filter, and restores it', async () => {
    await row(RENAMED).getByTestId('archive-outbreak').click();
    const dialog = h.page.getByRole('dialog').filter({ hasText: '归档疫情' });
    await h.page.getByTestId('outbreak-archive-reason').fill('重复新建，病例并入离石区新冠肺炎疫情');
    await dialog.getByRole('button', { name: '归 档' }).click();
    await row(RENAMED).waitFor({ state: 'detached' });
    await row(DEMO).waitFor();

    await h.page.getByTestId('outbreaks-archived').click();
    const archived = row(RENAMED);
    await archived.waitFor();
    await expect(archived.textContent()).resolves.toContain('已归档');
    await expect(h.page.getByTestId('outbreaks-table').textContent()).resolves.not.toContain(DEMO);
    await archived.getByText('已归档').hover();
    await h.page.getByText('归档原因：重复新建，病例并入离石区新冠肺炎疫情').waitFor();
    await h.shot('05-archived');

    await archived.getByTestId('restore-outbreak').click();
    await archived.waitFor({ state: 'detached' });
    await h.page.getByTestId('outbreaks-archived').click();
    await row(RENAMED).waitFor();
  });

  it('shows the list without buttons to an investigator, and no entry to the admin', async () => {
    await h.context.clearCookies();
    await loginAs(h, 'investigator');
    await h.page.getByRole('menuitem', { name: '疫情管理' }).click();
    await row(DEMO).waitFor();
    await expect(h.page.getByTestId('declare-outbreak').count()).resolves.toBe(0);
    await expect(h.page.getByTestId('edit-outbreak').count()).resolves.toBe(0);

    await h.context.clearCookies();
    await loginAs(h, 'admin');
    await expect(h.page.getByTestId('main-nav').textContent()).resolves.not.toContain('疫情管理');
  });
});
