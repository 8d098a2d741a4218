import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../../server/config/config.ts';
import { openDatabase, sqliteFile } from '../../server/db/connect.ts';
import { verifyChain } from '../../server/audit/audit.service.ts';
import {
  BackupError,
  backupKind,
  databaseFileIn,
  dataEntries,
  moveDataEntries,
  occupiedEntries,
  readManifest,
  unpackBackup,
  writeBackup,
  type BackupManifest,
} from '../../server/backup/archive.ts';
import { CliError } from '../errors.ts';
import { parseFlags } from '../flags.ts';
import { openRuntime } from '../runtime.ts';

const run = promisify(execFile);

/**
 * `saolei backup FILE`: one archive of the database (SQLite's online backup API, or `pg_dump -Fc` on
 * PostgreSQL) and the data folder's files (the visit store, attachments, exports: see backup/archive.ts).
 */
export async function backupCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseFlags(args, { data: { type: 'string' } }, true);
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    throw new CliError('usage: saolei backup FILE', 2);
  }
  const target = path.resolve(file);
  if (!fs.existsSync(path.dirname(target))) {
    throw new CliError(`no such folder: ${path.dirname(target)}`);
  }
  const { config, db } = await openRuntime({ dataDir: values.data });
  // The data folder's files go into the backup: a backup written among them would take in itself.
  if (target.startsWith(path.resolve(config.dataDir) + path.sep)) {
    await db.close();
    throw new CliError(`write the backup outside the data folder ${config.dataDir}`, 2);
  }
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'saolei-backup-'));
  try {
    const dump = databaseFileIn(staging);
    if (db.sqlite) {
      await db.sqlite.backup(dump);
    } else if (config.databaseUrl) {
      await run(pgTool('pg_dump'), ['--format=custom', '--no-owner', `--file=${dump}`, config.databaseUrl]);
    }
    const entries = dataEntries(config.dataDir, path.basename(sqliteFile(config.dataDir)));
    await writeBackup(target, staging, db.sqlite ? 'sqlite' : 'postgresql', config.dataDir, entries);
    const files = entries.length > 0 ? `, and ${entries.join(', ')} from ${config.dataDir}` : '';
    process.stdout.write(
      `backup written to ${target} (${fs.statSync(target).size} bytes): the database${files}\n`,
    );
  } finally {
    await db.close();
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * `saolei restore FILE`: only into an empty data folder and, on PostgreSQL, an empty database. Takes the
 * archives `backup` writes, and the bare database files it wrote before they held the data folder.
 */
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
  const config = loadConfig(process.env, { dataDir: values.data });
  const kind = backupKind(source);
  const manifest = kind === 'archive' ? await manifestOf(source) : undefined;
  const database = manifest?.database ?? kind;
  const wanted = config.databaseUrl ? 'postgresql' : 'sqlite';
  if (database !== wanted) {
    throw new CliError(
      database === 'unknown'
        ? 'the file is not a saolei backup'
        : `the file is a backup of a ${database === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database; ` +
            (wanted === 'sqlite'
              ? 'set SAOLEI_DATABASE_URL to restore it into PostgreSQL'
              : 'unset SAOLEI_DATABASE_URL to restore it into a data folder'),
    );
  }
  const entries = manifest?.entries ?? [];
  const occupied = occupiedEntries(config.dataDir, entries);
  if (occupied.length > 0) {
    throw new CliError(
      `${path.join(config.dataDir, occupied[0] ?? '')} already exists; restore into an empty data folder`,
    );
  }
  if (config.databaseUrl) {
    const db = openDatabase(config);
    const tables = await db.kysely.introspection.getTables();
    await db.close();
    if (tables.length > 0) {
      throw new CliError('the target PostgreSQL database is not empty; restore into an empty database');
    }
  } else if (fs.existsSync(sqliteFile(config.dataDir))) {
    throw new CliError(`${sqliteFile(config.dataDir)} already exists; restore into an empty data folder`);
  }

  fs.mkdirSync(config.dataDir, { recursive: true });
  // Unpacked in the data folder itself, so that its files are moved into place, not copied.
  const staging = manifest ? fs.mkdtempSync(path.join(config.dataDir, '.restore-')) : undefined;
  try {
    if (staging) {
      await unpackBackup(source, staging);
    }
    const dump = staging ? databaseFileIn(staging) : source;
    if (config.databaseUrl) {
      await run(pgTool('pg_restore'), [
        '--no-owner',
        '--exit-on-error',
        `--dbname=${config.databaseUrl}`,
        dump,
      ]);
    } else {
      fs.copyFileSync(dump, sqliteFile(config.dataDir));
    }
    if (staging) {
      moveDataEntries(staging, config.dataDir, entries);
    }
  } finally {
    if (staging) {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }
  const { db } = await openRuntime({ dataDir: values.data });
  try {
    const result = await verifyChain(db.kysely);
    if (!result.ok) {
      throw new CliError(`restored, but the audit chain is broken at event ${result.firstBad.seq}`);
    }
    const files = entries.length > 0 ? ` and ${entries.join(', ')} into ${config.dataDir}` : '';
    const bare = manifest ? '' : " (a backup of the database alone, without the data folder's files)";
    process.stdout.write(
      `restored ${source}${bare} into ${db.location}${files}; audit chain intact (${result.count} events)\n`,
    );
  } finally {
    await db.close();
  }
}

async function manifestOf(file: string): Promise<BackupManifest> {
  try {
    return await readManifest(file);
  } catch (error) {
    if (error instanceof BackupError || error instanceof SyntaxError) {
      throw new CliError(error.message);
    }
    throw error;
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
