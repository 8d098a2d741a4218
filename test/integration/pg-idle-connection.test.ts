import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db.ts';

// A PostgreSQL connection resting in the pool can be ended by the server (a restart, an administrator);
// the server process must drop it and carry on, not die of an unhandled error event.

const onPostgres = process.env.SAOLEI_TEST_DB === 'postgres';
let db: TestDb;

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.drop();
});

it.runIf(onPostgres)('survives the server ending an idle pooled connection', async () => {
  const backend = async () =>
    (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db.kysely)).rows[0]?.pid;
  const first = await backend();
  expect(first).toBeGreaterThan(0);

  const written: string[] = [];
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  try {
    const admin = new pg.Client({ connectionString: db.url ?? '' });
    await admin.connect();
    await admin.query('select pg_terminate_backend($1)', [first]);
    await admin.end();
    await vi.waitFor(() => expect(written.join('')).toContain('idle PostgreSQL connection failed'), {
      timeout: 5000,
    });
  } finally {
    write.mockRestore();
  }

  const next = await backend();
  expect(next).toBeGreaterThan(0);
  expect(next).not.toBe(first);
});
