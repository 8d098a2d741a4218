import { loadConfig, type Config, type ConfigInput } from '../server/config/config.ts';
import { openDatabase, type Db } from '../server/db/connect.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { CliError } from './errors.ts';

/** Reads the configuration with `--port`/`--data` overrides, opens the database and migrates it. */
export async function openRuntime(overrides: Partial<ConfigInput> = {}): Promise<{ config: Config; db: Db }> {
  const config = loadConfig(process.env, overrides);
  const db = openDatabase(config);
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.close();
    throw new CliError(`database ${db.location}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { config, db };
}

/** Reads all of standard input (a password), trimming the final newline. */
export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    process.stderr.write('password (input is shown; end with Enter then Ctrl-D): ');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  }
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
