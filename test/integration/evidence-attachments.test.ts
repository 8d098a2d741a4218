import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';
import { insertCase } from '../helpers/case-rows.ts';

let t: TestApp;
let investigator: Session;
let caseId: number;
let entryId: number;
beforeAll(async () => {
  t = await createTestApp();
  investigator = await t.login('investigator');
  caseId = (await insertCase(t.db)).caseId;
  const entry = await investigator.post(`/api/v1/cases/${caseId}/trajectory`, {
    startAt: '2020-01-21T10:00:00+08:00',
    endAt: '2020-01-21T10:30:00+08:00',
    placeName: '离石区某大药房',
  });
  entryId = entry.json().id;
});
afterAll(async () => {
  await t.close();
});

/** A multipart/form-data body with text fields and at most one file. */
function multipart(fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }) {
  const boundary = `----saolei${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }) {
  const body = multipart(fields, file);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/trajectory/${entryId}/evidence/upload`,
    headers: {
      cookie: investigator.cookie,
      'x-csrf-token': investigator.csrfToken,
      'content-type': body.contentType,
    },
    payload: body.payload,
  });
}

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(200, 7),
]);

describe('evidence attachments', () => {
  it('stores a payment screenshot under the data folder and serves it back to the jurisdiction only', async () => {
    const response = await upload(
      { source: 'e_payment', confidence: 'high', reference: '微信支付凭证' },
      { name: '支付截图.png', type: 'image/png', bytes: png },
    );
    expect(response.statusCode, response.body).toBe(201);
    const item = response.json();
    expect(item).toMatchObject({
      source: 'e_payment',
      attachment: { name: '支付截图.png', size: png.length, type: 'image/png' },
    });
    const download = await investigator.get(item.attachment.url);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.rawPayload.equals(png)).toBe(true);
    expect((await (await t.login('tracer')).get(item.attachment.url)).statusCode).toBe(200);
    expect((await (await t.login('sampler')).get(item.attachment.url)).statusCode).toBe(403);
    const trajectory = (await investigator.get(`/api/v1/cases/${caseId}/trajectory`)).json();
    expect(trajectory.entries[0].evidence).toContainEqual(expect.objectContaining({ id: item.id }));
  });

  it('refuses a file over 10 MB with 413 and writes no evidence', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 10, 32)]);
    const response = await upload(
      { source: 'cctv', confidence: 'high' },
      { name: 'v.pdf', type: 'application/pdf', bytes: big },
    );
    expect(response.statusCode).toBe(413);
    const trajectory = (await investigator.get(`/api/v1/cases/${caseId}/trajectory`)).json();
    expect(trajectory.entries[0].evidence.some((e: { source: string }) => e.source === 'cctv')).toBe(false);
  });

  it('refuses a file whose content is not pdf/jpeg/png/webp/mp4, whatever it claims to be', async () => {
    const response = await upload(
      { source: 'other', confidence: 'low' },
      { name: 'x.pdf', type: 'application/pdf', bytes: Buffer.from('MZ\x90\x00 not a pdf') },
    );
    expect(response.statusCode).toBe(415);
    expect(response.json().error.details[0]).toMatchObject({ field: 'file', code: 'attachment_type' });
  });

  it('names a bad field of the upload', async () => {
    const response = await upload({ source: 'rumour', confidence: 'high' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].field).toBe('source');
  });

  it('adds evidence without a file as JSON, and archives it with a reason', async () => {
    const url = `/api/v1/cases/${caseId}/trajectory/${entryId}/evidence`;
    const response = await investigator.post(url, { source: 'self_report', confidence: 'medium' });
    expect(response.statusCode).toBe(201);
    const id = response.json<{ id: number }>().id;
    const noReason = await investigator.request('DELETE', `${url}/${id}`);
    expect(noReason.statusCode).toBe(400);
    const blank = await investigator.request('DELETE', `${url}/${id}`, { reason: ' ' });
    expect(blank.json().error.details[0]).toMatchObject({ field: 'reason', code: 'too_small' });
    const removed = await investigator.request('DELETE', `${url}/${id}`, { reason: '与本条轨迹无关' });
    expect(removed.statusCode).toBe(204);
    const row = await t.db.kysely
      .selectFrom('evidence_items')
      .select(['archived', 'archived_reason'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ archived: 1, archived_reason: '与本条轨迹无关' });
  });
});
