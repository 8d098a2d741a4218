import { sql, type SqlBool } from 'kysely';
import { likeContains } from '../db/like.ts';
import type { NewPersonRow, PersonRow, PersonUpdate } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

export const personColumns = [
  'persons.id',
  'persons.name',
  'persons.document_type',
  'persons.document_number',
  'persons.sex',
  'persons.birth_date',
  'persons.phone',
  'persons.population_category',
  'persons.workplace',
  'persons.current_address',
  'persons.division_code',
  'persons.household_address',
  'persons.ethnicity',
  'persons.created_at',
  'persons.updated_at',
  'persons.version',
  'persons.archived',
  'persons.archived_reason',
] as const;

export type PersonWithScope = PersonRow & { inside: number | boolean };

/**
 * Whether a person belongs to the scope: their address division is inside it, or one of their cases is.
 * The second arm keeps a case's patient visible to the district that investigates it.
 */
function insideScope(scope: string) {
  if (scope === '') {
    return sql<SqlBool>`1 = 1`;
  }
  return sql<SqlBool>`(persons.division_code like ${`${scope}%`} or exists (select 1 from cases where cases.person_id = persons.id and cases.division_code like ${`${scope}%`}))`;
}

export async function findPerson(
  db: Executor,
  id: number,
  scope: string,
): Promise<PersonWithScope | undefined> {
  return db
    .selectFrom('persons')
    .select([...personColumns, insideScope(scope).as('inside')])
    .where('persons.id', '=', id)
    .executeTakeFirst();
}

export async function findPersonByDocument(
  db: Executor,
  documentType: string,
  documentNumber: string,
): Promise<{ id: number } | undefined> {
  return db
    .selectFrom('persons')
    .select('id')
    .where('document_type', '=', documentType)
    .where('document_number', '=', documentNumber)
    .executeTakeFirst();
}

export async function insertPerson(db: Executor, row: NewPersonRow): Promise<number> {
  const inserted = await db.insertInto('persons').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** Updates only if the row still has `expectedVersion`; false on a stale write. */
export async function updatePerson(
  db: Executor,
  id: number,
  expectedVersion: number,
  patch: PersonUpdate,
): Promise<boolean> {
  const result = await db
    .updateTable('persons')
    .set({ ...patch, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type PersonSearch = {
  scope: string;
  q?: { text: string; documentNumber: string; phone: string | null } | undefined;
  beforeId?: number | undefined;
  limit: number;
};

/** Newest first, keyset-paged by id. Persons outside the scope are listed too; the service masks them. */
export async function searchPersons(db: Executor, search: PersonSearch): Promise<PersonWithScope[]> {
  let query = db
    .selectFrom('persons')
    .select([...personColumns, insideScope(search.scope).as('inside')])
    .where('persons.archived', '=', 0);
  const q = search.q;
  if (q !== undefined) {
    query = query.where((eb) =>
      eb.or([
        likeContains('persons.name', q.text),
        eb('persons.document_number', '=', q.documentNumber),
        ...(q.phone === null ? [] : [eb('persons.phone', '=', q.phone)]),
      ]),
    );
  }
  if (search.beforeId !== undefined) {
    query = query.where('persons.id', '<', search.beforeId);
  }
  return query.orderBy('persons.id', 'desc').limit(search.limit).execute();
}

/** Same name and the same phone or birth date: the usual sign of one person entered twice. */
export async function likelyDuplicates(
  db: Executor,
  scope: string,
  match: { name: string; phone?: string | undefined; birthDate?: string | undefined },
): Promise<PersonWithScope[]> {
  const { phone, birthDate } = match;
  if (phone === undefined && birthDate === undefined) {
    return [];
  }
  return db
    .selectFrom('persons')
    .select([...personColumns, insideScope(scope).as('inside')])
    .where('persons.name', '=', match.name)
    .where((eb) =>
      eb.or([
        ...(phone === undefined ? [] : [eb('persons.phone', '=', phone)]),
        ...(birthDate === undefined ? [] : [eb('persons.birth_date', '=', birthDate)]),
      ]),
    )
    .orderBy('persons.id', 'desc')
    .limit(20)
    .execute();
}
