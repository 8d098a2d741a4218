import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../../server/config/config.ts';
import { openDatabase, sqliteFile } from '../../server/db/connect.ts';
import { verifyChain } from '../../server/audit/audit.service.ts';
import { CliError } from '../errors.ts';
import { parseFlags } from '../flags.ts';
import { openRuntime } from '../runtime.ts';

const run = promisify(execFile);

/** `saolei backup FILE`: SQLite's online backup API, or `pg_dump -Fc` on PostgreSQL. */
export async function backupCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseFlags(args, { data: { type: 'string' } }, true);
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    throw new CliError('usage: saolei backup FILE', 2);
  }
  const target = path.resolve(file);
  const { config, db } = await openRuntime({ dataDir: values.data });
  try {
    if (db.sqlite) {
      await db.sqlite.backup(target);
    } else if (config.databaseUrl) {
      await run(pgTool('pg_dump'), ['--format=custom', '--no-owner', `--file=${target}`, config.databaseUrl]);
    }
  } finally {
    await db.close();
  }
  process.stdout.write(`backup written to ${target} (${fs.statSync(target).size} bytes)\n`);
}

/** `saolei restore FILE`: only into an empty data folder or an empty PostgreSQL database. */
export async function restoreCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseFlags(args, { data: { type: 'string' } }, true);
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    throw new CliError('usage: saolei restore FILE [--data DIR]', 2);
  }
  const source = path.resolve(file);
  if (!fs.existsSync(source)) {
    throw new CliError(`no such file: ${source}`);
  }
  const magic = fs.readFileSync(source).subarray(0, 16).toString('latin1');
  const config = loadConfig(process.env, { dataDir: values.data });
  if (config.databaseUrl) {
    if (!magic.startsWith('PGDMP')) {
      throw new CliError('the file is not a PostgreSQL custom-format backup');
    }
    const db = openDatabase(config);
    const tables = await db.kysely.introspection.getTables();
    await db.close();
    if (tables.length > 0) {
      throw new CliError('the target PostgreSQL database is not empty; restore into an empty database');
    }
    await run(pgTool('pg_restore'), [
      '--no-owner',
      '--exit-on-error',
      `--dbname=${config.databaseUrl}`,
      source,
    ]);
  } else {
    if (!magic.startsWith('SQLite format 3')) {
      throw new CliError('the file is not a SQLite backup');
    }
    const target = sqliteFile(config.dataDir);
    if (fs.existsSync(target)) {
      throw new CliError(`${target} already exists; restore into an empty data folder`);
    }
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.copyFileSync(source, target);
  }
  const { db } = await openRuntime({ dataDir: values.data });
  try {
    const result = await verifyChain(db.kysely);
    if (!result.ok) {
      throw new CliError(`restored, but the audit chain is broken at event ${result.firstBad.seq}`);
    }
    process.stdout.write(
      `restored ${source} into ${db.location}; audit chain intact (${result.count} events)\n`,
    );
  } finally {
    await db.close();
  }
}

/** Debian puts versioned client binaries under /usr/lib/postgresql/N/bin; prefer the newest there. */
function pgTool(name: string): string {
  const base = '/usr/lib/postgresql';
  if (fs.existsSync(base)) {
    const versions = fs.readdirSync(base).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const candidate = path.join(base, version, 'bin', name);
      if (fs.existsSync(candidate)) {
        return candidate;
      }
    }
  }
  return name;
}
