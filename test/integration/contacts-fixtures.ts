import { expect } from 'vitest';
import { dateIn } from '../../src/core/time/zone.ts';
import type { Session } from '../helpers/app.ts';

/** Shared set-up of the contacts tests: an outbreak under a preset, and a confirmed case in 离石区. */

export const TZ = 'Asia/Shanghai';

/** The calendar day `days` from today in Shanghai, and an instant at `hour`:00 that day. */
export function day(days: number): string {
  return dateIn(new Date(Date.now() + days * 86_400_000), TZ);
}
export function at(days: number, hour = 10): string {
  return new Date(`${day(days)}T${String(hour).padStart(2, '0')}:00:00+08:00`).toISOString();
}

let serial = 0;

export async function makeOutbreak(lead: Session, presetId: string): Promise<number> {
  serial += 1;
  const response = await lead.post('/api/v1/outbreaks', {
    name: `测试疫情 ${presetId} ${serial} ${Date.now()}`,
    disease: 'COVID-19',
    presetId,
    startDate: day(-30),
    divisionCode: '141102',
    caseNumberMask: `T${serial}${Date.now() % 100000}-####`,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: number }>().id;
}

/** A confirmed case with onset `onsetDays` from today, received `receivedDays` from today. */
export async function makeCase(
  investigator: Session,
  outbreakId: number,
  options: { onsetDays?: number; receivedDays?: number } = {},
): Promise<number> {
  serial += 1;
  const response = await investigator.post('/api/v1/cases', {
    outbreakId,
    person: { name: `病例${serial}`, divisionCode: '141102' },
    classification: 'confirmed',
    divisionCode: '141102',
    receivedAt: at(options.receivedDays ?? -1, 3),
    reportingInstitution: '吕梁市人民医院',
    discoveryRoute: 'clinic_visit',
    onsetDate: day(options.onsetDays ?? -3),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: number }>().id;
}

/** Resident IDs that pass the checksum, different for each n. */
export function residentId(n: number): string {
  const body = `14110219800101${String(n % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * (weights[i] ?? 0), 0);
  return body + '10X98765432'.charAt(sum % 11);
}

export function contactBody(n: number, exposure: Record<string, unknown> = {}, classification = 'close') {
  return {
    person: {
      name: `密接${n}`,
      documentType: 'resident_id',
      documentNumber: residentId(n),
      phone: `1380000${String(n).padStart(4, '0')}`,
      divisionCode: '141102001001',
    },
    classification,
    exposure: {
      kind: 'household',
      firstExposureAt: at(-3, 8),
      lastExposureAt: at(-2, 20),
      ...exposure,
    },
  };
}
