import { secondaryContactDecision, type TestOutcome } from '../../core/protocols/index.ts';
import { dateIn } from '../../core/time/zone.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { ContactRow } from '../db/schema.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import { auditOf, type RecordActor } from '../persons/record-actor.ts';
import { checkOutOpenPlacement } from '../quarantine/placements.repository.ts';
import { protocolOfOutbreak } from './contact-context.ts';
import { cancelPendingTests, syncPlan } from './contact-plan.ts';
import { testsOf, updateContact } from './contacts.repository.ts';
import type { Contact, ContactStatus } from './contacts.schema.ts';
import { presentOne, requireContact } from './contacts.service.ts';
import type { ContactSettings } from './exposure-rules.ts';

const next: Record<ContactStatus, readonly ContactStatus[]> = {
  identified: ['notified', 'lost', 'converted'],
  notified: ['placed', 'lost', 'converted'],
  placed: ['home_monitoring', 'released', 'lost', 'converted'],
  home_monitoring: ['released', 'lost', 'converted'],
  // A contact found again after being lost is notified again.
  lost: ['notified', 'converted'],
  released: [],
  converted: [],
};

export function nextStatuses(from: string): readonly ContactStatus[] {
  const known = (Object.keys(next) as ContactStatus[]).find((status) => status === from);
  return known === undefined ? [] : next[known];
}

/** Refuses a transition the workflow does not have (409 naming both states). */
export function assertTransition(from: string, to: ContactStatus): void {
  if (!nextStatuses(from).includes(to)) {
    throw new AppError('CONFLICT', {
      params: { reason: `${from} → ${to}` },
      details: [{ field: 'status', code: 'contact_transition', params: { from, to } }],
    });
  }
}

function staleCheck(contact: ContactRow, version: number): void {
  if (contact.version !== version) {
    throw new AppError('VERSION_CONFLICT', { extra: { currentVersion: contact.version } });
  }
}

async function writeStatus(
  trx: Executor,
  actor: RecordActor,
  contact: ContactRow,
  version: number,
  patch: Parameters<typeof updateContact>[3] & { status: ContactStatus },
  action: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  if (!(await updateContact(trx, Number(contact.id), version, { ...patch, updated_at: now() }))) {
    throw new AppError('VERSION_CONFLICT');
  }
  await recordAudit(trx, auditOf(actor), {
    action,
    entity: 'contact',
    entityId: Number(contact.id),
    changes: {
      status: { before: contact.status, after: patch.status },
      ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, { after: v }])),
    },
  });
}

/** notified, home_monitoring (leaves the site), lost (with a reason), or notified again after lost. */
export async function changeStatus(
  trx: Executor,
  actor: RecordActor,
  id: number,
  input: { version: number; to: 'notified' | 'home_monitoring' | 'lost'; reason?: string | undefined },
): Promise<Contact> {
  const contact = await requireContact(trx, actor, id);
  staleCheck(contact, input.version);
  assertTransition(contact.status, input.to);
  if (input.to === 'lost' && input.reason === undefined) {
    throw fieldError('reason', 'required');
  }
  if (input.to === 'home_monitoring') {
    await checkOutOpenPlacement(trx, Number(contact.id), now());
  }
  await writeStatus(
    trx,
    actor,
    contact,
    input.version,
    {
      status: input.to,
      ...(input.to === 'notified' ? { notified_at: now() } : {}),
      ...(input.to === 'lost' ? { lost_reason: input.reason ?? null } : {}),
    },
    `contact.${input.to}`,
    input.reason === undefined ? {} : { reason: input.reason },
  );
  return presentOne(trx, actor, id);
}

/**
 * The linked close contact's test outcomes, oldest first. Until lab results exist (the samples capability),
 * they come from the close contact's planned tests marked done with a recorded result.
 */
async function linkedOutcomes(trx: Executor, closeContactId: number): Promise<TestOutcome[]> {
  const tests = await testsOf(trx, closeContactId);
  return tests
    .filter((test) => test.status === 'done')
    .sort((a, b) =>
      a.due_date < b.due_date ? -1 : a.due_date > b.due_date ? 1 : Number(a.id) - Number(b.id),
    )
    .map((test) =>
      test.result === 'positive' ? 'positive' : test.result === 'negative' ? 'negative' : 'pending',
    );
}

export type ReleaseOutcome = { outcome: 'released' | 'upgraded'; contact: Contact };

/**
 * Ends observation. Before the plan's end a reason is required. A secondary contact under editions 8/9 is
 * released only if its close contact's first two tests were negative; if the close contact turned positive
 * or became a case, it is upgraded to close-contact management instead (its plan restarts as a close contact).
 */
export async function releaseContact(
  trx: Executor,
  actor: RecordActor,
  id: number,
  input: { version: number; reason?: string | undefined },
  settings: ContactSettings,
): Promise<ReleaseOutcome> {
  const contact = await requireContact(trx, actor, id);
  staleCheck(contact, input.version);
  assertTransition(contact.status, 'released');
  const today = dateIn(new Date(), settings.timeZone);
  const end = contact.observation_end;
  const preset = await protocolOfOutbreak(trx, Number(contact.outbreak_id));
  const regime = preset.secondary;
  const ruled =
    contact.classification === 'secondary' &&
    contact.source_contact_id !== null &&
    regime.determined &&
    regime.releaseRule === 'linked_close_first_two_negative';
  let ruleReason: string | null = null;
  if (ruled && end !== null) {
    const linkedId = Number(contact.source_contact_id);
    const linked = await trx
      .selectFrom('contacts')
      .select(['status'])
      .where('id', '=', linkedId)
      .executeTakeFirst();
    const decision = secondaryContactDecision({
      linkedCloseContactTests: await linkedOutcomes(trx, linkedId),
      linkedCloseContactBecameCase: linked?.status === 'converted',
      today,
      releaseDate: end,
    });
    if (decision.decision === 'upgrade') {
      if (!(await updateContact(trx, id, input.version, { classification: 'close', updated_at: now() }))) {
        throw new AppError('VERSION_CONFLICT');
      }
      const sync = await syncPlan(trx, { ...contact, classification: 'close' }, preset, settings.timeZone);
      await recordAudit(trx, auditOf(actor), {
        action: 'contact.upgrade',
        entity: 'contact',
        entityId: id,
        changes: {
          classification: { before: 'secondary', after: 'close' },
          reason: { after: decision.reason },
          observationEnd: { before: end, after: sync.observationEnd },
        },
      });
      return { outcome: 'upgraded', contact: await presentOne(trx, actor, id) };
    }
    if (decision.decision === 'wait' && decision.reason === 'awaiting_linked_results') {
      throw new AppError('CONFLICT', {
        params: { reason: decision.reason },
        details: [{ field: 'status', code: 'secondary_awaiting' }],
      });
    }
    ruleReason = decision.decision === 'release' ? decision.reason : null;
  }
  if (end !== null && today < end && input.reason === undefined) {
    throw fieldError('reason', 'early_release_reason', { end });
  }
  await checkOutOpenPlacement(trx, id, now());
  const cancelled = await cancelPendingTests(trx, id);
  await writeStatus(
    trx,
    actor,
    contact,
    input.version,
    { status: 'released', released_on: today, release_reason: input.reason ?? null },
    'contact.release',
    {
      releasedOn: today,
      early: end !== null && today < end,
      cancelledTests: cancelled,
      ...(input.reason === undefined ? {} : { reason: input.reason }),
      ...(ruleReason === null ? {} : { rule: ruleReason }),
    },
  );
  return { outcome: 'released', contact: await presentOne(trx, actor, id) };
}
