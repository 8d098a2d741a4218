import { likeContains } from '../db/like.ts';
import type {
  ContactRow,
  ContactTestRow,
  ContactUpdate,
  ExposureRow,
  NewContactRow,
  NewContactTestRow,
  NewExposureRow,
  TracingAttemptRow,
} from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

export const contactColumns = [
  'contacts.id',
  'contacts.person_id',
  'contacts.outbreak_id',
  'contacts.source_case_id',
  'contacts.source_contact_id',
  'contacts.classification',
  'contacts.status',
  'contacts.division_code',
  'contacts.last_exposure_at',
  'contacts.observation_end',
  'contacts.plan',
  'contacts.placed_on',
  'contacts.notified_at',
  'contacts.released_on',
  'contacts.release_reason',
  'contacts.lost_reason',
  'contacts.converted_case_id',
  'contacts.created_at',
  'contacts.updated_at',
  'contacts.version',
] as const;

const exposureColumns = [
  'id',
  'contact_id',
  'source_case_id',
  'source_contact_id',
  'kind',
  'setting',
  'first_at',
  'last_at',
  'proximity',
  'duration_minutes',
  'place_text',
  'place_id',
  'vehicle',
  'seat',
  'outside_window',
  'created_at',
  'created_by',
] as const;

const testColumns = [
  'id',
  'contact_id',
  'task_id',
  'phase',
  'day_of_phase',
  'planned_date',
  'due_date',
  'status',
  'result',
  'done_at',
  'division_code',
] as const;

/** The statuses in which a contact is still being worked on (new exposures join this record). */
export const openStatuses = ['identified', 'notified', 'placed', 'home_monitoring'] as const;
/** Under observation: placed at a site or at home, or monitored at home. */
export const observedStatuses = ['placed', 'home_monitoring'] as const;

export async function findContact(db: Executor, id: number, scope: string): Promise<ContactRow | undefined> {
  return db
    .selectFrom('contacts')
    .select(contactColumns)
    .where('contacts.id', '=', id)
    .where('contacts.division_code', 'like', `${scope}%`)
    .executeTakeFirst();
}

/** The person's open contact record in an outbreak, which a new exposure of theirs joins. */
export async function findOpenContactOfPerson(
  db: Executor,
  personId: number,
  outbreakId: number,
): Promise<ContactRow | undefined> {
  return db
    .selectFrom('contacts')
    .select(contactColumns)
    .where('contacts.person_id', '=', personId)
    .where('contacts.outbreak_id', '=', outbreakId)
    .where('contacts.status', 'in', [...openStatuses])
    .orderBy('contacts.id')
    .executeTakeFirst();
}

export async function insertContact(db: Executor, row: NewContactRow): Promise<number> {
  const inserted = await db.insertInto('contacts').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** Updates only if the row still has `expectedVersion` (null: whatever it is); false on a stale write. */
export async function updateContact(
  db: Executor,
  id: number,
  expectedVersion: number | null,
  patch: ContactUpdate,
): Promise<boolean> {
  let query = db
    .updateTable('contacts')
    .set({ ...patch, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', id);
  if (expectedVersion !== null) {
    query = query.where('version', '=', expectedVersion);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertExposure(db: Executor, row: NewExposureRow): Promise<number> {
  const inserted = await db.insertInto('exposures').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

export async function exposuresOf(db: Executor, contactId: number): Promise<ExposureRow[]> {
  return db
    .selectFrom('exposures')
    .select(exposureColumns)
    .where('contact_id', '=', contactId)
    .orderBy('last_at')
    .orderBy('id')
    .execute();
}

export type ExposureListFilter = {
  scope: string;
  contactId?: number | undefined;
  caseId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** The sort key of the last row of the previous page. */
  before?: { lastAt: string; id: number } | undefined;
  limit: number;
};

/**
 * Newest last exposure first, keyset-paged on (last_at, id); an exposure is inside the jurisdiction when its
 * contact is, so the contact's division code is the filter, as on the contact list.
 */
export async function listExposures(db: Executor, filter: ExposureListFilter): Promise<ExposureRow[]> {
  let query = db
    .selectFrom('exposures')
    .innerJoin('contacts', 'contacts.id', 'exposures.contact_id')
    .select(exposureColumns.map((column) => `exposures.${column}` as const))
    .where('contacts.division_code', 'like', `${filter.scope}%`);
  if (filter.contactId !== undefined) {
    query = query.where('exposures.contact_id', '=', filter.contactId);
  }
  if (filter.caseId !== undefined) {
    query = query.where('exposures.source_case_id', '=', filter.caseId);
  }
  if (filter.from !== undefined) {
    query = query.where('exposures.last_at', '>=', filter.from);
  }
  if (filter.to !== undefined) {
    query = query.where('exposures.last_at', '<', filter.to);
  }
  const before = filter.before;
  if (before !== undefined) {
    query = query.where(({ eb, refTuple, tuple }) =>
      eb(refTuple('exposures.last_at', 'exposures.id'), '<', tuple(before.lastAt, before.id)),
    );
  }
  return query
    .orderBy('exposures.last_at', 'desc')
    .orderBy('exposures.id', 'desc')
    .limit(filter.limit)
    .execute();
}

export async function testsOf(db: Executor, contactId: number): Promise<ContactTestRow[]> {
  return db
    .selectFrom('contact_tests')
    .select(testColumns)
    .where('contact_id', '=', contactId)
    .orderBy('due_date')
    .orderBy('id')
    .execute();
}

export async function insertContactTest(db: Executor, row: NewContactTestRow): Promise<number> {
  const inserted = await db.insertInto('contact_tests').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

export async function setTestStatus(
  db: Executor,
  id: number,
  patch: { status: string; result?: string | null; done_at?: string | null },
): Promise<void> {
  await db.updateTable('contact_tests').set(patch).where('id', '=', id).execute();
}

export async function insertTracingAttempt(
  db: Executor,
  row: Omit<TracingAttemptRow, 'id'>,
): Promise<number> {
  const inserted = await db
    .insertInto('tracing_attempts')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

export async function tracingOf(db: Executor, contactId: number): Promise<TracingAttemptRow[]> {
  return db
    .selectFrom('tracing_attempts')
    .select(['id', 'contact_id', 'at', 'phone', 'outcome', 'note', 'user_id', 'username', 'created_at'])
    .where('contact_id', '=', contactId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export type ContactListFilter = {
  scope: string;
  caseId?: number | undefined;
  status?: string | undefined;
  classification?: string | undefined;
  siteId?: number | undefined;
  placement?: 'home' | 'site' | undefined;
  dueOn?: string | undefined;
  releaseDueBy?: string | undefined;
  divisionCode?: string | undefined;
  q?: { text: string; documentNumber: string; phone: string | null } | undefined;
  beforeId?: number | undefined;
  limit: number;
};

/** Newest first, keyset-paged by id, filtered inside the query (jurisdiction first, fail closed). */
export async function listContacts(db: Executor, filter: ContactListFilter): Promise<ContactRow[]> {
  let query = db
    .selectFrom('contacts')
    .select(contactColumns)
    .where('contacts.division_code', 'like', `${filter.scope}%`);
  if (filter.divisionCode !== undefined) {
    query = query.where('contacts.division_code', 'like', `${filter.divisionCode}%`);
  }
  if (filter.caseId !== undefined) {
    query = query.where('contacts.source_case_id', '=', filter.caseId);
  }
  if (filter.status !== undefined) {
    query = query.where('contacts.status', '=', filter.status);
  }
  if (filter.classification !== undefined) {
    query = query.where('contacts.classification', '=', filter.classification);
  }
  const { siteId, placement, dueOn, releaseDueBy, q } = filter;
  // Driven from the small side (today's tests, a site's open placements) so the list costs what they cost.
  if (siteId !== undefined) {
    query = query.where('contacts.id', 'in', (eb) =>
      eb
        .selectFrom('placements')
        .select('placements.contact_id')
        .where('placements.site_id', '=', siteId)
        .where('placements.check_out_at', 'is', null),
    );
  }
  // The dashboard's observation figures: open placements of contacts still under observation.
  if (placement !== undefined) {
    query = query
      .where('contacts.status', 'in', [...observedStatuses])
      .where('contacts.id', 'in', (eb) =>
        eb
          .selectFrom('placements')
          .select('placements.contact_id')
          .where('placements.kind', '=', placement)
          .where('placements.check_out_at', 'is', null),
      );
  }
  if (dueOn !== undefined) {
    query = query.where('contacts.id', 'in', (eb) =>
      eb
        .selectFrom('contact_tests')
        .select('contact_tests.contact_id')
        .where('contact_tests.due_date', '=', dueOn)
        .where('contact_tests.status', '=', 'pending'),
    );
  }
  if (releaseDueBy !== undefined) {
    query = query
      .where('contacts.status', 'in', [...observedStatuses])
      .where('contacts.observation_end', '<=', releaseDueBy);
  }
  if (q !== undefined) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('persons')
          .select('persons.id')
          .whereRef('persons.id', '=', 'contacts.person_id')
          .where((eb) =>
            eb.or([
              likeContains('persons.name', q.text),
              eb('persons.document_number', '=', q.documentNumber),
              ...(q.phone === null ? [] : [eb('persons.phone', '=', q.phone)]),
            ]),
          ),
      ),
    );
  }
  if (filter.beforeId !== undefined) {
    query = query.where('contacts.id', '<', filter.beforeId);
  }
  return query.orderBy('contacts.id', 'desc').limit(filter.limit).execute();
}
