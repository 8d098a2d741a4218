import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openSqlite } from '../../src/server/db/connect.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import './provided.ts';

/** Migrates one SQLite file; each test file works on its own copy (epic-stack's db-setup). */
export default async function setup(project: TestProject): Promise<() => void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saolei-sqlite-'));
  const file = path.join(dir, 'template.db');
  const db = openSqlite(file);
  await migrateToLatest(db);
  db.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
  db.sqlite?.pragma('journal_mode = DELETE');
  await db.close();
  project.provide('sqliteTemplate', file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
