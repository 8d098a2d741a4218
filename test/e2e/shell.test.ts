import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startHarness, type Harness } from './harness.ts';

let h: Harness;
const scopeNote = '仅列出本辖区用户的操作；其他辖区用户和命令行的操作不在此列。';
beforeAll(async () => {
  h = await startHarness('shell');
});
afterAll(async () => {
  await h?.close();
});

describe('the web shell', () => {
  it('shows the Chinese login page, and a wrong password shows a message', async () => {
    await h.page.goto(`${h.baseUrl}/`);
    await h.page.waitForURL('**/login');
    await h.page.getByRole('heading', { name: '登录扫雷' }).waitFor();
    await h.shot('01-login');
    await h.page.locator('#username').fill('investigator');
    await h.page.locator('#password').fill('not-the-password');
    await h.page.locator('button[type="submit"]').click();
    await expect(h.page.getByTestId('login-error').textContent()).resolves.toContain('用户名或密码错误');
    await h.shot('02-wrong-password');
  });

  it('logs in to the shell in Chinese, switches to English, and logs out', async () => {
    await loginAs(h, 'lead');
    const nav = h.page.getByTestId('main-nav');
    await expect(nav.textContent()).resolves.toContain('病例');
    await expect(h.page.getByTestId('user-menu').textContent()).resolves.toContain('流调组长');
    await expect(h.page.getByTestId('user-menu').textContent()).resolves.toContain('离石区');
    await h.shot('03-shell-zh');

    await h.page.getByTestId('language-switch').click();
    await h.page.getByRole('menuitem', { name: 'Cases' }).waitFor();
    await expect(h.page.getByTestId('user-menu').textContent()).resolves.toContain('Investigation lead');
    await h.page.getByRole('menuitem', { name: 'Contacts' }).click();
    await h.page.getByRole('heading', { name: 'Close contacts' }).waitFor();
    await h.shot('04-shell-en');
    await h.page.getByTestId('language-switch').click();

    await h.page.getByTestId('user-menu').hover();
    await h.page.getByText('退出登录').click();
    await h.page.waitForURL('**/login');
    const me = await h.page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
    expect(me).toBe(401);
  });

  it('locks the account on repeated wrong passwords and says until when', async () => {
    await h.page.goto(`${h.baseUrl}/login`);
    for (let i = 1; i <= 6; i += 1) {
      await h.page.locator('#username').fill('tracer');
      await h.page.locator('#password').fill(`wrong-password-${i}`);
      await h.page.locator('button[type="submit"]').click();
      await h.page.getByTestId('login-error').waitFor();
      if (i < 5) {
        await expect(h.page.getByTestId('login-error').textContent()).resolves.toContain('用户名或密码错误');
      }
    }
    await expect(h.page.getByTestId('login-error').textContent()).resolves.toMatch(
      /账户已锁定至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/,
    );
    await h.page.locator('#password').fill('saolei-demo-2020');
    await h.page.locator('button[type="submit"]').click();
    await expect(h.page.getByTestId('login-error').textContent()).resolves.toContain('账户已锁定');
    await h.shot('05-locked');
  });

  it('lets the admin manage users and read the audit log, with per-record history', async () => {
    await loginAs(h, 'admin');
    await h.page.getByRole('menuitem', { name: '用户' }).click();
    await h.page.getByTestId('users-table').getByText('tracer', { exact: true }).waitFor();
    await h.shot('06-users');
    await h.page.getByRole('button', { name: '新建用户' }).click();
    await h.page.locator('#username').fill('zhao.liu');
    await h.page.locator('#displayName').fill('赵六');
    await h.page.locator('#password').fill('short');
    await h.page.getByRole('button', { name: '保 存' }).click();
    await h.page.getByText('至少 12 个字符').first().waitFor();
    await h.page.locator('#password').fill('a-long-enough-password');
    await h.page.getByRole('button', { name: '保 存' }).click();
    await h.page.getByTestId('users-table').getByText('zhao.liu').waitFor();

    await h.page.getByRole('menuitem', { name: '审计日志' }).click();
    await h.page.getByTestId('audit-table').getByText('user.create').first().waitFor();
    await expect(h.page.getByTestId('audit-table').textContent()).resolves.toContain('auth.locked');
    await h.page.getByRole('button', { name: '校验哈希链' }).click();
    await h.page.getByText(/哈希链完整/).waitFor();
    await expect(h.page.getByText(scopeNote).count()).resolves.toBe(0);
    await h.shot('07-audit');
  });

  it("shows a district lead only the audit events of their jurisdiction's users, and says so", async () => {
    await h.page.goto(`${h.baseUrl}/`);
    await h.page.getByTestId('user-menu').hover();
    await h.page.getByText('退出登录').click();
    await h.page.waitForURL('**/login');
    await loginAs(h, 'lead');
    await h.page.getByRole('menuitem', { name: '审计日志' }).click();
    await h.page.getByText(scopeNote).waitFor();
    const table = h.page.getByTestId('audit-table');
    await table.getByText('auth.login').first().waitFor();
    // The admin (a city-level user) created a user in the test before: not an event of the district's users.
    await expect(table.textContent()).resolves.not.toContain('user.create');
    await h.shot('08-audit-lead');
  });
});
