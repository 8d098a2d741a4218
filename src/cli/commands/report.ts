import fs from 'node:fs';
import path from 'node:path';
import { reportKinds, type ReportKind } from '../../core/report/types.ts';
import { AppError } from '../../server/errors/app-error.ts';
import { createReportVersion, reportDocx } from '../../server/reports/reports.service.ts';
import type { CaseActor } from '../../server/trajectory/case-actor.ts';
import { findCaseIdByNumber } from '../../server/trajectory/case-scope.ts';
import { CliError } from '../errors.ts';
import { parseFlags } from '../flags.ts';
import { openRuntime } from '../runtime.ts';
import { reportDailyCommand } from './report-daily.ts';

/** The CLI writes reports as the district team would: the whole tree, personal fields unmasked. */
const cliActor: CaseActor = {
  userId: null,
  username: 'cli',
  displayName: '命令行',
  role: 'lead',
  scope: '',
  ip: null,
};

function isKind(value: string): value is ReportKind {
  return (reportKinds as readonly string[]).includes(value);
}

/** `saolei report investigation --case CASE_NUMBER [--kind initial|progress|closing] --out FILE.docx` */
export async function reportCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'daily') {
    return reportDailyCommand(rest);
  }
  if (sub !== 'investigation') {
    throw new CliError(
      'usage: saolei report investigation --case CASE_NUMBER [--kind KIND] --out FILE.docx, or ' +
        'saolei report daily --date YYYY-MM-DD --out FILE.docx [--division CODE]',
      2,
    );
  }
  const { values } = parseFlags(rest, {
    case: { type: 'string' },
    kind: { type: 'string' },
    out: { type: 'string' },
    data: { type: 'string' },
  });
  const caseNumber = values.case?.trim();
  if (!caseNumber) {
    throw new CliError('--case: the case number is required, e.g. --case LS-2020-0001', 2);
  }
  const kind = values.kind ?? 'initial';
  if (!isKind(kind)) {
    throw new CliError(`--kind: one of ${reportKinds.join(', ')}`, 2);
  }
  if (!values.out) {
    throw new CliError('--out: the .docx file to write is required', 2);
  }
  const out = path.resolve(values.out);
  const { config, db } = await openRuntime({ dataDir: values.data });
  try {
    const caseId = await findCaseIdByNumber(db.kysely, cliActor.scope, caseNumber);
    if (caseId === null) {
      throw new CliError(`unknown case ${caseNumber}`);
    }
    const version = await db.kysely
      .transaction()
      .execute((trx) => createReportVersion(trx, cliActor, caseId, kind, config));
    const file = await reportDocx(db.kysely, cliActor, version.id);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, file.bytes);
    process.stdout.write(`wrote ${out} (${caseNumber}, ${kind}, version ${version.number})\n`);
  } catch (error) {
    if (error instanceof AppError) {
      throw new CliError(error.localizedMessage('en'));
    }
    throw error;
  } finally {
    await db.close();
  }
}
