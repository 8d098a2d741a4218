import type { MigrationFn } from '../columns.ts';

/**
 * The lab-result list reads newest test first and pages on (tested_at, id): with this index both databases
 * read one page off its end instead of sorting every result in the jurisdiction, which a lab's imports grow
 * by 100k rows at a time.
 */
export const up: MigrationFn = async (db) => {
  await db.schema.createIndex('lab_results_tested').on('lab_results').columns(['tested_at', 'id']).execute();
};
