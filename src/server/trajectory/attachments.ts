import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import { AppError, fieldError, type ErrorDetail } from '../errors/app-error.ts';
import { evidenceBody, type EvidenceInput } from './trajectory.schema.ts';
import type { StoredAttachment } from './trajectory-present.ts';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * The accepted file types, each recognised by its first bytes: the browser's declared type is not trusted,
 * so a renamed executable is refused even when it claims to be a PDF.
 */
const fileTypes: ReadonlyArray<{ type: string; ext: string; matches: (b: Buffer) => boolean }> = [
  { type: 'application/pdf', ext: 'pdf', matches: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { type: 'image/jpeg', ext: 'jpg', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    type: 'image/png',
    ext: 'png',
    matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    type: 'image/webp',
    ext: 'webp',
    matches: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  { type: 'video/mp4', ext: 'mp4', matches: (b) => b.subarray(4, 8).toString('latin1') === 'ftyp' },
];

export const acceptedAttachmentTypes = fileTypes.map((f) => f.type);

export type Upload = { fields: EvidenceInput; file: { name: string; bytes: Buffer } | null };

/** Reads a multipart evidence upload: the fields `source`, `confidence`, `reference` and one `file`. */
export async function readEvidenceUpload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  }
  const fields: Record<string, string> = {};
  let file: Upload['file'] = null;
  for await (const part of request.parts({
    limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 10 },
  })) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      file = { name: part.filename || 'attachment', bytes };
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  const parsed = evidenceBody.safeParse({
    source: fields.source,
    confidence: fields.confidence,
    reference: fields.reference === undefined || fields.reference === '' ? null : fields.reference,
  });
  if (!parsed.success) {
    const details: ErrorDetail[] = parsed.error.issues.map((issue) => ({
      field: issue.path.join('.'),
      code: fields[String(issue.path[0])] === undefined ? 'required' : 'invalid_value',
      params: 'values' in issue ? { values: issue.values } : {},
    }));
    throw new AppError('VALIDATION_FAILED', { details });
  }
  return { fields: parsed.data, file };
}

/** Checks the file's type by content and writes it under `<dataDir>/attachments/`. */
export function storeAttachment(dataDir: string, file: { name: string; bytes: Buffer }): StoredAttachment {
  if (file.bytes.length === 0) {
    throw fieldError('file', 'attachment_empty');
  }
  const kind = fileTypes.find((f) => f.matches(file.bytes));
  if (!kind) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
      details: [{ field: 'file', code: 'attachment_type', params: { types: 'pdf, jpeg, png, webp, mp4' } }],
    });
  }
  const relative = path.posix.join('attachments', `${randomUUID()}.${kind.ext}`);
  const absolute = path.join(dataDir, relative);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  fs.writeFileSync(absolute, file.bytes, { flag: 'wx' });
  const name = path.basename(file.name.replaceAll('\\', '/')).slice(0, 200) || `attachment.${kind.ext}`;
  return { name, size: file.bytes.length, type: kind.type, path: relative };
}

/** Removes a stored file whose database row was not written. */
export function discardAttachment(dataDir: string, stored: StoredAttachment): void {
  fs.rmSync(path.join(dataDir, stored.path), { force: true });
}

/** The absolute path of a stored file; refuses anything that would leave the attachments folder. */
export function attachmentFile(dataDir: string, relative: string): string {
  const root = path.resolve(dataDir, 'attachments');
  const absolute = path.resolve(dataDir, relative);
  if (!absolute.startsWith(`${root}${path.sep}`)) {
    throw new AppError('NOT_FOUND', { params: { entity: 'attachment' } });
  }
  return absolute;
}
