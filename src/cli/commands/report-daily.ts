import fs from 'node:fs';
import path from 'node:path';
import { isIsoDate } from '../../core/protocols/calendar.ts';
import type { DailyActor } from '../../server/daily-report/daily-report-input.ts';
import { createDailyReport, dailyFile } from '../../server/daily-report/daily-report.service.ts';
import { AppError } from '../../server/errors/app-error.ts';
import { CliError } from '../errors.ts';
import { parseFlags } from '../flags.ts';
import { openRuntime } from '../runtime.ts';

/**
 * `saolei report daily --date YYYY-MM-DD --out FILE.docx [--division CODE]`: the 疫情日报 of the division
 * (the first county in the registry by default), kept as a version like one made in the web app.
 */
export async function reportDailyCommand(args: string[]): Promise<void> {
  const { values } = parseFlags(args, {
    date: { type: 'string' },
    out: { type: 'string' },
    division: { type: 'string' },
    recommendations: { type: 'string' },
    data: { type: 'string' },
  });
  const date = values.date?.trim() ?? '';
  if (!isIsoDate(date)) {
    throw new CliError('--date: the day of the report is required, e.g. --date 2020-02-01', 2);
  }
  if (!values.out) {
    throw new CliError('--out: the .docx file to write is required', 2);
  }
  const out = path.resolve(values.out);
  const { config, db } = await openRuntime({ dataDir: values.data });
  try {
    let division = values.division?.trim();
    if (!division) {
      const county = await db.kysely
        .selectFrom('divisions')
        .select('code')
        .where('level', '=', 'county')
        .orderBy('code')
        .executeTakeFirst();
      division = county?.code;
    }
    if (!division) {
      throw new CliError('--division: no county in the division registry; name one with --division CODE', 2);
    }
    const scope = await db.kysely
      .selectFrom('divisions')
      .select('scope')
      .where('code', '=', division)
      .executeTakeFirst();
    if (!scope) {
      throw new CliError(`--division: unknown division ${division}`, 2);
    }
    // The CLI writes as the district team would: personal fields unmasked, the division's whole tree.
    const actor: DailyActor = {
      userId: null,
      username: 'cli',
      displayName: '命令行',
      role: 'lead',
      scope: scope.scope,
      jurisdictionCode: division,
      ip: null,
    };
    const report = await db.kysely
      .transaction()
      .execute((trx) =>
        createDailyReport(
          trx,
          db.dialect,
          actor,
          { date, recommendations: values.recommendations ?? '' },
          config,
        ),
      );
    const file = await dailyFile(db.kysely, actor, report.id, 'docx');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, file.bytes);
    process.stdout.write(`wrote ${out} (${date}, ${division}, version ${report.number})\n`);
  } catch (error) {
    if (error instanceof AppError) {
      throw new CliError(error.localizedMessage('en'));
    }
    throw error;
  } finally {
    await db.close();
  }
}
