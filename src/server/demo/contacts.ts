import { checkCharacter } from '../../core/identity/resident-id.ts';
import { loadConfig } from '../config/config.ts';
import { linkConversion } from '../contacts/contact-actions.ts';
import { changeStatus, releaseContact } from '../contacts/contact-workflow.ts';
import { addContact, createContactOfCase } from '../contacts/contacts.service.ts';
import { requireSourceCase } from '../contacts/contact-context.ts';
import type { Executor } from '../db/transaction.ts';
import { recordFollowUp } from '../follow-ups/follow-ups.service.ts';
import { findOutbreakByName } from '../outbreaks/outbreaks.repository.ts';
import type { RecordActor } from '../persons/record-actor.ts';
import { placeContact } from '../quarantine/placements.service.ts';
import { createSite } from '../quarantine/sites.service.ts';
import { findUserByUsername } from '../users/users.repository.ts';
import { DEMO_OUTBREAK } from './outbreak.ts';

export const DEMO_SITE = '离石区某宾馆集中隔离点';

type DemoContact = {
  name: string;
  sex: 'male' | 'female';
  birth: string;
  kind: 'household' | 'same_space' | 'visitor';
  setting?: string;
  place: string;
  first: string;
  last: string;
  /** Where the contact is placed: a room of the site, or at home. */
  placement: { room: string } | { home: string };
};

/** The household of the first case, and the people at the pharmacy and the mall on her trajectory. */
const contacts: DemoContact[] = [
  {
    name: '王建国',
    sex: 'male',
    birth: '19580312',
    kind: 'household',
    place: '同住',
    first: '2020-01-20T08:00:00+08:00',
    last: '2020-01-25T02:30:00+08:00',
    placement: { room: '201' },
  },
  {
    name: '王小燕',
    sex: 'female',
    birth: '19860705',
    kind: 'household',
    place: '同住',
    first: '2020-01-20T08:00:00+08:00',
    last: '2020-01-25T02:30:00+08:00',
    placement: { room: '202' },
  },
  {
    name: '王浩然',
    sex: 'male',
    birth: '20120918',
    kind: 'household',
    place: '同住',
    first: '2020-01-20T08:00:00+08:00',
    last: '2020-01-25T02:30:00+08:00',
    placement: { home: '山西省吕梁市离石区滨河街道某小区 2-1-302' },
  },
  {
    name: '赵丽',
    sex: 'female',
    birth: '19790221',
    kind: 'same_space',
    setting: 'pharmacy',
    place: '离石区某大药房（柜台）',
    first: '2020-01-22T09:45:00+08:00',
    last: '2020-01-22T10:00:00+08:00',
    placement: { room: '203' },
  },
  {
    name: '孙国强',
    sex: 'male',
    birth: '19650814',
    kind: 'same_space',
    setting: 'pharmacy',
    place: '离石区某大药房',
    first: '2020-01-22T09:50:00+08:00',
    last: '2020-01-22T09:58:00+08:00',
    placement: { home: '山西省吕梁市离石区莲花池街道某村 8 号' },
  },
  {
    name: '周敏',
    sex: 'female',
    birth: '19920430',
    kind: 'same_space',
    setting: 'shopping_mall',
    place: '离石区某购物中心二层服装店',
    first: '2020-01-23T15:00:00+08:00',
    last: '2020-01-23T15:40:00+08:00',
    placement: { room: '204' },
  },
];

const actorOf = (user: { id: number; username: string }, role: RecordActor['role']): RecordActor => ({
  userId: Number(user.id),
  username: user.username,
  role,
  scope: '',
  ip: null,
});

/**
 * The demo's contact tracing for the first confirmed case (PROTOCOLS §3): the household and the pharmacy
 * and mall contacts, a centralized site with rooms, home quarantine for two, three days of follow-ups (one
 * fever, which raises an alert), the second confirmed case linked as the contact who became a case, and
 * one contact released. Running it twice changes nothing.
 */
export async function loadDemoContacts(trx: Executor): Promise<boolean> {
  const outbreak = await findOutbreakByName(trx, DEMO_OUTBREAK);
  const tracer = await findUserByUsername(trx, 'tracer');
  const lead = await findUserByUsername(trx, 'lead');
  const staff = await findUserByUsername(trx, 'site');
  if (!outbreak || !tracer || !lead || !staff) {
    return false;
  }
  if (
    await trx.selectFrom('quarantine_sites').select('id').where('name', '=', DEMO_SITE).executeTakeFirst()
  ) {
    return false;
  }
  const cases = await trx
    .selectFrom('cases')
    .select(['id', 'case_number', 'person_id', 'classification'])
    .where('outbreak_id', '=', outbreak.id)
    .where('classification', '=', 'confirmed')
    .orderBy('case_number')
    .execute();
  const [first, second] = cases;
  if (!first) {
    return false;
  }
  const config = loadConfig();
  const settings = { timeZone: config.timeZone, followUpsPerDay: config.followUpsPerDay };
  const tracing = actorOf(tracer, 'tracer');
  const leadActor = actorOf(lead, 'lead');
  const siteActor = actorOf(staff, 'site_staff');
  const site = await createSite(trx, leadActor, {
    name: DEMO_SITE,
    address: '山西省吕梁市离石区滨河北西路某宾馆',
    divisionCode: '141102',
    capacity: 40,
    manager: '刘隔离点',
    phone: '0358-8221234',
    rooms: Array.from({ length: 20 }, (_, i) => ({ number: String(201 + i), beds: 2 })),
  });
  const roomId = new Map(site.rooms.map((r) => [r.number, r.id]));
  const ids: number[] = [];
  for (const [i, c] of contacts.entries()) {
    const first17 = `141102${c.birth}${String(21 + i * 2).padStart(3, '0')}`;
    const created = await createContactOfCase(
      trx,
      tracing,
      Number(first.id),
      {
        person: {
          name: c.name,
          sex: c.sex,
          documentType: 'resident_id',
          documentNumber: `${first17}${checkCharacter(first17)}`,
          phone: `1383580${String(1000 + i)}`,
          divisionCode: '141102001001',
        },
        classification: 'close',
        exposure: {
          kind: c.kind,
          ...(c.setting === undefined ? {} : { setting: c.setting }),
          firstExposureAt: new Date(c.first).toISOString(),
          lastExposureAt: new Date(c.last).toISOString(),
          place: c.place,
        },
      },
      settings,
    );
    const notified = await changeStatus(trx, tracing, created.id, {
      version: created.version,
      to: 'notified',
    });
    const checkInAt = new Date('2020-01-25T09:00:00+08:00').toISOString();
    await placeContact(
      trx,
      siteActor,
      created.id,
      'room' in c.placement
        ? {
            kind: 'site',
            version: notified.version,
            siteId: site.id,
            roomId: roomId.get(c.placement.room) ?? 0,
            checkInAt,
          }
        : {
            kind: 'home',
            version: notified.version,
            address: c.placement.home,
            divisionCode: '141102001001',
            checkInAt,
          },
      settings,
    );
    ids.push(created.id);
  }
  // Three days of morning checks; 赵丽 has a fever on the 27th, which raises an alert.
  for (const [d, date] of ['2020-01-26', '2020-01-27', '2020-01-28'].entries()) {
    for (const [i, id] of ids.entries()) {
      const fever = d === 1 && i === 3;
      await recordFollowUp(
        trx,
        siteActor,
        id,
        {
          at: new Date(`${date}T08:30:00+08:00`).toISOString(),
          temperature: fever ? 37.9 : 36.3 + ((i + d) % 5) / 10,
          symptoms: fever ? ['fever', 'cough'] : [],
        },
        settings,
      );
    }
  }
  // The second confirmed case was a contact of the first: link it rather than report it twice.
  if (second) {
    const source = await requireSourceCase(trx, '', Number(first.id));
    const person = await trx
      .selectFrom('persons')
      .select(['id', 'division_code'])
      .where('id', '=', second.person_id)
      .executeTakeFirstOrThrow();
    const contactId = await addContact(
      trx,
      tracing,
      { type: 'case', source },
      { id: Number(person.id), divisionCode: person.division_code },
      'close',
      {
        kind: 'shared_meal_or_entertainment',
        firstExposureAt: new Date('2020-01-22T18:00:00+08:00').toISOString(),
        lastExposureAt: new Date('2020-01-22T21:00:00+08:00').toISOString(),
        place: '亲友聚餐',
      },
      settings,
    );
    const row = await trx
      .selectFrom('contacts')
      .select('version')
      .where('id', '=', contactId)
      .executeTakeFirstOrThrow();
    await linkConversion(
      trx,
      leadActor,
      contactId,
      row.version,
      Number(second.id),
      second.case_number,
      '隔离观察期间发病，确诊',
    );
  }
  // 孙国强 (home quarantine) finished his observation and is released.
  const released = ids[4];
  if (released !== undefined) {
    const row = await trx
      .selectFrom('contacts')
      .select('version')
      .where('id', '=', released)
      .executeTakeFirstOrThrow();
    await releaseContact(trx, siteActor, released, { version: row.version }, settings);
  }
  return true;
}
