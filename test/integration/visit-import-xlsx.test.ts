import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifest, rowCount, storeDir } from '../../src/server/visits/visit-store.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { multipartBody } from '../helpers/multipart.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('visit import from .xlsx', () => {
  it('reads the first sheet with the same columns; dates and bad rows as in CSV', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('scans');
    sheet.addRow(['person_id', 'place_id', 'start_ts', 'end_ts']);
    sheet.addRow(['X1', 'LS-YF-0001', new Date('2020-01-22T01:45:00Z'), null]);
    sheet.addRow([1002, 'LS-YF-0001', '2020-01-22T09:50:00+08:00', '2020-01-22T10:20:00+08:00']);
    sheet.addRow(['X3', 'LS-YF-0001', 'not a time', null]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const body = multipartBody([{ name: 'file', filename: 'scans.xlsx', value: bytes }]);
    const investigator = await t.login('investigator');
    const upload = await investigator.request('POST', '/api/v1/visit-imports', body.payload, body.headers);
    expect(upload.statusCode, upload.body).toBe(202);
    const id = upload.json<{ id: number }>().id;
    let state = upload.json<{ status: string; rows: number; badRows: number }>();
    for (let i = 0; i < 100 && state.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      state = (await investigator.get(`/api/v1/visit-imports/${id}`)).json();
    }
    expect(state, JSON.stringify(state)).toMatchObject({ status: 'done', rows: 2, badRows: 1 });
    expect(rowCount(readManifest(storeDir(t.config.dataDir)))).toBe(2);

    const wrongType = multipartBody([{ name: 'file', filename: 'scans.txt', value: 'x' }]);
    const refused = await investigator.request(
      'POST',
      '/api/v1/visit-imports',
      wrongType.payload,
      wrongType.headers,
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0]).toMatchObject({ field: 'file', code: 'visit_file_type' });
  });
});
