import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPostgres } from '../../src/server/db/connect.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { startCluster } from './pg-cluster.ts';
import './provided.ts';

/**
 * Starts a throwaway cluster (or uses SAOLEI_TEST_DATABASE_URL), migrates a template database, and lets each
 * test file clone it (immich's globalSetup).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.SAOLEI_TEST_DATABASE_URL;
  const cluster = given ? null : await startCluster();
  const adminUrl = given ?? cluster?.url ?? '';
  const template = `saolei_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  await admin.end();
  const db = openPostgres(withDatabase(adminUrl, template), 2);
  await migrateToLatest(db);
  await db.close();
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);
  return async () => {
    if (cluster) {
      cluster.stop();
      return;
    }
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(
      `select datname from pg_database where datname like 'saolei_t%_${process.pid}%' or datname = $1`,
      [template],
    );
    for (const row of rows) {
      await client.query(`drop database if exists ${row.datname} with (force)`);
    }
    await client.end();
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
