import type { DivisionRow } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

const columns = ['code', 'name', 'level', 'parent_code', 'scope'] as const;

export async function findDivision(db: Executor, code: string): Promise<DivisionRow | undefined> {
  return db.selectFrom('divisions').select(columns).where('code', '=', code).executeTakeFirst();
}

export async function childrenOf(db: Executor, parentCode: string | null) {
  let query = db
    .selectFrom('divisions as d')
    .select([
      'd.code',
      'd.name',
      'd.level',
      'd.parent_code',
      'd.scope',
      (eb) =>
        eb
          .exists(eb.selectFrom('divisions as c').select('c.code').whereRef('c.parent_code', '=', 'd.code'))
          .as('has_children'),
    ]);
  query =
    parentCode === null
      ? query.where('d.parent_code', 'is', null)
      : query.where('d.parent_code', '=', parentCode);
  return query.orderBy('d.code').execute();
}

/** The division and its ancestors, root first. */
export async function pathTo(db: Executor, code: string): Promise<DivisionRow[]> {
  const path: DivisionRow[] = [];
  let current = await findDivision(db, code);
  while (current) {
    path.unshift(current);
    current = current.parent_code === null ? undefined : await findDivision(db, current.parent_code);
  }
  return path;
}

export async function insertDivisions(db: Executor, rows: DivisionRow[]): Promise<void> {
  for (const row of rows) {
    await db
      .insertInto('divisions')
      .values(row)
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
}

export async function countDivisions(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('divisions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
