// Not config.ts: loading zod there would slow every command that never reads the configuration.
import { ConfigError } from '../server/config/config-error.ts';
import { CliError } from './errors.ts';

type Command = (args: string[]) => Promise<void>;

// Each command's module is imported when it runs: the server (serve) or the report writers take seconds to
// load, which a `saolei match` should not pay.
const commands: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./commands/serve.ts')).serveCommand,
  migrate: async () => (await import('./commands/migrate.ts')).migrateCommand,
  user: async () => (await import('./commands/user.ts')).userCommand,
  audit: async () => (await import('./commands/audit.ts')).auditCommand,
  demo: async () => (await import('./commands/demo.ts')).demoCommand,
  backup: async () => (await import('./commands/backup.ts')).backupCommand,
  restore: async () => (await import('./commands/backup.ts')).restoreCommand,
  report: async () => (await import('./commands/report.ts')).reportCommand,
  match: async () => (await import('./commands/match.ts')).matchCommand,
  import: async () => (await import('./commands/import.ts')).importCommand,
  dashboard: async () => (await import('./commands/dashboard.ts')).dashboardCommand,
};

const usage = `usage: saolei <command> [options]

  serve [--port N] [--data DIR] [--demo]    start the server (http://localhost:3000)
  migrate [--data DIR]                      bring the database schema up to date
  demo [--data DIR]                         load the demo jurisdictions, accounts and outbreak
  user add --username U --role R [--jurisdiction CODE] [--display-name NAME]
                                            create a user; the password is read from stdin
  user reset-password --username U          set a new password (stdin); lifts a lock
  user disable --username U                 disable an account and end its sessions
  audit verify                              check the audit hash chain
  dashboard rebuild [--data DIR]            recount the dashboard's counters from the records
  report investigation --case CASE_NUMBER [--kind initial|progress|closing] --out FILE.docx
                                            write the case's 流调报告 (kept as a new version)
  report daily --date YYYY-MM-DD --out FILE.docx [--division CODE]
                                            write the 疫情日报 of a day (kept as a new version)
  backup FILE                               write a backup of the database
  restore FILE [--data DIR]                 restore a backup into an empty data folder
  import visits FILE [--persons-ref FILE] [--places-ref FILE] [--dwell SECONDS]
                                            append a visit log (.csv/.xlsx) to the visit store
  match contacts --visits FILE --case-visits FILE --out FILE [--tolerance S] [--from T --to T]
                                            close-contact candidates: visits at a case's places
  match companions --visits FILE --case-visits FILE --out FILE [--min-overlap S]
                                            时空伴随 companions: visits in a case's grid cells

Configuration: SAOLEI_* environment variables (see README).`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage}\n`);
    return name === undefined ? 2 : 0;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`saolei: unknown command "${name}"; \`saolei help\` lists the commands\n`);
    return 2;
  }
  try {
    const command = await load();
    await command(rest);
    return 0;
  } catch (error) {
    if (error instanceof CliError || error instanceof ConfigError) {
      process.stderr.write(`saolei ${name}: ${error.message}\n`);
      return error instanceof CliError ? error.exitCode : 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`saolei ${name}: ${message.split('\n')[0]}\n`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
if (code !== 0 || !process.argv.includes('serve')) {
  process.exit(code);
}
