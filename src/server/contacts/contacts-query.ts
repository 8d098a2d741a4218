import { z } from 'zod';
import { normalizePhone } from '../../core/identity/phone.ts';
import { dateIn } from '../../core/time/zone.ts';
import type { Executor } from '../db/transaction.ts';
import { cursorOf, cursorValue, encodeCursor } from '../http/schemas.ts';
import type { RecordActor } from '../persons/record-actor.ts';
import { alertsOfContact } from '../follow-ups/alerts.service.ts';
import { followUpsOf, missedFollowUps } from '../follow-ups/follow-ups.service.ts';
import { followUpsPerDay } from '../follow-ups/frequency.ts';
import { placementsOfContact } from '../quarantine/placements.service.ts';
import { parseStoredPlan } from './contact-plan.ts';
import { presentContacts, presentExposure, toPlannedTest, toTracingAttempt } from './contact-view.ts';
import { exposuresOf, listContacts, testsOf, tracingOf } from './contacts.repository.ts';
import type { Contact, ListContactsQuery } from './contacts.schema.ts';
import { presentOne, requireContact } from './contacts.service.ts';
import { nextStatuses } from './contact-workflow.ts';
import type { ContactSettings } from './exposure-rules.ts';

const cursorSchema = z.object({ id: cursorValue.id });

export async function searchContacts(
  trx: Executor,
  actor: RecordActor,
  query: ListContactsQuery,
  settings: ContactSettings,
): Promise<{ items: Contact[]; nextCursor: string | null }> {
  const beforeId = cursorOf(query.cursor, cursorSchema)?.id;
  const today = dateIn(new Date(), settings.timeZone);
  const text = query.q === undefined || query.q === '' ? undefined : query.q;
  const rows = await listContacts(trx, {
    scope: actor.scope,
    caseId: query.caseId,
    status: query.status,
    classification: query.classification,
    siteId: query.siteId,
    placement: query.placement,
    dueOn: query.dueToday === 'true' ? today : undefined,
    releaseDueBy: query.releaseDueBy ?? (query.releaseDue === 'true' ? today : undefined),
    divisionCode: query.divisionCode,
    q:
      text === undefined
        ? undefined
        : {
            text,
            documentNumber: text.replace(/\s+/g, '').toUpperCase(),
            phone: normalizePhone(text)?.value ?? null,
          },
    beforeId,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await presentContacts(trx, actor, page),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ id: Number(last.id) }) : null,
  };
}

/** Everything about one contact: exposures, the plan with its tests, placements, calls, follow-ups. */
export async function contactDetail(
  trx: Executor,
  actor: RecordActor,
  id: number,
  settings: ContactSettings,
) {
  const row = await requireContact(trx, actor, id);
  const contact = await presentOne(trx, actor, id);
  const outbreak = await trx
    .selectFrom('outbreaks')
    .select(['preset_id', 'overlay_id'])
    .where('id', '=', row.outbreak_id)
    .executeTakeFirstOrThrow();
  const plan = parseStoredPlan(row.plan);
  return {
    ...contact,
    nextStatuses: [...nextStatuses(row.status)],
    protocol: { presetId: outbreak.preset_id, overlayId: outbreak.overlay_id },
    exposures: (await exposuresOf(trx, id)).map((row) => presentExposure(actor, row)),
    plan: {
      determined: plan.determined,
      phases: plan.phases,
      tests: (await testsOf(trx, id)).map(toPlannedTest),
    },
    placements: await placementsOfContact(trx, actor, id),
    tracing: (await tracingOf(trx, id)).map((t) => toTracingAttempt(actor, t)),
    followUpsPerDay: followUpsPerDay(outbreak.preset_id, settings.followUpsPerDay),
    followUps: await followUpsOf(trx, id),
    missedFollowUps: await missedFollowUps(trx, row, outbreak.preset_id, settings),
    alerts: await alertsOfContact(trx, actor, id),
  };
}
