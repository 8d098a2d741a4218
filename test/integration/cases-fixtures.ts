import { expect } from 'vitest';
import type { Session, TestApp } from '../helpers/app.ts';

/** GB 11643 check character, written out here so the tests do not trust the code they check. */
export function withCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, digit, i) => acc + Number(digit) * (weights[i] ?? 0), 0);
  return `${first17}${'10X98765432'[sum % 11] ?? ''}`;
}

export async function demoOutbreakId(session: Session): Promise<number> {
  const outbreaks = (await session.get('/api/v1/outbreaks?limit=500')).json().items as Array<{
    id: number;
    name: string;
  }>;
  const demo = outbreaks.find((o) => o.name === '离石区新冠肺炎疫情');
  if (!demo) {
    throw new Error('the demo outbreak is missing');
  }
  return demo.id;
}

let serial = 0;

/** Reports a case with a new person through the API; the overrides replace the defaults. */
export async function reportCase(
  session: Session,
  outbreakId: number,
  overrides: Record<string, unknown> = {},
  person: Record<string, unknown> = {},
): Promise<{
  id: number;
  caseNumber: string;
  version: number;
  person: { id: number };
  investigation: { id: number };
}> {
  serial += 1;
  const response = await session.post('/api/v1/cases', {
    outbreakId,
    receivedAt: '2020-02-01T10:00:00+08:00',
    reportingInstitution: '吕梁市人民医院',
    discoveryRoute: 'clinic_visit',
    person: { name: `病例${serial}`, divisionCode: '141102006001', ...person },
    ...overrides,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

export async function countRows(
  t: TestApp,
  table: 'persons' | 'cases' | 'audit_events' | 'tasks' | 'investigations',
) {
  const rows = await t.db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .execute();
  return Number(rows[0]?.n ?? 0);
}
