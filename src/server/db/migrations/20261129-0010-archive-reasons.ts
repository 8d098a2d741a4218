import type { MigrationFn } from '../columns.ts';

/**
 * The reason an evidence item, an outbreak or a quarantine site was archived (DESIGN §6: records are
 * archived with a reason). The other archivable tables have had the column from the start.
 */
export const up: MigrationFn = async (db) => {
  for (const table of ['evidence_items', 'outbreaks', 'quarantine_sites']) {
    await db.schema.alterTable(table).addColumn('archived_reason', 'text').execute();
  }
};
