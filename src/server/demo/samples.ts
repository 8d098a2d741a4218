import { sampleCode } from '../../core/lab/codes.ts';
import { checkCharacter } from '../../core/identity/resident-id.ts';
import { loadConfig } from '../config/config.ts';
import { openStatuses } from '../contacts/contacts.repository.ts';
import { createContactOfCase } from '../contacts/contacts.service.ts';
import type { Executor } from '../db/transaction.ts';
import { findOutbreakByName } from '../outbreaks/outbreaks.repository.ts';
import type { RecordActor } from '../persons/record-actor.ts';
import { recordDischarge } from '../samples/discharge.service.ts';
import { applyResults, resolveTarget } from '../samples/lab-results.service.ts';
import { createPool, createSample, registerByCode } from '../samples/samples.service.ts';
import { samplesOfSubject } from '../samples/samples.repository.ts';
import { findUserByUsername } from '../users/users.repository.ts';
import { DEMO_OUTBREAK } from './outbreak.ts';

/** The seed's sampling day: 60 close contacts in the villages of 田家会街道, pooled ten to a tube. */
const SAMPLING_DAY = '2020-01-28';
const villages = [
  ['141102006001', '韩家坡村'],
  ['141102006002', '龙马坡村'],
  ['141102006003', '安家山村'],
  ['141102006004', '马家沟村'],
  ['141102006005', '李家山村'],
  ['141102006006', '界峁村'],
] as const;
const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const givenNames = ['建华', '秀兰', '志强', '桂英', '海燕', '俊杰'];
const discharges = [
  ['LS-2020-0001', '2020-02-10'],
  ['LS-2020-0002', '2020-02-14'],
] as const;

function actorOf(user: { id: number; username: string }, role: RecordActor['role']): RecordActor {
  return { userId: Number(user.id), username: user.username, role, scope: '', ip: null };
}

/**
 * The demo's samples: the outbreak runs under the district's overlay (lishi-2020), the day 60 close contacts
 * of the second case were sampled village by village (throat swabs, six pools of ten, all negative), and the
 * two confirmed cases discharged with their week-2, week-4 and day-28 samplings collected and negative.
 * Running it twice changes nothing.
 */
export async function loadDemoSamples(trx: Executor): Promise<boolean> {
  const outbreak = await findOutbreakByName(trx, DEMO_OUTBREAK);
  const lead = await findUserByUsername(trx, 'lead');
  const sampler = await findUserByUsername(trx, 'sampler');
  const lab = await findUserByUsername(trx, 'lab');
  if (!outbreak || !lead || !sampler || !lab) {
    return false;
  }
  const done = await trx
    .selectFrom('samples')
    .select('id')
    .where('source', '=', 'manual')
    .where('planned_date', '=', SAMPLING_DAY)
    .executeTakeFirst();
  if (done) {
    return false;
  }
  const config = loadConfig();
  const tz = config.timeZone;
  // The seed district's sampling after discharge is a local overlay; the demo outbreak runs under it.
  if (outbreak.overlay_id === null) {
    await trx
      .updateTable('outbreaks')
      .set({ overlay_id: 'lishi-2020' })
      .where('id', '=', outbreak.id)
      .execute();
  }
  const leadActor = actorOf(lead, 'lead');
  const samplerActor = actorOf(sampler, 'sampler');
  const labActor = actorOf(lab, 'lab');
  const source = await trx
    .selectFrom('cases')
    .select(['id'])
    .where('case_number', '=', 'LS-2020-0002')
    .executeTakeFirst();
  if (!source) {
    return false;
  }
  const existing = await trx
    .selectFrom('contacts')
    .select(['id'])
    .where('outbreak_id', '=', outbreak.id)
    .where('division_code', 'like', '141102006%')
    .where('classification', '=', 'close')
    // A contact already converted to a case is sampled as a case, not on the contacts' village round.
    .where('status', 'in', openStatuses)
    .orderBy('id')
    .execute();
  const contactIds = existing.map((c) => Number(c.id)).slice(0, 60);
  for (let i = contactIds.length; i < 60; i += 1) {
    const [code, village] = villages[i % villages.length] ?? villages[0];
    const first17 = `14110219${50 + (i % 40)}0${(i % 9) + 1}1${i % 10}${String(i).padStart(3, '0')}`;
    const contact = await createContactOfCase(
      trx,
      leadActor,
      Number(source.id),
      {
        person: {
          name: `${surnames[i % surnames.length] ?? '王'}${givenNames[Math.floor(i / 10) % givenNames.length] ?? '建华'}`,
          documentType: 'resident_id',
          documentNumber: `${first17}${checkCharacter(first17)}`,
          phone: `139358${String(10000 + i).slice(-5)}`,
          currentAddress: `山西省吕梁市离石区田家会街道${village}${(i % 40) + 1}号`,
          divisionCode: code,
        },
        classification: 'close',
        exposure: {
          kind: i % 3 === 0 ? 'household' : 'shared_meal_or_entertainment',
          firstExposureAt: '2020-01-24T18:00:00.000Z',
          lastExposureAt: '2020-01-25T04:00:00.000Z',
          place: `${village}村民聚餐`,
        },
      },
      { timeZone: tz, followUpsPerDay: config.followUpsPerDay },
    );
    contactIds.push(contact.id);
  }
  const codes: string[] = [];
  for (const [i, contactId] of contactIds.entries()) {
    const sample = await createSample(
      trx,
      samplerActor,
      {
        subjectType: 'contact',
        subjectId: contactId,
        specimen: 'throat_swab',
        plannedDate: SAMPLING_DAY,
        label: '田家会街道密接逐村采样',
      },
      tz,
    );
    const minutes = 8 * 60 + i * 6;
    const at = `${SAMPLING_DAY}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+08:00`;
    await registerByCode(trx, samplerActor, {
      code: sample.code,
      collectedAt: new Date(at).toISOString(),
      lab: '吕梁市疾控中心实验室',
    });
    codes.push(sample.code);
  }
  for (let i = 0; i < codes.length; i += 10) {
    const pool = await createPool(
      trx,
      samplerActor,
      { codes: codes.slice(i, i + 10), lab: '吕梁市疾控中心实验室' },
      config.poolMax,
    );
    const target = await resolveTarget(trx, '', pool.code, 'code');
    await applyResults(
      trx,
      labActor,
      target,
      {
        testedAt: new Date('2020-01-28T21:00:00+08:00').toISOString(),
        lab: '吕梁市疾控中心实验室',
        entries: [
          { target: 'ORF1ab', ct: null, result: 'negative' },
          { target: 'N', ct: null, result: 'negative' },
        ],
        importId: null,
      },
      tz,
    );
  }
  for (const [caseNumber, date] of discharges) {
    const kase = await trx
      .selectFrom('cases')
      .select('id')
      .where('case_number', '=', caseNumber)
      .executeTakeFirst();
    if (!kase) {
      continue;
    }
    await recordDischarge(trx, leadActor, Number(kase.id), { dischargeDate: date }, tz);
    for (const sample of await samplesOfSubject(trx, 'case', Number(kase.id))) {
      if (sample.status !== 'planned' || sample.planned_date === null) {
        continue;
      }
      const code = sampleCode(Number(sample.id));
      await registerByCode(trx, samplerActor, {
        code,
        collectedAt: new Date(`${sample.planned_date}T09:30:00+08:00`).toISOString(),
        lab: '吕梁市疾控中心实验室',
      });
      const target = await resolveTarget(trx, '', code, 'code');
      const serum = sample.specimen === 'serum';
      await applyResults(
        trx,
        labActor,
        target,
        {
          testedAt: new Date(`${sample.planned_date}T20:00:00+08:00`).toISOString(),
          lab: '吕梁市疾控中心实验室',
          entries: serum
            ? [
                { target: 'IgM', ct: null, result: 'negative' },
                { target: 'IgG', ct: null, result: 'positive' },
              ]
            : [
                { target: 'ORF1ab', ct: null, result: 'negative' },
                { target: 'N', ct: null, result: 'negative' },
              ],
          importId: null,
        },
        tz,
      );
    }
  }
  return true;
}
