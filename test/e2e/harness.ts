import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig, type ConfigInput } from '../../src/server/config/config.ts';
import { openSqlite, type Db } from '../../src/server/db/connect.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { loadDemo } from '../../src/server/demo/demo.ts';
import type { App } from '../../src/server/http/types.ts';
import { CHROMIUM } from '../setup/browser.ts';
import '../setup/provided.ts';

export type Harness = {
  baseUrl: string;
  app: App;
  db: Db;
  context: BrowserContext;
  page: Page;
  /** Saves a screenshot under test-results/ (kept as a CI artifact). */
  shot: (name: string) => Promise<void>;
  close: () => Promise<void>;
};

/** The real server on a fresh demo database, served on a free port, and a fresh headless Chromium. */
export async function startHarness(name: string, config: Partial<ConfigInput> = {}): Promise<Harness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'saolei-e2e-'));
  const db = openSqlite(path.join(dataDir, 'saolei.db'));
  await migrateToLatest(db);
  await loadDemo(db);
  const resolved = loadConfig({}, { dataDir, logLevel: 'silent', webDist: inject('webDist'), ...config });
  const { app } = await buildApp(resolved, db, { logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'saolei-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 860 },
    acceptDownloads: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  const outDir = path.resolve('test-results', name);
  fs.mkdirSync(outDir, { recursive: true });
  return {
    baseUrl: address,
    app,
    db,
    context,
    page,
    shot: async (label) => {
      await page.screenshot({ path: path.join(outDir, `${label}.png`), fullPage: true });
    },
    close: async () => {
      await context.close();
      await app.close();
      await db.close();
      fs.rmSync(profile, { recursive: true, force: true });
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function loginAs(h: Harness, username: string, password = 'saolei-demo-2020'): Promise<void> {
  await h.page.goto(`${h.baseUrl}/login`);
  await h.page.locator('#username').fill(username);
  await h.page.locator('#password').fill(password);
  await h.page.locator('button[type="submit"]').click();
  await h.page.getByTestId('user-menu').waitFor();
}

/**
 * Types into an Ant Design date picker, then confirms with the picker's OK button (date and time) or moves
 * on (date only). Enter would submit the surrounding form.
 */
export async function pick(h: Harness, input: Locator, value: string): Promise<void> {
  await input.click();
  await input.fill(value);
  const ok = h.page.locator('.ant-picker-dropdown:visible .ant-picker-ok button');
  if ((await ok.count()) > 0) {
    await ok.last().click();
    // Wait for the popup to close, so that the next picker's popup is the only one visible.
    await expect.poll(() => ok.count()).toBe(0);
    return;
  }
  await input.press('Tab');
}
