import { demoLoginText, loadDemo } from '../../server/demo/demo.ts';
import { parseFlags } from '../flags.ts';
import { openRuntime } from '../runtime.ts';

export async function demoCommand(args: string[]): Promise<void> {
  const { values } = parseFlags(args, { data: { type: 'string' } });
  const { db } = await openRuntime({ dataDir: values.data });
  try {
    const created = await loadDemo(db);
    process.stdout.write(created.length > 0 ? `${demoLoginText()}\n` : 'demo data already loaded\n');
  } finally {
    await db.close();
  }
}
