import fs from 'node:fs';
import { parse } from 'csv-parse';
import { documentTypes, parseDocument, type DocumentType } from '../../core/identity/documents.ts';
import { normalizePhone } from '../../core/identity/phone.ts';
import { divisionCodePattern } from '../../core/divisions/scope.ts';
import type { BadRow } from '../../core/colocation/visit-csv.ts';
import { placeTypes, type PlaceType } from '../places/places.schema.ts';

/** A person of the persons reference: the external id the visit log uses and who it is. */
export type PersonRef = {
  externalId: string;
  name: string | null;
  documentType: DocumentType | null;
  documentNumber: string | null;
  phone: string | null;
};

/** A place of the places reference; `venueCode` is the visit log's place id. */
export type PlaceRef = {
  /** Line of the reference file, for reporting. */
  line: number;
  venueCode: string;
  name: string;
  type: PlaceType;
  address: string | null;
  divisionCode: string;
};

type Rows = { rows: Array<{ line: number; record: Record<string, string> }>; bad: BadRow[] };

async function readCsv(file: string, required: readonly string[], label: string): Promise<Rows> {
  const result: Rows = { rows: [], bad: [] };
  const parser = fs.createReadStream(file).pipe(
    parse({
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }),
  );
  let checked = false;
  for await (const item of parser) {
    const { record, info } = item as { record: Record<string, string>; info: { lines: number } };
    if (!checked) {
      checked = true;
      const missing = required.filter((name) => !(name in record));
      if (missing.length > 0) {
        throw new Error(`${label}: the header lacks ${missing.join(', ')}`);
      }
    }
    result.rows.push({ line: info.lines, record });
  }
  return result;
}

const cell = (record: Record<string, string>, name: string): string | null => {
  const value = record[name]?.trim() ?? '';
  return value === '' ? null : value;
};

/** Reads `person_id,name,document_type,document_number,phone`; rows without an id are reported. */
export async function readPersonsReference(file: string): Promise<{ refs: PersonRef[]; bad: BadRow[] }> {
  const label = 'persons reference';
  const { rows, bad } = await readCsv(file, ['person_id'], label);
  const refs: PersonRef[] = [];
  const today = new Date().toISOString().slice(0, 10);
  for (const { line, record } of rows) {
    const externalId = cell(record, 'person_id');
    if (externalId === null) {
      bad.push({ line, field: `${label}: person_id`, reason: 'empty' });
      continue;
    }
    const typeText = cell(record, 'document_type');
    const documentType = documentTypes.find((t) => t === typeText) ?? (typeText === null ? null : 'other');
    const rawNumber = cell(record, 'document_number');
    let documentNumber: string | null = null;
    if (rawNumber !== null) {
      const parsed = parseDocument(documentType ?? 'resident_id', rawNumber, today);
      documentNumber = parsed.ok ? parsed.value.number : rawNumber.replace(/\s/g, '').toUpperCase();
    }
    const rawPhone = cell(record, 'phone');
    refs.push({
      externalId,
      name: cell(record, 'name'),
      documentType: documentNumber === null ? null : (documentType ?? 'resident_id'),
      documentNumber,
      phone: rawPhone === null ? null : (normalizePhone(rawPhone)?.value ?? rawPhone),
    });
  }
  return { refs, bad };
}

/** Reads `place_id,name,type,address,division_code`; rows that cannot make a place are reported. */
export async function readPlacesReference(file: string): Promise<{ refs: PlaceRef[]; bad: BadRow[] }> {
  const label = 'places reference';
  const { rows, bad } = await readCsv(file, ['place_id', 'name', 'division_code'], label);
  const refs: PlaceRef[] = [];
  for (const { line, record } of rows) {
    const venueCode = cell(record, 'place_id');
    const name = cell(record, 'name');
    const divisionCode = cell(record, 'division_code');
    const typeText = cell(record, 'type') ?? 'other';
    const type = placeTypes.find((t) => t === typeText);
    if (venueCode === null || name === null) {
      bad.push({ line, field: `${label}: ${venueCode === null ? 'place_id' : 'name'}`, reason: 'empty' });
      continue;
    }
    if (divisionCode === null || !divisionCodePattern.test(divisionCode)) {
      bad.push({ line, field: `${label}: division_code`, reason: 'not a 6- or 12-digit division code' });
      continue;
    }
    if (!type) {
      bad.push({ line, field: `${label}: type`, reason: `not one of ${placeTypes.join(', ')}` });
      continue;
    }
    refs.push({ line, venueCode, name, type, address: cell(record, 'address'), divisionCode });
  }
  return { refs, bad };
}
