import { sql, type Insertable } from 'kysely';
import { parseCode, sampleCode } from '../../core/lab/codes.ts';
import type { LabRow } from '../../core/lab/lab-row.ts';
import { mayRaiseSuggestion, natOutcome, type Qualitative } from '../../core/lab/rules.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { SampleRow } from '../db/schema.ts';
import type { LabResultTable } from '../db/tables/samples.ts';
import { now, type Executor } from '../db/transaction.ts';
import { auditOf, type RecordActor } from '../persons/record-actor.ts';
import { applyResults, type ApplyOutcome } from './lab-results.service.ts';
import { sampleColumns } from './samples.repository.ts';
import { evaluateSubject } from './suggestions.service.ts';

/** Ids per `in (...)` list and rows per multi-row insert: well under SQLite's and PostgreSQL's bind limits. */
const CHUNK = 500;

export type GoodRow = { line: number; row: LabRow };
export type ImportTotals = {
  imported: number;
  retests: number;
  pools: { positive: number; negative: number };
  unknown: Array<{ line: number; code: string }>;
};

type Target = { kind: 'sample'; row: SampleRow } | { kind: 'pool'; id: number; members: SampleRow[] };
type SampleResult = { line: number; sample: SampleRow; row: LabRow; outcome: Qualitative | null };

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/**
 * The jurisdiction test as an expression no index matches: looked up by primary key (or pool), the rows are
 * few, and a `like` here lets a planner with stale statistics (a table bulk-loaded since its last analyse)
 * scan a division index over the whole district for every chunk.
 */
function inScope(scope: string) {
  return sql<boolean>`substr(division_code, 1, ${sql.lit(scope.length)}) = ${scope}`;
}

/** Every sample and pool the file names, looked up in chunks; outside the scope reads as unknown. */
async function lookUpTargets(
  trx: Executor,
  scope: string,
  rows: readonly GoodRow[],
): Promise<Map<string, Target>> {
  const sampleIds = new Set<number>();
  const poolIds = new Set<number>();
  for (const { row } of rows) {
    const parsed = parseCode(row.code);
    if (parsed?.kind === 'sample') {
      sampleIds.add(parsed.id);
    } else if (parsed?.kind === 'pool') {
      poolIds.add(parsed.id);
    }
  }
  const targets = new Map<string, Target>();
  for (const ids of chunks([...sampleIds])) {
    const found = await trx
      .selectFrom('samples')
      .select(sampleColumns)
      .where('id', 'in', ids)
      .where(inScope(scope))
      .execute();
    for (const row of found) {
      // Results are for collected samples: a planned or cancelled one was never in the lab's hands.
      if (row.status !== 'planned' && row.status !== 'cancelled') {
        targets.set(`s:${Number(row.id)}`, { kind: 'sample', row });
      }
    }
  }
  for (const ids of chunks([...poolIds])) {
    const members = await trx
      .selectFrom('samples')
      .select(sampleColumns)
      .where('pool_id', 'in', ids)
      .where(inScope(scope))
      .orderBy('id')
      .execute();
    for (const member of members) {
      const key = `p:${Number(member.pool_id)}`;
      const target = targets.get(key);
      if (target?.kind === 'pool') {
        target.members.push(member);
      } else {
        targets.set(key, { kind: 'pool', id: Number(member.pool_id), members: [member] });
      }
    }
  }
  return targets;
}

function keyOf(code: string): string | null {
  const parsed = parseCode(code);
  if (!parsed) {
    return null;
  }
  return `${parsed.kind === 'sample' ? 's' : 'p'}:${parsed.id}`;
}

/**
 * Applies the good rows of a lab file inside the caller's transaction, in file order. Rows for single
 * samples are applied in batches — results inserted many rows at a time, samples and contact tests updated
 * per group of equal values, the lab rules run only where a result can raise a suggestion, one audit event
 * per batch — while a pool row goes through `applyResults` (its retests and members) between them, so that
 * the outcome is the same as applying the rows one by one.
 */
export async function applyImportRows(
  trx: Executor,
  actor: RecordActor,
  rows: readonly GoodRow[],
  importId: number,
  timeZone: string,
): Promise<ImportTotals> {
  const targets = await lookUpTargets(trx, actor.scope, rows);
  const totals: ImportTotals = { imported: 0, retests: 0, pools: { positive: 0, negative: 0 }, unknown: [] };
  let batch: SampleResult[] = [];
  const flush = async () => {
    if (batch.length > 0) {
      await applySampleBatch(trx, actor, batch, importId, timeZone);
      totals.imported += batch.length;
      batch = [];
    }
  };
  for (const { line, row } of rows) {
    const key = keyOf(row.code);
    const target = key === null ? undefined : targets.get(key);
    if (!target) {
      totals.unknown.push({ line, code: row.code });
      continue;
    }
    if (target.kind === 'sample') {
      const outcome = natOutcome({ sampleId: 0, collectedAt: '', results: row.entries.map(withId) });
      batch.push({ line, sample: target.row, row, outcome });
      if (batch.length >= CHUNK) {
        await flush();
      }
      continue;
    }
    await flush();
    const applied: ApplyOutcome = await applyResults(trx, actor, target, { ...row, importId }, timeZone);
    totals.imported += 1;
    totals.retests += applied.retests;
    if (applied.outcome === 'positive') {
      totals.pools.positive += 1;
    } else if (applied.outcome === 'negative') {
      totals.pools.negative += 1;
    }
  }
  await flush();
  return totals;
}

const withId = (entry: LabRow['entries'][number]) => ({ ...entry, id: 0 });

async function applySampleBatch(
  trx: Executor,
  actor: RecordActor,
  batch: readonly SampleResult[],
  importId: number,
  timeZone: string,
): Promise<void> {
  const at = now();
  const results: Array<Insertable<LabResultTable>> = batch.flatMap(({ sample, row }) =>
    row.entries.map((entry) => ({
      sample_id: Number(sample.id),
      pool_id: null,
      method: entry.target === 'IgM' || entry.target === 'IgG' ? 'antibody' : 'nat',
      target: entry.target,
      ct: entry.ct,
      result: entry.result,
      tested_at: row.testedAt,
      lab: row.lab,
      import_id: importId,
      entered_by: actor.username,
      created_at: at,
    })),
  );
  for (const part of chunks(results, 200)) {
    await trx.insertInto('lab_results').values(part).execute();
  }
  // The last row of a sample wins, as it would applied row by row; equal updates go in one statement.
  const last = new Map<number, SampleResult>();
  for (const item of batch) {
    last.set(Number(item.sample.id), item);
  }
  const updates = new Map<string, { item: SampleResult; ids: number[] }>();
  const tests = new Map<string, { result: string; testedAt: string; testIds: number[]; ids: number[] }>();
  for (const [id, item] of last) {
    const key = JSON.stringify([item.row.testedAt, item.row.lab, item.outcome]);
    const group = updates.get(key) ?? { item, ids: [] };
    group.ids.push(id);
    updates.set(key, group);
    if (
      item.sample.contact_test_id !== null &&
      (item.outcome === 'positive' || item.outcome === 'negative')
    ) {
      const testKey = `${item.outcome}|${item.row.testedAt}`;
      const test = tests.get(testKey) ?? {
        result: item.outcome,
        testedAt: item.row.testedAt,
        testIds: [],
        ids: [],
      };
      test.testIds.push(Number(item.sample.contact_test_id));
      test.ids.push(id);
      tests.set(testKey, test);
    }
  }
  for (const { item, ids } of updates.values()) {
    await trx
      .updateTable('samples')
      .set({
        status: 'tested',
        tested_at: item.row.testedAt,
        result: item.outcome,
        ...(item.row.lab === null ? {} : { lab: item.row.lab }),
        updated_at: at,
        version: (eb) => eb('version', '+', 1),
      })
      .where('id', 'in', ids)
      // Written as an exclusion so that the primary key, not the status index, finds the rows.
      .where('status', 'not in', ['planned', 'cancelled'])
      .execute();
  }
  for (const test of tests.values()) {
    // A contact's planned test is done when its sample was collected (the test time if that is unknown).
    await trx
      .updateTable('contact_tests')
      .set({
        status: 'done',
        result: test.result,
        done_at: (eb) =>
          eb.fn.coalesce(
            eb
              .selectFrom('samples as s')
              .select((s) => s.fn.max('s.collected_at').as('collected_at'))
              .whereRef('s.contact_test_id', '=', 'contact_tests.id')
              .where('s.id', 'in', test.ids),
            sql<string>`${test.testedAt}`,
          ),
      })
      .where('id', 'in', test.testIds)
      .execute();
  }
  const evaluated = new Set<string>();
  for (const { sample, outcome } of batch) {
    const subject = `${sample.subject_type}:${Number(sample.subject_id)}`;
    if (!evaluated.has(subject) && mayRaiseSuggestion(sample.subject_type, outcome)) {
      evaluated.add(subject);
      await evaluateSubject(trx, sample.subject_type, Number(sample.subject_id), timeZone);
    }
  }
  await recordAudit(trx, auditOf(actor), {
    action: 'lab.result',
    entity: 'lab_import',
    entityId: importId,
    changes: {
      lines: { after: `${batch[0]?.line ?? 0}-${batch.at(-1)?.line ?? 0}` },
      results: {
        after: [...last.values()].map(
          (item) => `${sampleCode(Number(item.sample.id))}:${item.outcome ?? '-'}`,
        ),
      },
    },
  });
}
