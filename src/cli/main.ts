import { ConfigError } from '../server/config/config.ts';
import { auditCommand } from './commands/audit.ts';
import { backupCommand, restoreCommand } from './commands/backup.ts';
import { dashboardCommand } from './commands/dashboard.ts';
import { demoCommand } from './commands/demo.ts';
import { matchCommand } from './commands/match.ts';
import { importCommand } from './commands/import.ts';
import { migrateCommand } from './commands/migrate.ts';
import { reportCommand } from './commands/report.ts';
import { serveCommand } from './commands/serve.ts';
import { userCommand } from './commands/user.ts';
import { CliError } from './errors.ts';

const commands: Record<string, (args: string[]) => Promise<void>> = {
  serve: serveCommand,
  migrate: migrateCommand,
  user: userCommand,
  audit: auditCommand,
  demo: demoCommand,
  backup: backupCommand,
  restore: restoreCommand,
  report: reportCommand,
  match: matchCommand,
  import: importCommand,
  dashboard: dashboardCommand,
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
  const command = commands[name];
  if (!command) {
    process.stderr.write(`saolei: unknown command "${name}"\n${usage}\n`);
    return 2;
  }
  try {
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
