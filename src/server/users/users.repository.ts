import { likeContains } from '../db/like.ts';
import type { NewUserRow, UserRow, UserUpdate } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

const columns = [
  'id',
  'username',
  'display_name',
  'role',
  'jurisdiction_code',
  'active',
  'password_hash',
  'failed_logins',
  'locked_until',
  'created_at',
  'updated_at',
  'version',
] as const;

export async function findUserByUsername(db: Executor, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(columns).where('username', '=', username).executeTakeFirst();
}

export async function findUserById(db: Executor, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(columns).where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Executor, row: NewUserRow): Promise<UserRow> {
  return db.insertInto('users').values(row).returning(columns).executeTakeFirstOrThrow();
}

/**
 * Updates a user only if it still has the version the caller read; returns undefined on a stale write
 * (optimistic concurrency: the caller turns that into a 409).
 */
export async function updateUser(
  db: Executor,
  id: number,
  expectedVersion: number | null,
  patch: UserUpdate,
): Promise<UserRow | undefined> {
  let query = db
    .updateTable('users')
    .set({ ...patch, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', id);
  if (expectedVersion !== null) {
    query = query.where('version', '=', expectedVersion);
  }
  return query.returning(columns).executeTakeFirst();
}

export type UserListFilter = {
  scope: string;
  role?: string | undefined;
  active?: 0 | 1 | undefined;
  q?: string | undefined;
  afterUsername?: string | undefined;
  limit: number;
};

/** Users inside a jurisdiction scope, ordered by username, keyset-paged. */
export async function listUsers(db: Executor, filter: UserListFilter): Promise<UserRow[]> {
  let query = db.selectFrom('users').select(columns).where('jurisdiction_code', 'like', `${filter.scope}%`);
  if (filter.role !== undefined) {
    query = query.where('role', '=', filter.role);
  }
  if (filter.active !== undefined) {
    query = query.where('active', '=', filter.active);
  }
  if (filter.q !== undefined && filter.q !== '') {
    const q = filter.q;
    query = query.where((eb) => eb.or([likeContains('username', q), likeContains('display_name', q)]));
  }
  if (filter.afterUsername !== undefined) {
    query = query.where('username', '>', filter.afterUsername);
  }
  return query.orderBy('username').limit(filter.limit).execute();
}

export async function countUsers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
