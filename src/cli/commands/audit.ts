import { verifyChain } from '../../server/audit/audit.service.ts';
import { CliError } from '../errors.ts';
import { parseFlags } from '../flags.ts';
import { openRuntime } from '../runtime.ts';

export async function auditCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') {
    throw new CliError('usage: saolei audit verify [--data DIR]', 2);
  }
  const { values } = parseFlags(rest, { data: { type: 'string' } });
  const { db } = await openRuntime({ dataDir: values.data });
  try {
    const result = await verifyChain(db.kysely);
    if (!result.ok) {
      throw new CliError(
        `audit chain broken at event ${result.firstBad.seq} (${result.firstBad.reason}); ${result.count} events before it are intact`,
      );
    }
    process.stdout.write(`audit chain intact: ${result.count} events, head ${result.headHash}\n`);
  } finally {
    await db.close();
  }
}
