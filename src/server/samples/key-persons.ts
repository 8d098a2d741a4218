import { recordAudit } from '../audit/audit.service.ts';
import { protocolOfOutbreak } from '../contacts/contact-context.ts';
import { now, type Executor } from '../db/transaction.ts';
import { fieldError } from '../errors/app-error.ts';
import { auditOf, type RecordActor } from '../persons/record-actor.ts';
import { keyPersonWanted, syncSubjectSamples } from './sampling-plans.ts';
import { samplesOfSubject } from './samples.repository.ts';
import { toSample } from './samples.service.ts';
import type { Sample } from './samples.schema.ts';

/**
 * A key person (an inbound traveller, someone from a high-risk area, an exposed worker) sampled on the test
 * days of one of the preset's contact rules, counted from the arrival.
 */
export async function addKeyPerson(
  trx: Executor,
  actor: RecordActor,
  input: {
    outbreakId: number;
    personId: number;
    reason: string;
    rule: 'close' | 'secondary';
    arrivedAt: string;
  },
  timeZone: string,
): Promise<{ id: number; samples: Sample[] }> {
  const person = await trx
    .selectFrom('persons')
    .select(['id', 'division_code'])
    .where('id', '=', input.personId)
    .executeTakeFirst();
  if (!person || person.division_code === null || !person.division_code.startsWith(actor.scope)) {
    throw fieldError('personId', 'invalid');
  }
  const outbreak = await trx
    .selectFrom('outbreaks')
    .select('id')
    .where('id', '=', input.outbreakId)
    .executeTakeFirst();
  if (!outbreak) {
    throw fieldError('outbreakId', 'invalid');
  }
  if (Date.parse(input.arrivedAt) > Date.now() + 5 * 60_000) {
    throw fieldError('arrivedAt', 'in_future');
  }
  const preset = await protocolOfOutbreak(trx, input.outbreakId);
  if (!preset[input.rule].determined) {
    throw fieldError('rule', 'secondary_not_determined', { preset: preset.id });
  }
  const at = now();
  const row = await trx
    .insertInto('key_persons')
    .values({
      person_id: input.personId,
      outbreak_id: input.outbreakId,
      reason: input.reason,
      rule: input.rule,
      arrived_at: input.arrivedAt,
      division_code: person.division_code,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  await syncSubjectSamples(
    trx,
    {
      type: 'key_person',
      id,
      personId: input.personId,
      outbreakId: input.outbreakId,
      divisionCode: person.division_code,
      title: '重点人员采样',
    },
    'key_person',
    keyPersonWanted(preset, input.rule, input.arrivedAt, timeZone),
    timeZone,
  );
  await recordAudit(trx, auditOf(actor), {
    action: 'key_person.create',
    entity: 'key_person',
    entityId: id,
    changes: {
      personId: { after: input.personId },
      reason: { after: input.reason },
      rule: { after: input.rule },
    },
  });
  return { id, samples: (await samplesOfSubject(trx, 'key_person', id)).map(toSample) };
}
