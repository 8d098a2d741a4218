import { parseFlags } from '../flags.ts';
import { openRuntime } from '../runtime.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';

export async function migrateCommand(args: string[]): Promise<void> {
  const { values } = parseFlags(args, { data: { type: 'string' } });
  const { db } = await openRuntime({ dataDir: values.data });
  try {
    const applied = await migrateToLatest(db);
    process.stdout.write(
      `database ${db.location} is up to date${applied.length > 0 ? ` (${applied.join(', ')})` : ''}\n`,
    );
  } finally {
    await db.close();
  }
}
