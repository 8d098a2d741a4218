// First render and pan/zoom of a 10k-node transmission graph in headless Chromium (the web app's chains page).
//   node --import tsx bench/graph.bench.ts [--cases 2000] [--contacts 8000] [--swiftshader]
import fs from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { chromium } from 'playwright-core';
import { z } from 'zod';
import { ensureWebBuilt } from '../src/cli/web-build.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config/config.ts';
import { openSqlite } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { loadDemo } from '../src/server/demo/demo.ts';
import { CHROMIUM } from '../test/setup/browser.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '2000' },
    contacts: { type: 'string', default: '8000' },
    // WebGL through ANGLE's SwiftShader backend instead of --disable-gpu's fallback.
    swiftshader: { type: 'boolean', default: false },
  },
});
const cases = Number(values.cases);
const contacts = Number(values.contacts);
const series = (n: number) =>
  `(with recursive r(i) as (select 1 union all select i + 1 from r where i < ${n}) select i from r) as s`;

const webDist = path.resolve('dist/web');
await ensureWebBuilt(webDist);
const dataDir = fs.mkdtempSync(path.join(tmpdir(), 'saolei-graph-bench-'));
const db = openSqlite(path.join(dataDir, 'saolei.db'));
await migrateToLatest(db);
await loadDemo(db);
const run = (text: string) => sql.raw(text).execute(db.kysely);
const at = "'2020-02-01T00:00:00.000Z'";
const o = Number((await db.kysely.selectFrom('outbreaks').select('id').executeTakeFirstOrThrow()).id);
const max = async (table: 'persons' | 'cases' | 'contacts') =>
  Number(
    (
      await db.kysely
        .selectFrom(table)
        .select((eb) => eb.fn.max('id').as('m'))
        .executeTakeFirstOrThrow()
    ).m ?? 0,
  );
const p0 = await max('persons');
const c0 = await max('cases');
const k0 = await max('contacts');
await run(`insert into persons (id, name, sex, division_code, created_at, updated_at, version, archived)
  select ${p0} + i, '图' || i, 'male', '141102001001', ${at}, ${at}, 1, 0 from ${series(cases + contacts)}`);
// Chains of cases: every case after the first 2% was exposed by an earlier one (a converted contact).
await run(`insert into cases (id, case_number, person_id, outbreak_id, division_code, received_at, reporting_institution,
    discovery_route, classification, onset_date, onset_approximate, imported, import_related, status, created_at, updated_at, version, archived)
  select ${c0} + i, 'G-' || i, ${p0} + i, ${o}, '141102001001', ${at}, '医院', 'clinic_visit',
    case when i % 10 < 7 then 'confirmed' else 'suspected' end, date('2020-01-10', '+' || (i % 40) || ' days'), 0, 0, 0,
    'in_hospital', ${at}, ${at}, 1, 0 from ${series(cases)}`);
await run(`insert into contacts (id, person_id, outbreak_id, source_case_id, classification, status, division_code,
    last_exposure_at, plan, converted_case_id, created_at, updated_at, version)
  select ${k0} + i, ${p0} + ${cases} + i, ${o}, ${c0} + 1 + ((i * 7) % ${cases}), 'close',
    case when i <= ${cases} and i % 50 != 0 then 'converted' else 'placed' end, '141102001001', ${at}, '[]',
    case when i <= ${cases} and i % 50 != 0 and i + 1 <= ${cases} then ${c0} + i + 1 else null end, ${at}, ${at}, 1
  from ${series(contacts)}`);
// A second exposure for most contacts, from another case: about 20k edges in all.
await run(`insert into exposures (contact_id, source_case_id, kind, first_at, last_at, outside_window, created_at)
  select ${k0} + i, ${c0} + 1 + ((i * 13 + 5) % ${cases}), 'same_space', ${at}, ${at}, 0, ${at} from ${series(contacts)}`);

const config = loadConfig({}, { dataDir, logLevel: 'silent', webDist, rateLimitPerMinute: 100_000 });
const { app } = await buildApp(config, db, { logger: false });
const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
const profile = fs.mkdtempSync(path.join(tmpdir(), 'saolei-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  viewport: { width: 1366, height: 860 },
  args: [
    '--headless',
    '--no-sandbox',
    ...(values.swiftshader ? ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'] : ['--disable-gpu']),
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(120_000);
  await page.goto(`${baseUrl}/login`);
  await page.locator('#username').fill('lead');
  await page.locator('#password').fill('saolei-demo-2020');
  await page.locator('button[type="submit"]').click();
  await page.getByTestId('user-menu').waitFor();
  const started = Date.now();
  await page.goto(`${baseUrl}/chains`);
  const graph = page.getByTestId('chain-graph');
  await page.locator('[data-testid="chain-graph"][data-nodes]').waitFor();
  const firstRender = Date.now() - started;
  const nodes = await graph.getAttribute('data-nodes');
  const buildMs = await graph.getAttribute('data-render-ms');
  const layoutMs = await graph.getAttribute('data-layout-ms');
  const graphStartedAt = await graph.getAttribute('data-started-at');
  await page.locator('[data-testid="chain-graph"][data-drawn-at]').waitFor();
  const drawnAt = await graph.getAttribute('data-drawn-at');
  const edgesStarted = Date.now();
  await page.locator('[data-testid="chain-graph"][data-edges]').waitFor();
  const edgesShown = Date.now() - started;
  const edgesWait = Date.now() - edgesStarted;
  const edgesMs = await graph.getAttribute('data-edges-ms');
  // Where the first render went: the page's own timeline (navigation start = 0).
  const timing = z.object({
    domContentLoaded: z.number(),
    apiStart: z.number(),
    apiEnd: z.number(),
    apiBytes: z.number(),
    drawn: z.number(),
  });
  const timeline = timing.parse(
    await page.evaluate(
      `(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const api = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/chains'))[0];
      return {
        domContentLoaded: nav ? Math.round(nav.domContentLoadedEventEnd) : -1,
        apiStart: api ? Math.round(api.startTime) : -1,
        apiEnd: api ? Math.round(api.responseEnd) : -1,
        apiBytes: api ? api.encodedBodySize : -1,
        drawn: Math.round(performance.now()),
      };
    })()`,
    ),
  );
  // The server's part alone, without the browser: the same request in-process.
  const cookies = await context.cookies();
  const serverStart = performance.now();
  const direct = await app.inject({
    method: 'GET',
    url: '/api/v1/chains',
    headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') },
  });
  const serverMs = Math.round(performance.now() - serverStart);
  if (direct.statusCode !== 200) {
    throw new Error(`chains API answered ${direct.statusCode}`);
  }
  const edges = await page.evaluate(async () => {
    const r = await fetch('/api/v1/chains');
    const body: unknown = await r.json();
    return typeof body === 'object' && body !== null && 'edges' in body && Array.isArray(body.edges)
      ? body.edges.length
      : 0;
  });
  // Pan and zoom while counting animation frames.
  // A string, not a function: the bench runs under tsx, whose helpers do not exist in the page.
  await page.evaluate(
    'window.frames_ = []; (function tick(t) { window.frames_.push(t); if (window.frames_.length < 100000) requestAnimationFrame(tick); })(performance.now());',
  );
  const box = await graph.boundingBox();
  const cx = (box?.x ?? 0) + (box?.width ?? 0) / 2;
  const cy = (box?.y ?? 0) + (box?.height ?? 0) / 2;
  const interactStart = Date.now();
  await page.mouse.move(cx, cy);
  for (let i = 0; i < 10; i++) {
    await page.mouse.wheel(0, i < 5 ? -200 : 200);
  }
  await page.mouse.down();
  for (let i = 0; i < 30; i++) {
    await page.mouse.move(cx + i * 8, cy + i * 4);
  }
  await page.mouse.up();
  const interactMs = Date.now() - interactStart;
  const frames = await page.evaluate(() => (window as unknown as { frames_: number[] }).frames_);
  const gaps = frames
    .slice(1)
    .map((t, i) => t - (frames[i] ?? t))
    .sort((a, b) => a - b);
  const p95 = gaps[Math.floor(gaps.length * 0.95)] ?? 0;
  const median = gaps[Math.floor(gaps.length / 2)] ?? 0;
  process.stdout.write(
    [
      `graph bench (${values.swiftshader ? '--use-angle=swiftshader --enable-unsafe-swiftshader' : '--disable-gpu'}): ${nodes ?? '?'} nodes, ${edges} edges; load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
      '',
      '| step | ms |',
      '|---|---|',
      `| first render: nodes on screen (requestAnimationFrame after sigma's first frame; page clock from navigation start, incl. API) | ${drawnAt ?? '?'} |`,
      `| nodes seen by the test driver (wall, from before page.goto) | ${firstRender} |`,
      `| page loaded (DOMContentLoaded, after navigation start) | ${String(timeline.domContentLoaded)} |`,
      `| chains API request sent → response received (in page) | ${String(timeline.apiStart)} → ${String(timeline.apiEnd)} (${String(timeline.apiBytes)} bytes) |`,
      `| chains API in-process (server only, second request) | ${serverMs} |`,
      `| graph component starts drawing (after navigation start) | ${graphStartedAt ?? '?'} |`,
      `| layout (in page) | ${layoutMs ?? '?'} |`,
      `| graph build + sigma first frame of the nodes (in page, incl. layout) | ${buildMs ?? '?'} |`,
      `| edges added (second stage, in page) / edges on screen after navigation start | ${edgesMs ?? '?'} / ${edgesShown} (waited ${edgesWait}) |`,
      `| 10 wheel zooms + 30-step drag | ${interactMs} |`,
      `| frame gap median / p95 during the interaction | ${median.toFixed(1)} / ${p95.toFixed(1)} |`,
      '',
    ].join('\n'),
  );
} finally {
  await context.close();
  await app.close();
  await db.close();
  fs.rmSync(profile, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
}
