import type { NewSampleRow } from '../../src/server/db/schema.ts';

/** What a sample row must be told: whose sample it is. Everything else has a default and can be overridden. */
export type SampleFields = Partial<NewSampleRow> & Pick<NewSampleRow, 'subject_id' | 'person_id'>;

/**
 * A samples row with every column filled, for writing straight into the table: by default a manual throat
 * swab of a person in 离石区, planned with no date, outside any outbreak, not collected. Pass `created_at`
 * when building many rows so the clock is not read per row.
 */
export function sampleRow(fields: SampleFields): NewSampleRow {
  const at = fields.created_at ?? new Date().toISOString();
  return {
    outbreak_id: null,
    subject_type: 'person',
    division_code: '141102001001',
    source: 'manual',
    plan_ref: null,
    contact_test_id: null,
    planned_date: null,
    window_end: null,
    specimen: 'throat_swab',
    replicate: 1,
    label: null,
    status: 'planned',
    collected_at: null,
    collected_by: null,
    lab: null,
    received_at: null,
    tested_at: null,
    pool_id: null,
    retest_of_pool_id: null,
    result: null,
    task_id: null,
    created_at: at,
    updated_at: at,
    version: 1,
    ...fields,
  };
}
