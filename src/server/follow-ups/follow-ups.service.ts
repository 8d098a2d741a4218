import { sql } from 'kysely';
import { z } from 'zod';
import { addDays } from '../../core/protocols/index.ts';
import { dateIn } from '../../core/time/zone.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { ContactRow, FollowUpRow } from '../db/schema.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { cursorOf, cursorValue, encodeCursor } from '../http/schemas.ts';
import { auditOf, type RecordActor } from '../persons/record-actor.ts';
import { personsByIds, presentContactPerson } from '../contacts/contact-view.ts';
import { observedStatuses } from '../contacts/contacts.repository.ts';
import { requireContact } from '../contacts/contacts.service.ts';
import { raiseAlert } from './alerts.repository.ts';
import {
  FEVER_FROM,
  followUpSymptoms,
  type FollowUp,
  type FollowUpInput,
  type ListFollowUpsQuery,
} from './follow-ups.schema.ts';
import { followUpsPerDay, presetFrequencies } from './frequency.ts';

export type FollowUpSettings = { timeZone: string; followUpsPerDay: number };

function toFollowUp(row: FollowUpRow, alertId: number | null): FollowUp {
  const parsed = z.array(z.enum(followUpSymptoms)).safeParse(JSON.parse(row.symptoms));
  return {
    id: Number(row.id),
    contactId: Number(row.contact_id),
    at: row.at,
    day: row.day,
    temperature: Number(row.temperature),
    symptoms: parsed.success ? parsed.data : [],
    note: row.note,
    username: row.username,
    alertId,
  };
}

/**
 * A staff member's health check of a contact under observation. Fever (≥ 37.3 °C) or any symptom raises
 * an alert in the same transaction: transfer when fever comes with symptoms or breathing is short,
 * sampling otherwise.
 */
export async function recordFollowUp(
  trx: Executor,
  actor: RecordActor,
  contactId: number,
  input: FollowUpInput,
  settings: FollowUpSettings,
): Promise<FollowUp> {
  const contact = await requireContact(trx, actor, contactId);
  if (!(observedStatuses as readonly string[]).includes(contact.status)) {
    throw new AppError('CONFLICT', {
      params: { reason: contact.status },
      details: [{ field: 'status', code: 'not_under_observation' }],
    });
  }
  if (input.at > new Date(Date.now() + 5 * 60_000).toISOString()) {
    throw new AppError('VALIDATION_FAILED', { details: [{ field: 'at', code: 'in_future' }] });
  }
  const symptoms = [...new Set(input.symptoms)];
  const row = {
    contact_id: contactId,
    at: input.at,
    day: dateIn(new Date(input.at), settings.timeZone),
    temperature: Math.round(input.temperature * 10) / 10,
    symptoms: JSON.stringify(symptoms),
    note: input.note ?? null,
    user_id: actor.userId,
    username: actor.username,
    created_at: now(),
  };
  const inserted = await trx.insertInto('follow_ups').values(row).returning('id').executeTakeFirstOrThrow();
  const id = Number(inserted.id);
  await recordAudit(trx, auditOf(actor), {
    action: 'follow_up.create',
    entity: 'contact',
    entityId: contactId,
    changes: {
      followUpId: { after: id },
      temperature: { after: row.temperature },
      symptoms: { after: symptoms },
    },
  });
  const fever = row.temperature >= FEVER_FROM;
  let alertId: number | null = null;
  if (fever || symptoms.length > 0) {
    const transfer = (fever && symptoms.length > 0) || symptoms.includes('shortness_of_breath');
    alertId = await raiseAlert(trx, actor, {
      contactId,
      followUpId: id,
      reasons: [...(fever && !symptoms.includes('fever') ? ['fever'] : []), ...symptoms],
      suggestion: transfer ? 'transfer' : 'sampling',
      divisionCode: contact.division_code,
    });
  }
  return toFollowUp({ id, ...row }, alertId);
}

function followUpsWithAlerts(trx: Executor) {
  return trx
    .selectFrom('follow_ups')
    .leftJoin('alerts', 'alerts.follow_up_id', 'follow_ups.id')
    .select([
      'follow_ups.id',
      'follow_ups.contact_id',
      'follow_ups.at',
      'follow_ups.day',
      'follow_ups.temperature',
      'follow_ups.symptoms',
      'follow_ups.note',
      'follow_ups.user_id',
      'follow_ups.username',
      'follow_ups.created_at',
      'alerts.id as alert_id',
    ]);
}

type FollowUpWithAlert = FollowUpRow & { alert_id: number | null };

function presentFollowUp({ alert_id, ...row }: FollowUpWithAlert): FollowUp {
  return toFollowUp(row, alert_id === null ? null : Number(alert_id));
}

export async function followUpsOf(trx: Executor, contactId: number): Promise<FollowUp[]> {
  const rows = await followUpsWithAlerts(trx)
    .where('follow_ups.contact_id', '=', contactId)
    .orderBy('follow_ups.at')
    .orderBy('follow_ups.id')
    .execute();
  return rows.map(presentFollowUp);
}

const listCursorSchema = z.object({ a: cursorValue.instant, i: cursorValue.id });

/**
 * The health checks recorded for contacts inside the caller's jurisdiction, newest first, by contact,
 * day range and outcome. A check is abnormal when it raised an alert (fever or a symptom).
 */
export async function searchFollowUps(
  trx: Executor,
  actor: RecordActor,
  query: ListFollowUpsQuery,
): Promise<{ items: FollowUp[]; nextCursor: string | null }> {
  const decoded = cursorOf(query.cursor, listCursorSchema);
  const after = decoded && { at: decoded.a, id: decoded.i };
  let select = followUpsWithAlerts(trx)
    .innerJoin('contacts', 'contacts.id', 'follow_ups.contact_id')
    .where('contacts.division_code', 'like', `${actor.scope}%`);
  if (query.contactId !== undefined) {
    select = select.where('follow_ups.contact_id', '=', query.contactId);
  }
  if (query.from !== undefined) {
    select = select.where('follow_ups.day', '>=', query.from);
  }
  if (query.to !== undefined) {
    select = select.where('follow_ups.day', '<=', query.to);
  }
  if (query.abnormal !== undefined) {
    select = select.where('alerts.id', query.abnormal === 'true' ? 'is not' : 'is', null);
  }
  if (after !== undefined) {
    const { at, id } = after;
    select = select.where((eb) =>
      eb.or([
        eb('follow_ups.at', '<', at),
        eb.and([eb('follow_ups.at', '=', at), eb('follow_ups.id', '<', id)]),
      ]),
    );
  }
  const rows = await select
    .orderBy('follow_ups.at', 'desc')
    .orderBy('follow_ups.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit).map(presentFollowUp);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor: rows.length > query.limit && last ? encodeCursor({ a: last.at, i: last.id }) : null,
  };
}

/** The longest stretch reported as missed days, so that an old record cannot ask for a year of rows. */
const MAX_MISSED_DAYS = 60;

/**
 * Days of observation before today on which fewer follow-ups were recorded than the frequency asks: from
 * the placement day to the end of observation (or the release), in the deployment time zone.
 */
export async function missedFollowUps(
  trx: Executor,
  contact: ContactRow,
  presetId: string,
  settings: FollowUpSettings,
): Promise<Array<{ date: string; expected: number; recorded: number }>> {
  if (contact.placed_on === null) {
    return [];
  }
  const expected = followUpsPerDay(presetId, settings.followUpsPerDay);
  const yesterday = addDays(dateIn(new Date(), settings.timeZone), -1);
  const ends = [
    yesterday,
    contact.observation_end,
    contact.released_on === null ? null : addDays(contact.released_on, -1),
  ];
  const last = ends.filter((d): d is string => d !== null).sort()[0] ?? yesterday;
  const counts = await trx
    .selectFrom('follow_ups')
    .select(['day', (eb) => eb.fn.countAll<number>().as('n')])
    .where('contact_id', '=', contact.id)
    .where('day', '>=', contact.placed_on)
    .where('day', '<=', last)
    .groupBy('day')
    .execute();
  const byDay = new Map(counts.map((c) => [c.day, Number(c.n)]));
  const missed: Array<{ date: string; expected: number; recorded: number }> = [];
  for (
    let day = contact.placed_on, i = 0;
    day <= last && i < MAX_MISSED_DAYS;
    day = addDays(day, 1), i += 1
  ) {
    const recorded = byDay.get(day) ?? 0;
    if (recorded < expected) {
      missed.push({ date: day, expected, recorded });
    }
  }
  return missed;
}

/** The frequency of each contact's outbreak, as SQL, for comparisons inside the database. */
function expectedSql(setting: number) {
  const pairs = presetFrequencies();
  if (pairs.length === 0) {
    return sql<number>`${sql.lit(setting)}`;
  }
  // Literal integers: PostgreSQL cannot type bound parameters in THEN branches.
  const whens = pairs.map(([id, n]) => sql`when ${id} then ${sql.lit(n)}`);
  return sql<number>`case outbreaks.preset_id ${sql.join(whens, sql` `)} else ${sql.lit(setting)} end`;
}

const cursorSchema = z.object({ id: cursorValue.id });

/** Contacts under observation on `date` who still need a follow-up that day (fewer recorded than expected). */
export async function dueFollowUps(
  trx: Executor,
  actor: RecordActor,
  query: { date?: string | undefined; limit: number; cursor?: string | undefined },
  settings: FollowUpSettings,
) {
  const date = query.date ?? dateIn(new Date(), settings.timeZone);
  const afterId = cursorOf(query.cursor, cursorSchema)?.id ?? 0;
  const expected = expectedSql(settings.followUpsPerDay);
  const recorded = sql<number>`(select count(*) from follow_ups where follow_ups.contact_id = contacts.id and follow_ups.day = ${date})`;
  const rows = await trx
    .selectFrom('contacts')
    .innerJoin('outbreaks', 'outbreaks.id', 'contacts.outbreak_id')
    .leftJoin('placements', (join) =>
      join.onRef('placements.contact_id', '=', 'contacts.id').on('placements.check_out_at', 'is', null),
    )
    .leftJoin('quarantine_rooms', 'quarantine_rooms.id', 'placements.room_id')
    .select([
      'contacts.id',
      'contacts.person_id',
      'contacts.status',
      'placements.site_id',
      'quarantine_rooms.number as room_number',
      expected.as('expected'),
      recorded.as('recorded'),
    ])
    .where('contacts.division_code', 'like', `${actor.scope}%`)
    .where('contacts.status', 'in', [...observedStatuses])
    .where('contacts.placed_on', '<=', date)
    .where((eb) =>
      eb.or([eb('contacts.observation_end', '>=', date), eb('contacts.observation_end', 'is', null)]),
    )
    .where(sql<boolean>`${recorded} < ${expected}`)
    .where('contacts.id', '>', afterId)
    .orderBy('contacts.id')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const persons = await personsByIds(
    trx,
    page.map((r) => Number(r.person_id)),
  );
  const last = page.at(-1);
  return {
    date,
    items: page.flatMap((r) => {
      const person = persons.get(Number(r.person_id));
      return person
        ? [
            {
              contactId: Number(r.id),
              person: presentContactPerson(actor, person),
              status: r.status,
              expected: Number(r.expected),
              recorded: Number(r.recorded),
              siteId: r.site_id === null ? null : Number(r.site_id),
              roomNumber: r.room_number,
            },
          ]
        : [];
    }),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ id: Number(last.id) }) : null,
  };
}
