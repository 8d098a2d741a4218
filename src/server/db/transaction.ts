import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** A query runner: the database itself, or the transaction opened at the boundary and passed down. */
export type Executor = Kysely<Database> | Transaction<Database>;

export function now(): string {
  return new Date().toISOString();
}
