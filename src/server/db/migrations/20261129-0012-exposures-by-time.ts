import type { MigrationFn } from '../columns.ts';

/**
 * The exposure list is newest exposure first across every contact in a jurisdiction; without this index each
 * page would sort all of the jurisdiction's exposures to return fifty. `id` breaks ties in the keyset order.
 */
export const up: MigrationFn = async (db) => {
  await db.schema.createIndex('exposures_last_at').on('exposures').columns(['last_at', 'id']).execute();
};
