import { buildApp } from '../../server/app.ts';
import { loadDemo, demoLoginText } from '../../server/demo/demo.ts';
import { countUsers } from '../../server/users/users.repository.ts';
import { parseFlags } from '../flags.ts';
import { openRuntime } from '../runtime.ts';
import { ensureWebBuilt } from '../web-build.ts';

export async function serveCommand(args: string[]): Promise<void> {
  const { values } = parseFlags(args, {
    port: { type: 'string' },
    data: { type: 'string' },
    host: { type: 'string' },
    demo: { type: 'boolean', default: false },
    'build-web': { type: 'boolean', default: false },
  });
  const { config, db } = await openRuntime({ port: values.port, dataDir: values.data, host: values.host });
  if (values['build-web']) {
    await ensureWebBuilt(config.webDist);
  }
  if ((await countUsers(db.kysely)) === 0) {
    if (values.demo) {
      await loadDemo(db);
      process.stdout.write(`\n${demoLoginText()}\n\n`);
    } else {
      process.stdout.write(
        'saolei: the database has no users yet. Create the first administrator with\n' +
          '  echo "a-long-password" | saolei user add --username admin --role admin --jurisdiction 141102\n' +
          'or load the demo with `saolei demo`.\n',
      );
    }
  }
  const { app } = await buildApp(config, db);
  const shutdown = async () => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  const address = await app.listen({ port: config.port, host: config.host });
  const shown = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  process.stdout.write(`saolei (扫雷) serving on ${shown} — database ${db.dialect} ${db.location}\n`);
}
