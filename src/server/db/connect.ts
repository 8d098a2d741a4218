import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export type Db = {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** SQLite file path, or the PostgreSQL URL with its password hidden. */
  location: string;
  close: () => Promise<void>;
  /** The better-sqlite3 handle, for what Kysely does not cover (online backup); null on PostgreSQL. */
  sqlite: SQLite.Database | null;
};

// PostgreSQL answers in the same JavaScript types SQLite does (see docs/decisions/001).
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (value) => new Date(value).toISOString());
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.JSONB, (value) => value);
pg.types.setTypeParser(pg.types.builtins.JSON, (value) => value);

export function sqliteFile(dataDir: string): string {
  return path.join(dataDir, 'saolei.db');
}

export function openSqlite(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return {
    kysely,
    dialect: 'sqlite',
    location: file,
    close: () => kysely.destroy(),
    sqlite: database,
  };
}

export function openPostgres(url: string, poolSize = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection can fail between queries (the server restarted, a connection was terminated); the
  // pool drops it and opens another for the next query. Without a listener the error would end the process.
  pool.on('error', (error) => {
    process.stderr.write(`saolei: an idle PostgreSQL connection failed and was dropped: ${error.message}\n`);
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kysely,
    dialect: 'postgres',
    location: url.replace(/:\/\/([^:@/]+):[^@/]*@/, '://$1:***@'),
    close: () => kysely.destroy(),
    sqlite: null,
  };
}

export function openDatabase(options: { databaseUrl?: string | undefined; dataDir: string }): Db {
  if (options.databaseUrl) {
    return openPostgres(options.databaseUrl);
  }
  return openSqlite(sqliteFile(options.dataDir));
}
