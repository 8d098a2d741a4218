import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let investigator: Session;
beforeAll(async () => {
  t = await createTestApp();
  investigator = await t.login('investigator');
});
afterAll(async () => {
  await t.close();
});

async function count(table: 'persons' | 'audit_events'): Promise<number> {
  const rows = await t.db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .execute();
  return Number(rows[0]?.n ?? 0);
}

const base = { name: '测试甲', documentType: 'resident_id', divisionCode: '141102006001' };

describe('persons: identity rules through the API', () => {
  it('accepts 11010519491231002X and derives sex and birth date', async () => {
    const response = await investigator.post('/api/v1/persons', {
      ...base,
      documentNumber: '11010519491231002x',
      phone: '+86 138-1234-5678',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      documentNumber: '11010519491231002X',
      sex: 'female',
      birthDate: '1949-12-31',
      phone: '13812345678',
      masked: false,
      version: 1,
    });
  });

  it('rejects 110105194912310021 with a 400 naming documentNumber, in the caller’s language, writing nothing', async () => {
    const persons = await count('persons');
    const audit = await count('audit_events');
    const response = await investigator.post('/api/v1/persons', {
      ...base,
      documentNumber: '110105194912310021',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([
      expect.objectContaining({
        field: 'documentNumber',
        code: 'id_checksum',
        message: '身份证号校验码错误，请核对',
      }),
    ]);
    const en = await investigator.request(
      'POST',
      '/api/v1/persons',
      { ...base, documentNumber: '110105194912310021' },
      { 'accept-language': 'en' },
    );
    expect(en.json().error.details[0].message).toBe('the check character of this ID number is wrong');
    expect(await count('persons')).toBe(persons);
    expect(await count('audit_events')).toBe(audit);
  });

  it('upgrades a 15-digit number and refuses a future birth date', async () => {
    const legacy = await investigator.post('/api/v1/persons', { ...base, documentNumber: '141102850314002' });
    expect(legacy.statusCode, legacy.body).toBe(201);
    expect(legacy.json().documentNumber).toMatch(/^14110219850314002[\dX]$/);
    const future = await investigator.post('/api/v1/persons', {
      ...base,
      documentNumber: '14110220991231001X',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details[0].field).toBe('documentNumber');
  });

  it('refuses bad phones, unknown enums and unknown fields, naming each field', async () => {
    const response = await investigator.post('/api/v1/persons', {
      name: '测试乙',
      phone: '12345',
      populationCategory: 'astronaut',
      documentType: 'library_card',
      shoeSize: 42,
    });
    expect(response.statusCode).toBe(400);
    const fields = response
      .json()
      .error.details.map((d: { field: string }) => d.field)
      .sort();
    expect(fields).toEqual(['documentType', 'phone', 'populationCategory', 'shoeSize']);
  });

  it('a document number already on file is a 409 with the existing id', async () => {
    const first = await investigator.post('/api/v1/persons', {
      ...base,
      name: '重复者',
      documentNumber: '440524188001010014',
    });
    expect(first.statusCode).toBe(201);
    const again = await investigator.post('/api/v1/persons', {
      ...base,
      name: '重复者二',
      documentNumber: '440524188001010014',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'DUPLICATE', existingId: first.json().id });
  });

  it('shows likely duplicates: same name with the same phone or birth date', async () => {
    await investigator.post('/api/v1/persons', {
      name: '刘同名',
      phone: '13900001111',
      divisionCode: '141102',
    });
    await investigator.post('/api/v1/persons', {
      name: '刘同名',
      birthDate: '1990-05-05',
      divisionCode: '141102',
    });
    await investigator.post('/api/v1/persons', {
      name: '刘同名',
      phone: '13900002222',
      divisionCode: '141102',
    });
    const byPhone = await investigator.get('/api/v1/persons/duplicates?name=刘同名&phone=139-0000-1111');
    expect(byPhone.statusCode, byPhone.body).toBe(200);
    expect(byPhone.json().items).toHaveLength(1);
    const byEither = await investigator.get(
      `/api/v1/persons/duplicates?name=${encodeURIComponent('刘同名')}&phone=13900001111&birthDate=1990-05-05`,
    );
    expect(byEither.json().items).toHaveLength(2);
  });

  it('a stale edit gets 409 and overwrites nothing', async () => {
    const created = (await investigator.post('/api/v1/persons', { ...base, name: '改名前' })).json();
    const first = await investigator.patch(`/api/v1/persons/${created.id}`, { version: 1, name: '改名一' });
    expect(first.statusCode, first.body).toBe(200);
    const stale = await investigator.patch(`/api/v1/persons/${created.id}`, { version: 1, name: '改名二' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect((await investigator.get(`/api/v1/persons/${created.id}`)).json().name).toBe('改名一');
  });
});

describe('persons: masking by role and jurisdiction', () => {
  it('masks for the commander (no personal:read) and for a user outside the jurisdiction; reveal is audited', async () => {
    const created = (
      await investigator.post('/api/v1/persons', {
        name: '张小三',
        documentType: 'resident_id',
        documentNumber: `14270119900101123${checkOf('14270119900101123')}`,
        phone: '13812345678',
        currentAddress: '山西省吕梁市离石区莲花池街道龙凤社区滨河小区3号楼',
        divisionCode: '141102001001',
      })
    ).json();
    const commander = await t.login('commander');
    const masked = (await commander.get(`/api/v1/persons/${created.id}`)).json();
    expect(masked).toMatchObject({
      name: '张*三',
      phone: '138****5678',
      currentAddress: '山西省吕梁市离石区莲花池街道***',
      masked: true,
    });
    expect(masked.documentNumber).toMatch(/^142701\*{8}\d{3}[\dX]$/);

    // The sampler holds personal:read but only for 田家会街道; this person lives in 莲花池街道.
    const sampler = await t.login('sampler');
    expect((await sampler.get(`/api/v1/persons/${created.id}`)).json().masked).toBe(true);
    expect((await investigator.get(`/api/v1/persons/${created.id}`)).json().masked).toBe(false);
    const list = (await commander.get(`/api/v1/persons?q=${encodeURIComponent('张小三')}`)).json();
    expect(list.items[0]).toMatchObject({ name: '张*三', masked: true });

    const reveal = await commander.post(`/api/v1/persons/${created.id}/reveal`, {
      reason: '指挥部核实密接身份',
    });
    expect(reveal.statusCode, reveal.body).toBe(200);
    expect(reveal.json()).toMatchObject({ name: '张小三', phone: '13812345678', masked: false });
    const event = await t.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'actor_username', 'changes'])
      .where('entity', '=', 'person')
      .where('entity_id', '=', String(created.id))
      .where('action', '=', 'person.reveal')
      .executeTakeFirstOrThrow();
    expect(event.actor_username).toBe('commander');
    expect(JSON.parse(event.changes)).toEqual({ reason: { after: '指挥部核实密接身份' } });
    expect(
      (await sampler.post(`/api/v1/persons/${created.id}/reveal`, { reason: '想看看' })).statusCode,
    ).toBe(403);
  });

  it('the audit of a person keeps personal values out', async () => {
    const created = (
      await investigator.post('/api/v1/persons', { ...base, name: '隐私人', phone: '13600001111' })
    ).json();
    const event = await t.db.kysely
      .selectFrom('audit_events')
      .select('changes')
      .where('entity', '=', 'person')
      .where('entity_id', '=', String(created.id))
      .executeTakeFirstOrThrow();
    expect(event.changes).not.toContain('13600001111');
    expect(event.changes).not.toContain('隐私人');
  });
});

/** GB 11643 check character, written out here so the test does not trust the code it checks. */
function checkOf(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, digit, i) => acc + Number(digit) * (weights[i] ?? 0), 0);
  return '10X98765432'[sum % 11] ?? '';
}
