import fs from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../src/core/identity/resident-id.ts';
import { requiredSectionTitles } from '../../src/core/report/compose.ts';
import { docxText } from '../helpers/docx-text.ts';
import { loginAs, pick, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('investigation');
});
afterAll(async () => {
  await h?.close();
});

/** A calendar day in the deployment zone, `days` before today. */
function shanghaiDate(daysAgo: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() - daysAgo * 86_400_000),
  );
}

/** Chooses an option of an Ant Design select by its label. */
async function choose(h: Harness, select: Locator, label: string): Promise<void> {
  await select.click();
  await h.page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: label })
    .click();
}

// A 1×1 PNG: evidence files are checked by their content, not their name.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const documentNumber = `14110219850607${String(Date.now() % 1000).padStart(3, '0')}`;
const onset = shanghaiDate(2);
const day = shanghaiDate(1);

describe('an investigation from the night report to the filed 流调报告', () => {
  let caseUrl = '';

  it('lets an investigator report a suspected case, with the person and the report card fields', async () => {
    await loginAs(h, 'investigator');
    await h.page.getByTestId('overdue-list').waitFor();
    await h.shot('01-home');
    await h.page.getByRole('menuitem', { name: '病例' }).click();
    await h.page.getByTestId('cases-table').getByText('LS-2020-0001').waitFor();
    await h.shot('02-cases');

    await h.page.getByTestId('report-case').click();
    const form = h.page.getByTestId('report-case-form');
    await form.locator('#person_name').fill('周明');
    await form.locator('#person_documentNumber').fill(documentNumber + checkCharacter(documentNumber));
    await form.locator('#person_phone').fill('139 0358 1234');
    await form.locator('#person_currentAddress').fill('山西省吕梁市离石区滨河街道永宁路 8 号');
    await form.locator('#person_divisionCode').fill('141102');
    await form.locator('#reportingInstitution').fill('吕梁市人民医院');
    await pick(h, form.locator('#onsetDate'), onset);
    await form.locator('#hospital').fill('吕梁市人民医院');
    await h.shot('03-report-form');
    await h.page.getByTestId('save-case').click();
    await h.page.waitForURL(/\/cases\/\d+$/);
    caseUrl = h.page.url();
    await expect(h.page.getByTestId('case-title').textContent()).resolves.toContain('周明');
    await expect(h.page.getByTestId('investigation-steps').textContent()).resolves.toContain('待派出');
    await h.page.getByTestId('clock-dispatch').waitFor();
    await h.shot('04-case-reported');
  });

  it('dispatches the team and moves the investigation through arrived and investigating', async () => {
    const panel = h.page.getByTestId('investigation-panel');
    for (const [button, state] of [
      ['to-dispatched', '已派出'],
      ['to-arrived', '已到达'],
      ['to-investigating', '调查中'],
    ] as const) {
      await panel.getByTestId(button).click();
      await h.page
        .locator('.ant-popconfirm:visible')
        .getByRole('button', { name: /确\s?定/ })
        .click();
      await panel.locator('.ant-steps-item-process').getByText(state).waitFor();
    }
    // The dispatch clock stopped in time; the report clock keeps running.
    await expect(panel.getByTestId('clock-dispatch').textContent()).resolves.toContain('按时完成');
    await panel.getByRole('button', { name: '加入调查组' }).click();
    await panel.getByText('调查组', { exact: true }).locator('..').getByText('我', { exact: true }).waitFor();
    await panel.getByTestId('clock-report').locator('.ant-statistic').waitFor();
    await h.shot('05-investigating');
  });

  it('records three trajectory entries, each with evidence', async () => {
    await h.page.getByRole('tab', { name: '活动轨迹' }).click();
    const entries = [
      {
        start: '09:00',
        end: '09:40',
        place: '康宁大药房（永宁路店）',
        evidence: '微信支付 4200001234 购买退烧药',
      },
      { start: '10:10', end: '11:50', place: '吕梁万达广场', evidence: '商场 3 号门监控 10:08 进入' },
      { start: '12:20', end: '18:00', place: '家中', evidence: '妻子陈述午后一直在家' },
    ];
    for (const entry of entries) {
      await h.page.getByTestId('add-entry').click();
      const drawer = h.page.getByTestId('entry-form');
      await pick(h, drawer.locator('#startAt'), `${day} ${entry.start}`);
      await pick(h, drawer.locator('#endAt'), `${day} ${entry.end}`);
      await drawer.locator('#placeName').fill(entry.place);
      await drawer.locator('#activity').fill('自述');
      await drawer.locator('#evidence_0_reference').fill(entry.evidence);
      if (entry.place === '吕梁万达广场') {
        await choose(h, drawer.getByTestId('evidence-row').locator('.ant-select').first(), '视频监控');
        await choose(h, drawer.getByTestId('evidence-row').locator('.ant-select').nth(1), '高');
      }
      if (entries.indexOf(entry) === 0) {
        await h.shot('06-entry-form');
      }
      await drawer.getByTestId('save-entry').click();
      await drawer.waitFor({ state: 'detached' });
      await h.page.getByTestId('timeline-entry').filter({ hasText: entry.place }).waitFor();
    }
    await expect(h.page.getByTestId('timeline-entry').count()).resolves.toBe(3);
    await h.shot('07-timeline');
    await h.page.getByRole('tab', { name: '列表' }).click();
    const table = h.page.getByTestId('trajectory-table');
    await table.getByText('吕梁万达广场').waitFor();

    // A second evidence item for the pharmacy visit, with the receipt photo attached.
    await table.locator('.ant-table-row-expand-icon').first().click();
    await table.locator('#reference').fill('收银小票照片');
    await table
      .locator('input[type="file"]')
      .setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: png });
    // The picked file is held by the form until the item is saved.
    await table.locator('.ant-upload-list').getByText('receipt.png').waitFor();
    await table.getByRole('button', { name: /添加证据/ }).click();
    await table.getByRole('link', { name: /receipt\.png/ }).waitFor();
    await h.shot('08-trajectory-table');

    // An item added twice is removed with a reason: archived, not deleted.
    await table.locator('#reference').fill('收银小票（重复）');
    await table.getByRole('button', { name: /添加证据/ }).click();
    const twice = table.locator('.ant-list-item').filter({ hasText: '收银小票（重复）' });
    await twice.waitFor();
    await twice.getByRole('button', { name: '移除证据' }).click();
    await h.page.getByTestId('remove-evidence-reason').fill('重复上传');
    await h.page.locator('.ant-modal-footer .ant-btn-dangerous').click();
    await twice.waitFor({ state: 'detached' });
    const archived = await h.db.kysely
      .selectFrom('evidence_items')
      .select(['archived', 'archived_reason'])
      .where('reference', '=', '收银小票（重复）')
      .executeTakeFirstOrThrow();
    expect(archived).toEqual({ archived: 1, archived_reason: '重复上传' });
  });

  it('fills sections of the case form and saves the draft with its version', async () => {
    await h.page.getByRole('tab', { name: '个案调查表' }).click();
    const form = h.page.getByTestId('case-form');
    await form.locator('#basicInfo_occupation').fill('个体经营');
    await form.locator('#basicInfo_livingWith').fill('妻子、女儿');
    await form.getByRole('tab', { name: '旅居史' }).click();
    await form
      .getByRole('button', { name: /添加一行/ })
      .first()
      .click();
    await pick(h, form.locator('#travelHistory_rows_0_from'), shanghaiDate(10));
    await pick(h, form.locator('#travelHistory_rows_0_to'), shanghaiDate(8));
    await form.locator('#travelHistory_rows_0_place').fill('太原市小店区');
    await form.locator('#travelHistory_rows_0_purpose').fill('探亲');
    await form.getByRole('tab', { name: '基础疾病史' }).click();
    await form.getByRole('checkbox', { name: '高血压' }).check();
    await form.getByRole('tab', { name: '接触史' }).click();
    await form.getByTestId('form-contactHistory').fill('发病前 14 天无武汉旅居史，无确诊病例接触史。');
    await form.getByRole('tab', { name: '应对措施' }).click();
    await form.getByTestId('form-measures').fill('患者已收治隔离；家属居家隔离医学观察。');
    await form.getByRole('tab', { name: '风险评估' }).click();
    await form.getByTestId('form-riskAssessment').fill('曾到访药店与商场，存在社区传播风险。');
    await form.getByRole('tab', { name: '建议' }).click();
    await form.getByTestId('form-recommendations').fill('对康宁大药房暂停营业并终末消毒。');
    await h.shot('09-case-form');
    await form.getByTestId('save-form').click();
    await form.getByText(/已于 .* 保存/).waitFor();
  });

  it('previews the report, generates a version, downloads the .docx and submits it', async () => {
    await h.page.getByRole('tab', { name: '流调报告' }).click();
    const preview = h.page.getByTestId('report-preview');
    await preview.getByText('吕梁万达广场').first().waitFor();
    await expect(preview.textContent()).resolves.toContain('对康宁大药房暂停营业并终末消毒');
    await h.shot('10-report-preview');

    await h.page.getByTestId('generate-report').click();
    const versions = h.page.getByTestId('report-versions');
    await versions.getByTestId('download-docx').waitFor();
    const [download] = await Promise.all([
      h.page.waitForEvent('download'),
      versions.getByTestId('download-docx').click(),
    ]);
    const file = path.resolve('test-results', 'investigation', 'report.docx');
    await download.saveAs(file);
    const text = docxText(fs.readFileSync(file));
    for (const title of requiredSectionTitles) {
      expect(text).toContain(title);
    }
    expect(text).toContain('周明');
    expect(text).toContain('康宁大药房（永宁路店）');
    expect(text).toContain('太原市小店区');

    await versions.getByTestId('submit-report').click();
    await h.page
      .locator('.ant-modal:visible')
      .getByRole('button', { name: /报\s?送/ })
      .click();
    await versions.getByText('市疾控中心', { exact: false }).waitFor();
    await h.shot('11-report-submitted');

    await h.page.getByRole('tab', { name: '概况' }).click();
    const panel = h.page.getByTestId('investigation-panel');
    await panel.locator('.ant-steps-item-finish').getByText('已报送').waitFor();
    await expect(panel.getByTestId('clock-report').textContent()).resolves.toContain('按时完成');
    await h.shot('12-case-submitted');
    expect(caseUrl).toContain('/cases/');
  });

  it('changes the classification, asking for the two negative tests before an exclusion', async () => {
    await h.page.getByTestId('change-classification').click();
    const dialog = h.page.locator('.ant-modal:visible');
    await choose(h, dialog.locator('.ant-select').first(), '排除');
    await dialog.locator('#reason').fill('两次核酸阴性');
    await dialog.getByRole('button', { name: /确\s?定|OK/ }).click();
    await dialog.getByText('请录入两次核酸阴性结果').waitFor();
    await h.shot('13-exclusion-needs-tests');
    await choose(h, dialog.locator('.ant-select').first(), '确诊病例');
    await dialog.locator('#reason').fill('咽拭子核酸检测阳性');
    await dialog.getByRole('button', { name: /确\s?定|OK/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await h.page.locator('.ant-tag').filter({ hasText: '确诊病例' }).first().waitFor();
    await h.page.getByText('咽拭子核酸检测阳性').waitFor();
  });

  it('shows the case page in English with every label translated', async () => {
    await h.page.getByTestId('language-switch').click();
    await h.page.getByRole('tab', { name: 'Overview' }).waitFor();
    const text = (await h.page.locator('.app-content').textContent()) ?? '';
    expect(text).toContain('Investigation');
    expect(text).toContain('Submitted');
    // An untranslated key would show as its dotted name.
    expect(text).not.toMatch(/\b(cases|inv|clock|state|traj|reports|cls)\.[a-zA-Z]+/);
    await h.shot('14-case-english');
    await h.page.getByTestId('language-switch').click();
    await h.page.getByRole('tab', { name: '概况' }).waitFor();
  });

  it('links a document number on file to its person, and warns about a likely duplicate', async () => {
    await h.page.goto(`${h.baseUrl}/cases/new`);
    const form = h.page.getByTestId('report-case-form');
    // The demo's 孙强 holds this resident ID.
    await form.locator('#person_name').fill('孙某');
    await form
      .locator('#person_documentNumber')
      .fill('14110219800105005' + checkCharacter('14110219800105005'));
    await form.locator('#reportingInstitution').fill('吕梁市人民医院');
    await h.page.getByTestId('save-case').click();
    await form.getByText('该证件号码已登记', { exact: true }).waitFor();
    await h.shot('15-document-on-file');
    await form.getByRole('button', { name: '使用该人员' }).click();
    await form.getByText(/使用已登记人员 #\d+/).waitFor();
    await form.getByRole('button', { name: '改为新建人员' }).click();

    await form.locator('#person_name').fill('孙强');
    await form.locator('#person_phone').fill('13703581188');
    const duplicates = h.page.getByTestId('duplicates');
    await duplicates.waitFor();
    await h.shot('16-duplicate-warning');
    await duplicates.getByRole('button').first().click();
    await form.getByText(/使用已登记人员 #\d+ 孙强/).waitFor();
  });

  it('shows the demo case past its 24-hour clock on the overdue list, highlighted for the lead', async () => {
    // The demo's 孙强 was reported 30 hours ago and is still being investigated.
    const demoCase = await h.page.evaluate(async () => {
      const response = await fetch(`/api/v1/cases?q=${encodeURIComponent('孙强')}`);
      const body = (await response.json()) as { items: { caseNumber: string }[] };
      return body.items[0]?.caseNumber ?? 'missing';
    });
    await h.context.clearCookies();
    await loginAs(h, 'lead');
    const list = h.page.getByTestId('overdue-list');
    await list.getByText(demoCase).waitFor();
    await expect(list.getAttribute('class')).resolves.toContain('escalated');
    await expect(list.textContent()).resolves.toContain('已超时');
    await h.shot('17-home-overdue-lead');

    await h.page.getByRole('menuitem', { name: '任务' }).click();
    await h.page.getByText('已超时', { exact: true }).click();
    // The view is in the URL; once it reads overdue, the rows shown are the overdue view's.
    await h.page.waitForURL('**/tasks?view=overdue');
    const tasks = h.page.getByTestId('tasks-table');
    await expect.poll(() => tasks.locator('.row-overdue').count()).toBeGreaterThan(0);
    await h.shot('18-tasks-overdue');
    // The table may refetch (and show no rows for a moment) after the screenshot: count the rows once
    // they are back, right before the click.
    let before = 0;
    await expect
      .poll(async () => {
        before = await tasks.locator('.row-overdue').count();
        return before;
      })
      .toBeGreaterThan(0);
    await tasks
      .getByRole('button', { name: /标记完成/ })
      .first()
      .click();
    await expect.poll(() => tasks.locator('.row-overdue').count()).toBe(before - 1);
  });
});
