import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Dialect } from './connect.ts';

/**
 * Column types that differ between SQLite and PostgreSQL, chosen once so that migrations read the same
 * on both (docs/decisions/001-storage-conventions.md).
 */
export function columnTypes(dialect: Dialect) {
  const postgres = dialect === 'postgres';
  return {
    instant: postgres ? sql`timestamptz` : sql`text`,
    date: postgres ? sql`date` : sql`text`,
    json: postgres ? sql`jsonb` : sql`text`,
    real: postgres ? sql`double precision` : sql`real`,
    /** Adds an auto-incrementing integer primary key named `id`. */
    idColumn<T extends string>(
      table: CreateTableBuilder<T, never>,
      name = 'id',
    ): CreateTableBuilder<T, never> {
      if (postgres) {
        return table.addColumn(name, 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity());
      }
      return table.addColumn(name, 'integer', (c) => c.primaryKey().autoIncrement());
    },
  };
}

export type ColumnTypes = ReturnType<typeof columnTypes>;

export type MigrationFn = (db: Kysely<unknown>, types: ColumnTypes) => Promise<void>;

export type ColumnBuilder = (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
