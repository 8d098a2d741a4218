import { parseResidentId, type Sex } from './resident-id.ts';

/** The document types of the report card's 有效证件号 field. */
export const documentTypes = [
  'resident_id',
  'passport',
  'hk_macao_permit',
  'taiwan_permit',
  'residence_permit',
  'foreign_permanent_id',
  'other',
] as const;

export type DocumentType = (typeof documentTypes)[number];

export type DocumentProblem = 'format' | 'birth_date' | 'future_birth_date' | 'checksum';

export type Document = { number: string; birthDate: string | null; sex: Sex | null };

export type DocumentResult = { ok: true; value: Document } | { ok: false; problem: DocumentProblem };

/**
 * Normalises and validates a document number of a given type. Resident IDs and the 港澳台居民居住证 (which
 * uses the same 18-character layout and check) yield sex and birth date; other documents are stored upper
 * case without spaces and checked for a plausible shape only.
 */
export function parseDocument(type: DocumentType, input: string, today: string): DocumentResult {
  if (type === 'resident_id' || type === 'residence_permit') {
    const parsed = parseResidentId(input, today);
    if (!parsed.ok) {
      return parsed;
    }
    if (type === 'residence_permit' && parsed.value.upgraded) {
      return { ok: false, problem: 'format' };
    }
    return {
      ok: true,
      value: { number: parsed.value.number, birthDate: parsed.value.birthDate, sex: parsed.value.sex },
    };
  }
  const number = input.replace(/\s+/g, '').toUpperCase();
  const shape = type === 'other' ? /^[^\s]{1,40}$/ : /^[A-Z0-9]{5,20}$/;
  if (!shape.test(number)) {
    return { ok: false, problem: 'format' };
  }
  return { ok: true, value: { number, birthDate: null, sex: null } };
}
