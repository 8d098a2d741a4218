import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openPostgres, openSqlite, type Db } from '../../src/server/db/connect.ts';
import '../setup/provided.ts';

export type TestDb = Db & { dataDir: string; url: string | null; drop: () => Promise<void> };

/** A fresh migrated database for one test file: a copy of the SQLite template, or a clone of the PostgreSQL one. */
export async function createTestDb(): Promise<TestDb> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'saolei-test-'));
  if (process.env.SAOLEI_TEST_DB === 'postgres') {
    const adminUrl = inject('pgAdminUrl');
    const name = `saolei_t${randomBytes(5).toString('hex')}_${process.ppid}`;
    await adminQuery(adminUrl, `create database ${name} template ${inject('pgTemplate')}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const db = openPostgres(url.toString(), 5);
    return {
      ...db,
      dataDir,
      url: url.toString(),
      drop: async () => {
        await db.close();
        await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const file = path.join(dataDir, 'saolei.db');
  fs.copyFileSync(inject('sqliteTemplate'), file);
  const db = openSqlite(file);
  return {
    ...db,
    dataDir,
    url: null,
    drop: async () => {
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Two files creating databases from one template at once make PostgreSQL refuse one; retry briefly.
    for (let attempt = 0; ; attempt += 1) {
      try {
        await client.query(text);
        return;
      } catch (error) {
        if (attempt >= 20 || !String(error).includes('being accessed by other users')) {
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  } finally {
    await client.end();
  }
}

/** An empty database (no schema) on the test cluster, for restore tests; PostgreSQL only. */
export async function createEmptyPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `saolei_e${randomBytes(5).toString('hex')}_${process.ppid}`;
  await adminQuery(adminUrl, `create database ${name} template template0`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`),
  };
}
